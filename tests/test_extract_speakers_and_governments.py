"""Who "we" are (extract/first_person.py), bare government words (extract/
state_descriptions.py) and the pronoun and phrase readings beside them (anaphora,
arguments, local names). Every text is invented for these tests."""

from __future__ import annotations

from extract_helpers import named_triples as triples
from proxygraph.extract import extract_text
from proxygraph.extract.local_names import guess_kind, unregistered
from proxygraph.extract.pipeline import analysed_sentences
from proxygraph.model import Document


def test_we_in_a_quote_is_the_side_of_the_titled_speaker() -> None:
    text = ('"The Iranians gave us rifles and advisers," said Qais al-Khazali, the leader '
            "of Asa'ib Ahl al-Haq.")
    assert ("ARMS_TRANSFER", "Iran", "Asa'ib Ahl al-Haq") in triples(text)


def test_a_quote_running_on_keeps_its_speaker() -> None:
    text = ('M23 spokesman Lawrence Kanyuka spoke in Goma. "We were never armed by Rwanda," '
            'Kanyuka said. "We fought together with the Wazalendo and with the FDLR."')
    found = triples(text)
    assert ("ARMS_TRANSFER", "Rwanda", "M23") in found
    # no claim with the M23 as a side of the running quote, and none makes its allies
    # fight each other
    assert not any(t == "CLASH" for t, _, _ in found)


def test_a_transcript_turn_speaks_for_the_body_the_introduction_gave_him() -> None:
    text = ("Interview with an M23 spokesman, Mr. Patrick Ruhigita.\n\n"
            "HOST: Who is bombing you?\n\n"
            "RUHIGITA: The Burundian army keeps shelling our positions.")
    assert ("CLASH", "National Defence Force of Burundi", "M23") in triples(text)


def test_an_authors_we_and_a_speaker_without_a_side_stay_unresolved() -> None:
    assert not triples("We assess that the militia will keep attacking us.")
    # the speaker is a person no text or registry ties to a body: his "we" is nobody known
    text = '"We were attacked by Hezbollah," said Marwan Haddadi, a farmer.'
    assert not any(s == "Marwan Haddadi" or o == "Marwan Haddadi"
                   for _, s, o in triples(text))


def test_both_sides_never_include_who_urges_them() -> None:
    text = "U.S. envoy Amos Hochstein urged both sides to stop firing."
    assert not any(o == "United States" for _, _, o in triples(text))
    text = ("Israel and Hezbollah exchanged fire. U.S. envoy Amos Hochstein urged both "
            "sides to stop.")
    assert {("DEMAND", "Amos Hochstein", "Israel"),
            ("DEMAND", "Amos Hochstein", "Hezbollah")} <= triples(text)


def test_them_after_the_leaders_named_is_not_the_last_subject() -> None:
    text = ("Moscow did not intervene in either round. Russian President Vladimir Putin "
            "called both leaders and urged them to settle the dispute.")
    assert not any(o == "Russia" for _, _, o in triples(text))


def test_an_object_them_is_the_armed_group_named_last() -> None:
    # the last sentence's subject is Eritrea; "them" are the militias it named
    text = ("Eritrea has long opposed the federal army's campaign against the Fano "
            "militias. Ethiopian officials say Asmara gives them guns.")
    assert ("ARMS_TRANSFER", "Eritrea", "Fano") in triples(text)


def test_the_junta_is_the_state_its_word_was_tied_to() -> None:
    text = ("Burkina Faso's junta has struggled against jihadist groups. The junta has "
            "also bought Turkish drones. The regime signed a deal with Russia.")
    found = triples(text)
    assert ("ARMS_TRANSFER", "Turkey", "Burkina Faso") in found
    # "the regime" was never tied to a state: it stays unresolved
    assert not any("Russia" in (s, o) and t == "AGREEMENT" for t, s, o in found)


