"""Clause-level patterns that recur in reports: negated objects, relative clauses on a
"group of leader" phrase, money transfers, subordination, recruitment purpose clauses and
nominal idioms. The sentences are written for these tests.
"""

from __future__ import annotations

import pytest

from extract_helpers import RULES_ONLY, only, triples, triples_without
from proxygraph.extract import extract_text

# ------------------------------------------------------------------ negation on the object


def test_negative_determiner_on_the_given_thing_denies_the_relation() -> None:
    claim = only("Tehran sent no drones to the Houthis last year.", "ARMS_TRANSFER", "iran",
                 "houthis")
    assert claim.status == "denied"


def test_negative_determiner_reported_by_the_actor_denies_support() -> None:
    text = "Moscow insisted it had given no assistance to the RSF."
    assert only(text, "SUPPORT", "russia", "rsf").status == "denied"


def test_a_no_inside_a_modifier_does_not_deny() -> None:
    text = "Iran shipped rockets to Hamas, which had no air force."
    assert only(text, "ARMS_TRANSFER", "iran", "hamas").status == "occurred"


# ------------------------------------------------------------------ "the X of LEADER, whom ..."


def test_relative_clause_after_group_of_leader_is_about_the_group() -> None:
    text = "Moscow praised the Tiger Forces of Suheil al-Hassan, whom Russian officers trained."
    found = triples(text)
    assert ("TRAINING", "russian-armed-forces", "tiger-forces") in found
    assert not any(obj == "suheil-al-hassan" for _, _, obj in found)


def test_subject_relative_after_group_of_leader() -> None:
    text = "The Tiger Forces of Suheil al-Hassan, which Moscow armed, retook the town."
    found = triples(text)
    assert ("ARMS_TRANSFER", "russia", "tiger-forces") in found
    assert ("ARMS_TRANSFER", "russia", "suheil-al-hassan") not in found


# ------------------------------------------------------------------ money moved is funding


def test_transfers_valued_in_money_are_funding() -> None:
    text = "Officials estimated Tehran's yearly transfers to Hamas at about $100 million."
    assert ("FUNDING", "iran", "hamas") in triples(text)
    assert ("ARMS_TRANSFER", "iran", "hamas") not in triples(text)


def test_transfers_of_weapons_with_a_price_stay_arms() -> None:
    text = "Tehran's transfers of missiles to Hamas were worth $50 million."
    assert ("ARMS_TRANSFER", "iran", "hamas") in triples(text)
    assert ("FUNDING", "iran", "hamas") not in triples(text)


# ------------------------------------------------------------------ the sides of a war


def test_war_between_sides_does_not_take_the_outer_verb_subject() -> None:
    text = ("Egypt denied sending aid to either side in the conflict, which began in 2023 "
            "between the RSF and the army.")
    assert not any(t == "CLASH" and s == "egypt" for t, s, _ in triples(text))


# ------------------------------------------------------------------ subordination


def test_appositive_under_the_control_of() -> None:
    text = ("Liwa' al-Quds, a militia under the direct command of the Syrian Arab Army, "
            "held the city.")
    assert ("INTEGRATION", "liwa-al-quds", "syrian-arab-army") in triples(text)


def test_operates_under_the_control_of() -> None:
    text = "The Tiger Forces operate under the control of the Russian Ministry of Defence."
    assert ("INTEGRATION", "tiger-forces", "russian-mod") in triples(text)


def test_under_the_command_of_a_person_is_not_integration() -> None:
    text = "The Tiger Forces fought under the command of Suheil al-Hassan."
    assert not any(t == "INTEGRATION" for t, _, _ in triples(text))


def test_force_reports_to_a_ministry() -> None:
    claim = only("The Africa Corps answers directly to the Russian Ministry of Defence.",
                 "INTEGRATION", "africa-corps", "russian-mod")
    assert claim.status == "ongoing"


