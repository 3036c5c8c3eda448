"""Sentences the small parser gets wrong in ways that hide a relation, and the repairs and
rules that read them anyway. The sentences are written for these tests.
"""

from __future__ import annotations

from extract_helpers import named_triples, only, triples
from proxygraph.extract import extract_text

# ------------------------------------------------------------------ verbs read as nouns


def test_a_verb_list_after_a_name_is_read_as_verbs() -> None:
    # "funds" and "arms" are tagged as plural nouns after a proper name
    found = triples("Qatar funds and arms Hamas.")
    assert {("FUNDING", "qatar", "hamas"), ("ARMS_TRANSFER", "qatar", "hamas")} <= found
    assert only("Qatar funds and arms Hamas.", "FUNDING", "qatar", "hamas").status == "ongoing"


def test_a_verb_list_in_a_transcript_turn_after_a_conjunction() -> None:
    found = triples("A: But Tehran arms and funds the Houthis.")
    assert {("FUNDING", "iran", "houthis"), ("ARMS_TRANSFER", "iran", "houthis")} <= found


def test_conjoined_subjects_share_a_verb_list_read_as_nouns() -> None:
    found = triples("Sweden and Norway finance and arm the Kurdish YPG.")
    for state in ("sweden", "norway"):
        assert ("FUNDING", state, "ypg") in found
        assert ("ARMS_TRANSFER", state, "ypg") in found


def test_back_read_as_an_adverb_after_conjoined_states() -> None:
    found = triples("Qatar and Turkey back the federal government in Mogadishu.")
    assert {("SUPPORT", "qatar", "somalia"), ("SUPPORT", "turkey", "somalia")} <= found


def test_arms_sales_stay_a_noun_phrase() -> None:
    found = triples("Russia arms sales to India fell last year.")
    assert ("ARMS_TRANSFER", "russia", "india") in found  # the sale, read as a noun
    assert len(found) == 1


def test_a_participle_after_had_is_the_verb() -> None:
    # "had armed Hamas" is parsed as the verb "had" with the object "armed Hamas"
    claim = only("Qatar denied that it had armed Hamas.", "ARMS_TRANSFER", "qatar", "hamas")
    assert claim.status == "denied"


def test_a_participle_after_a_pronoun_subject_is_the_verb() -> None:
    claim = only("Egypt denied that it armed Haftar.", "ARMS_TRANSFER", "egypt",
                 "khalifa-haftar")
    assert claim.status == "denied"


def test_an_adjective_before_a_name_is_not_made_a_verb() -> None:
    assert triples("Armed Hamas fighters crossed the fence.") == set()


# ------------------------------------------------------------------ attachments


def test_a_hyphenated_epithet_read_as_a_conjunct_modifies_its_noun() -> None:
    text = ("Clashes erupted between the SDF and Turkish-backed factions of the Syrian "
            "National Army.")
    found = triples(text)
    assert ("SUPPORT", "turkey", "syrian-national-army") in found
    assert ("CLASH", "sdf", "syrian-national-army") in found
    # the SDF is not one of the backed factions, and the factions are the army itself
    assert ("SUPPORT", "turkey", "sdf") not in found
    assert all(obj in ("sdf", "syrian-national-army") for _, _, obj in found)


def test_accused_noun_holding_of_is_the_doer() -> None:
    # the parser hangs "of training" on "army" rather than on "accuses"
    claim = only("Kyiv accuses the Belarusian army of training Wagner fighters.", "TRAINING",
                 "belarusian-armed-forces", "wagner-group")
    assert (claim.status, claim.certainty) == ("ongoing", "medium")


def test_a_seat_hung_on_the_verb_still_names_the_government() -> None:
    assert ("SUPPORT", "turkey", "afghanistan") in triples(
        "Turkey backs the government in Kabul.")


def test_the_doer_of_an_attack_on_its_participle() -> None:
    assert ("CLASH", "israel", "pmf") in triples(
        "Baghdad condemned the raids carried out by Israel against the PMF.")
    assert ("CLASH", "israel", "hezbollah") in triples(
        "The strikes conducted by Israel on Hezbollah positions killed four.")


def test_overthrowing_a_government_is_a_clash() -> None:
    claim = only("M23 aims to overthrow the Tshisekedi government.", "CLASH", "m23", "dr-congo")
    assert claim.status == "planned"


# ------------------------------------------------------------------ sides and receiving


def test_an_ally_fights_the_enemy_named_after_it() -> None:
    found = triples("Hezbollah fought alongside Syrian troops against the Nusra Front near "
                    "Qusayr.")
    assert ("SUPPORT", "hezbollah", "syrian-arab-army") in found
    assert ("CLASH", "hezbollah", "hts") in found
    assert ("CLASH", "syrian-arab-army", "hts") in found


