"""bench/ingest_cli.py runs at a tiny size (CI proves it still works)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from proxygraph.store import ClaimFilter, open_store

BENCH = Path(__file__).resolve().parents[1] / "bench" / "ingest_cli.py"


@pytest.mark.slow
def test_bench_runs_at_a_tiny_size(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("ingest_cli", BENCH)
    assert spec and spec.loader
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    full = f"sqlite:///{tmp_path}/full.db"
    open_store(full).close()
    result = bench.main(["--full", full, "--rounds", "1", "--copies", "1", "--samples", "2",
                         "--json"])
    assert result["docs"] == 2
    assert all(t > 0 for t in result["wall_s"].values())  # type: ignore[union-attr]
    with open_store(full) as store:  # the big store got the round's documents
        assert len(store.documents()) == 2
        assert store.claims(ClaimFilter(limit=1))
