"""Who speaks, who is blamed, who arrives, whose weapons were brought down: parties that
real reports give through the speaker, an office, a blamer or a pronoun. Sentences written
for these tests."""

from __future__ import annotations

import pytest

from extract_helpers import triples
from proxygraph.extract import extract_text


@pytest.mark.parametrize("text, claim", [
    # the parser hangs the demand on the reported clause: the speaker demands
    ("Egypt said the raid was a violation and urged Israel to withdraw its troops.",
     ("DEMAND", "egypt", "israel")),
    # an office speaks for the state it belongs to: "it" is that state
    ("Japan's defence ministry said it would send patrol aircraft to the Philippines.",
     ("ARMS_TRANSFER", "japan", "philippines")),
    # "its forces" of the body that reports its own act
    ("CENTCOM said its forces destroyed three Houthi drones over the Gulf of Aden.",
     ("CLASH", "centcom", "houthis")),
    # an attack's target "its" is not the attacker's: it is the speaker's
    ("Kyiv says Russia struck its power plants overnight.", ("CLASH", "russia", "ukraine")),
    # weapons brought down name who launched them
    ("Saudi air defences intercepted four missiles fired by the Houthis over Jazan.",
     ("CLASH", "saudi-arabia", "houthis")),
])
def test_a_party_given_by_the_speaker_or_the_target(text, claim) -> None:
    assert claim in triples(text)


def test_a_demand_inside_what_another_said_stays_the_other_ones() -> None:
    found = triples("Egypt said Qatar had urged Israel to withdraw its troops.")
    assert ("DEMAND", "qatar", "israel") in found
    assert ("DEMAND", "egypt", "israel") not in found


@pytest.mark.parametrize("text, claim", [
    ("Pakistan blamed the TTP for the attack.", ("CLASH", "ttp", "pakistan")),
    ("Iran blamed Israel for the strike on its consulate.", ("CLASH", "israel", "iran")),
    ("Iran holds Israel responsible for the attack.", ("CLASH", "israel", "iran")),
    ("The Sudanese army accused the RSF of the attack on El Obeid.",
     ("CLASH", "rsf", "sudanese-armed-forces")),
])
def test_the_blamer_of_an_attack_with_no_target_was_attacked(text, claim) -> None:
    assert claim in triples(text)


def test_condemning_an_attack_makes_the_judge_no_target() -> None:
    assert not any(t == "CLASH" for t, _, _ in triples("The UN condemned Israel for the strike."))


def test_an_attack_from_a_region_of_a_country_is_not_by_that_country() -> None:
    found = triples("The Islamic State claimed attacks from eastern Syria on Iraq.")
    assert ("CLASH", "islamic-state", "iraq") in found
    assert ("CLASH", "syria", "iraq") not in found


def test_advisers_a_fighter_fought_with_support_it() -> None:
    found = triples("The Fatemiyoun fought the rebels near Aleppo with advisers from the "
                    "Quds Force.")
    assert ("SUPPORT", "quds-force", "fatemiyoun") in found
    assert ("SUPPORT", "fatemiyoun", "quds-force") not in found


@pytest.mark.parametrize("text, claim", [
    ("A contingent of Russian military instructors arrived in Bangui in March.",
     ("SUPPORT", "russian-armed-forces", "central-african-republic")),
    ("The Wagner Group arrived in Libya in 2019.", ("SUPPORT", "wagner-group", "libya")),
    ("Russian instructors landed in Niamey on Monday.", ("SUPPORT", "russia", "niger")),
])
def test_forces_arriving_in_a_state_support_it(text, claim) -> None:
    assert claim in triples(text)


@pytest.mark.parametrize("text", [
    "Israeli troops arrived in southern Lebanon on Monday.",  # a region: where, not whom
    "A Hamas delegation arrived in Cairo for talks.",  # no forces
])
def test_an_arrival_in_a_region_or_of_a_delegation_is_no_support(text) -> None:
    assert not any(t == "SUPPORT" for t, _, _ in triples(text))


def test_army_units_of_the_report_are_its_home_army() -> None:
    text = ("OMDURMAN, Sudan (Reuters) - Sudan's army said it retook the bridge. Army units "
            "and RSF fighters exchanged fire near the bridge in Omdurman, Sudan.")
    assert ("CLASH", "sudanese-armed-forces", "rsf") in triples(text)


def test_a_capitalised_formation_word_points_back_at_the_body() -> None:
    text = ("The Coalition to Restore Legitimacy in Yemen struck Houthi positions on Monday. "
            "The Coalition reaffirmed its backing for the Yemeni army.")
    assert ("SUPPORT", "saudi-led-coalition", "yemeni-government-forces") in triples(text)


