"""Forces a state keeps in another state support it (guide 4). Sentences written for
these tests."""

from __future__ import annotations

import pytest

from extract_helpers import only, triples


@pytest.mark.parametrize("text, keeper, host", [
    ("Ethiopia has about 3,000 troops in Somalia under the African Union mission.",
     "ethiopia", "somalia"),
    ("Burundi, which has about 10,000 troops in eastern Congo, denied the report.",
     "burundi", "dr-congo"),
    ("The United States keeps about 900 soldiers in Syria.", "united-states", "syria"),
    ("About 1,500 Russian troops are stationed in Transnistria.", "russian-armed-forces",
     "transnistria"),
    ("Russia has bases in Syria.", "russia", "syria"),
])
def test_forces_kept_in_another_state_support_it(text, keeper, host) -> None:
    assert ("SUPPORT", keeper, host) in triples(text)


@pytest.mark.parametrize("text", [
    "The Burundian army already had several thousand troops in South Kivu.",
    "The militia attacked a US base in Syria.",
    "Iran has troops in Iran.",
])
def test_a_place_an_attack_or_the_own_state_is_no_host(text) -> None:
    assert not any(t == "SUPPORT" for t, _, _ in triples(text))


@pytest.mark.parametrize("text, keeper, host", [
    ("Only Russian instructors are present in Mali, the junta said.", "russia", "mali"),
    ("The Russian instructors present in Mali train the army's drone units.", "russia",
     "mali"),
    ("Iranian advisers were present at Kata'ib Hezbollah's drone workshops.", "iran",
     "kataib-hezbollah"),
    ("Cuban advisers have been embedded in Venezuela's armed forces for years.", "cuba",
     "fanb"),
])
def test_forces_present_or_embedded_support_their_host(text, keeper, host) -> None:
    assert ("SUPPORT", keeper, host) in triples(text)


def test_forces_said_not_to_be_present_are_a_denied_support() -> None:
    claim = only("Belarusian servicemen are not present on the territory of Ukraine.",
                 "SUPPORT", "belarusian-armed-forces", "ukraine")
    assert claim.status == "denied"


@pytest.mark.parametrize("text", [
    "Al-Qaeda members are present in Afghanistan.",  # no state's forces
    "Israel expanded its military presence in southern Syria.",  # the noun: no host
    "Russian diplomats were present at the ceremony in Bamako.",
])
def test_presence_of_others_or_the_noun_is_no_support(text) -> None:
    assert not any(t == "SUPPORT" for t, _, _ in triples(text))