@pytest.mark.parametrize("text", [
    "The Africa Corps, a formation under the Russian Ministry of Defence, now holds the base.",
    "The Africa Corps, a force answering to the Russian Ministry of Defence, took the base.",
])
def test_a_force_described_as_under_a_ministry_is_part_of_it(text) -> None:
    assert ("INTEGRATION", "africa-corps", "russian-mod") in triples(text)


def test_a_force_under_sanctions_is_under_no_one() -> None:
    text = "The Wagner Group, a force under sanctions since 2023, left Mali."
    assert not any(t == "INTEGRATION" for t, _, _ in triples(text))


def test_a_news_report_to_someone_is_not_integration() -> None:
    text = "Reuters reported to its readers that the NDF had moved north."
    assert not any(t == "INTEGRATION" for t, _, _ in triples(text))


# ------------------------------------------------------------------ recruitment purpose


def test_recruited_to_fight_for_names_the_recruiter() -> None:
    found = triples("Dozens of Afghan men were enlisted to fight for Iran in Syria.")
    assert any(t == "RECRUITMENT" and s == "iran" for t, s, _ in found)


def test_recruited_by_agent_keeps_the_agent() -> None:
    found = triples("Afghan men were recruited by the IRGC to fight for Syria.")
    assert any(t == "RECRUITMENT" and s == "irgc" for t, s, _ in found)
    assert not any(t == "RECRUITMENT" and s == "syria" for t, s, _ in found)


# ------------------------------------------------------------------ nominal idioms


def test_exchanges_of_fire_with_are_a_clash() -> None:
    text = "Hamas lost several gunmen in an exchange of fire with the IDF."
    assert ("CLASH", "hamas", "idf") in triples(text)


def test_exchange_of_prisoners_is_not_a_clash() -> None:
    text = "Hamas agreed to an exchange of prisoners with Israel."
    assert not any(t == "CLASH" for t, _, _ in triples(text))


# ------------------------------------------------------------------ complements and adjuncts


def test_gerund_complement_read_as_a_verb_still_gives_its_theme() -> None:
    text = "The Quds Force is accused of passing targeting data to Hezbollah."
    assert ("INTELLIGENCE", "quds-force", "hezbollah") in triples(text)


def test_on_behalf_hung_on_the_object() -> None:
    claim = only("Russia would not join the war on Assad's behalf.", "SUPPORT", "russia",
                 "syria")
    assert claim.status == "denied"


def test_no_plans_to_denies_the_planned_act() -> None:
    claim = only("Belarus has no plans to arm the Wagner Group.", "ARMS_TRANSFER", "belarus",
                 "wagner-group")
    assert claim.status == "denied"


def test_plans_to_is_planned() -> None:
    claim = only("Tehran has plans to fund Hamas next year.", "FUNDING", "iran", "hamas")
    assert claim.status == "planned"


def test_passive_transfer_source_hung_on_an_adjunct() -> None:
    text = "The rockets are smuggled in parts from Iran to Hamas by sea."
    assert ("ARMS_TRANSFER", "iran", "hamas") in triples(text)


# ------------------------------------------------------------------ materiel on the move


def test_weapons_of_origin_reaching_a_group() -> None:
    claim = only("Russian rifles reached the Tiger Forces through Latakia.", "ARMS_TRANSFER",
                 "russia", "tiger-forces")
    assert claim.status == "occurred"


def test_reduced_relative_flow_with_a_state_name_as_origin() -> None:
    text = "Iran arms reaching Yemen's Houthis via Oman, investigators say"
    assert ("ARMS_TRANSFER", "iran", "houthis") in triples(text)


def test_found_their_way_to() -> None:
    text = "North Korean shells have found their way to Russia."
    assert ("ARMS_TRANSFER", "north-korea", "russia") in triples(text)


def test_weapons_that_continue_to_reach_a_group() -> None:
    text = "Officials say Russian rifles continue to reach the Tiger Forces."
    assert ("ARMS_TRANSFER", "russia", "tiger-forces") in triples(text)


