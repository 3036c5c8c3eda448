"""What is given, one kind per conjunct, and the pay that comes with a recruitment
(themes.py, inducements.py). Sentences written for these tests; the rules alone."""

from __future__ import annotations

import pytest

from extract_helpers import RULES_ONLY, components_off, triples_without
from proxygraph.extract import extract_text


@pytest.mark.parametrize("text, claims", [
    # the first conjunct's phrase holds the drones: each is typed on its own
    ("Iran sent advisers and drones to the Houthis.",
     {("SUPPORT", "iran", "houthis"), ("ARMS_TRANSFER", "iran", "houthis")}),
    ("Lashkar-e-Taiba provides The Resistance Front with fighters and weapons.",
     {("SUPPORT", "lashkar-e-taiba", "the-resistance-front"),
      ("ARMS_TRANSFER", "lashkar-e-taiba", "the-resistance-front")}),
])
def test_people_and_materiel_given_together_are_support_and_arms(
        text: str, claims: set[tuple[str, str, str]], monkeypatch: pytest.MonkeyPatch) -> None:
    assert claims <= triples_without(text, RULES_ONLY, monkeypatch)


@pytest.mark.parametrize("text", [
    "Russia supplied Su-30 fighters and missiles to Mali.",
    "Iran sent weapons and other resources to the Houthis.",
])
def test_materiel_alone_is_no_support(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    found = triples_without(text, RULES_ONLY, monkeypatch)
    assert any(t == "ARMS_TRANSFER" for t, _, _ in found)
    assert not any(t == "SUPPORT" for t, _, _ in found)


@pytest.mark.parametrize("text", [
    "AQAP recruited fighters in Abyan with salaries of up to 300 US dollars a month.",
    "AQAP recruits fighters in Abyan, including through payments of 100,000 rials.",
    "AQAP recruited fighters in Abyan, paying them 300 US dollars a month.",
])
def test_pay_named_with_a_recruitment_funds_the_recruits(
        text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    found = triples_without(text, RULES_ONLY, monkeypatch)
    recruited = {o for t, s, o in found if t == "RECRUITMENT" and s == "aqap"}
    assert recruited
    assert {o for t, s, o in found if t == "FUNDING" and s == "aqap"} == recruited


@pytest.mark.parametrize("text", [
    "AQAP recruited fighters in Abyan for the war against the Houthis.",
    "Wagner recruited convicts with promises of pardons.",
])
def test_a_recruitment_without_pay_funds_no_one(text: str,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    found = triples_without(text, RULES_ONLY, monkeypatch)
    assert any(t == "RECRUITMENT" for t, _, _ in found)
    assert not any(t == "FUNDING" for t, _, _ in found)


def test_a_company_hired_is_paid_and_serves_the_hirer(monkeypatch: pytest.MonkeyPatch) -> None:
    found = triples_without("Mali hired the Wagner Group in 2021.", RULES_ONLY, monkeypatch)
    assert {("FUNDING", "mali", "wagner-group"), ("SUPPORT", "wagner-group", "mali")} <= found
    assert ("RECRUITMENT", "mali", "wagner-group") not in found


def test_people_hired_are_recruited(monkeypatch: pytest.MonkeyPatch) -> None:
    found = triples_without("Hezbollah hired local smugglers in the Bekaa.", RULES_ONLY,
                            monkeypatch)
    assert [t for t, _, _ in found] == ["RECRUITMENT"]


@pytest.mark.parametrize("text, given, returned", [
    ("North Korea shipped artillery shells to Russia in exchange for oil.",
     ("ARMS_TRANSFER", "north-korea", "russia"), ("TRADE", "russia", "north-korea")),
    ("Iran supplies drones to Russia in return for Su-35 jets.",
     ("ARMS_TRANSFER", "iran", "russia"), ("ARMS_TRANSFER", "russia", "iran")),
    ("Liberia armed the RUF in exchange for diamonds.",
     ("ARMS_TRANSFER", "liberia", "revolutionary-united-front"),
     ("TRADE", "revolutionary-united-front", "liberia")),
])
def test_what_a_gift_is_exchanged_for_is_given_back(
        text: str, given: tuple[str, str, str], returned: tuple[str, str, str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    found = triples_without(text, RULES_ONLY, monkeypatch)
    assert {given, returned} <= found


def test_the_return_is_not_an_item_of_the_gift(monkeypatch: pytest.MonkeyPatch) -> None:
    with components_off(RULES_ONLY, monkeypatch):
        claims = extract_text("Liberia armed the RUF in exchange for diamonds.")
    gift = next(c for c in claims if c.type == "ARMS_TRANSFER")
    assert [i.name.lower() for i in gift.items] == []


@pytest.mark.parametrize("text", [
    "Los Lobos supplies cocaine to the Jalisco cartel.",
    "The Kachin Border Guard Force sold ore to Chinese companies for years.",
])
def test_drugs_and_ore_sold_are_trade(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    types = {t for t, _, _ in triples_without(text, RULES_ONLY, monkeypatch)}
    assert types == {"TRADE"}
