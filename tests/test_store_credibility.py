"""Credibility: what corroborates or contradicts what, on every backend."""

from __future__ import annotations

import pytest

from proxygraph.store import ClaimFilter, SqlStore
from store_helpers import (
    HOUTHIS,
    IRAN,
    PANTSIR,
    RUSSIA,
    SHAHED,
    add,
    make_claim,
    make_doc,
    store_fixture,  # noqa: F401  (fixture "store")
    store_url_fixture,  # noqa: F401  (fixture "store_url")
)


def ids(found: list) -> set[str]:
    return {c.id for c in found}


# --- what corroborates what ---------------------------------------------------------------

YEAR_2022 = ("2022-01-01", "2022-12-31", "year")
YEAR_2025 = ("2025-01-01", "2025-12-31", "year")


def grade(store: SqlStore, claim) -> int:
    return store.claim(claim.id).credibility


def test_a_forecast_is_not_confirmed_by_an_occurrence_of_other_things(store: SqlStore) -> None:
    """The issue's case: a forecast from an E source became 'confirmed' by oil and grain."""
    past = add(store, "In 2022 Russia shipped Pantsir systems to Iran.", subject=RUSSIA,
               obj=IRAN, items=(PANTSIR,), time=YEAR_2022, publisher="Reuters",
               reliability="B")
    forecast = add(store, "Russia is expected to supply Iran with drones in 2025.",
                   subject=RUSSIA, obj=IRAN, items=(SHAHED,), time=YEAR_2025,
                   status="forecast", publisher="Tasnim", reliability="E")
    assert (grade(store, past), grade(store, forecast)) == (2, 2)  # each alone


@pytest.mark.parametrize(("first", "second", "confirms"), [
    ({"status": "occurred"}, {"status": "ongoing"}, True),
    ({"status": "planned"}, {"status": "forecast"}, True),
    ({"status": "occurred"}, {"status": "forecast"}, False),
    ({"status": "occurred"}, {"status": "planned"}, False),
    ({"time": YEAR_2022}, {"time": YEAR_2025}, False),
    ({"time": YEAR_2022}, {"time": ("2022-06-01", None, "month")}, True),
    ({"time": YEAR_2022}, {}, True),
    ({"items": (SHAHED,)}, {"items": (PANTSIR,)}, False),
    ({"items": (SHAHED,)}, {"items": (PANTSIR, SHAHED)}, True),
    ({"items": (SHAHED,)}, {}, True),
])
def test_corroboration_needs_agreeing_status_time_and_items(store: SqlStore, first, second,
                                                            confirms: bool) -> None:
    a = add(store, "Iran armed Russia (first).", publisher="A", reliability="B", **first)
    b = add(store, "Iran armed Russia (second).", publisher="B", reliability="B", **second)
    expected = 1 if confirms else 2
    assert (grade(store, a), grade(store, b)) == (expected, expected)


def test_a_weak_source_confirms_only_with_a_second_one(store: SqlStore) -> None:
    a = add(store, "Iran armed Russia.", publisher="CNAS", reliability="B")
    add(store, "Iran armed Russia, says Tasnim.", publisher="Tasnim", reliability="E")
    assert grade(store, a) == 2  # an E source alone confirms nothing
    add(store, "Iran armed Russia, says an unknown blog.", publisher="Blog")  # F
    assert grade(store, a) == 1  # two independent sources, however weak
    c = add(store, "Iran armed Russia, says Tasnim again.", publisher="Tasnim")
    assert grade(store, c) == 1  # CNAS (B) corroborates Tasnim's claim
    store.set_reliability("CNAS", "F", reviewer="ana")
    assert grade(store, c) == 1  # CNAS and Blog: two weak sources
    store.review(store.claims(ClaimFilter(search="blog"))[0].id, action="reject",
                 reviewer="ana")
    assert grade(store, c) == 2 and grade(store, a) == 2  # one weak source left each


def test_one_source_confirms_with_one_strong_claim_not_with_two_weak_ones(
        store: SqlStore) -> None:
    """A lookup reads each agreeing source with whether it is strong, at most two such
    rows: one source with a weak and a strong claim is two rows and confirms, as in the
    rules; one source with two weak claims is one row and does not."""
    from sqlalchemy import text

    first = add(store, "Iran armed Russia, says Tasnim.", publisher="Tasnim", reliability="E")
    add(store, "Iran armed Russia, Tasnim repeats.", publisher="Tasnim")
    weak_only = add(store, "Iran armed Russia, says CNAS.", publisher="CNAS", reliability="B")
    assert grade(store, weak_only) == 2
    # one of Tasnim's claims stored with a strong grade (as a store graded earlier may be)
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE claims SET reliability = 'C' WHERE id = :id"),
                     {"id": first.id})
    mixed = add(store, "Iran armed Russia, says RUSI.", publisher="RUSI", reliability="B")
    assert grade(store, mixed) == 1


