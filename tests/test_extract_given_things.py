"""What is given decides the claim type (themes.py): people and shelter given with arms are
support as well, words for money are funding, and humanitarian funding is no claim
(guide 16). Sentences written for these tests."""

from __future__ import annotations

import pytest

from extract_helpers import triples


@pytest.mark.parametrize("text, recipient", [
    ("Turkey sent armed drones and military advisers to the GNA.",
     "libyan-government-of-national-accord"),
    ("Iran has provided Kata'ib Hezbollah with funds, weapons and advisers for a decade.",
     "kataib-hezbollah"),
])
def test_advisers_given_with_arms_are_support_too(text, recipient) -> None:
    found = {(t, o) for t, s, o in triples(text) if s in ("turkey", "iran")}
    assert ("ARMS_TRANSFER", recipient) in found
    assert ("SUPPORT", recipient) in found


def test_other_resources_given_with_arms_are_no_second_claim() -> None:
    found = triples("Russia sent weapons and other resources to Haftar.")
    assert ("ARMS_TRANSFER", "russia", "khalifa-haftar") in found
    assert not any(t == "SUPPORT" for t, _, _ in found)


@pytest.mark.parametrize("text", [
    "Iran sent the proceeds to the Houthis.",
    "Iran provides the Houthis with smaller sums every month.",
    "Iran provided the Houthis with revenue to sustain the war.",
])
def test_words_for_money_are_funding(text) -> None:
    assert ("FUNDING", "iran", "houthis") in triples(text)


def test_humanitarian_funding_is_no_claim() -> None:
    found = triples("The European Union and Japan announced new humanitarian funding for "
                    "Afghanistan this month.")
    assert not any(t in ("FUNDING", "SUPPORT") for t, _, _ in found)
    # a military word keeps it
    assert ("SUPPORT", "qatar", "lebanese-armed-forces") in triples(
        "Qatar announced military assistance for the Lebanese army.")


def test_financial_among_coordinated_kinds_of_support_is_funding_too() -> None:
    found = triples("The UAE has provided the RSF with extensive military, financial and "
                    "political support.")
    assert {("SUPPORT", "uae", "rsf"), ("FUNDING", "uae", "rsf")} <= found