def test_a_capitalised_panel_is_no_party() -> None:
    text = ("The UN Panel of Experts on Libya documented the flights. The Panel found that "
            "the flights carried arms to the LNA.")
    assert not any("panel" in s or "panel" in (o or "") for _, s, o in triples(text))


def test_an_object_pronoun_is_not_its_own_verbs_doer() -> None:
    found = triples("The M23 seized Goma in January. Rwanda arms it, Rwanda pays it, Rwanda "
                    "commands it.")
    assert ("FUNDING", "rwanda", "m23") in found


def test_a_named_weapon_received_comes_from_its_makers_state() -> None:
    assert ("ARMS_TRANSFER", "turkey", "niger") in triples(
        "Niger received Akinci drones last year.")
    assert not any(t == "ARMS_TRANSFER" for t, _, _ in triples(
        "Turkey received Bayraktar drones."))


@pytest.mark.parametrize("text, claim", [
    ("JNIM inflicted heavy losses on the Malian army near Boulkessi.",
     ("CLASH", "jnim", "malian-armed-forces")),
    ("The ADF inflicted heavy casualties on Ugandan troops.", ("CLASH", "adf", "updf")),
])
def test_losses_inflicted_on_a_side_are_a_clash_the_rules_read(text, claim) -> None:
    by_rules = {(c.type, c.subject.id, c.object.id if c.object else None)
                for c in extract_text(text) if c.extractor.get("component") == "verb_frames"}
    assert claim in by_rules


@pytest.mark.parametrize("text, claim, status", [
    ("Chad has denied any role in arming the RSF.", ("ARMS_TRANSFER", "chad", "rsf"),
     "denied"),
    ("The Government of Chad denied any involvement in the supply of weapons to the RSF.",
     ("ARMS_TRANSFER", "chad", "rsf"), "denied"),
    ("Iran played a key role in training the Houthis.", ("TRAINING", "iran", "houthis"),
     "occurred"),
])
def test_who_has_a_part_in_an_act_does_it(text, claim, status) -> None:
    found = [c for c in extract_text(text)
             if (c.type, c.subject.id, c.object.id if c.object else None) == claim]
    assert [c.status for c in found] == [status]


@pytest.mark.parametrize("text, claim", [
    ("Turkey said on Monday that the SDF must disarm.", ("DEMAND", "turkey", "sdf")),
    ("The US said Russia must withdraw its troops from Ukraine.",
     ("DEMAND", "united-states", "russia")),
    ('"Kinshasa must now show it is serious about the FDLR," said a Rwandan government '
     'spokesman.', ("DEMAND", "rwanda", "dr-congo")),
])
def test_what_a_speaker_says_another_must_do_is_a_demand(text, claim) -> None:
    assert claim in triples(text)


@pytest.mark.parametrize("text", [
    "Iran said Israel must be punished.",  # a threat, not a demand of Israel
    "Analysts said the army should negotiate with the RSF.",  # no speaker named
])
def test_a_passive_obligation_or_an_unnamed_speaker_is_no_demand(text) -> None:
    assert not any(t == "DEMAND" for t, _, _ in triples(text))


@pytest.mark.parametrize("text, claim", [
    ("Iran accused Azerbaijan of allowing Israel to use its airspace.",
     ("SUPPORT", "azerbaijan", "israel")),
    ("Iran has accused Tajikistan of letting the Taliban operate from its territory.",
     ("SUPPORT", "tajikistan", "taliban")),
])
def test_letting_a_force_use_ones_ground_supports_it(text, claim) -> None:
    assert claim in triples(text)


def test_letting_a_state_trade_is_no_support() -> None:
    assert not any(t == "SUPPORT" for t, _, _ in triples("The UN allowed Iran to export oil."))


@pytest.mark.parametrize("text, claim", [
    ("Russia intervened in Syria in 2015.", ("SUPPORT", "russia", "syria")),
    ("Russian troops are deployed in Belarus.",
     ("SUPPORT", "russian-armed-forces", "belarus")),
])
def test_a_state_intervening_or_deployed_in_another_supports_it(text, claim) -> None:
    assert claim in triples(text)


def test_forces_deployed_in_a_state_they_fight_do_not_support_it() -> None:
    found = triples("Russian troops deployed in Ukraine shelled Kharkiv.")
    assert ("CLASH", "russian-armed-forces", "ukraine") in found
    assert not any(t == "SUPPORT" for t, _, _ in found)
