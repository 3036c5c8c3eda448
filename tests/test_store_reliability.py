"""Crash and concurrency: kill -9 mid-ingest, re-run, two writers, on every backend."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from proxygraph.ingest import read_document
from proxygraph.store import ClaimFilter, SqlStore
from store_helpers import store_url_fixture  # noqa: F401  (fixture "store_url")
from test_collection import arrow_extractor, write

TESTS = Path(__file__).parent
RUNNER = """
import os, signal, sys, time
sys.path.insert(0, {tests!r})
from test_collection import arrow_extractor
import proxygraph.store.sql as sql
from proxygraph.collection import ingest_paths
from proxygraph.store import SqlStore

url, folder, mode, arg = sys.argv[1:5]
extract, version = arrow_extractor("t1")
if mode == "die-in-transaction":
    # SIGKILL ourselves inside the Nth document's transaction, its claims already written.
    target, seen = int(arg), [0]
    insert = sql.insert_claims
    def insert_then_die(conn, rows):
        insert(conn, rows)
        seen[0] += 1
        if seen[0] == target:
            os.kill(os.getpid(), signal.SIGKILL)
    sql.insert_claims = insert_then_die
def slow(doc):
    time.sleep(float(arg) if mode == "slow" else 0)
    return extract(doc)
with SqlStore(url) as store:
    report = ingest_paths(store, [folder], publisher=os.path.basename(folder), reliability="C",
                          extractor=(slow, version))
print(report.added, report.unchanged, report.failed, flush=True)
sys.exit(0 if report.ok else 1)
"""


def make_reports(folder: Path, names: range, shared: range = range(0)) -> None:
    for i in [*names, *shared]:
        lines = [f"Report {i}", "Iran -> Hezbollah"]  # one pair every document shares
        lines += [f"Actor {i}-{j} -> Target {j}" for j in range(i % 4 + 1)]
        write(folder, f"r{i:03d}.txt", "\n".join(lines) + "\n")


def expected_claims(*folders: Path) -> dict[str, set[str]]:
    """doc sha -> claim ids, by running the same extractor in this process."""
    extract, _ = arrow_extractor("t1")
    out: dict[str, set[str]] = {}
    for folder in folders:
        for path in sorted(folder.glob("*.txt")):
            doc = read_document(path)
            out[doc.sha256] = {c.id for c in extract(doc)}
    return out


def stored_claims(url: str) -> dict[str, set[str]]:
    with SqlStore(url) as store:
        out: dict[str, set[str]] = {}
        for d in store.documents():
            out[d.sha256] = {c.id for c in store.claims(ClaimFilter(docs=(d.sha256,),
                                                                   include="all"))}
        return out


def runner(tmp_path: Path) -> Path:
    script = tmp_path / "run_ingest.py"
    script.write_text(RUNNER.format(tests=str(TESTS)), encoding="utf-8")
    return script


def spawn(script: Path, url: str, folder: Path, mode: str, arg: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, str(script), url, str(folder), mode, arg],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def assert_whole_documents(url: str, expected: dict[str, set[str]]) -> int:
    """Every stored document has exactly its claims; returns how many are stored."""
    stored = stored_claims(url)
    for sha, claim_ids in stored.items():
        assert claim_ids == expected[sha], f"half-stored document {sha[:12]}"
    return len(stored)


def test_kill_inside_a_transaction_leaves_no_half_document(store_url: str,
                                                           tmp_path: Path) -> None:
    folder = tmp_path / "batch"
    make_reports(folder, range(12))
    expected = expected_claims(folder)
    script = runner(tmp_path)
    proc = spawn(script, store_url, folder, "die-in-transaction", "5")
    proc.wait(timeout=120)
    assert proc.returncode == -signal.SIGKILL, proc.stderr.read() if proc.stderr else ""
    assert assert_whole_documents(store_url, expected) == 4  # the 5th died uncommitted
    rerun = spawn(script, store_url, folder, "normal", "0")
    out, err = rerun.communicate(timeout=120)
    assert rerun.returncode == 0, err
    assert out.split() == ["8", "4", "0"]  # added, unchanged, failed
    assert stored_claims(store_url) == expected  # nothing missing, nothing twice
    with SqlStore(store_url) as store:
        all_ids = [c.id for c in store.claims(ClaimFilter(include="all"))]
    assert len(all_ids) == len(set(all_ids)) == sum(len(v) for v in expected.values())


def test_kill_at_an_arbitrary_moment_then_rerun(store_url: str, tmp_path: Path) -> None:
    folder = tmp_path / "batch"
    make_reports(folder, range(40))
    expected = expected_claims(folder)
    script = runner(tmp_path)
    proc = spawn(script, store_url, folder, "slow", "0.03")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        time.sleep(0.05)
        try:
            with SqlStore(store_url) as store:
                if len(store.documents()) >= 5:
                    break
        except Exception:  # the store may not be created yet
            continue
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    stored = assert_whole_documents(store_url, expected)
    assert 5 <= stored < 40
    rerun = spawn(script, store_url, folder, "normal", "0")
    _, err = rerun.communicate(timeout=120)
    assert rerun.returncode == 0, err
    assert stored_claims(store_url) == expected


def test_two_processes_ingesting_at_once_lose_no_writes(store_url: str,
                                                         tmp_path: Path) -> None:
    left, right = tmp_path / "left", tmp_path / "right"
    make_reports(left, range(0, 15), shared=range(100, 105))
    make_reports(right, range(15, 30), shared=range(100, 105))  # same texts in both
    expected = expected_claims(left, right)
    with SqlStore(store_url):
        pass  # create the schema first so both writers start on equal terms
    script = runner(tmp_path)
    procs = [spawn(script, store_url, folder, "slow", "0.01") for folder in (left, right)]
    results = [p.communicate(timeout=300) for p in procs]
    for proc, (_, err) in zip(procs, results, strict=True):
        assert proc.returncode == 0, err
    added = sum(int(out.split()[0]) for out, _ in results)
    unchanged = sum(int(out.split()[1]) for out, _ in results)
    assert (added, unchanged) == (35, 5)  # each shared text stored by exactly one of them
    assert stored_claims(store_url) == expected
    with SqlStore(store_url) as store:
        # the pair all 35 documents share is corroborated by the two publishers
        shared = store.claims(ClaimFilter(actors=("Iran",)))
        assert len(shared) == 35 and {c.credibility for c in shared} == {1}


@pytest.mark.parametrize("count", [2, 4])
def test_concurrent_openers_migrate_once(store_url: str, tmp_path: Path, count: int) -> None:
    code = ("import sys; from proxygraph.store import SqlStore; "
            "SqlStore(sys.argv[1]).close(); print('ok')")
    procs = [subprocess.Popen([sys.executable, "-c", code, store_url], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for _ in range(count)]
    for p in procs:
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0 and out.strip() == "ok", err