def test_a_bare_government_word_with_no_state_before_is_nobody() -> None:
    assert not triples("The junta has bought Turkish drones.")
    # "the two governments" stay the pair named before (plural_references.pair_references)
    text = ("Pakistan and Iran exchanged strikes in January. The two governments then "
            "agreed to hold border talks.")
    assert ("AGREEMENT", "Pakistan", "Iran") in {(t, *sorted((s, o or ""), reverse=True))
                                                  for t, s, o in triples(text)}


def test_the_sponsor_of_a_linked_epithet_is_no_party() -> None:
    text = "Rwandan and Mozambican soldiers fought Islamic State-linked insurgents."
    found = triples(text)
    assert ("CLASH", "Rwanda Defence Force", "Islamic State-linked insurgents") in found
    assert ("CLASH", "Mozambique Armed Defence Forces",
            "Islamic State-linked insurgents") in found
    assert not any(o == "Islamic State" for _, _, o in found)


def test_a_state_named_with_its_forces_word_is_that_states_organ() -> None:
    assert guess_kind("Rwanda Security Forces") == "state_organ"
    assert guess_kind("Burkinabe Army") == "state_organ"
    assert guess_kind("Sudan Liberation Army") == "armed_group"  # a rebel army
    assert guess_kind("Kachin Independence Army") == "armed_group"
    assert unregistered("Rwanda Security Forces", "state_organ").affiliation == "rwanda"
    assert unregistered("Sultan Murad Division", "armed_group").affiliation is None


def test_metonyms_of_state_press_name_the_state() -> None:
    text = "The United States has sent weapons to the Zionist regime."
    assert ("ARMS_TRANSFER", "United States", "Israel") in triples(text)


def test_the_sponsored_group_is_the_group_named_before() -> None:
    text = ("Hezbollah fired rockets at Israel on Monday. The Iran-backed group fired more "
            "rockets at northern Israel the next day.")
    found = triples(text)
    assert ("SUPPORT", "Iran", "Hezbollah") in found
    assert not any(s == "Iran-backed groups" for _, s, _ in found)


def test_a_transcript_label_is_no_party() -> None:
    text = ("Intro.\n\nHOST (Carla Reyes): Welcome back. Last week a Chinese Coast Guard "
            "ship fired its water cannon at a Philippine vessel.\n\nHOST: What next?")
    document = Document(name="t.txt", text=text, sha256="0" * 64)
    named = {m.text for item in analysed_sentences(document) for m in item.sm.mentions}
    assert "Chinese Coast Guard" in named
    assert "HOST" not in named


def test_a_place_financed_in_is_no_beneficiary() -> None:
    text = "France continues to finance armed gangs on the territory of Benin."
    assert not any(o == "Benin" for _, _, o in triples(text))


def test_an_epithet_said_of_the_subject_is_the_standing_relation() -> None:
    text = ("Kataib Hezbollah and the Badr Organization are widely described as "
            "Iran-aligned.")
    found = triples(text)
    assert {("SUPPORT", "Iran", "Kata'ib Hezbollah"),
            ("SUPPORT", "Iran", "Badr Organization")} <= found
    claims = {c.object.name: c for c in extract_text("The RSF is UAE-funded, officials say.")
              if c.object is not None}
    funded = claims["Rapid Support Forces"]
    assert (funded.type, funded.status, funded.certainty) == ("FUNDING", "ongoing", "medium")
    denied = [c for c in extract_text("The militia Kataib Hezbollah is not Iran-backed, its "
                                      "leader insists.") if c.type == "SUPPORT"]
    assert [c.status for c in denied] == ["denied"]
    assert not triples("The group is al-Qaeda-linked.")  # a link is no support (guide 5)


