"""Full-text search: one syntax, the same answers on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from proxygraph.errors import ValidationError
from proxygraph.store import ClaimFilter, SqlStore
from store_helpers import (
    add,
    store_fixture,  # noqa: F401  (fixture "store")
    store_url_fixture,  # noqa: F401  (fixture "store_url")
)


def ids(found: list) -> set[str]:
    return {c.id for c in found}


# --- one search syntax, one answer on every backend -------------------------------------

SEARCH_TEXTS = {
    "possessive": "Hezbollah's fighters received Pantsir-S1 systems from Russia.",
    "drones": "Iran shipped Shahed-136 drones to Russia in 2022.",
    "kataib": "Iran armed Kata'ib Hezbollah with rockets.",
    "houthis": "The Houthis fired Iranian-made missiles at ships.",
    "accent": "Hizballāh commanders met in Beirut.",
}

SEARCH_TABLE = [
    ("Hezbollah's", {"possessive", "kataib"}),
    ("hezbollah", {"possessive", "kataib"}),
    ("HEZBOLLAH’s", {"possessive", "kataib"}),
    ("pantsir OR drones", {"possessive", "drones"}),
    ("Pantsir OR drone", {"possessive", "drones"}),
    ("russia pantsir OR drones", {"possessive", "drones"}),
    ("Russia OR Iran", {"possessive", "drones", "kataib"}),
    ("hezbollah -rockets", {"possessive"}),
    ("hezbollah -\"kata'ib hezbollah\"", {"possessive"}),
    ("-rockets hezbollah", {"possessive"}),
    ('"shipped Shahed-136"', {"drones"}),
    ('"shahed 136"', {"drones"}),
    ("Shahed-136", {"drones"}),
    ('"drones shipped"', set()),
    ("Kata'ib", {"kataib"}),
    ("Kataib", {"kataib"}),
    ("hizballah", {"accent"}),
    ("HIZBALLĀH", {"accent"}),
    ("iranian-made", {"houthis"}),
    ("fire missile", {"houthis"}),
    ("iran russia", {"drones"}),
    ("Iran*", {"drones", "kataib"}),
    ("NEAR(Iran Russia)", set()),
    ("evidence:Iran", set()),
    ("submarine", set()),
    ("submarine OR missiles", {"houthis"}),
    ("ships", {"houthis", "drones"}),  # ship, ships, shipped: one stem
    ("OR ships", set()),
]


def test_search_syntax_means_the_same_on_every_backend(store: SqlStore) -> None:
    """The whole table against one store per backend (the fixture runs it on each)."""
    made = {key: add(store, text).id for key, text in SEARCH_TEXTS.items()}
    names = {v: k for k, v in made.items()}
    wrong = {}
    for query, expected in SEARCH_TABLE:
        found = {names[i] for i in ids(store.claims(ClaimFilter(search=query)))}
        if found != expected:
            wrong[query] = (sorted(found), sorted(expected))
    assert wrong == {}  # query: (found, expected)


@pytest.mark.parametrize("query", ["-Iran", '-"Iran Russia"', "--", "***", "' \""])
def test_search_with_nothing_to_look_for_is_an_error(query: str) -> None:
    with pytest.raises(ValidationError):
        ClaimFilter(search=query)


