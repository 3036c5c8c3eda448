"""Whom a recruiter takes in: people no other claim makes a party are RECRUITMENT's object,
named as written. Sentences written for these tests."""

from __future__ import annotations

import pytest

from extract_helpers import named_triples
from proxygraph.extract import extract_text


def _recruited(text: str) -> set[tuple[str, str]]:
    return {(c.subject.name, c.object.name) for c in extract_text(text)
            if c.type == "RECRUITMENT" and c.object is not None}


@pytest.mark.parametrize("text, expected", [
    ("The M23 recruited young men and children in Rutshuru.",
     {("M23", "young men"), ("M23", "children")}),
    ("The EMC has forcibly recruited hundreds of minors.", {("Estado Mayor Central", "minors")}),
    ("The Houthis recruited 34 children in Hajjah.", {("Houthis", "children")}),
    ("Russia is recruiting Syrians to fight in Ukraine.", {("Russia", "Syrians")}),
    ("The ELN's recruitment of minors has grown.", {("National Liberation Army", "minors")}),
])
def test_recruited_people_are_the_object(text, expected) -> None:
    assert _recruited(text) == expected


def test_the_phrase_with_its_origin_is_an_alias() -> None:
    claim = next(c for c in extract_text("Alabuga has recruited young women from Africa and "
                                          "Central Asia.") if c.type == "RECRUITMENT")
    assert claim.object.name == "young women"
    assert "young women from Africa and Central Asia" in claim.object.aliases


def test_the_origin_the_parser_hangs_on_the_verb_is_read_too() -> None:
    # "from Africa" attached to "recruited", not to "women"; a date is no origin
    claim = next(c for c in extract_text("Alabuga recruited young women from Africa through "
                                          "a study programme.") if c.type == "RECRUITMENT")
    assert "young women from Africa" in claim.object.aliases
    claim = next(c for c in extract_text("The Houthis recruited young men in 2023.")
                 if c.type == "RECRUITMENT")
    assert all("2023" not in a for a in claim.object.aliases)


def test_an_indefinite_group_keeps_where_it_is_as_an_alias() -> None:
    claim = next(c for c in extract_text("Iran smuggled rifles to militants in the West Bank.")
                 if c.type == "ARMS_TRANSFER")
    assert claim.object.name == "militants"
    assert "militants in the West Bank" in claim.object.aliases


@pytest.mark.parametrize("text", [
    "The army killed young men in Rutshuru.",  # no recruitment: civilians are no party
    "The M23 recruited the men.",  # "the men" point back to a group named before
    "Hezbollah recruited its youth.",
])
def test_people_make_no_party_outside_recruitment(text) -> None:
    assert not any(c.object is not None and c.object.kind == "collective"
                   and c.object.name in ("young men", "men", "youth")
                   for c in extract_text(text))


@pytest.mark.parametrize("text, recruiter", [
    ("Kata'ib Hezbollah recruited young men from Iraq's southern provinces, offering monthly "
     "stipends of around $500.", "Kata'ib Hezbollah"),
    ("The RSF recruits fighters in Chad by offering monthly salaries of 300 dollars.",
     "Rapid Support Forces"),
])
def test_pay_offered_to_the_recruited_is_funding_of_them(text, recruiter) -> None:
    found = named_triples(text)
    recruited = {o for t, s, o in found if t == "RECRUITMENT" and s == recruiter}
    assert recruited and any(("FUNDING", recruiter, o) in found for o in recruited)


def test_pay_offered_beside_an_attack_is_no_funding_of_the_attacked() -> None:
    found = named_triples("The Houthis attacked Saudi Arabia, offering a truce in return.")
    assert not any(t == "FUNDING" for t, _, _ in found)


def test_recruiting_among_people_takes_them_in() -> None:
    found = named_triples("Katiba Macina continued to recruit among young Fulani herders.")
    assert ("RECRUITMENT", "Katiba Macina", "young Fulani herders") in found
