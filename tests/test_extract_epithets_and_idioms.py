"""Rules added from the held-out development half: epithets reached through apposition or
"as", object control ("accused X of arming"), idioms, "on X's behalf", hyphenated third
parties, wars that "broke out between" two sides, and "the contractors"."""

from __future__ import annotations

import pytest

from extract_helpers import only, triples
from proxygraph.extract import extract_text


def test_backed_epithet_in_apposition() -> None:
    text = "Kata'ib Hezbollah, an Iran-backed militia, claimed the drone attack."
    only(text, "SUPPORT", "iran", "kataib-hezbollah")


def test_patron_reached_through_as() -> None:
    text = "The Quds Force has served for years as the main patron of the Houthis."
    assert ("SUPPORT", "quds-force", "houthis") in triples(text)


def test_proxy_described_with_as_keeps_its_own_nationality_apart() -> None:
    found = triples("Kata'ib Hezbollah is seen as the Quds Force's closest Iraqi proxy.")
    assert ("SUPPORT", "quds-force", "kataib-hezbollah") in found
    assert not any(s == "iraq" for _, s, _ in found)


def test_accused_of_gives_the_accused_as_doer() -> None:
    claim = only("Washington accused Tehran of furnishing the Houthis with drones.",
                 "ARMS_TRANSFER", "iran", "houthis")
    assert claim.certainty == "medium"
    assert not any(s == "united-states" for _, s, _ in
                   triples("Washington accused Tehran of furnishing the Houthis with drones."))


def test_traded_fire_is_a_clash_not_trade() -> None:
    found = triples("Hezbollah traded fire with Israeli forces near the border in 2024.")
    assert ("CLASH", "hezbollah", "idf") in found
    assert not any(t == "TRADE" for t, _, _ in found)


def test_intervening_on_behalf_is_support() -> None:
    only("Russia intervened on Damascus's behalf in September 2015.", "SUPPORT", "russia",
         "syria")
    assert not triples("The envoy spoke on behalf of Iran at the conference.")


def test_hyphenated_third_party_is_not_the_target() -> None:
    found = triples("Haftar's forces launched an offensive against the UN-recognised "
                    "government in Tripoli.")
    assert not any(o == "united-nations" for _, _, o in found)


def test_war_that_broke_out_between_two_sides() -> None:
    text = "Sudan is torn by a war which broke out in April 2023 between the RSF and the SAF."
    found = triples(text)
    assert ("CLASH", "rsf", "sudanese-armed-forces") in found or (
        "CLASH", "sudanese-armed-forces", "rsf") in found


def test_the_contractors_refers_to_the_last_private_military_company() -> None:
    text = ("The Wagner Group arrived in Bangui in 2018. By 2021 the contractors were leading "
            "offensives against the Coalition of Patriots for Change.")
    assert ("CLASH", "wagner-group", "coalition-of-patriots-for-change") in triples(text)


def test_verbs_of_projection_make_a_forecast() -> None:
    claim = only("Israeli officials expect Iran to try to resupply Hezbollah through Syria.",
                 "ARMS_TRANSFER", "iran", "hezbollah")
    assert claim.status == "forecast"
    claim = only("Analysts anticipate that Russia will deliver Su-35 jets to Iran.",
                 "ARMS_TRANSFER", "russia", "iran")
    assert claim.status == "forecast"


def test_coming_under_fire_from_an_actor_is_a_clash() -> None:
    claim = only("Houthi positions came under fire from US warships on Friday.",
                 "CLASH", "united-states", "houthis")
    assert claim.status == "occurred"
    assert not triples("The talks came under criticism from several observers.")


def test_unregistered_named_group_is_a_collective() -> None:
    claims = [c for c in extract_text(
        "Wagner fighters clashed with Tuareg rebels near Tinzaouaten.") if c.type == "CLASH"]
    assert [(c.subject.id, c.object.name, c.object.resolved) for c in claims] == [
        ("wagner-group", "Tuareg rebels", False)]


@pytest.mark.parametrize("text", [
    "JNIM, al-Qaeda's affiliate in the Sahel, attacked Djibo.",
    "The al-Qaeda-affiliated JNIM attacked Djibo.",
    "JNIM is an al-Qaeda affiliate.",
])
def test_an_affiliate_of_a_jihadist_network_is_part_of_it(text: str) -> None:
    assert ("INTEGRATION", "jnim", "al-qaeda") in triples(text)


def test_affiliated_with_a_state_says_nothing() -> None:
    assert not [t for t in triples("The Iran-affiliated militia attacked the base.")
                if t[0] in ("INTEGRATION", "SUPPORT")]


def test_a_backed_faction_of_a_whole_is_the_named_faction() -> None:
    found = triples("Members of Kata'ib Sayyid al-Shuhada, an Iran-backed faction of Iraq's "
                    "Popular Mobilization Forces, marched in Baghdad.")
    assert ("SUPPORT", "iran", "kataib-sayyid-al-shuhada") in found
    assert ("SUPPORT", "iran", "pmf") not in found


def test_a_registered_weapon_that_strikes_is_its_operators() -> None:
    found = triples("A Turkish F-16 shot down an Armenian Su-25 on 29 September.")
    assert ("CLASH", "turkey", "armenia") in found
