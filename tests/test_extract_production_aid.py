"""Help toward making things is PRODUCTION helper -> helped (annotation guide 14)."""

from __future__ import annotations

import pytest

from extract_helpers import triples


@pytest.mark.parametrize("text, helper, helped", [
    ("Iran helped Hezbollah set up facilities in Lebanon to convert unguided rockets into "
     "precision-guided munitions.", "iran", "hezbollah"),
    ("Russia is believed to be helping North Korea with drone production.",
     "russia", "north-korea"),
    ("The Russian Federation could assist the Democratic People's Republic of Korea in "
     "developing satellites.", "russia", "north-korea"),
    ("Iran also helped Ethiopia set up a small drone assembly line.", "iran", "ethiopia"),
])
def test_help_to_make_things_is_production_not_support(text, helper, helped) -> None:
    found = triples(text)
    assert ("PRODUCTION", helper, helped) in found
    assert not {t for t, s, o in found if (s, o) == (helper, helped)} - {"PRODUCTION"}


def test_help_beside_someone_elses_making_stays_support() -> None:
    # the engineers' building is their own clause, not what Russia helped with
    found = triples("Russia helped the Houthis while Iranian engineers built the drones.")
    assert ("SUPPORT", "russia", "houthis") in found
    assert not any(t == "PRODUCTION" and s == "russia" for t, s, _ in found)


def test_help_to_fight_is_support() -> None:
    found = triples("Turkey helped the Libyan government retake Tripoli.")
    assert ("SUPPORT", "turkey", "libya") in found
    assert not any(t == "PRODUCTION" for t, _, _ in found)


def test_help_to_improve_a_weapon_is_production_but_not_help_to_improve_tactics() -> None:
    found = triples("Russian specialists were assisting the DPRK in improving the accuracy "
                    "of its ballistic missiles.")
    assert any(t == "PRODUCTION" and o == "north-korea" for t, _, o in found)
    found = triples("Russian specialists were assisting the DPRK in improving its tactics.")
    assert not any(t == "PRODUCTION" for t, _, _ in found)


def test_the_production_a_helper_assists_with_has_no_second_claim_without_the_helped() -> None:
    found = triples("Russian specialists may have assisted the DPRK with the production of "
                    "Shahed-type attack drones at a plant near Pyongyang.")
    assert ("PRODUCTION", "russia", "north-korea") in found
    assert ("PRODUCTION", "russia", None) not in found


def test_making_use_of_drones_is_no_production() -> None:
    assert not triples("The ENDF made wide use of armed drones from late 2021.")
    assert ("PRODUCTION", "iran", None) in triples("Iran makes drones at a plant in Isfahan.")