def test_a_coalitions_objects_are_its_members() -> None:
    found = triples("The Popular Mobilization Forces include Kataib Hezbollah and the Badr "
                    "Organization.")
    assert {("INTEGRATION", "Kata'ib Hezbollah", "Popular Mobilization Forces"),
            ("INTEGRATION", "Badr Organization", "Popular Mobilization Forces")} <= found
    found = triples("The Alliance Fleuve Congo, a coalition that includes M23, took Goma.")
    assert ("INTEGRATION", "M23", "Alliance Fleuve Congo") in found
    # a state's or a delegation's "includes" makes nobody a member
    assert not any(t == "INTEGRATION" for t, _, _ in triples(
        "Russia's arsenal includes S-400 systems. The Iranian delegation included IRGC "
        "commanders."))


def test_a_currency_named_after_a_state_is_no_party() -> None:
    found = triples("Iran paid Hezbollah 700 million U.S. dollars a year.")
    assert ("FUNDING", "Iran", "Hezbollah") in found
    assert not any("United States" in (s, o) for _, s, o in found)


def test_people_killed_are_victims_not_their_state() -> None:
    found = triples("Israeli strikes killed 20 Palestinians in Gaza. The Syrians killed "
                    "three Turkish soldiers.")
    assert not any(o == "Palestine" for _, _, o in found)
    assert ("CLASH", "Syria", "Turkish Armed Forces") in found  # a state killing is a party


def test_a_demonym_of_people_from_a_named_force_is_that_force() -> None:
    found = triples("Russian instructors from the Africa Corps arrived in Niamey in April "
                    "2024 to train Nigerien troops.")
    assert ("TRAINING", "Africa Corps", "Niger Armed Forces") in found
    assert not any(s == "Russian Armed Forces" for _, s, _ in found)


def test_a_leaders_government_is_his_state() -> None:
    found = triples("Maduro's government shelters the ELN.")
    assert ("SUPPORT", "Venezuela", "National Liberation Army") in found
    assert not any(s == "Nicolás Maduro" for _, s, _ in found)


def test_a_labelled_yes_no_question_states_nothing() -> None:
    text = ("Intro.\n\nHR: Is Iran helping your Military Industry Corporation to build "
            "drones?\n\nHOST: Did Iran train the crews?")
    assert not triples(text)


def test_the_accused_is_the_doer_whatever_the_parse() -> None:
    text = ("Ethiopia's government accused neighbouring Eritrea on Tuesday of arming and "
            "training Fano militias in the Amhara region.")
    found = triples(text)
    assert {("ARMS_TRANSFER", "Eritrea", "Fano"), ("TRAINING", "Eritrea", "Fano")} <= found
    assert not any(s == "Ethiopia" for _, s, _ in found)
    text = ("Iran, which the United States accuses of arming the Houthis with drones, "
            "condemned the strikes.")
    found = triples(text)
    assert ("ARMS_TRANSFER", "Iran", "Houthis") in found
    assert not any(s == "United States" for _, s, _ in found)


def test_they_after_a_states_sentence_is_the_group_it_named() -> None:
    text = ("Eritrea has long opposed the federal campaign against the Fano militias. They "
            "receive guns from Asmara, officials say.")
    assert ("ARMS_TRANSFER", "Eritrea", "Fano") in triples(text)


def test_a_leaders_army_is_his_states_army() -> None:
    found = triples("Putin's army invaded Ukraine in 2022.")
    assert ("CLASH", "Russian Armed Forces", "Ukraine") in found
    assert not any(s == "Vladimir Putin" for _, s, _ in found)


def test_an_untied_junta_is_the_country_whose_war_the_report_covers() -> None:
    # China is named, but the report's armed groups all fight in Myanmar: its home
    text = ("China pressed the TNLA and the MNDAA into talks in Kunming. The KIA and the "
            "Arakan Army hold the north. Beijing has continued to supply the junta with "
            "drones. The TNLA signed a ceasefire with the military in October.")
    found = triples(text)
    assert ("ARMS_TRANSFER", "China", "Myanmar") in found
    assert any(t == "AGREEMENT" and "Ta'ang National Liberation Army" in (s, o)
               and "Tatmadaw" in (s, o) for t, s, o in found)


