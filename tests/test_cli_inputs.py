"""`ingest` reads reports as `extract` does: legacy encodings, --encoding, skipped files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import proxygraph.cli  # noqa: F401  registers every command
from proxygraph.cli.app import app

ACCENTED = ("Na\u00efm Qassem said on Tuesday that Iran had shipped drones to Hezbollah in "
            "2023, according to Fran\u00e7ois Th\u00e9ron of Le Monde.\n")


@pytest.fixture
def invoke(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PROXYGRAPH_DB", f"sqlite:///{tmp_path / 'store.db'}")

    def run(*args: str) -> object:
        return CliRunner().invoke(app, list(args))
    return run


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_ingest_detects_legacy_encodings(tmp_path: Path, invoke, encoding: str) -> None:
    (tmp_path / "legacy.txt").write_bytes(ACCENTED.encode(encoding))
    result = invoke("ingest", "legacy.txt")
    assert result.exit_code == 0, result.stderr
    claims = [json.loads(line) for line in invoke("claims", "--format", "jsonl").stdout
              .splitlines()]
    assert claims and all("Na\u00efm Qassem" in c["evidence"]["sentence"] for c in claims)
    assert "Fran\u00e7ois Th\u00e9ron" in claims[0]["evidence"]["sentence"]


def test_ingest_encoding_option(tmp_path: Path, invoke) -> None:
    (tmp_path / "legacy.txt").write_bytes(ACCENTED.encode("latin-1"))
    wrong = invoke("ingest", "legacy.txt", "--encoding", "utf-8")
    assert wrong.exit_code == 2
    assert wrong.stderr.endswith("\nproxygraph: error: legacy.txt is not valid utf-8 text "
                                 "(byte offset 2)\n")  # after "created store ..."
    assert invoke("ingest", "legacy.txt", "--encoding", "nope").exit_code == 3
    forced = invoke("ingest", "legacy.txt", "--encoding", "latin-1")
    assert forced.exit_code == 0, forced.stderr
    assert "added      legacy.txt (1 claim)" in forced.stdout
    assert forced.stderr.endswith("1 added, 0 unchanged, 0 failed; 1 claim stored\n")


def test_ingest_lists_skipped_files_and_counts_them(tmp_path: Path, invoke) -> None:
    folder = tmp_path / "reports"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text(ACCENTED, encoding="utf-8")
    (folder / "sub" / "scan.png").write_bytes(b"\x89PNG\r\n")
    (folder / "notes.docx").write_bytes(b"PK\x03\x04")
    result = invoke("ingest", "reports")
    assert result.exit_code == 0, result.stderr
    lines = result.stderr.splitlines()
    assert [line for line in lines if line.startswith("skipped")] == [
        f"skipped    {Path('reports/notes.docx')} (unsupported type .docx)",
        f"skipped    {Path('reports/sub/scan.png')} (unsupported type .png)"]
    assert lines[-1] == "1 added, 0 unchanged, 0 failed, 2 skipped; 1 claim stored"
