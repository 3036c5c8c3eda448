"""What the demo shows must be trustworthy: each sample's key claims come out, and the
errors a reader would spot at once (a state fighting its own forces, oil and grain as
weapons) do not."""

from __future__ import annotations

from functools import cache

import pytest

from proxygraph.cli.extract_cmds import sample_documents
from proxygraph.extract import extract_text
from proxygraph.model import Claim


@cache
def sample_claims() -> dict[str, list[Claim]]:
    return {d.name: extract_text(d.text, name=d.name) for d in sample_documents()}


def _find(doc_prefix: str, ctype: str, subject: str, obj: str) -> list[Claim]:
    [name] = [n for n in sample_claims() if n.startswith(doc_prefix)]
    return [c for c in sample_claims()[name] if c.type == ctype and c.subject.name == subject
            and c.object is not None and c.object.name == obj]


@pytest.mark.parametrize(("doc", "ctype", "subject", "obj"), [
    ("s01", "ARMS_TRANSFER", "Iran", "Hezbollah"),      # rockets and drone parts moved
    ("s01", "FUNDING", "Iran", "Hezbollah"),            # "Tehran gives Hezbollah ..."
    ("s01", "TRAINING", "Islamic Revolutionary Guard Corps", "Hezbollah"),
    ("s03", "FUNDING", "Quds Force", "Kata'ib Hezbollah"),
    ("s03", "ARMS_TRANSFER", "Iran", "Kata'ib Hezbollah"),
    ("s04", "ARMS_TRANSFER", "Iran", "Russia"),          # Shahed-136 bought from Iran
    ("s05", "ARMS_TRANSFER", "North Korea", "Russia"),   # shells shipped
    ("s08", "TRADE", "Russia", "Iran"),                  # oil, grain, weapons exchanged
    ("s13", "AGREEMENT", "Vladimir Putin", "Masoud Pezeshkian"),
])
def test_key_claim_of_each_sample(doc: str, ctype: str, subject: str, obj: str) -> None:
    assert _find(doc, ctype, subject, obj), (doc, ctype, subject, obj)


def test_items_of_the_hezbollah_pipeline() -> None:
    # the relation is stated more than once (each statement its own claim); the statement
    # that lists the items carries them
    claims = _find("s01", "ARMS_TRANSFER", "Iran", "Hezbollah")
    assert any({"rockets", "drone components"} <= {i.name for i in c.items} for c in claims)


def test_tehran_funding_carries_its_amount() -> None:
    [claim] = _find("s01", "FUNDING", "Iran", "Hezbollah")
    assert claim.quantity is not None
    assert claim.quantity.value == 700_000_000 and claim.quantity.rate == "per year"


def test_no_state_clashes_with_its_own_forces() -> None:
    for claims in sample_claims().values():
        for c in claims:
            if c.type == "CLASH" and c.object is not None:
                assert c.subject.affiliation != c.object.id, c
                assert c.object.affiliation != c.subject.id, c


def test_commodities_are_never_arms() -> None:
    commodities = {"oil", "grain", "wheat", "gold", "fuel"}
    for claims in sample_claims().values():
        for c in claims:
            if c.type == "ARMS_TRANSFER":
                assert not {i.name for i in c.items} & commodities, c


def test_exchange_is_trade_only() -> None:
    # "Moscow and Tehran have exchanged oil, grain and weapons": undirected, so TRADE
    assert not _find("s08", "ARMS_TRANSFER", "Russia", "Iran")