def test_no_home_country_when_none_leads() -> None:
    # Mali and Niger are named as often: "the junta" could be either
    text = ("Mali and Niger expelled French troops. Mali and Niger then turned to Moscow. "
            "The junta bought Turkish drones.")
    assert not any(t == "ARMS_TRANSFER" for t, _, _ in triples(text))


def test_a_state_before_its_government_word_ties_it_whatever_the_parse() -> None:
    # headline grammar: the parser reads "Mali" as a modifier of the verb
    text = ("Mali junta leans on Russia's Africa Corps as JNIM blockade bites\n\n"
            "Turkish-made drones bought by the junta since 2022 were used in the strikes.")
    assert ("ARMS_TRANSFER", "Turkey", "Mali") in triples(text)


def test_an_interviews_answers_speak_for_the_introduced_guest() -> None:
    text = ("Interview by Nandar Win\n\n"
            "Dr. Aung Myo Thant is deputy minister of defence in the National Unity "
            "Government. The interview has been edited.\n\n"
            "Q: Who trained your forces?\n\n"
            "A: The KIA trained our first battalions in 2021.")
    assert ("TRAINING", "Kachin Independence Army", "National Unity Government") in triples(text)


def test_a_person_first_named_in_an_answer_is_not_the_guest() -> None:
    # the guest is anonymous; the leader he talks about does not answer for him
    text = ("Our guest is a retired general who asked that his name not be used.\n\n"
            "Q: Who is the army fighting?\n\n"
            "A: Mainly ISWAP. Hezbollah leader Naim Qassem is far away.\n\n"
            "A: The Americans trained our pilots.")
    assert not any(t == "TRAINING" for t, _, _ in triples(text))


def test_a_transcript_label_of_initials_is_the_person_named_in_full() -> None:
    text = ("We spoke with Lawrence Kanyuka, the M23 spokesman.\n\n"
            "HOST: Who arms you?\n\n"
            "LK: Rwanda has never armed us.")
    assert ("ARMS_TRANSFER", "Rwanda", "M23") in triples(text)


def test_government_troops_of_a_state_without_a_registered_army_are_nobody() -> None:
    # the registry names no army of Libya: "government troops" stay unresolved, and the
    # extractor goes on (it once failed on this)
    found = triples("Libya's government denied the report. Government troops attacked the "
                    "rebels near the port.")
    assert not any(s == "libya" and t == "CLASH" for t, s, _ in found)


def test_a_leader_named_for_his_government_is_his_state_before_any_pronoun() -> None:
    found = triples("The Yoon government warned that it might supply weapons to Ukraine.")
    assert ("ARMS_TRANSFER", "South Korea", "Ukraine") in found
    found = triples("The government of Gustavo Petro signed a ceasefire with the ELN.")
    assert any(t == "AGREEMENT" and {s, o} == {"Colombia", "National Liberation Army"}
               for t, s, o in found)
    assert not any("Gustavo Petro" in (s, o) for _, s, o in found)
    # "it" after a state's government is the state, not a group named before
    text = ("Fano fighters hold Lalibela. South Korea's government warned that it might "
            "supply weapons to Ukraine.")
    assert ("ARMS_TRANSFER", "South Korea", "Ukraine") in triples(text)
    assert not any(s == "Fano" for _, s, _ in triples(text))


def test_government_as_a_modifier_is_the_reports_state() -> None:
    text = ("Somalia's government has fought al-Shabaab since 2007. Ankara has flown "
            "drones in support of government offensives against al-Shabaab.")
    found = triples(text)
    assert ("SUPPORT", "Turkey", "Somalia") in found
    text = "Yemen's government lost Aden in 2019. Riyadh pays government salaries."
    assert ("FUNDING", "Saudi Arabia", "Yemen") in triples(text)
    # an anti-government group is no act of the government
    text = ("Yemen's government lost Aden in 2019. Iran arms anti-government fighters.")
    assert not any(o == "Yemen" for _, _, o in triples(text))
    # nor is there a government with no state named before
    assert not triples("Riyadh pays government salaries.")