def test_a_shipment_bound_for_a_group_comes_from_its_origin() -> None:
    assert ("ARMS_TRANSFER", "iran", "houthis") in triples(
        "Sailors found Iranian missile parts bound for the Houthis.")
    assert ("ARMS_TRANSFER", "iran", "houthis") in triples(
        "The navy seized a cargo of rockets from Iran intended for the Houthis.")


def test_a_shipment_bound_for_a_place_or_of_no_arms_is_no_transfer() -> None:
    assert not any(t == "ARMS_TRANSFER" for t, _, _ in triples(
        "Iranian wheat bound for the Houthis was unloaded in Hodeidah."))
    assert not any(t == "ARMS_TRANSFER" for t, _, _ in triples(
        "The freighter, bound for Yemen, was inspected in Djibouti."))


def test_supplied_materiel_goes_to_whoever_fires_or_owns_it() -> None:
    assert ("ARMS_TRANSFER", "united-states", "ukraine") in triples(
        "Ukraine fired US-supplied missiles at an airfield in Crimea.")
    assert ("ARMS_TRANSFER", "iran", "hezbollah") in triples(
        "Hezbollah's Iranian-supplied rockets hit Haifa.")


def test_materiel_made_somewhere_is_no_transfer_to_its_user() -> None:
    assert not any(t == "ARMS_TRANSFER" for t, _, _ in triples(
        "Ukraine fired French-made missiles at an airfield in Crimea."))


def test_taking_a_place_from_a_force_is_a_clash() -> None:
    assert ("CLASH", "m23", "fardc") in triples(
        "M23 rebels captured Goma from the Congolese army in January.")
    assert ("CLASH", "somali-national-army", "al-shabaab") in triples(
        "Somali troops liberated the town from al-Shabaab.")


def test_news_verbs_of_fighting_take_their_direct_object() -> None:
    assert ("CLASH", "israel", "hezbollah") in triples(
        "Israeli jets hit Hezbollah targets in the south.")
    assert ("CLASH", "houthis", "saudi-armed-forces") in triples(
        "The Houthis engaged Saudi forces near Marib.")


def test_engaging_with_or_hitting_with_sanctions_is_no_clash() -> None:
    assert not any(t == "CLASH" for t, _, _ in triples("Turkey engaged with the Taliban on trade."))
    assert not any(t == "CLASH" for t, _, _ in triples("The US hit Iran with new sanctions."))


def test_who_uses_an_intermediary_does_the_act() -> None:
    assert ("ARMS_TRANSFER", "iran", "hamas") in triples(
        "Iran used Hezbollah to smuggle weapons to Hamas.")


def test_a_maker_named_only_by_an_adjective_is_an_origin_not_production() -> None:
    assert not triples("Troops found rockets and explosives of Iranian manufacture.")
    assert not triples("The parts bore markings consistent with Iranian production.")
    assert ("PRODUCTION", "russia", None) in triples(
        "Russian production of Shahed drones at Alabuga doubled.")


def test_hosting_refugees_or_a_people_is_no_contact() -> None:
    assert not triples("Iran has been hosting millions of Afghan refugees for decades.")
    assert not triples("Mauritania hosts more than 100,000 Malians.")
    assert ("CONTACT", "mali", "russia") in triples("Mali hosted a Russian delegation.")


def test_a_state_is_never_the_one_recruited() -> None:
    found = triples("The Wagner Group recruited hundreds of Syrians and men from Libya.")
    assert not any(t == "RECRUITMENT" and o in ("syria", "libya") for t, _, o in found)


def test_missiles_reaching_a_state_without_a_route_are_not_a_transfer() -> None:
    assert not triples("Iranian rockets reached Israel within minutes.")


def test_fighters_reaching_a_front_are_not_a_transfer() -> None:
    found = triples("Hezbollah fighters reached the Syrian army lines near Homs.")
    assert not any(t == "ARMS_TRANSFER" for t, _, _ in found)


