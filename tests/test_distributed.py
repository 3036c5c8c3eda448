"""ingest on a Dask cluster: the same store as the sequential ingest, resumable, interruptible."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from proxygraph.cli import app
from proxygraph.collection import FileOutcome, ingest_paths
from proxygraph.distributed import dask_client, ingest_distributed
from proxygraph.errors import ValidationError
from proxygraph.store import SqlStore

SAMPLES = Path(__file__).resolve().parents[1] / "src" / "proxygraph" / "samples" / "reports"


@pytest.fixture
def reports(tmp_path: Path) -> Path:
    folder = tmp_path / "reports"
    folder.mkdir()
    for path in sorted(SAMPLES.glob("s0[1-4]_*.txt")):
        shutil.copy(path, folder / path.name)
    (folder / "notes.bin").write_bytes(b"\x00\x01 not a report")  # listed as skipped
    return folder


def new_store(tmp_path: Path, name: str) -> SqlStore:
    return SqlStore(f"sqlite:///{tmp_path / name}", create=True)


def stored_ids(store: SqlStore) -> set[str]:
    return {c.claim.id for c in store.claims()}


@pytest.fixture(scope="module")
def two_workers() -> Iterator:
    with dask_client(workers=2) as client:
        yield client


@pytest.mark.slow
def test_one_and_two_workers_store_the_sequential_claims(tmp_path: Path, reports: Path) -> None:
    sequential = new_store(tmp_path, "seq.db")
    seq_report = ingest_paths(sequential, [reports])
    expected = stored_ids(sequential)
    assert seq_report.added == 4 and len(expected) > 10

    for workers in (1, 2):
        store = new_store(tmp_path, f"w{workers}.db")
        totals: list[int] = []
        report = ingest_distributed(store, [reports], workers=workers, on_total=totals.append)
        assert totals == [4]
        assert (report.added, report.skipped, report.failed) == (4, 1, 0)
        assert report.claims == seq_report.claims
        assert stored_ids(store) == expected
        assert {d.sha256 for d in store.documents()} == \
            {d.sha256 for d in sequential.documents()}
        store.close()
    sequential.close()


@pytest.mark.slow
def test_interrupt_keeps_stored_documents_and_a_rerun_resumes(
        tmp_path: Path, reports: Path, two_workers) -> None:
    store = new_store(tmp_path, "resume.db")

    def stop_after_first(outcome: FileOutcome) -> None:
        if outcome.status == "added":
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        ingest_distributed(store, [reports], client=two_workers, on_outcome=stop_after_first)
    # the documents stored before Ctrl-C (the first write's batch), whole
    stored = len(store.documents())
    assert 1 <= stored < 4
    assert not two_workers.processing() or not any(two_workers.processing().values())

    report = ingest_distributed(store, [reports], client=two_workers)
    assert (report.unchanged, report.added) == (stored, 4 - stored)
    full = new_store(tmp_path, "full.db")
    ingest_distributed(full, [reports], client=two_workers)
    assert stored_ids(store) == stored_ids(full)


@pytest.mark.slow
def test_unreadable_file_fails_alone(tmp_path: Path, reports: Path, two_workers) -> None:
    (reports / "broken.txt").write_bytes(b"\x00\x00\xff\xfe binary")
    store = new_store(tmp_path, "bad.db")
    report = ingest_distributed(store, [reports, tmp_path / "missing.txt"], client=two_workers)
    failed = {Path(o.path).name for o in report.outcomes if o.status == "failed"}
    assert failed == {"broken.txt", "missing.txt"}
    assert report.added == 4


def test_nothing_new_starts_no_cluster(tmp_path: Path, reports: Path) -> None:
    store = new_store(tmp_path, "done.db")
    ingest_paths(store, [reports])
    # workers=None would be refused if a cluster had to start: none is needed.
    report = ingest_distributed(store, [reports])
    assert (report.unchanged, report.added) == (4, 0)


def test_workers_and_scheduler_are_exclusive(tmp_path: Path, reports: Path) -> None:
    store = new_store(tmp_path, "x.db")
    with pytest.raises(ValidationError):
        ingest_distributed(store, [reports], workers=2, scheduler="tcp://127.0.0.1:8786")
    result = CliRunner().invoke(app, ["ingest", str(reports), "--workers", "2", "--scheduler",
                                      "tcp://127.0.0.1:8786", "--db",
                                      f"sqlite:///{tmp_path / 'cli.db'}"])
    assert result.exit_code == ValidationError.exit_code
    assert "not both" in result.output


@pytest.mark.slow
def test_cli_ingest_with_workers(tmp_path: Path, reports: Path) -> None:
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    result = CliRunner().invoke(app, ["ingest", str(reports), "--workers", "1", "--db", db])
    assert result.exit_code == 0, result.output
    assert "4 added, 0 unchanged, 0 failed, 1 skipped" in result.output
    again = CliRunner().invoke(app, ["ingest", str(reports), "--workers", "1", "--db", db])
    assert "0 added, 4 unchanged" in again.output


@pytest.mark.slow
def test_bench_runs_at_a_tiny_size() -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "ingest_workers", Path(__file__).resolve().parents[1] / "bench" / "ingest_workers.py")
    assert spec and spec.loader
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    result = bench.main(["--copies", "1", "--samples", "2", "--rounds", "1", "--json"])
    assert result["docs"] == 2
    assert all(rate > 0 for kind in result["docs_per_s"].values() for rate in kind.values())
