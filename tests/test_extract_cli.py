"""`proxygraph extract` end to end, as a user runs it: subprocesses, real files, real exit codes."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SCORER = Path("/work/shared/tools/score_claims.py")
ONE = "Iran shipped drones to Russia in 2022.\n"
TWO = "Hezbollah, backed by Iran, attacked Israel.\n"


def run(*args: str, stdin: bytes | None = None, cwd: Path | None = None
        ) -> subprocess.CompletedProcess[bytes]:
    exe = shutil.which("proxygraph")
    cmd = [exe] if exe else [sys.executable, "-c", "from proxygraph.cli import main; main()"]
    return subprocess.run([*cmd, "extract", *args], input=stdin, capture_output=True,
                          cwd=cwd, timeout=300, check=False)


def claims_of(stdout: bytes) -> list[dict]:
    return [json.loads(line) for line in stdout.decode("utf-8").splitlines() if line.strip()]


def assert_clean_error(proc: subprocess.CompletedProcess[bytes], *words: str) -> None:
    """A non-zero exit with the problem stated on one stderr line, and no traceback."""
    err = proc.stderr.decode("utf-8")
    assert proc.returncode != 0
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if line.strip()]
    assert lines, "no error message"
    stating = [line for line in lines if all(w in line for w in words)]
    assert len(stating) == 1, lines
    assert stating[0].startswith("proxygraph:")


@pytest.fixture
def reports(tmp_path: Path) -> Path:
    (tmp_path / "a.txt").write_text(ONE, encoding="utf-8")
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "b.md").write_text(TWO, encoding="utf-8")
    (folder / "ignored.json").write_text("{}", encoding="utf-8")
    return tmp_path


def test_a_file_gives_jsonl_on_stdout(reports: Path) -> None:
    proc = run("a.txt", cwd=reports)
    assert proc.returncode == 0, proc.stderr
    claims = claims_of(proc.stdout)
    assert [(c["type"], c["subject"]["id"], c["object"]["id"]) for c in claims] == [
        ("ARMS_TRANSFER", "iran", "russia")]
    assert claims[0]["evidence"]["sentence"] == ONE.strip()
    assert claims[0]["time"]["start"] == "2022-01-01"
    assert claims[0]["extractor"]["component"] == "verb_frames"  # which rule said so


def test_files_and_folders_together(reports: Path) -> None:
    proc = run("a.txt", "folder", cwd=reports)
    assert proc.returncode == 0, proc.stderr
    found = {(c["type"], c["subject"]["id"], c["object"]["id"]) for c in claims_of(proc.stdout)}
    assert found == {("ARMS_TRANSFER", "iran", "russia"), ("SUPPORT", "iran", "hezbollah"),
                     ("CLASH", "hezbollah", "israel")}


def test_stdin_dash(reports: Path) -> None:
    proc = run("-", stdin=TWO.encode("utf-8"), cwd=reports)
    assert proc.returncode == 0, proc.stderr
    claims = claims_of(proc.stdout)
    assert {c["doc"] for c in claims} == {"stdin"}
    assert ("SUPPORT", "iran", "hezbollah") in {
        (c["type"], c["subject"]["id"], c["object"]["id"]) for c in claims}


def test_output_file(reports: Path) -> None:
    proc = run("a.txt", "folder", "-o", "out.jsonl", cwd=reports)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == b""
    written = claims_of((reports / "out.jsonl").read_bytes())
    assert len(written) == 3
    assert "3 claims" in proc.stderr.decode("utf-8")
    assert not list(reports.glob(".out.jsonl.*"))  # no temporary file left behind


def test_same_input_twice_gives_identical_output(reports: Path) -> None:
    first = run("a.txt", "folder", cwd=reports).stdout
    assert first and run("a.txt", "folder", cwd=reports).stdout == first


def test_empty_file_gives_zero_claims_and_success(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    proc = run("empty.txt", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == b""
    assert b"Traceback" not in proc.stderr


def test_missing_file(tmp_path: Path) -> None:
    assert_clean_error(run("nowhere.txt", cwd=tmp_path), "nowhere.txt")


def test_directory_without_reports(tmp_path: Path) -> None:
    (tmp_path / "empty_dir").mkdir()
    (tmp_path / "empty_dir" / "data.csv").write_text("a,b\n", encoding="utf-8")
    assert_clean_error(run("empty_dir", cwd=tmp_path), "empty_dir")


def test_binary_file(tmp_path: Path) -> None:
    (tmp_path / "blob.txt").write_bytes(bytes(range(256)) * 8)
    proc = run("blob.txt", cwd=tmp_path)
    assert_clean_error(proc, "blob.txt", "binary")
    assert proc.stdout == b""


def test_legacy_encodings_are_detected_or_forced(tmp_path: Path) -> None:
    text = "Na\u00efm Qassem said Iran armed Hezbollah in Sana\u00e1 in 2023.\n"
    (tmp_path / "latin1.txt").write_bytes(text.encode("latin-1"))
    (tmp_path / "cp1252.txt").write_bytes(text.replace("said", "\u201csaid\u201d")
                                          .encode("cp1252"))
    for name in ("latin1.txt", "cp1252.txt"):
        proc = run(name, cwd=tmp_path)
        assert proc.returncode == 0, proc.stderr
        claims = claims_of(proc.stdout)
        assert claims and "Na\u00efm Qassem" in claims[0]["evidence"]["sentence"]
        assert "Sana\u00e1" in claims[0]["evidence"]["sentence"]
    forced = run("latin1.txt", "--encoding", "latin-1", cwd=tmp_path)
    assert forced.returncode == 0 and forced.stdout == run("latin1.txt", cwd=tmp_path).stdout
    wrong = run("latin1.txt", "--encoding", "utf-8", cwd=tmp_path)
    assert wrong.returncode == 2
    assert_clean_error(wrong, "latin1.txt", "not valid utf-8 text (byte offset 2)")
    assert run("latin1.txt", "--encoding", "klingon", cwd=tmp_path).returncode == 3


def test_undetectable_bytes_are_refused(tmp_path: Path) -> None:
    (tmp_path / "noise.txt").write_bytes(b"ok " + bytes(range(1, 256)) * 8)
    proc = run("noise.txt", cwd=tmp_path)
    assert proc.returncode == 2
    assert_clean_error(proc, "noise.txt", "--encoding")


def test_an_unreadable_file_does_not_stop_the_others(reports: Path) -> None:
    (reports / "blob.txt").write_bytes(b"\x00\x01\x02" * 100)
    proc = run("a.txt", "blob.txt", cwd=reports)
    assert proc.returncode != 0
    assert len(claims_of(proc.stdout)) == 1


def test_fifty_megabyte_text_is_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    line = "Iran armed Hamas. " * 1000 + "\n"
    with big.open("w", encoding="utf-8") as fh:
        for _ in range(50 * 2**20 // len(line) + 1):
            fh.write(line)
    assert big.stat().st_size >= 50 * 2**20
    proc = run("big.txt", cwd=tmp_path)
    assert_clean_error(proc, "big.txt", "too large")
    assert proc.stdout == b""


def test_fifty_megabytes_on_stdin_is_refused(tmp_path: Path) -> None:
    proc = run("-", stdin=b"Iran armed Hamas. " * (3 * 2**20), cwd=tmp_path)
    assert_clean_error(proc, "stdin", "too large")


@pytest.mark.skipif(not SCORER.exists(), reason="/work/shared scorer not available")
def test_output_is_readable_by_the_shared_scorer(reports: Path) -> None:
    proc = run("a.txt", "folder", "-o", "pred.jsonl", cwd=reports)
    assert proc.returncode == 0, proc.stderr
    gold = [
        {"doc": "a.txt", "type": "ARMS_TRANSFER", "subject": ["Iran"], "object": ["Russia"],
         "items": [["drones"]], "via": [], "route": [],
         "time": {"start": "2022-01-01", "end": "2022-12-31", "precision": "year"},
         "quantity": None, "status": "occurred", "certainty": "high", "attribution": [],
         "quote": "Iran shipped drones to Russia"},
        {"doc": "b.md", "type": "SUPPORT", "subject": ["Iran"], "object": ["Hezbollah"],
         "items": [], "via": [], "route": [], "time": None, "quantity": None,
         "status": "ongoing", "certainty": "high", "attribution": [], "quote": "backed by Iran"},
    ]
    (reports / "gold.jsonl").write_text("".join(json.dumps(g) + "\n" for g in gold),
                                        encoding="utf-8")
    scored = subprocess.run([sys.executable, str(SCORER), "gold.jsonl", "pred.jsonl", "--json"],
                            capture_output=True, cwd=reports, timeout=60, check=False)
    assert scored.returncode == 0, scored.stderr
    result = json.loads(scored.stdout)
    overall = next(r for r in result["types"] if r["type"] == "ALL")
    assert (overall["tp"], overall["gold"], overall["pred"]) == (2, 2, 3)
    attrs = result["attributes"]
    assert attrs["status_acc"] == 1.0 and attrs["time_acc"] == 1.0
    assert attrs["item_recall"] == 1.0


def test_one_unreadable_file_is_one_line_and_exit_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02 not text")
    proc = run(str(bad))
    assert proc.returncode == 2
    assert proc.stderr.decode().strip().count("\n") == 0
    assert "binary" in proc.stderr.decode()


def test_a_bad_file_in_a_batch_is_skipped_and_the_rest_extracted(tmp_path: Path) -> None:
    (tmp_path / "bad.txt").write_bytes(b"\x00\xfe\xfa broken")
    (tmp_path / "good.txt").write_text("Iran armed Hezbollah in 2006.", encoding="utf-8")
    proc = run(str(tmp_path))
    assert proc.returncode == 1
    assert any(c["type"] == "ARMS_TRANSFER" for c in claims_of(proc.stdout))
    assert "bad.txt" in proc.stderr.decode() and "Traceback" not in proc.stderr.decode()


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o027, 0o640)])
def test_output_file_gets_the_umask_permissions(reports: Path, umask: int, mode: int) -> None:
    exe = shutil.which("proxygraph")
    cmd = [exe] if exe else [sys.executable, "-c", "from proxygraph.cli import main; main()"]
    proc = subprocess.run([*cmd, "extract", "a.txt", "-o", "out.jsonl"], cwd=reports,
                          capture_output=True, timeout=300, check=False, umask=umask)
    assert proc.returncode == 0, proc.stderr
    assert (reports / "out.jsonl").stat().st_mode & 0o777 == mode
    # Replacing a file keeps the mode its owner gave it.
    (reports / "out.jsonl").chmod(0o600)
    proc = subprocess.run([*cmd, "extract", "a.txt", "-o", "out.jsonl"], cwd=reports,
                          capture_output=True, timeout=300, check=False, umask=umask)
    assert proc.returncode == 0, proc.stderr
    assert (reports / "out.jsonl").stat().st_mode & 0o777 == 0o600


def test_other_files_in_a_folder_are_listed_as_skipped(reports: Path) -> None:
    (reports / "folder" / "notes.docx").write_bytes(b"PK\x03\x04")
    (reports / "folder" / ".hidden.json").write_text("{}", encoding="utf-8")
    proc = run("folder", "-o", "out.jsonl", cwd=reports)
    assert proc.returncode == 0, proc.stderr
    err = proc.stderr.decode("utf-8").splitlines()
    assert sorted(line for line in err if "skipped:" in line) == [
        f"proxygraph: skipped: {Path('folder/ignored.json')} (unsupported type .json)",
        f"proxygraph: skipped: {Path('folder/notes.docx')} (unsupported type .docx)"]
    assert err[-1] == "proxygraph: 2 claims from 1 document, 2 skipped -> out.jsonl"


def test_one_claim_is_singular(reports: Path) -> None:
    proc = run("a.txt", "-o", "one.jsonl", cwd=reports)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.decode("utf-8") == "proxygraph: 1 claim from 1 document -> one.jsonl\n"


def test_collapse_repeats_keeps_each_relation_once_per_document(tmp_path: Path) -> None:
    text = ("Iran has armed the Houthis since 2015. US officials say Iran keeps sending the "
            "Houthis missile parts through Oman.\n")
    (tmp_path / "r.txt").write_text(text, encoding="utf-8")
    every = claims_of(run("r.txt", cwd=tmp_path).stdout)
    once = claims_of(run("r.txt", "--collapse-repeats", cwd=tmp_path).stdout)
    arms = [c for c in every if c["type"] == "ARMS_TRANSFER"]
    assert len(arms) == 2  # one claim per statement by default (guide 1)
    assert [c["evidence"]["sentence"] for c in once if c["type"] == "ARMS_TRANSFER"] == [
        arms[0]["evidence"]["sentence"]]
