"""Migration 0008: the pair indexes hold what a grading lookup tests, on both backends."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import inspect, text
from sqlalchemy.dialects import sqlite

from proxygraph.credibility import agreeing_statuses, contradicting_statuses
from proxygraph.store import ClaimFilter, SqlStore
from proxygraph.store import rows as rows_module
from proxygraph.store.engine import alembic_config, make_engine
from proxygraph.store.grading import _affected_statement, _evidence_statement
from proxygraph.store.rows import claim_row, insert_claims
from store_helpers import (
    IRAN,
    RUSSIA,
    SHAHED,
    add,
    make_claim,
    make_doc,
    store_url_fixture,  # noqa: F401  (fixture "store_url")
)

BENCH = Path(__file__).resolve().parents[1] / "bench"
sys.path.insert(0, str(BENCH))

import store_queries  # noqa: E402  (bench/store_queries.py)

YEAR = ("2023-01-01", "2023-12-31", "year")


def _store_at_0007(url: str, rows: list[tuple[str, str, str, int, dict]]) -> dict[str, object]:
    """A store migrated to 0007 holding one claim per (text, publisher, grade, credibility,
    claim attributes), stored as that revision's code stored them."""
    engine = make_engine(url)
    with engine.begin() as conn:
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0007")
    made = {}
    # 0007 had no entity_names (0009 fills it from the participants)
    with engine.begin() as conn, pytest.MonkeyPatch.context() as m:
        m.setattr(rows_module, "insert_names", lambda *_: None)
        for sentence, publisher, grade, credibility, attrs in rows:
            doc = make_doc(sentence, publisher=publisher, reliability=grade)
            claim = make_claim(doc, **attrs)
            conn.execute(text(
                "INSERT INTO documents (sha256, name, media_type, publisher, reliability, "
                "extractor_version, ingested_at, text) VALUES (:s, 'r.txt', 'text/plain', "
                ":p, :g, '1', '2024-01-01T00:00:00Z', :t)"),
                {"s": doc.sha256, "p": publisher, "g": grade, "t": doc.text})
            row = claim_row(claim, doc=doc.sha256, source=f"pub:{publisher.lower()}",
                            reliability=grade, at="2024-01-01T00:00:00Z")
            insert_claims(conn, [({**row, "credibility": credibility}, claim)])
            made[publisher] = claim
    engine.dispose()
    return made


@pytest.mark.filterwarnings("ignore:Skipped unsupported reflection")
def test_a_store_made_at_revision_0007_is_graded_from_the_new_indexes(store_url: str) -> None:
    made = _store_at_0007(store_url, [
        # CNAS (B) alone but for a weak source: high certainty, not corroborated (2)
        ("Iran shipped Shaheds to Russia in 2023.", "CNAS", "B", 2,
         {"time": YEAR, "items": (SHAHED,)}),
        ("Iran sent Russia Shahed drones in 2023.", "RUSI", "F", 1,
         {"time": YEAR, "items": (SHAHED,)}),
        ("Iran denied arming Russia in 2010.", "TASS", "E", 2,
         {"status": "denied", "time": ("2010-01-01", "2010-12-31", "year")}),
    ])
    with SqlStore(store_url) as store:
        found = {i["name"]: i["column_names"] for i in inspect(store.engine).get_indexes("claims")}
        assert found["ix_claims_pair"][5:] == ["reliability", "time_start", "time_end", "state",
                                               "review_state", "seq"]
        assert found["ix_claims_unconfirmed"][3:] == ["status", "source", "time_start",
                                                      "time_end", "seq"]
        for claim in made.values():
            assert store.claim(claim.id).claim == claim
        assert {c.id for c in store.claims(ClaimFilter(actors=(RUSSIA.id,), since="2023"))} \
            == {made["CNAS"].id, made["RUSI"].id}
        # a second weak source of 2023 corroborates CNAS's claim (found as unconfirmed),
        # and is itself corroborated by it (a strong agreeing source)
        isw = add(store, "Iran gave Russia Shaheds in 2023.", publisher="ISW", reliability="E",
                  time=YEAR, items=(SHAHED,))
        assert store.claim(made["CNAS"].id).credibility == 1
        assert store.claim(isw.id).credibility == 1
        # a denial of 2023 contradicts nothing corroborated; the 2010 one stays as it was
        denial = add(store, "Iran denied sending Russia Shaheds in 2023.", publisher="MFA",
                     reliability="C", status="denied", time=YEAR, items=(SHAHED,))
        assert store.claim(denial.id).credibility == 5
        assert store.claim(made["TASS"].id).credibility == 2
        assert store.claim(made["CNAS"].id).credibility == 1
        # undone, the revision leaves the indexes as 0007 had them
        with store.engine.begin() as conn:
            cfg = alembic_config()
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0007")
        found = {i["name"]: i["column_names"] for i in inspect(store.engine).get_indexes("claims")}
        assert found["ix_claims_pair"] == ["type", "subject_id", "object_id", "status", "source"]
        assert found["ix_claims_unconfirmed"] == ["type", "subject_id", "object_id"]


def test_sqlite_grading_lookups_read_the_pair_indexes(tmp_path: Path) -> None:
    """The lookups of a new claim: the evidence from ix_claims_pair alone (no table row),
    the unconfirmed claims from ix_claims_unconfirmed."""
    with SqlStore(f"sqlite:///{tmp_path}/plans.db") as store:
        world = store_queries.World.make(3000, seed=3)
        planned = store_queries.drafts(world, 3000, seed=4)
        store.bulk_load(store_queries.bulk_batches(world, planned,
                                                   store_queries.grade_all(world, planned), 1000))
        store.analyze()
        params = {"type": "ARMS_TRANSFER", "subjects": [IRAN.id], "objects": [RUSSIA.id],
                  "source": "pub:x", "start": YEAR[0], "end": YEAR[1], "items": [SHAHED.id],
                  "agree": agreeing_statuses("occurred"),
                  "contra": contradicting_statuses("occurred")}
        shape = (1, True, True, True)
        evidence = _plan(store, _evidence_statement(shape).params(params))
        affected = _plan(store, _affected_statement(shape).params(
            {**params, "touched": params["agree"] + params["contra"]}))
    searches = [line for line in evidence if line.startswith("SEARCH claims ")]
    assert len(searches) == 2, evidence  # agreeing (strong or two sources), contradicting
    assert all("USING COVERING INDEX ix_claims_pair" in line for line in searches), evidence
    assert any("ix_claims_unconfirmed (type=? AND subject_id=? AND object_id=? AND status=?"
               in line for line in affected), affected


def _plan(store: SqlStore, statement: object) -> list[str]:
    sql = str(statement.compile(dialect=sqlite.dialect(),  # type: ignore[attr-defined]
                                compile_kwargs={"literal_binds": True}))
    with store.engine.connect() as conn:
        return [str(r[-1]) for r in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}")]
