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


@pytest.mark.parametrize(("query", "expected"), SEARCH_TABLE)
def test_search_syntax_means_the_same_on_every_backend(store: SqlStore, query: str,
                                                       expected: set[str]) -> None:
    made = {key: add(store, text).id for key, text in SEARCH_TEXTS.items()}
    found = ids(store.claims(ClaimFilter(search=query)))
    assert found == {made[k] for k in expected}


@pytest.mark.parametrize("query", ["-Iran", '-"Iran Russia"', "--", "***", "' \""])
def test_search_with_nothing_to_look_for_is_an_error(query: str) -> None:
    with pytest.raises(ValidationError):
        ClaimFilter(search=query)


