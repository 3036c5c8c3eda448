"""A document's own voice (extract/voice.py): the body a communiqué, a briefing or an
interview speaks for is who its "we" is. The texts are written for these tests.
"""

from __future__ import annotations

from extract_helpers import triples
from proxygraph.extract.pipeline import analysed_sentences
from proxygraph.ids import content_hash
from proxygraph.model import Document

COMMUNIQUE = """Republic of Kenya Ministry of Defence
Press Statement - 3 March 2025

We delivered twelve armoured vehicles to Somalia last week.
Our soldiers repelled an attack by al-Shabaab near Mandera on Sunday.
"""

INTERVIEW = """"Nobody commands us": an interview with a Houthi political bureau member

Gulf Weekly | 2 May 2025 | Interview by Sara Haddad.

Q: Western navies say you coordinate with us and with Iran. Is that true?

A: Iran is our friend, but it does not give us weapons. We are talking with the Saudis.
"""

ANALYSIS = """The Red Sea after the truce: an assessment

By Daniel Ortiz, senior fellow

We assess that the Houthis still receive components from Iran. We met officials in Riyadh.
"""


def first_person_entities(text: str) -> list[str]:
    """The entity each "we"/"our"/"us" of `text` was read as, in order."""
    out = []
    for item in analysed_sentences(Document(name="d.txt", text=text, sha256=content_hash(text))):
        for m in item.sm.mentions:
            word = m.text.split()[0]
            if word.lower() in ("we", "our", "us") and not word.isupper():  # "US": a state
                out.append(m.entity.id)
    return out


def test_a_ministrys_we_is_its_state() -> None:
    found = triples(COMMUNIQUE)
    assert ("ARMS_TRANSFER", "kenya", "somalia") in found


def test_our_soldiers_in_a_states_communique_are_its_armed_forces() -> None:
    entities = first_person_entities(COMMUNIQUE)
    assert entities[0] == "kenya"
    assert entities[1] == "kenya-defence-forces"


def test_an_interviewees_we_is_the_body_the_headline_gives() -> None:
    found = triples(INTERVIEW)
    assert ("ARMS_TRANSFER", "iran", "houthis") in found
    assert ("CONTACT", "houthis", "saudi-arabia") in found


def test_the_interviewers_question_keeps_its_own_we() -> None:
    # "with us" in the question is the paper's, not the Houthis'
    # (the headline's "us" is the interviewee's; the answer's "our", "us", "We" too)
    assert first_person_entities(INTERVIEW) == ["houthis"] * 4


def test_an_authors_we_in_an_analysis_has_no_voice() -> None:
    assert first_person_entities(ANALYSIS) == []


def test_a_headline_about_someones_statement_gives_no_voice() -> None:
    text = ("Iran rejects US statement on Houthi weapons\n\n"
            "Tehran said on Friday that the charge was false. We will respond, an official "
            "added.\n")
    assert "united-states" not in first_person_entities(text)


def test_a_departments_briefing_speaks_for_its_state() -> None:
    text = ("Department of Defense Press Briefing by the Pentagon Press Secretary\n\n"
            "We continue to provide the SDF with ammunition and vehicles.\n")
    assert ("ARMS_TRANSFER", "united-states", "sdf") in triples(text)


# ------------------------------------------------------------- forces named by pronoun


def test_its_troops_are_the_states_armed_forces() -> None:
    found = triples("Pakistan said that its troops had repelled an attack by the TTP.")
    assert ("CLASH", "pakistan-army", "ttp") in found
    assert not any("pakistan" in (t[1], t[2]) for t in found)


def test_a_state_and_its_own_army_are_one_side() -> None:
    found = triples("Rwanda funds and arms the Rwanda Defence Force. Uganda pays for its "
                    "own troops.")
    assert not found
    found = triples("Kigali deployed its troops to support the M23.")
    assert ("SUPPORT", "rwanda", "m23") in found


def test_an_armed_groups_our_forces_stay_the_group() -> None:
    text = ('"Our forces struck the army\'s positions," said Lawrence Kanyuka, the M23 '
            "spokesman.")
    assert first_person_entities(text) == ["m23"]


def test_a_titled_guest_in_the_head_speaks_for_his_body() -> None:
    text = ('"We never armed the rebels" - Rwanda\'s special envoy on the Washington deal\n\n'
            "Transcript, edited for length.\n\n"
            "Q: Kinshasa says you arm the M23. What is your answer?\n\n"
            "A: We have asked Kinshasa to talk to the M23 for years.\n")
    assert ("DEMAND", "rwanda", "dr-congo") in triples(text)


def test_an_analysts_interview_has_no_voice() -> None:
    text = ('"Armenia is diversifying": an interview with defence analyst Arman Petrosov\n\n'
            "Transcript, edited for length.\n\n"
            "A: We see more French radars in Armenia than a year ago.\n")
    assert first_person_entities(text) == []


def test_a_translation_note_names_no_issuer_and_capitals_in_a_heading_no_one() -> None:
    text = ("REPUBLIQUE DEMOCRATIQUE DU CONGO\nMinistry of Communication and Media\n\n"
            "PRESS RELEASE No. 014/2025\n(Unofficial translation from the French)\n\n"
            "We have asked Kigali to withdraw its troops from Goma.\n")
    assert set(first_person_entities(text)) == {"dr-congo"}
    assert ("DEMAND", "dr-congo", "rwanda") in triples(text)
    names = {m.entity.name for item in analysed_sentences(
        Document(name="d.txt", text=text, sha256=content_hash(text))) for m in item.sm.mentions}
    assert not names & {"Press Release", "Republique Democratique Du"}


INTRODUCED = """INTERVIEW | "Our orders come from Baghdad"

A senior commander of the Popular Mobilization Forces talks about the border, the
Americans and Iran. The interview was recorded in Baghdad and has been edited for length.

Q: Do you work with the Syrian army?

Karim al-Saadi (commander, northern axis): We coordinate with the Syrian army against
ISIS remnants near al-Qaim.
"""


def test_an_interviewees_we_is_the_body_the_introduction_titles_him_with() -> None:
    # "a senior commander of the PMF" in the prose under the headline: his "we" is the PMF
    assert "pmf" in first_person_entities(INTRODUCED)
    found = triples(INTRODUCED)
    assert any(t == "COORDINATION" and {s, o} == {"pmf",
                                                 "syrian-arab-army"} for t, s, o in found)