# ------------------------------------------------------------------ two-word demonyms


def test_two_word_demonym_gives_the_origin_of_items() -> None:
    text = "North Korean rockets were handed to Russia in 2024."
    assert ("ARMS_TRANSFER", "north-korea", "russia") in triples(text)


def test_two_word_demonym_before_military_personnel() -> None:
    text = "North Korean officers trained Russian drone crews."
    assert ("TRAINING", "korean-peoples-army", "russian-armed-forces") in triples(text)


# ------------------------------------------------------------------ production for a customer


def test_factories_working_to_fill_a_customers_orders() -> None:
    text = "Iranian drone factories are working day and night to meet Russian demand."
    assert ("PRODUCTION", "iran", "russia") in triples(text)


# ------------------------------------------------------------------ helpers and sides


def test_with_the_help_of_names_the_helper_as_subject() -> None:
    found = triples("The militia took the airport with the help of the Quds Force.")
    assert not any(t == "SUPPORT" and o == "quds-force" for t, _, o in found)


def test_with_the_help_of_a_named_group() -> None:
    text = "Hamas rebuilt its tunnels with the assistance of Hezbollah."
    assert ("SUPPORT", "hezbollah", "hamas") in triples(text)
    assert ("SUPPORT", "hamas", "hezbollah") not in triples(text)


def test_appositive_proxy_of() -> None:
    text = "The Houthis, a proxy of Tehran, seized a ship."
    assert ("SUPPORT", "iran", "houthis") in triples(text)


def test_appositive_ally_of_is_not_support() -> None:
    text = "The Houthis, an ally of Tehran, seized a ship."
    assert not any(t == "SUPPORT" for t, _, _ in triples(text))


def test_fought_on_the_side_of() -> None:
    assert ("SUPPORT", "hezbollah", "syria") in triples(
        "Hezbollah fought on the side of the Assad government.")
    assert ("SUPPORT", "hezbollah", "syria") in triples("Hezbollah fought on Assad's side.")


def test_assassinated_a_leader_is_a_clash_with_his_group() -> None:
    text = "Israel assassinated Hezbollah commander Fuad Shukr in Beirut."
    assert ("CLASH", "israel", "hezbollah") in triples(text)


# ------------------------------------------------------------------ parser slips and light nouns


def test_subject_hung_on_the_auxiliary() -> None:
    text = "Russia's Defence Ministry has trained the Tiger Forces."
    found = triples(text)
    assert any(t == "TRAINING" and o == "tiger-forces" for t, _, o in found)


def test_claimed_responsibility_for_an_attack() -> None:
    text = "Hamas claimed responsibility for the rocket attack on the IDF."
    assert ("CLASH", "hamas", "idf") in triples(text)


def test_blamed_for_an_attack_names_the_object_as_attacker() -> None:
    found = only("Israel blamed Hamas for the attack on the IDF.", "CLASH", "hamas", "idf")
    assert found.certainty == "medium"
    assert not any(s == "israel" for _, s, _ in triples(
        "Israel blamed Hamas for the attack on the IDF."))


def test_deployed_unnamed_fighters_support_the_destination() -> None:
    found = triples("Iran deployed Afghan fighters to Syria.")
    assert ("SUPPORT", "iran", "syria") in found
    assert not any(t == "SUPPORT" and o.startswith("x_") for t, _, o in found if o)


def test_deployed_fighters_to_fight_for_a_side() -> None:
    text = "Turkey deployed Syrian mercenaries to Libya to fight for the GNA."
    assert ("SUPPORT", "turkey", "libyan-government-of-national-accord") in triples(text)


# ------------------------------------------------------------------ coordination and discourse


def test_coordinated_verbs_share_the_nearest_object() -> None:
    text = ("The IRGC continues to train and fund the Houthis and takes credit for their "
            "successes.")
    found = triples(text)
    assert ("TRAINING", "irgc", "houthis") in found
    assert ("FUNDING", "irgc", "houthis") in found


