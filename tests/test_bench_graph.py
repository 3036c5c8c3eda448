"""The network benchmark runs end to end at a tiny size (CI runs only this size)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[1] / "bench" / "graph_queries.py"


def test_graph_benchmark_runs_at_tiny_size(tmp_path: Path) -> None:
    run = subprocess.run([sys.executable, str(BENCH), "--claims", "600", "--repeat", "1",
                          "--db", f"sqlite:///{tmp_path}/bench.db"],
                         capture_output=True, text=True, check=False, timeout=300)
    assert run.returncode == 0, run.stderr
    out = run.stdout
    for figure in ("network build, one-year window", "paths: search", "whatif: analysis",
                   "peak RSS"):
        assert figure in out
    assert "ms" in out and "MB" in out