def test_subjects_receiving_support_do_not_meet_each_other() -> None:
    found = triples("Hezbollah and Hamas received Iranian support.")
    assert found == {("SUPPORT", "iran", "hezbollah"), ("SUPPORT", "iran", "hamas")}


def test_each_received_thing_has_its_own_giver() -> None:
    found = triples("The RSF received Emirati drones and Libyan fuel.")
    assert found == {("ARMS_TRANSFER", "uae", "rsf"), ("TRADE", "libya", "rsf")}


def test_a_sponsor_named_inside_the_patron_noun() -> None:
    claim = only("Kenya said the Houthis' Iranian masters were to blame.", "SUPPORT", "iran",
                 "houthis")
    assert claim.status == "ongoing"


# ------------------------------------------------------------------ pronouns and spans


def test_a_plural_pronoun_stands_for_all_conjoined_antecedents() -> None:
    found = triples("Qatar and Turkey denied that they had armed Hamas.")
    assert {("ARMS_TRANSFER", "qatar", "hamas"), ("ARMS_TRANSFER", "turkey", "hamas")} <= found


def test_since_then_keeps_a_perfect_ongoing() -> None:
    text = "Rwanda sent troops to Mozambique in 2021. They have fought ISIS-M since then."
    assert only(text, "CLASH", "rwanda", "islamic-state").status == "ongoing"


# ------------------------------------------------------------------ statements and filings


def test_a_filings_defined_terms_name_its_parties() -> None:
    text = ('The Republic of the Sudan (the "Applicant") submits that the United Arab '
            'Emirates (the "Respondent") has armed the RSF since 2023.\n\n'
            "The Applicant further submits that the Respondent has financed the RSF.")
    claims = extract_text(text)
    found = {(c.type, c.subject.id, c.object.id if c.object else None) for c in claims}
    assert {("ARMS_TRANSFER", "uae", "rsf"), ("FUNDING", "uae", "rsf")} <= found
    arms = next(c for c in claims if c.type == "ARMS_TRANSFER")
    # a party's submission is its claim, credited to it without the parenthesis
    assert arms.certainty == "medium"
    assert arms.attribution == ("Republic of the Sudan",)


def test_a_defined_short_name_of_an_unregistered_company() -> None:
    text = ('Kestrel Avionics Ltd ("Kestrel") shipped navigation modules to Russia. '
            "Kestrel was paid by Rosoboronexport.")
    found = named_triples(text)
    assert ("FUNDING", "Rosoboronexport", "Kestrel Avionics Ltd") in found


def test_the_kingdom_of_a_statement_is_its_state() -> None:
    text = ("Statement by the Ministry of Foreign Affairs of the Kingdom of Saudi Arabia\n\n"
            "The Kingdom welcomes the truce in Yemen. The Kingdom supports the Presidential "
            "Leadership Council.")
    assert ("SUPPORT", "saudi-arabia", "presidential-leadership-council") in triples(text)


def test_a_call_on_someone_to_act_is_a_demand_and_a_call_with_someone_a_contact() -> None:
    assert triples("Saudi Arabia renewed its call on the Houthi group to stop.") == {
        ("DEMAND", "saudi-arabia", "houthis")}
    assert triples("Putin held a call with Erdogan on Syria.") == {
        ("CONTACT", "vladimir-putin", "recep-tayyip-erdogan")}


# ------------------------------------------------------------------ names the text defines


def test_members_named_with_including_tagged_as_a_verb() -> None:
    text = ("The IRGC-QF continues to use illicit oil revenue to bankroll its regional "
            "proxies, including the Houthis.")
    found = triples(text)
    assert ("FUNDING", "quds-force", "houthis") in found
    # the proxies are the Houthis here, not a group of their own
    assert all(obj == "houthis" for _, _, obj in found)


def test_former_soldiers_are_not_the_army() -> None:
    found = named_triples("Retired Colombian soldiers fought for the RSF in Darfur.")
    assert found == {("SUPPORT", "Retired Colombian soldiers", "Rapid Support Forces")}
    assert ("CLASH", "colombian-national-army", "eln") in triples(
        "Colombian soldiers fought the ELN.")


def test_an_acronym_defined_for_another_name_than_the_registrys() -> None:
    # the registry reads FDN as the Nicaraguan Democratic Force
    text = ("Burundian troops of the Force de défense nationale (FDN) fought alongside FARDC "
            "against M23. The FDN lost 40 soldiers.")
    assert triples(text) == {("SUPPORT", "fdnb", "fardc"), ("CLASH", "fdnb", "m23"),
                             ("CLASH", "fardc", "m23")}


def test_a_defined_acronym_after_another_spelling_keeps_the_registry_entity() -> None:
    text = "The Kataib Hizbollah (KH) militia fired rockets at US troops. KH denied it."
    # not Lebanese Hezbollah, whose spelling ends the long form
    assert triples(text) == {("CLASH", "kataib-hezbollah", "us-military")}