def test_relative_pronoun_object_shared_by_coordinated_verbs() -> None:
    text = "The NDF, whom Iranian officers armed and drilled for years, held Homs."
    found = triples(text)
    assert ("TRAINING", "iranian-armed-forces", "national-defence-forces") in found
    assert ("ARMS_TRANSFER", "iranian-armed-forces", "national-defence-forces") in found


def test_pronoun_in_a_list_line_points_at_the_line_topic() -> None:
    text = ("The Houthis seized a ship.\n\n"
            "Liwa' Fatemiyoun — an Afghan militia formed in 2013; its fighters were "
            "trained by the IRGC.")
    found = triples(text)
    assert ("TRAINING", "irgc", "fatemiyoun") in found
    assert ("TRAINING", "irgc", "houthis") not in found


# ------------------------------------------------------------- mutual giving, sources, reliance


def test_conjoined_subjects_exchange_fire() -> None:
    assert ("CLASH", "hamas", "idf") in triples("Hamas and the IDF exchanged fire overnight.")


def test_conjoined_subjects_exchange_intelligence() -> None:
    found = triples("Moscow and Tehran have exchanged intelligence on Ukraine.")
    assert {("INTELLIGENCE", "russia", "iran"), ("INTELLIGENCE", "iran", "russia")} & found


def test_exchanging_prisoners_is_nothing_to_the_rules(monkeypatch) -> None:
    # (the learned layer retrained in 0.22.0 scores the conjoined pair CLASH at 0.31, just
    # over its 0.3 bar for a sentence the rules leave silent: a known false positive)
    assert not triples_without("Hamas and Israel exchanged prisoners in November.",
                               RULES_ONLY, monkeypatch)


def test_source_of_weapons_for() -> None:
    claim = only("Belarus became a major source of ammunition for the Wagner Group.",
                 "ARMS_TRANSFER", "belarus", "wagner-group")
    assert claim.status == "occurred"


def test_source_of_funding_hung_on_the_theme() -> None:
    assert ("FUNDING", "qatar", "hamas") in triples(
        "Qatar is an important source of funding for Hamas.")


def test_source_of_concern_is_nothing() -> None:
    assert not triples("Iran is a source of concern for Israel.")


def test_relies_on_x_for_things() -> None:
    found = triples("The Houthis rely on Tehran for missiles and cash.")
    assert {("ARMS_TRANSFER", "iran", "houthis"), ("FUNDING", "iran", "houthis")} <= found


def test_depends_on_possessed_support() -> None:
    assert ("SUPPORT", "russia", "syria") in triples("Damascus depends on Russia's support.")


def test_reliance_on_items_of_origin() -> None:
    assert ("ARMS_TRANSFER", "iran", "russia") in triples(
        "Russia's reliance on Iranian drones has deepened.")


def test_relying_on_a_bare_actor_is_its_support_but_leaning_on_one_is_not() -> None:
    # (0.22.0: bare reliance is support; on train 24 of 51 such claims were right)
    assert triples("Hamas relies on Iran.") == {("SUPPORT", "iran", "hamas")}
    assert not triples("China leaned on the rebels to accept a truce.")


# ------------------------------------------------------------------ targets located in a state


def test_fired_at_towns_in_a_state() -> None:
    text = "Hezbollah launched drones at villages in northern Israel."
    assert ("CLASH", "hezbollah", "israel") in triples(text)


def test_military_positions_do_not_stand_for_their_host_state() -> None:
    found = triples("The IDF shelled positions in southern Lebanon.")
    assert not any(o == "lebanon" for _, _, o in found)


def test_transliteration_variant_of_a_registry_name() -> None:
    assert ("FUNDING", "iran", "zainabiyoun") in triples("Iran funds Liwa' Zainebiyoun.")


# ------------------------------------------------------------------ typing slips in reposted copy


