""""Either side", "both parties", "the warring parties": the two sides of the war the
report has told of (plural_references.pair_references, anaphora.DocumentContext)."""

from __future__ import annotations

import pytest

from extract_helpers import triples

WAR = ("Fighting between the Sudanese Armed Forces and the Rapid Support Forces broke out "
       "in April 2023. The RSF attacked the army in El Fasher in May. ")


@pytest.mark.parametrize("sentence", [
    "The UAE has repeatedly said that it does not support either side.",
    "The UAE said it has not provided and does not provide support to either warring party.",
    "The UAE has not provided support to any of the warring parties.",
])
def test_either_side_is_both_parties_of_the_war_told_before(sentence: str) -> None:
    found = {t for t in triples(WAR + sentence) if t[1] == "uae"}
    assert ("SUPPORT", "uae", "sudanese-armed-forces") in found
    assert ("SUPPORT", "uae", "rsf") in found


def test_either_side_needs_a_war_the_claims_told_of() -> None:
    # no fighting reported: "either side" names no one
    text = ("The Sudanese Armed Forces and the Rapid Support Forces met in Jeddah. Egypt hosted "
            "a conference on Sudan. The UAE said it does not support either side.")
    assert not any(s == "uae" and t == "SUPPORT" for t, s, _ in triples(text))


def test_the_sides_exclude_the_one_who_acts() -> None:
    # the RSF is no side it could arm: the other war the report told of is meant
    text = ("Armenia and Azerbaijan fought a war over Karabakh in 2020. Russia is likely to keep "
            "supplying both sides.")
    found = triples(text)
    assert ("ARMS_TRANSFER", "russia", "armenia") in found
    assert ("ARMS_TRANSFER", "russia", "azerbaijan") in found


def test_sides_with_no_third_party_acting_are_not_guessed() -> None:
    # "neither side confirmed": the sides could be any two just named
    text = WAR + "Saudi Arabia hosted talks in Jeddah. Neither side has confirmed the meeting."
    assert not any(t == "CONTACT" and {s, o} == {"sudanese-armed-forces", "rsf"}
                   for t, s, o in triples(text))


def test_a_counted_description_finds_its_actors_over_the_last_sentences() -> None:
    text = ("Mali expelled the French ambassador in 2022. Burkina Faso did the same in 2023, "
            "and Niger followed. Turkey has since sold drones to all three countries.")
    found = triples(text)
    for state in ("mali", "burkina-faso", "niger"):
        assert ("ARMS_TRANSFER", "turkey", state) in found, found


def test_a_counted_description_needs_exactly_as_many() -> None:
    text = ("Mali, Chad and Burkina Faso expelled French envoys. Niger followed in 2023. "
            "Turkey has since sold drones to the three countries.")
    assert not any(s == "turkey" and t == "ARMS_TRANSFER" for t, s, _ in triples(text))


def test_either_side_after_to_is_both_recipients() -> None:
    found = triples(WAR + "The UAE has denied supplying arms to either side.")
    assert ("ARMS_TRANSFER", "uae", "sudanese-armed-forces") in found
    assert ("ARMS_TRANSFER", "uae", "rsf") in found


def test_on_the_side_of_a_party_is_for_it_not_a_recipient_of_both() -> None:
    found = triples(WAR + "Egypt fought on the side of the Sudanese Armed Forces.")
    assert ("SUPPORT", "egypt", "sudanese-armed-forces") in found
    assert ("SUPPORT", "egypt", "rsf") not in found


def test_the_doers_own_ministry_and_spokeswoman_are_no_side() -> None:
    found = triples(WAR + "The official representative of the Russian Ministry of Foreign "
                    "Affairs Maria Zakharova said that Russia does not send weapons to either "
                    "side.")
    assert {(t, o) for t, s, o in found if s == "russia"} == {
        ("ARMS_TRANSFER", "sudanese-armed-forces"), ("ARMS_TRANSFER", "rsf")}
