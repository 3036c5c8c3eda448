"""Ground taken from a side is a fight with it (extract/territory.py)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from extract_helpers import RULES_ONLY, triples_without


@pytest.fixture
def clashes(monkeypatch: pytest.MonkeyPatch) -> Callable[[str], set[tuple[str, str | None]]]:
    """The CLASH pairs the rules alone find in a text."""
    def found(text: str) -> set[tuple[str, str | None]]:
        return {(s, o) for t, s, o in triples_without(text, RULES_ONLY, monkeypatch)
                if t == "CLASH"}
    return found


@pytest.mark.parametrize(("text", "taker", "loser"), [
    ("The M23 took Goma from the FARDC in January.", "m23", "fardc"),
    ("Iraqi federal forces took control of Sinjar from the Peshmerga in October 2017.",
     "iraqi-security-forces", "peshmerga"),
    ("The Taliban took control of the border crossing from Pakistani forces.",
     "taliban", "pakistan-army"),
    ("The SDF seized the town from the Islamic State in 2017.", "sdf", "islamic-state"),
])
def test_a_place_taken_from_a_side_is_a_clash_with_it(
        clashes: Callable[[str], set[tuple[str, str | None]]], text: str, taker: str,
        loser: str) -> None:
    assert (taker, loser) in clashes(text)


@pytest.mark.parametrize("text", [
    "The navy seized a shipment from a dhow bound for the Houthis.",
    "Iran took Hezbollah fighters from Lebanon to Syria.",
    "The M23 took weapons from the FARDC depot.",
    "Hamas took the decision from Qatar's mediators.",
    "The UN mission MINUSCA took over from the African-led MISCA in September 2014.",
    "MINUSCA took over from the African-led MISCA in September 2014.<ref>UN 2014</ref>",
])
def test_taking_things_or_people_fights_no_one(
        clashes: Callable[[str], set[tuple[str, str | None]]], text: str) -> None:
    assert clashes(text) == set()


def test_the_taker_of_a_passive_is_the_agent(
        clashes: Callable[[str], set[tuple[str, str | None]]]) -> None:
    found = clashes("Sinjar was taken from the Peshmerga by the Iraqi army in 2017.")
    assert {s for s, o in found if o == "peshmerga"} & {"iraqi-security-forces", "iraq"}