def test_swapped_letters_in_a_trigger_verb() -> None:
    text = "The Houthis recieve cash from the IRGC every month."
    assert ("FUNDING", "irgc", "houthis") in triples(text)


def test_dropped_double_letter_in_a_trigger_verb() -> None:
    assert ("ARMS_TRANSFER", "russia", "syria") in triples("Russia suplied Syria with rifles.")


def test_real_words_near_a_trigger_are_not_corrected() -> None:
    from proxygraph.extract.lexicon import typo_trigger

    for word in ("sing", "arid", "drained", "trend", "brained"):
        assert typo_trigger(word) is None, word


# ------------------------------------------------------------------ shipping and plural pronouns


def test_missiles_at_a_merchant_ship_are_a_clash_with_commercial_shipping() -> None:
    found = extract_text("The Houthis fired a drone at a Panama-flagged bulk carrier.")
    clash = [c for c in found if c.type == "CLASH"]
    assert [(c.subject.id, c.object.name if c.object else None) for c in clash] == [
        ("houthis", "commercial shipping")]


def test_attacks_on_vessels_as_a_noun() -> None:
    found = extract_text("Hamas praised the Houthi attacks on merchant vessels.")
    assert any(c.type == "CLASH" and c.subject.id == "houthis" and c.object is not None
               and c.object.name == "commercial shipping" for c in found)


def test_warships_are_not_commercial_shipping() -> None:
    found = extract_text("The Houthis fired a missile at the aircraft carrier.")
    assert not any(c.object is not None and c.object.name == "commercial shipping"
                   for c in found)


def test_plural_pronoun_prefers_a_plural_group_over_a_state() -> None:
    text = "Iran gave Houthi fighters drones for their raids on Saudi Arabia."
    found = triples(text)
    assert ("CLASH", "houthis", "saudi-arabia") in found
    assert ("CLASH", "iran", "saudi-arabia") not in found


# ------------------------------------------------------------------ nominals and participles


def test_gerund_nominal_with_of_recipient() -> None:
    assert ("ARMS_TRANSFER", "iran", "hamas") in triples(
        "Israel condemned Tehran's arming of Hamas.")


def test_military_aid_is_support_but_humanitarian_aid_is_not() -> None:
    assert ("SUPPORT", "russia", "syria") in triples("Russia's military aid to Syria grew.")
    assert not triples("Russia's humanitarian aid to Syria grew.")
    assert not triples("Qatar sent humanitarian aid to Hamas.")


def test_deployment_to_a_state_is_support() -> None:
    assert ("SUPPORT", "russia", "syria") in triples(
        "Russia's deployment of troops to Syria changed the war.")


def test_participle_with_items_of_origin() -> None:
    text = "Houthi fighters armed with Iranian drones attacked Saudi Arabia."
    assert ("ARMS_TRANSFER", "iran", "houthis") in triples(text)


def test_reporting_to_someone_on_a_topic_is_not_subordination() -> None:
    assert not triples("Hamas reported to Iran on the ceasefire talks.")


def test_under_the_umbrella_of_a_coalition_is_not_integration() -> None:
    assert not triples("Hezbollah operates under the umbrella of the Axis of Resistance.")


def test_reaching_an_agreement_is_not_a_transfer() -> None:
    found = triples("The Houthis reached an agreement with Saudi Arabia.")
    assert not any(t == "ARMS_TRANSFER" for t, _, _ in found)


def test_shipping_troops_is_support_not_arms() -> None:
    found = triples("Moscow airlifted soldiers to Libya in 2019.")
    assert ("SUPPORT", "russia", "libya") in found
    assert ("ARMS_TRANSFER", "russia", "libya") not in found


def test_shipping_weapons_and_troops_stays_arms() -> None:
    assert ("ARMS_TRANSFER", "iran", "houthis") in triples(
        "Iran smuggled rockets and advisers to the Houthis.")


# ------------------------------------------------------------------ fighting side by side


