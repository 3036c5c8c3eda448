"""Quantities: one test per pattern, negatives, and offset properties."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from proxygraph.extract.quantity import find_quantities
from proxygraph.model import Quantity


def quantities(text: str) -> list[Quantity]:
    return [q for _, _, q in find_quantities(text)]


def only(text: str) -> Quantity:
    found = quantities(text)
    assert len(found) == 1, found
    return found[0]


def test_count_with_modifiers_and_rate() -> None:
    text = "The new plant can turn out 6,000 Iranian-spec Shahed UAVs per year for the army."
    [(start, end, q)] = find_quantities(text)
    assert q == Quantity("6,000 Iranian-spec Shahed UAVs per year", 6000.0, "Shahed UAVs",
                         "per year")
    assert text[start:end] == q.text


def test_plain_count() -> None:
    q = only("The ministry said 16,000 volunteers had signed up.")
    assert (q.value, q.unit, q.rate) == (16000.0, "volunteers", None)


def test_approximate_count_keeps_value() -> None:
    q = only("Officials counted about 16,000 from across the region.")
    assert (q.text, q.value, q.unit) == ("about 16,000", 16000.0, None)
    q = only("An estimated 300 fighters crossed.")
    assert (q.text, q.value, q.unit) == ("An estimated 300 fighters", 300.0, "fighters")


@pytest.mark.parametrize("phrase", [
    "60 percent to 70 percent", "60-70 percent", "60–70%", "between 60 and 70 percent",
    "60 to 70 per cent",
])
def test_percent_ranges(phrase: str) -> None:
    q = only(f"Foreign rifles made up {phrase} of the captured stock.")
    assert (q.text, q.value, q.unit) == (phrase, (60.0, 70.0), "percent")


def test_single_percent() -> None:
    q = only("Roughly 45% of the budget went to the militias.")
    assert (q.text, q.value, q.unit) == ("Roughly 45%", 45.0, "percent")


@pytest.mark.parametrize("phrase, value, unit", [
    ("$700 million", 700_000_000.0, "USD"),
    ("1.5 billion dollars", 1_500_000_000.0, "USD"),
    ("US$ 5 million", 5_000_000.0, "USD"),
    ("$2bn", 2_000_000_000.0, "USD"),
    ("€300 million", 300_000_000.0, "EUR"),
    ("40 million US dollars", 40_000_000.0, "USD"),
    ("a million dollars", 1_000_000.0, "USD"),
])
def test_money(phrase: str, value: float, unit: str) -> None:
    q = only(f"Tehran transferred {phrase} to the group.")
    assert (q.text, q.value, q.unit) == (phrase, value, unit)


def test_money_range_shares_scale() -> None:
    q = only("Budgets of $1-2 billion were discussed.")
    assert (q.value, q.unit) == ((1e9, 2e9), "USD")
    q = only("Budgets of 1 to 2 million dollars were discussed.")
    assert (q.value, q.unit) == ((1e6, 2e6), "USD")


@pytest.mark.parametrize("phrase, value, unit", [
    ("millions of dollars", "millions", "USD"),
    ("hundreds of drones", "hundreds", "drones"),
    ("dozens of Iranian-made rockets", "dozens", "rockets"),
    ("thousands of fighters", "thousands", "fighters"),
    ("tens of thousands of shells", "tens of thousands", "shells"),
    ("several hundred advisers", "hundreds", "advisers"),
])
def test_vague_amounts(phrase: str, value: str, unit: str) -> None:
    q = only(f"Moscow gained {phrase} in the deal.")
    assert (q.text, q.value, q.unit) == (phrase, value, unit)


@pytest.mark.parametrize("phrase, value, unit", [
    ("a dozen missiles", 12.0, "missiles"),
    ("two dozen launchers", 24.0, "launchers"),
    ("half a dozen boats", 6.0, "boats"),
    ("two ships", 2.0, "ships"),
    ("Seventeen trucks", 17.0, "trucks"),
    ("twenty-five advisers", 25.0, "advisers"),
    ("three thousand rounds", 3000.0, "rounds"),
])
def test_number_words(phrase: str, value: float, unit: str) -> None:
    q = only(f"They sent {phrase} across the border.")
    assert (q.text, q.value, q.unit) == (phrase, value, unit)


def test_word_number_range() -> None:
    q = only("They sent two to three ships.")
    assert (q.value, q.unit) == ((2.0, 3.0), "ships")


def test_digit_range_with_unit() -> None:
    q = only("Some 2,000-3,000 fighters stayed behind.")
    assert (q.text, q.value, q.unit) == ("Some 2,000-3,000 fighters", (2000.0, 3000.0),
                                         "fighters")


@pytest.mark.parametrize("phrase, rate", [
    ("300 drones per month", "per month"),
    ("300 drones a year", "per year"),
    ("300 drones annually", "per year"),
    ("300 drones each week", "per week"),
    ("300 drones every month", "per month"),
    ("300 drones a day", "per day"),
    ("300 drones monthly", "per month"),
])
def test_rates(phrase: str, rate: str) -> None:
    q = only(f"The factory assembles {phrase} for export.")
    assert (q.text, q.value, q.unit, q.rate) == (phrase, 300.0, "drones", rate)


def test_rate_without_unit() -> None:
    q = only("Output reached 6,000 per year by then.")
    assert (q.text, q.value, q.unit, q.rate) == ("6,000 per year", 6000.0, None, "per year")


def test_a_year_ago_is_not_a_rate() -> None:
    q = only("It received 300 drones a year ago.")
    assert (q.text, q.rate) == ("300 drones", None)


def test_unit_stops_at_prepositions_and_verbs() -> None:
    assert only("About 500 Syrian fighters from Daraa joined.").unit == "fighters"
    assert only("They sent 40 ships carrying grain.").unit == "ships"
    assert only("Some 900 men were sent.").unit == "men"
    assert only("They sent 30 Russian-made long-range missiles.").unit == "missiles"
    assert only("They sent 12 Su-35 jets.").unit == "Su-35 jets"


def test_several_quantities_in_order() -> None:
    text = "Iran sent 300 drones and 12 launchers, plus $50 million."
    found = find_quantities(text)
    assert [(q.value, q.unit) for _, _, q in found] == [
        (300.0, "drones"), (12.0, "launchers"), (50_000_000.0, "USD")]
    assert [s for s, _, _ in found] == sorted(s for s, _, _ in found)


# ------------------------------------------------------------------ negatives

@pytest.mark.parametrize("text", [
    "The clashes broke out in 2022.",
    "The 2024 Israeli ground operation ended.",
    "It began on Oct. 7, 2023, at dawn.",
    "It began on 12 February 2024.",
    "Fighting resumed from 2015 to 2018.",
    "The 5th Corps and the 4th Division moved.",
    "Iran supplied Shahed-136 drones and Fateh-110 missiles.",
    "The S-300 battery was moved.",
    "F-16s and MiG-29s flew over.",
    "A 2000-pound bomb hit the depot.",
    "The council passed Resolution 1701.",
    "The 313 Brigade withdrew.",
    "One of the groups withdrew.",
    "The deal lasted two years.",
    "Two weeks after Oct. 7, 2023, talks began.",
    "The trade grew three times over.",
    "They met one another.",
    "The commanders spoke at 10:30 that night.",
    "The report cites it.[12]",
    "Recruits trained in the 1990s.",
])
def test_not_quantities(text: str) -> None:
    assert find_quantities(text) == []


def test_years_as_counts_are_quantities() -> None:
    q = only("Nearly 2000 troops arrived.")
    assert (q.value, q.unit) == (2000.0, "troops")


def test_day_numbers_without_year_are_not_quantities() -> None:
    assert find_quantities("They arrived on March 12 at the port.") == []


def test_metres_are_not_millions() -> None:
    assert find_quantities("The wall is 5m high.") == []


# ---------------------------------------------------------------- properties

_PIECES = st.sampled_from([
    "6,000", "60", "-", "–", "70", " percent", "%", "$", "700", " million", " dollars",
    " of ", "hundreds", "a dozen", "two", " ships", " per year", " a month", "Shahed-136",
    "2023", "Oct. 7, ", " to ", " and ", "between ", "about ", " ", ".", "1.5", " billion",
])


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(), st.lists(_PIECES, max_size=14).map("".join)))
def test_find_quantities_never_raises(text: str) -> None:
    found = find_quantities(text)
    assert isinstance(found, list)
    last_end = 0
    for start, end, q in found:
        assert 0 <= start < end <= len(text)
        assert text[start:end] == q.text
        assert start >= last_end
        last_end = end
        assert isinstance(q.value, float | tuple | str)
        if isinstance(q.value, tuple):
            assert q.value[0] < q.value[1]


def test_rate_after_an_of_complement() -> None:
    q = only("The depot ships 100,000 rounds of ammunition per month.")
    assert (q.text, q.value, q.unit, q.rate) == (
        "100,000 rounds of ammunition per month", 100000.0, "rounds", "per month")


def test_possessive_and_sentence_initial_one_are_skipped() -> None:
    assert find_quantities("They respect one another's interests.") == []
    assert find_quantities("One tangible result could be a new plant.") == []
    assert only("They sent one ship.").value == 1.0


def test_unicode_and_empty_input() -> None:
    assert find_quantities("") == []
    assert find_quantities("٣٠٠ طائرة مسيرة") == []
    assert only("Ils ont envoyé 300 drones.").unit == "drones"
