"""The store at scale, in miniature: the benchmark runs, queries keep to their indexes,
exports stream, statistics are refreshed as the store grows."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from proxygraph.store import ClaimFilter, SqlStore
from store_helpers import make_doc, store_fixture, store_url_fixture  # noqa: F401  (fixtures)

BENCH = Path(__file__).resolve().parents[1] / "bench"
sys.path.insert(0, str(BENCH))

import store_queries  # noqa: E402  (bench/store_queries.py)


@pytest.fixture
def synthetic(store: SqlStore) -> store_queries.World:
    world = store_queries.World.make(3000, seed=3)
    planned = store_queries.drafts(world, 3000, seed=4)
    grades = store_queries.grade_all(world, planned)
    assert store.bulk_load(store_queries.bulk_batches(world, planned, grades, 1000)) == 3000
    return world


def test_bench_runs_at_a_tiny_size(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, str(BENCH / "store_queries.py"), "--claims",
                             "600", "--ingest-docs", "3", "--json",
                             "--db", f"sqlite:///{tmp_path}/bench.db"],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout)
    assert figures["claims"] == 600
    assert set(figures["p95_ms"]) == {"actor", "item", "type_since", "search", "empty"}
    assert all(v > 0 for v in figures["p95_ms"].values())
    assert set(figures["ingest_ms_per_doc"]) == {"empty", "full"} and figures["rss_mb"] > 0


def test_bulk_grades_agree_with_ingest_grading(store: SqlStore, synthetic) -> None:
    """Claims added one document at a time after a bulk load are graded as the rules say."""
    stored = {c.id: c for c in store.claims(ClaimFilter(include="all"))}
    assert len(stored) == 3000
    before = {cid: c.credibility for cid, c in stored.items()}
    store_queries.ingest_ms(store, synthetic, seed=9, docs=5)
    # every pair regraded from scratch agrees with what the incremental path left
    from proxygraph.store.grading import regrade_keys
    from proxygraph.store.overlay import Overlay

    after = {c.id: c.credibility for c in store.claims(ClaimFilter(include="all"))}
    with store.engine.begin() as conn:
        from proxygraph.store.grading import keys_of

        regrade_keys(conn, Overlay.load(conn), keys_of(conn, list(after), Overlay.load(conn)))
    assert {c.id: c.credibility for c in store.claims(ClaimFilter(include="all"))} == after
    assert {k: after[k] for k in before} != {} and len(after) > len(before)


def _plan(store: SqlStore, flt: ClaimFilter) -> str:
    return "\n".join(store.explain(flt))


def test_sqlite_queries_use_their_indexes(tmp_path: Path) -> None:
    """The plans a regression would change: every filter starts from an index, none reads
    the whole claims table (only the order index, when a page stops early)."""
    store = SqlStore(f"sqlite:///{tmp_path}/plans.db")
    try:
        world = store_queries.World.make(3000, seed=3)
        planned = store_queries.drafts(world, 3000, seed=4)
        store.bulk_load(store_queries.bulk_batches(
            world, planned, store_queries.grade_all(world, planned), 1000))
        rare = world.actors[-1].id
        plans = {
            "actor": _plan(store, ClaimFilter(actors=(rare,), limit=100)),
            "item": _plan(store, ClaimFilter(items=(world.items[-1].id,), limit=100)),
            "type": _plan(store, ClaimFilter(types=("FUNDING",), since="2020", limit=100)),
            "status": _plan(store, ClaimFilter(statuses=("denied",), limit=100)),
            "search": _plan(store, ClaimFilter(search=world.words[3], limit=100)),
        }
    finally:
        store.close()
    assert "ix_claim_entities_entity" in plans["actor"]
    assert "ix_claim_entities_entity" in plans["item"]
    assert "ix_claims_type_seq" in plans["type"]
    assert "ix_claims_status_seq" in plans["status"]
    assert "claims_fts VIRTUAL TABLE" in plans["search"]
    for kind, plan in plans.items():
        assert "SCAN claims\n" not in plan + "\n", (kind, plan)  # never the whole table
        assert "ix_claims_state" not in plan


def test_a_dense_actor_is_probed_in_order(store: SqlStore, synthetic,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """An actor in very many claims is tested per claim read in order, so its first page
    stops early; either plan returns the same claims."""
    import proxygraph.store.query as query

    hub = synthetic.actors[0].id
    flt = ClaimFilter(actors=(hub,), limit=50)
    collected = [c.id for c in store.claims(flt)]
    monkeypatch.setattr(query, "DENSE", 10)
    probed = [c.id for c in store.claims(flt)]
    assert probed == collected and len(probed) == 50
    if store.engine.dialect.name == "sqlite":
        assert "CORRELATED" in _plan(store, flt)


def test_a_time_window_is_read_from_its_narrow_end(store: SqlStore, synthetic,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """A window after (or before) most claims is collected from the index on that end of
    the claims' time, not found by reading every claim of the type in order; the answer
    is the one the walk in order gives, open-ended claims included."""
    import proxygraph.store.query as query
    from store_helpers import add

    still_going = add(store, "Iran has armed Russia since 2020.", time=("2020-03-01", None,
                                                                       "month"))
    long_ago = add(store, "Iran armed Russia until 1998.", time=(None, "1998-12-31", "year"))
    undated = add(store, "Iran armed Russia.")
    filters = {
        "type after": ClaimFilter(types=("ARMS_TRANSFER",), since="2031", limit=100),
        "type before": ClaimFilter(types=("ARMS_TRANSFER", "SUPPORT"), until="2001",
                                   limit=100),
        "status after": ClaimFilter(statuses=("denied",), since="2031", limit=100),
        "after, all": ClaimFilter(since="2040"),
        "narrow window": ClaimFilter(since="2031", until="2032", limit=100),
        "wide": ClaimFilter(types=("ARMS_TRANSFER",), since="2010", limit=100),
    }
    collected = {name: [c.id for c in store.claims(f)] for name, f in filters.items()}
    plans = {name: _plan(store, f) for name, f in filters.items()}
    monkeypatch.setattr(query, "_time_driver", lambda *_a: [])
    assert {name: [c.id for c in store.claims(f)] for name, f in filters.items()} == collected
    assert collected["type after"] == [still_going.id] == collected["after, all"]
    assert collected["type before"] == [long_ago.id]
    assert collected["status after"] == [] and len(collected["wide"]) == 100
    assert undated.id not in {cid for ids in collected.values() for cid in ids}
    for name in ("type after", "status after", "after, all", "narrow window"):
        assert "ix_claims_time_end" in plans[name], (name, plans[name])
    assert "ix_claims_time_start" in plans["type before"]
    assert "ix_claims_time_" not in plans["wide"]  # a wide window: walked in order
    for name, plan in plans.items():
        assert "SCAN claims\n" not in plan + "\n" and "Seq Scan on claims" not in plan, \
            (name, plan)


def test_export_streams_in_stored_order(store: SqlStore, synthetic) -> None:
    lines = store.iter_claim_json(ClaimFilter())
    first = json.loads(next(lines))
    assert first["review"]["lifecycle"] == "active" and "credibility" in first
    seqs = [c.seq for c in store.iter_claims(ClaimFilter(limit=500))]
    assert seqs == sorted(seqs) and len(seqs) == 500
    page2 = store.claims(ClaimFilter(after=seqs[249], limit=250))
    assert [c.seq for c in page2] == seqs[250:]


def test_statistics_are_refreshed_as_the_store_grows(tmp_path: Path) -> None:
    from proxygraph.store import stats

    store = SqlStore(f"sqlite:///{tmp_path}/grow.db")
    try:
        with store.engine.begin() as conn:
            assert stats.analyzed_rows(conn) == 0
        world = store_queries.World.make(1500, seed=3)
        planned = store_queries.drafts(world, 1500, seed=4)
        store.bulk_load(store_queries.bulk_batches(
            world, planned, store_queries.grade_all(world, planned), 500))
        with store.engine.begin() as conn:
            # bulk_load analyzes at the end (sampled, but the claims' count is exact)
            assert stats.analyzed_rows(conn) == 1500
            assert not stats.maybe_analyze(conn)  # not grown since
    finally:
        store.close()


def test_a_streaming_reader_keeps_a_small_sqlite_page_cache(tmp_path: Path) -> None:
    from sqlalchemy import text

    from proxygraph.store.engine import SQLITE_CACHE_KIB, SQLITE_STREAM_CACHE_KIB

    url = f"sqlite:///{tmp_path / 's.db'}"
    for streaming, kib in ((False, SQLITE_CACHE_KIB), (True, SQLITE_STREAM_CACHE_KIB)):
        store = SqlStore(url, streaming=streaming)
        with store.engine.connect() as conn:
            assert conn.execute(text("PRAGMA cache_size")).scalar() == -kib
        store.close()
    assert SQLITE_STREAM_CACHE_KIB < SQLITE_CACHE_KIB


def test_a_writer_to_a_file_under_1_gib_keeps_a_small_sqlite_page_cache(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Under SQLite's lock-byte page (1 GiB) every commit that follows a page split scans
    the page cache's hash table (engine._cache_kib), so a writer's big cache pays only
    past it; readers keep theirs."""
    from sqlalchemy import text

    from proxygraph.store import engine

    url = f"sqlite:///{tmp_path / 's.db'}"
    SqlStore(url).close()
    reader = engine.make_engine(url)
    with reader.connect() as conn:
        size = conn.execute(text("PRAGMA page_size")).scalar() * \
            conn.execute(text("PRAGMA page_count")).scalar()
    reader.dispose()
    for offset, kib in ((size + 1, engine.SQLITE_SMALL_FILE_CACHE_KIB),
                        (size, engine.SQLITE_CACHE_KIB)):
        monkeypatch.setattr(engine, "SQLITE_LOCK_BYTE_OFFSET", offset)
        store = SqlStore(url)
        with store.write_engine.connect() as conn:
            assert conn.execute(text("PRAGMA cache_size")).scalar() == -kib
        with store.engine.connect() as conn:
            assert conn.execute(text("PRAGMA cache_size")).scalar() == -engine.SQLITE_CACHE_KIB
        store.add_document(make_doc(f"Iran armed Russia ({kib})."), [], extractor_version="1")
        assert store.has_document(make_doc(f"Iran armed Russia ({kib}).").sha256)
        store.close()
    assert engine.SQLITE_SMALL_FILE_CACHE_KIB < engine.SQLITE_CACHE_KIB