def test_a_joint_partner_fights_the_enemy_and_is_no_enemy() -> None:
    found = triples("The UPDF has fought the ADF jointly with the FARDC since 2021.")
    assert ("CLASH", "updf", "adf") in found and ("CLASH", "fardc", "adf") in found
    assert ("SUPPORT", "updf", "fardc") in found
    assert not {("CLASH", "updf", "fardc"), ("CLASH", "fardc", "updf")} & found
    # a plain "with" stays the enemy
    assert ("CLASH", "updf", "adf") in triples("The UPDF clashed with the ADF.")


def test_each_conjoined_demonym_of_an_army_word_is_its_states_forces() -> None:
    found = triples("Rwandan and Mozambican troops attacked ISM.")
    assert {s for t, s, o in found if t == "CLASH"} == {"rdf", "fadm"}


def test_a_verbs_subjects_are_the_nouns_two_sides_only_when_they_do_its_act() -> None:
    thanked = triples("The government thanks all the friendly states which support the "
                      "Somali National Army in the war against the insurgency, in particular "
                      "the Republic of Kenya, the State of Qatar and the United States.")
    helpers = {"kenya", "qatar", "united-states"}
    assert {s for t, s, _ in thanked if t == "SUPPORT"} == helpers
    assert not any(t == "CLASH" and {s, o} <= helpers for t, s, o in thanked), thanked
    assert not any(t == "AGREEMENT" for t, _, _ in triples(
        "Egypt and Qatar brokered the ceasefire."))
    assert ("CLASH", "russia", "ukraine") in triples(
        "Russia and Ukraine have been at war since 2022.")
    assert ("AGREEMENT", "israel", "hamas") in triples(
        "Israel and Hamas agreed to a ceasefire.")


@pytest.mark.parametrize("text", [
    "Hamas and Fatah fought each other in Gaza in 2007.",
    "Hamas and Fatah fought one another in Gaza in 2007.",
    "Hamas and Fatah attacked each other in Gaza in 2007.",
])
def test_a_reciprocal_object_makes_the_subjects_fight_each_other(text) -> None:
    found = triples(text)
    assert {("CLASH", "hamas", "fatah"), ("CLASH", "fatah", "hamas")} & found


def test_accusing_each_other_is_no_fight() -> None:
    assert not triples("Hamas and Fatah accused each other of betraying the cause.")


@pytest.mark.parametrize("text, expected", [
    ("China has supplied Russia with dual-use goods, including machine tools and "
     "microelectronics.", ("TRADE", "china", "russia")),
    ("Niger sold 300 tons of yellowcake to Iran.", ("TRADE", "niger", "iran")),
    ("Turkish exports of dual-use goods to Russia tripled in 2023.",
     ("TRADE", "turkey", "russia")),
    ("Iran exports gas and electricity to Iraq.", ("TRADE", "iran", "iraq")),
    ("Iranian weapons shipments to the Houthis continued.",
     ("ARMS_TRANSFER", "iran", "houthis")),
])
def test_goods_measures_and_loads_type_what_is_given(text, expected) -> None:
    found = triples(text)
    assert expected in found
    other = "ARMS_TRANSFER" if expected[0] == "TRADE" else "TRADE"
    assert (other, *expected[1:]) not in found


@pytest.mark.parametrize("text, ally, side", [
    ("The North Koreans fought with the Russians in Kursk from November until March.",
     "north-korea", "russia"),
    ("The FDLR fights with the Wazalendo in Masisi.", "fdlr", "wazalendo"),
])
def test_fighting_with_someone_as_a_verb_is_on_their_side(text, ally, side) -> None:
    found = triples(text)
    assert ("SUPPORT", ally, side) in found
    assert not any(t == "CLASH" for t, _, _ in found)


def test_fighting_with_someone_as_a_noun_is_a_clash() -> None:
    assert ("CLASH", "m23", "fardc") in triples(
        "The M23 took Goma after three days of street fighting with the Congolese army.")


