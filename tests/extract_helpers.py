"""Shared helpers for the extraction pattern tests."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from proxygraph.extract import extract_text
from proxygraph.model import Claim


def triples(text: str) -> set[tuple[str, str, str | None]]:
    return {(c.type, c.subject.id, c.object.id if c.object else None) for c in extract_text(text)}


@contextmanager
def components_off(components: str, monkeypatch: Any) -> Iterator[None]:
    """The comma-separated components switched off inside the block, as
    PROXYGRAPH_EXTRACT_WITHOUT does ("learned,implied_party": the rules alone)."""
    from proxygraph.extract.families import active_components

    monkeypatch.setenv("PROXYGRAPH_EXTRACT_WITHOUT", components)
    active_components.cache_clear()
    try:
        yield
    finally:
        monkeypatch.delenv("PROXYGRAPH_EXTRACT_WITHOUT")
        active_components.cache_clear()


RULES_ONLY = "learned,implied_party"  # the components to switch off for the rules alone


def triples_without(text: str, components: str, monkeypatch: Any
                    ) -> set[tuple[str, str, str | None]]:
    """`triples` with the comma-separated components switched off."""
    with components_off(components, monkeypatch):
        return triples(text)


def named_triples(text: str) -> set[tuple[str, str, str | None]]:
    """(type, subject name, object name) of every claim: for parties the registry lacks."""
    return {(c.type, c.subject.name, c.object.name if c.object else None)
            for c in extract_text(text)}


def only(text: str, ctype: str, subject: str, obj: str | None) -> Claim:
    """The single claim of `ctype` between `subject` and `obj` in `text`."""
    found = [c for c in extract_text(text)
             if c.type == ctype and c.subject.id == subject
             and (c.object.id if c.object else None) == obj]
    assert len(found) == 1, [(c.type, c.subject.id, c.object and c.object.id)
                             for c in extract_text(text)]
    return found[0]