def test_the_capitalised_government_of_a_communique_is_its_state() -> None:
    text = ("The Government of Niger condemns the attack in Tillaberi. Finally, the "
            "Government calls on the United Nations Security Council to act.")
    assert ("DEMAND", "Niger", "UN Security Council") in triples(text)
    text = ("The Government of the Democratic Republic of the Congo informs the public. "
            "Congo will not negotiate. Since Sunday, Rwandan troops have attacked the "
            "Republic.")
    assert ("CLASH", "Rwanda Defence Force", "Democratic Republic of the Congo") in (
        triples(text))


def test_an_army_site_is_held_by_the_reports_army() -> None:
    text = ("Mali's junta expelled the French in 2022 and hired Russians to fight in Mali. "
            "JNIM on Sunday attacked the army camp at Boulkessi.")
    assert ("CLASH", "Jama'at Nusrat al-Islam wal-Muslimin", "Malian Armed Forces") in (
        triples(text))
    # with no state the report is about, an army camp is nobody's
    assert not triples("JNIM on Sunday attacked the army camp at Boulkessi.")


def test_the_resistance_is_the_armed_group_the_report_is_about() -> None:
    text = ("Hezbollah fired rockets at Israel on Monday. Iran has armed the Resistance "
            "for decades, Nasrallah said.")
    assert ("ARMS_TRANSFER", "Iran", "Hezbollah") in triples(text)


def test_a_leaders_men_are_his_army_or_his_group() -> None:
    found = triples("Iran trained Machar's forces in 2015.")
    assert ("TRAINING", "Iran", "Sudan People's Liberation Movement-in-Opposition") in found
    assert not any(o == "Riek Machar" for _, _, o in found)
    found = triples("The UAE paid Haftar's fighters through a Dubai firm.")
    assert ("FUNDING", "United Arab Emirates", "Libyan National Army") in found
    # a leader's man by name is no body of men
    assert not any(o == "Libyan National Army" for _, _, o in triples(
        "The UAE paid Haftar's son Saddam through a Dubai firm."))


def test_our_capitalised_armed_forces_are_the_voices_army() -> None:
    text = ("Statement by the Ministry of Defence of Niger\n\n"
            "Russian instructors arrived in Niamey in April to train our Defence and "
            "Security Forces in the use of air defence systems.")
    found = triples(text)
    assert ("TRAINING", "Russia", "Niger Armed Forces") in found
    assert not any(o == "Defence and Security Forces" for _, _, o in found)



def test_the_force_is_the_body_written_with_forces_before() -> None:
    text = ("The Rapid Support Forces grew out of the Janjaweed. The UAE armed the force "
            "through Chad.")
    assert ("ARMS_TRANSFER", "United Arab Emirates", "Rapid Support Forces") in triples(text)


def test_the_fighters_are_the_group_or_the_unnamed_fighters_named_before() -> None:
    text = ("Hezbollah sent units to Qusayr in 2013. The fighters clashed with the Free "
            "Syrian Army.")
    assert ("CLASH", "Hezbollah", "Free Syrian Army") in triples(text)
    text = ("Turkey recruited Syrian fighters for Libya. The fighters were paid $2,000 a "
            "month by Turkey.")
    assert ("FUNDING", "Turkey", "Syrian fighters") in triples(text)


def test_a_state_is_never_absorbed_into_a_group_or_a_state() -> None:
    for text in ("Syria is the backbone of Hezbollah.", "Syria joined Hezbollah's camp in 2006.",
                 'Hezbollah leader Hassan Nasrallah said: "Syria is the backbone of the '
                 'resistance. Our fighters are in Qusayr."'):
        assert not any(t == "INTEGRATION" for t, _, _ in triples(text))
    # a group into a group still is
    assert ("INTEGRATION", "Wagner Group", "Africa Corps") in triples(
        "The Wagner Group was absorbed into the Africa Corps.")