def test_instructed_without_an_order_is_teaching() -> None:
    found = triples("Recruits of the M23 were instructed by Rwandan army personnel.")
    assert any(t == "TRAINING" and o == "m23" for t, _, o in found)
    assert not any(t == "DEMAND" for t, _, _ in found)
    assert any(t == "DEMAND" for t, _, _ in triples(
        "Rwanda instructed the M23 to withdraw from Goma."))


def test_destroying_a_sides_tanks_is_a_clash() -> None:
    assert ("CLASH", "turkey", "syrian-arab-army") in triples(
        "Turkish drones destroyed dozens of Syrian army tanks near Saraqib.")
    assert not triples("The army destroyed the weapons it had seized.")


def test_advising_a_force_is_support_and_advising_it_to_act_is_not() -> None:
    found = triples("The Sandinista army, advised by Cuba, fought the Contras.")
    assert any(t == "SUPPORT" and s == "cuba" for t, s, _ in found)
    assert not any(t == "SUPPORT" for t, _, _ in triples("Qatar advised Hamas to accept the deal."))


def test_telling_someone_to_act_is_a_demand_and_telling_them_news_is_not() -> None:
    assert ("DEMAND", "united-states", "ukraine") in triples(
        "Washington told Kyiv to stop striking Russian refineries.")
    for text in ("Putin told Erdogan that Russia would keep supplying Iran.",
                 "A US official told reporters on Monday that Iran armed the Houthis."):
        assert not any(t == "DEMAND" for t, _, _ in triples(text)), text


@pytest.mark.parametrize("text", [
    "The FDLR fought under the command of the FARDC.",
    "FDLR combatants fought under FARDC command in 2024.",
])
def test_fighting_under_a_forces_command_is_being_part_of_it(text) -> None:
    found = triples(text)
    assert ("INTEGRATION", "fdlr", "fardc") in found
    assert not any(t == "CLASH" for t, _, _ in found)


@pytest.mark.parametrize("text", [
    "The Sudan Shield Forces rejoined the ranks of the Sudanese Armed Forces.",
    "The Resistance Front is an offshoot of Lashkar-e-Taiba.",
])
def test_rejoining_a_force_and_an_offshoot_are_integration_of_the_subject(text) -> None:
    found = triples(text)
    assert len(found) == 1
    ((ctype, part, _whole),) = found
    assert ctype == "INTEGRATION" and part in ("sudan-shield-forces", "the-resistance-front")


def test_calling_someone_is_a_telephone_call_and_calling_on_them_a_demand() -> None:
    found = triples("Putin called Erdogan on Tuesday.")
    assert {t for t, _, _ in found} == {"CONTACT"}
    assert ("DEMAND", "european-union", "russia") in triples(
        "The EU called on Tuesday on Russia to withdraw.")
    assert not triples("Erdogan called Netanyahu a terrorist.")


def test_calling_someone_a_name_in_quotes_is_no_call() -> None:
    assert not triples("Even Russian President Vladimir Putin called Hezbollah 'a serious "
                       "political force' in 2023.")


def test_subjects_fighting_alongside_or_against_a_third_do_not_fight_each_other() -> None:
    found = triples("South Africa and Malawi fought alongside the FARDC.")
    assert ("SUPPORT", "south-africa", "fardc") in found
    assert not any(t == "CLASH" for t, _, _ in found)
    found = triples("The SDF and the SNA fought against the Islamic State.")
    assert not {("CLASH", "sdf", "sna"), ("CLASH", "sna", "sdf")} & found


def test_the_one_urged_acts_not_the_one_urging() -> None:
    # an unresolved pronoun is urged: the urger never signs in its place
    assert not any(s == "kenya" and t == "AGREEMENT" for t, s, _ in triples(
        "Kenya urged him to negotiate with Machar."))
    found = triples("Qatar met Hamas leaders and asked them to sign the truce with Israel.")
    assert ("AGREEMENT", "hamas", "israel") in found
