"""bench/export_memory.py at a tiny size: it builds a store, runs every export, prints."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from proxygraph.export import FORMATS

BENCH = Path(__file__).resolve().parents[1] / "bench" / "export_memory.py"


@pytest.mark.slow  # seven CLI children, about 20 s
def test_export_memory_bench_runs_at_tiny_size() -> None:
    proc = subprocess.run([sys.executable, str(BENCH), "--claims", "60", "--json"],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    figures = json.loads(proc.stdout)
    by_format = figures["claims"]["60"]
    assert set(by_format) == set(FORMATS)
    for fmt, f in by_format.items():
        assert f["rss_mb"] > figures["idle_rss_mb"] / 2, fmt  # a real child's peak
        assert f["out_mb"] >= 0 and f["seconds"] > 0
    assert "store of 60 claims built" in proc.stderr