def test_former_members_of_a_group_are_not_the_group() -> None:
    assert triples("Hezbollah recruited members of Amal.") == {("RECRUITMENT", "hezbollah", "amal")}
    found = triples("The LNA recruited Sudanese fighters, including former members of the "
                    "Rapid Support Forces.")
    assert ("RECRUITMENT", "lna", "rsf") not in found


def test_paying_tribute_is_no_funding() -> None:
    assert triples("The Hamas leader paid tribute to Hezbollah.") == set()
    assert triples("Iran pays Hezbollah.") == {("FUNDING", "iran", "hezbollah")}


def test_fighting_with_someone_against_a_third_makes_them_allies() -> None:
    found = triples("Fano fought with the ENDF against the TPLF in 2020.")
    assert {("SUPPORT", "fano", "endf"), ("CLASH", "fano", "tplf"),
            ("CLASH", "endf", "tplf")} <= found
    assert ("CLASH", "fano", "endf") not in found
    assert ("CLASH", "endf", "fano") not in found  # nor does the classifier add it
    # the verb "fight with" someone is on their side even with no third named (train gold:
    # every such "with" party of the verb is an ally); the noun "fighting with" is a clash
    assert triples("The FDLR fought with the FARDC in 2024.") == {
        ("SUPPORT", "fdlr", "fardc")}


def test_patrolling_alongside_a_force_supports_it() -> None:
    assert triples("Wagner fighters patrol alongside FACA troops near Bambari.") == {
        ("SUPPORT", "wagner-group", "central-african-armed-forces")}


# ------------------------------------------------------------------ thanks, reliance, towns


def test_the_thanked_gave_what_they_are_thanked_for() -> None:
    assert triples("Hamas thanked Iran for its support.") == {("SUPPORT", "iran", "hamas")}
    # "thanks" read as a plural noun; solidarity is support
    assert triples("Venezuela thanks the governments of Russia, China and Cuba for their "
                   "firm solidarity.") == {("SUPPORT", state, "venezuela")
                                           for state in ("russia", "china", "cuba")}
    # the thing thanked for names its receiver
    assert triples("The ministry thanks the Republic of Turkiye for its continuing support "
                   "to the Somali National Army.") == {
        ("SUPPORT", "turkey", "somali-national-army")}
    # heads of state thank and are thanked for their states (guide 8)
    assert triples("Lukashenko thanked Putin for the continued supply of modern weapons.") == {
        ("ARMS_TRANSFER", "russia", "belarus")}
    assert triples("Ibrahim Traore thanked Vladimir Putin in a telephone conversation.") == set()


def test_a_town_fired_at_stands_for_its_state() -> None:
    assert triples("Iran fired around 40 ballistic missiles at Tel Aviv and Haifa.") == {
        ("CLASH", "iran", "israel")}
    assert triples("Russia launched drones at Kharkiv overnight.") == {
        ("CLASH", "russia", "ukraine")}


def test_a_verb_list_after_the_and_a_name() -> None:
    assert triples("The United States funds and trains the Peshmerga.") == {
        ("FUNDING", "united-states", "peshmerga"), ("TRAINING", "united-states", "peshmerga")}


def test_backed_by_a_states_weapons() -> None:
    found = triples("The Syrian National Army, backed by Turkish drones, is attacking SDF "
                    "positions around Manbij.")
    assert ("SUPPORT", "turkey", "syrian-national-army") in found


def test_warning_someone_off_is_a_demand_and_warning_them_of_something_is_not() -> None:
    assert triples("Turkey has warned Israel against further strikes in Syria.") == {
        ("DEMAND", "turkey", "israel")}
    assert triples("Trump warned Tehran to end its backing for the group.") == {
        ("DEMAND", "donald-trump", "iran")}
    assert ("DEMAND", "belarus", "poland") not in triples(
        "Belarus had warned Poland in advance about the scale of the exercise.")


def test_a_recipient_hung_outside_the_verbs_phrase_is_still_the_recipient() -> None:
    # the parser hangs "to Venezuela" on the last item of the list, outside the verb's
    # phrase; "with the Taliban" on "networks"
    text = ("Russian cargo planes have landed in Caracas twice this month, flight trackers "
            "show; Moscow has previously supplied Su-30 jets, S-300 air defence systems and "
            "Kalashnikov rifles to Venezuela.")
    assert ("ARMS_TRANSFER", "russia", "venezuela") in triples(text)
    text = "Moscow is reported to have shared information on ISKP networks with the Taliban."
    assert ("INTELLIGENCE", "russia", "taliban") in triples(text)


def test_a_stray_to_after_another_verb_is_not_the_recipient() -> None:
    found = triples("Iran sold drones, and Russia later sent them to Venezuela.")
    assert ("ARMS_TRANSFER", "russia", "venezuela") in found
    assert ("ARMS_TRANSFER", "iran", "venezuela") not in found