def test_ingest_writes_only_the_grades_that_change(store: SqlStore) -> None:
    """A new claim graded as it was stored (corroborated) and a stored claim regraded to
    the grade it has cost no UPDATE row: each would look up a random claim id."""
    from sqlalchemy import event

    written: list[int] = []

    def count(conn, cursor, statement, parameters, context, executemany) -> None:
        if statement.startswith("UPDATE claims SET credibility"):
            written.append(len(parameters) if executemany else 1)

    first = add(store, "Iran armed Russia, says CNAS.", publisher="CNAS", reliability="B")
    event.listen(store.write_engine, "before_cursor_execute", count)
    try:
        # corroborated by CNAS (stored so), and CNAS's claim regraded 2 -> 1: one row
        second = add(store, "Iran armed Russia, says RUSI.", publisher="RUSI", reliability="B")
        assert sum(written) == 1
        assert (grade(store, first), grade(store, second)) == (1, 1)
        written.clear()
        # a denial contradicts only claims already corroborated: its own grade alone
        denial = add(store, "Iran denied arming Russia.", status="denied", publisher="MFA",
                     reliability="C")
        assert sum(written) == 1 and grade(store, denial) == 5
    finally:
        event.remove(store.write_engine, "before_cursor_execute", count)


def test_a_denial_contradicts_and_never_confirms(store: SqlStore) -> None:
    a = add(store, "Iran armed the Houthis.", obj=HOUTHIS, publisher="A", reliability="B")
    d = add(store, "Iran denied arming the Houthis.", obj=HOUTHIS, status="denied",
            publisher="B", reliability="B")
    assert (grade(store, a), grade(store, d)) == (5, 5)
    add(store, "Iran armed the Houthis, says C.", obj=HOUTHIS, publisher="C",
        reliability="C")
    assert grade(store, a) == 1  # corroborated beats contradicted
    other_year = add(store, "Iran armed the Houthis in 2025.", obj=HOUTHIS, time=YEAR_2025,
                     publisher="D", reliability="B", certainty="low")
    assert grade(store, other_year) == 3  # the undated claims corroborate it


@pytest.mark.parametrize(("seed", "batch"), [(5, 1), (6, 1), (7, 1), (5, 6), (8, 9)])
def test_incremental_grading_agrees_with_the_rules(store: SqlStore, seed: int,
                                                   batch: int) -> None:
    """Ingest grades only what a new claim touches, one document at a time or a batch of
    them at once (`add_documents`); the result must equal grading every pair from scratch
    with proxygraph.credibility."""
    import random

    from proxygraph.credibility import Statement, grade_claim, pair_key, source_key
    from proxygraph.store.overlay import name_key

    rng = random.Random(seed)
    publishers = {"A": "B", "B": "E", "C": "F", "D": "C", None: "F"}
    times = [None, YEAR_2022, YEAR_2025, ("2021-06-01", "2022-03-31", "day"),
             (None, "2021-12-31", "year")]
    items = [(), (SHAHED,), (PANTSIR,), (SHAHED, PANTSIR)]
    sources = {}
    pending: list = []
    rejected: list[str] = []
    for i in range(36):
        publisher = rng.choice(list(publishers))
        ctype, subject, obj = rng.choice([("ARMS_TRANSFER", IRAN, RUSSIA),
                                          ("AGREEMENT", IRAN, RUSSIA),
                                          ("AGREEMENT", RUSSIA, IRAN)])
        text = f"Statement {i}: {subject.name} and {obj.name}."
        kw = {"time": rng.choice(times), "status": rng.choice(
            ["occurred", "occurred", "ongoing", "planned", "forecast", "denied"]),
            "certainty": rng.choice(["high", "medium", "low"])}
        if ctype == "ARMS_TRANSFER":
            kw["items"] = rng.choice(items)
        doc = make_doc(text, publisher=publisher, reliability=publishers[publisher])
        claim = make_claim(doc, type=ctype, subject=subject, obj=obj, **kw)
        pending.append((doc, [claim]))
        sources[claim.id] = source_key(name_key(publisher) if publisher else None,
                                       doc.sha256)
        rejected += [claim.id] if rng.random() < 0.15 else []
        if len(pending) == batch or i == 35:
            results = store.add_documents(pending, extractor_version="1")
            assert [r.status for r in results] == ["added"] * len(pending)
            pending = []
            for cid in rejected:
                store.review(cid, action="reject", reviewer="ana")
            rejected = []
    stored = store.claims(ClaimFilter(include="all"))
    assert len(stored) == 36

    def statement(s) -> Statement:
        c = s.claim
        return Statement(c.id, sources[c.id], c.status, c.certainty, s.reliability,
                         c.time.start if c.time else None, c.time.end if c.time else None,
                         frozenset(i.id for i in c.items))

    groups: dict = {}
    for s in stored:
        c = s.claim
        groups.setdefault(pair_key(c.type, c.subject.id, c.object.id), []).append(s)
    for members in groups.values():
        current = [statement(s) for s in members if s.review_state != "rejected"]
        for s in members:
            assert s.credibility == grade_claim(statement(s), current), s.claim.evidence
