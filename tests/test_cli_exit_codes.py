"""Exit codes as the README states them: one table, distinct codes, each command, each failure.

Every case runs the command in-process through the root group (the same code path as the
installed `proxygraph` script, which a few subprocess cases check too) and asserts the
code and that stderr states the problem on one line, without a traceback.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import proxygraph.cli  # noqa: F401  registers every command
from proxygraph.cli.app import app, exit_code_table
from proxygraph.errors import (
    EXIT_CODES,
    EXIT_OK,
    EXIT_PARTIAL,
    InputError,
    NotFoundError,
    StoreError,
    ValidationError,
)
from proxygraph.store import open_store

ROOT = Path(__file__).resolve().parents[1]
GOOD = "Iran shipped drones to Russia in 2022.\n"
BAD_STORE = "mysql://nobody@nowhere/none"  # no driver: the store cannot be opened

OK, PARTIAL = EXIT_OK, EXIT_PARTIAL
UNREADABLE, INVALID = InputError.exit_code, ValidationError.exit_code
STORE, NOT_FOUND = StoreError.exit_code, NotFoundError.exit_code


def test_the_codes_are_distinct_and_documented_once() -> None:
    codes = [code for code, _ in EXIT_CODES]
    assert codes == [0, 1, 2, 3, 4, 5]
    assert len(set(codes)) == len(codes)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for line in exit_code_table():
        code, meaning = line.split("  ", 1)
        assert re.search(rf"^\| {code} \| {re.escape(meaning)} \|$", readme, re.M), line


# (command line, expected code, words the one error line states)
CASES: list[tuple[str, list[str], int, tuple[str, ...]]] = [
    ("no such command", ["frobnicate"], INVALID, ("No such command",)),
    ("extract: unknown option", ["extract", "--bogus", "good.txt"], INVALID,
     ("No such option: --bogus", "usage: proxygraph extract")),
    ("extract: missing argument", ["extract"], INVALID, ("Missing argument",)),
    ("extract: unreadable file", ["extract", "blob.txt"], UNREADABLE, ("blob.txt", "binary")),
    ("extract: missing file", ["extract", "nowhere.txt"], UNREADABLE, ("no such file",)),
    ("extract: unknown encoding", ["extract", "--encoding", "klingon", "good.txt"], INVALID,
     ("unknown encoding",)),
    ("extract: wrong encoding", ["extract", "--encoding", "ascii", "accents.txt"],
     UNREADABLE, ("not valid ascii text",)),
    ("ingest: unknown option", ["ingest", "--bogus", "good.txt"], INVALID,
     ("No such option",)),
    ("ingest: missing argument", ["ingest"], INVALID, ("Missing argument",)),
    ("ingest: unreadable file", ["ingest", "blob.txt"], UNREADABLE, ("blob.txt", "binary")),
    ("ingest: missing file", ["ingest", "nowhere.txt"], UNREADABLE, ("no such file",)),
    ("ingest: bad grade", ["ingest", "good.txt", "--reliability", "Z"], INVALID, ("Z",)),
    ("ingest: store", ["ingest", "good.txt", "--db", BAD_STORE], STORE, ("mysql",)),
    ("eval: missing gold", ["eval", "nowhere.jsonl", "."], UNREADABLE, ("no such file",)),
    ("eval: invalid gold", ["eval", "notjson.jsonl", "."], INVALID, ("not JSON",)),
    ("eval: missing argument", ["eval", "gold.jsonl"], INVALID, ("Missing argument",)),
    ("score: invalid predictions", ["score", "gold.jsonl", "notjson.jsonl"], INVALID,
     ("not JSON",)),
    ("score: missing predictions", ["score", "gold.jsonl", "nowhere.jsonl"], UNREADABLE,
     ("no such file",)),
    ("actors: no match", ["actors", "xqzzv"], NOT_FOUND, ("no actor matches 'xqzzv'",)),
    ("actors: bad kind", ["actors", "iran", "--kind", "country"], INVALID, ("country",)),
    ("actors: unknown option", ["actors", "iran", "--bogus"], INVALID, ("No such option",)),
    ("actors: missing store", ["actors", "iran", "--db", "sqlite:///nowhere.db"], STORE,
     ("no store at",)),
    ("actors merge: unknown actor", ["actors", "merge", "Nobody Known", "Iran"], NOT_FOUND,
     ("Nobody Known",)),
    ("actors merge: missing argument", ["actors", "merge", "Iran"], INVALID,
     ("Missing argument",)),
    ("actors add: no kind", ["actors", "add", "X Group"], INVALID, ("--kind",)),
    ("actors split: not merged", ["actors", "split", "Iran"], NOT_FOUND, ("not merged",)),
    ("actors merges: store", ["actors", "merges", "--db", BAD_STORE], STORE, ("mysql",)),
    ("items: no match", ["items", "xqzzv"], NOT_FOUND, ("no item matches",)),
    ("items: bad category", ["items", "shahed", "--category", "tank"], INVALID, ("tank",)),
    ("claims: bad format", ["claims", "--format", "xml"], INVALID, ("format",)),
    ("claims: bad option value", ["claims", "--limit", "many"], INVALID, ("--limit",)),
    ("claims: unknown id", ["claims", "--id", "clm_00000000000000000000"], NOT_FOUND,
     ("clm_00000000000000000000",)),
    ("claims: store", ["claims", "--db", BAD_STORE], STORE, ("mysql",)),
    ("review: no action", ["review", "clm_00000000000000000000"], INVALID, ("--accept",)),
    ("review: unknown claim", ["review", "clm_00000000000000000000", "--accept"], NOT_FOUND,
     ("clm_00000000000000000000",)),
    ("sources: unknown publisher", ["sources", "--set-reliability", "Nobody", "A"], NOT_FOUND,
     ("Nobody",)),
    ("sources: bad grade", ["sources", "--set-reliability", "Nobody", "Q"], INVALID, ("Q",)),
    ("reextract: store", ["reextract", "--db", BAD_STORE], STORE, ("mysql",)),
    ("demo: unknown option", ["demo", "--bogus"], INVALID, ("No such option",)),
]


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Inputs of every kind, and an existing (empty) default store."""
    monkeypatch.chdir(tmp_path)
    store_url = f"sqlite:///{tmp_path / 'store.db'}"
    monkeypatch.setenv("PROXYGRAPH_DB", store_url)
    monkeypatch.setenv("PROXYGRAPH_REVIEWER", "tester")
    open_store(store_url).close()
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "accents.txt").write_text("Na\u00efm Qassem spoke.\n", encoding="utf-8")
    (tmp_path / "blob.txt").write_bytes(b"\x00\x01\x02 not text")
    (tmp_path / "notjson.jsonl").write_text("{not json\n", encoding="utf-8")
    gold = {"doc": "good.txt", "type": "ARMS_TRANSFER", "subject": ["Iran"],
            "object": ["Russia"], "status": "occurred", "certainty": "high"}
    (tmp_path / "gold.jsonl").write_text(json.dumps(gold) + "\n", encoding="utf-8")
    return tmp_path


def stderr_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


@pytest.mark.parametrize(("case", "args", "code", "words"), CASES, ids=[c[0] for c in CASES])
def test_each_failure_has_its_code_and_one_line(workdir: Path, case: str, args: list[str],
                                                code: int, words: tuple[str, ...]) -> None:
    result = CliRunner().invoke(app, args)
    assert result.exit_code == code, (case, result.stdout, result.stderr)
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = stderr_lines(result.stderr)
    assert len(lines) == 1, lines
    assert lines[0].startswith("proxygraph: error: "), lines
    assert "Traceback" not in result.stderr
    for word in words:
        assert word in lines[0], (word, lines[0])


@pytest.mark.parametrize("command", ["extract", "ingest"])
def test_a_batch_where_some_inputs_failed_is_1(workdir: Path, command: str) -> None:
    result = CliRunner().invoke(app, [command, "good.txt", "blob.txt", "nowhere.txt"])
    assert result.exit_code == PARTIAL, result.stderr
    assert "Traceback" not in result.stderr
    failures = [line for line in stderr_lines(result.stderr)
                if line.startswith(("failed ", "proxygraph: failed: "))]
    assert len(failures) == 2 and any("blob.txt" in f for f in failures)
    assert any("nowhere.txt" in f for f in failures)
    if command == "extract":
        assert json.loads(result.stdout.splitlines()[0])["type"] == "ARMS_TRANSFER"
    else:
        assert "added      good.txt (1 claim)" in result.stdout


@pytest.mark.parametrize("args", [["--help"], ["extract", "--help"], ["actors", "--help"],
                                  ["actors", "merge", "--help"], []])
def test_help_and_bare_command_exit_0(args: list[str]) -> None:
    result = CliRunner().invoke(app, args)
    assert result.exit_code == OK, result.stderr
    assert "Usage: proxygraph" in result.stdout and result.stderr == ""


def test_help_lists_the_exit_codes() -> None:
    out = CliRunner().invoke(app, ["--help"], terminal_width=120).stdout
    for line in exit_code_table():
        code, meaning = line.split("  ", 1)
        assert re.search(rf"^\W*{code}\s+{re.escape(meaning)}", out, re.M), line


def _script() -> list[str]:
    exe = shutil.which("proxygraph")
    return [exe] if exe else [sys.executable, "-c", "from proxygraph.cli import main; main()"]


@pytest.mark.parametrize(("args", "code"), [
    (["extract", "--bogus", "x.txt"], INVALID),
    (["claims", "--limit", "many"], INVALID),
    (["nosuchcommand"], INVALID),
    (["actors", "xqzzv"], NOT_FOUND),
    (["--help"], OK),
])
def test_the_installed_script_uses_the_same_codes(tmp_path: Path, args: list[str],
                                                  code: int) -> None:
    proc = subprocess.run([*_script(), *args], capture_output=True, text=True, cwd=tmp_path,
                          timeout=120, check=False)
    assert proc.returncode == code, proc.stderr
    assert "Traceback" not in proc.stderr
    if code:
        assert len(stderr_lines(proc.stderr)) == 1 and proc.stderr.startswith("proxygraph:")


def test_version_names_package_extractor_and_ontology() -> None:
    from proxygraph import __version__
    from proxygraph.extract import EXTRACTOR_VERSION
    from proxygraph.ontology import ONTOLOGY

    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == OK
    assert result.stdout == (f"proxygraph {__version__} (extractor {EXTRACTOR_VERSION}, "
                             f"ontology {ONTOLOGY.version})\n")


def _command_paths() -> list[list[str]]:
    """Every command and subcommand the app registers, by the words that run it."""
    import typer.main

    root = typer.main.get_command(app)
    out: list[list[str]] = []
    for name, cmd in root.commands.items():  # type: ignore[attr-defined]
        out.append([name])
        for sub in getattr(cmd, "commands", {}):
            out.append([name, sub])
    return out


def test_every_command_gives_3_for_an_unknown_option(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    paths = _command_paths()
    assert ["actors", "merge"] in paths and ["ingest"] in paths
    for words in paths:
        result = CliRunner().invoke(app, [*words, "--no-such-option"])
        assert result.exit_code == INVALID, (words, result.stderr)
        lines = stderr_lines(result.stderr)
        assert len(lines) == 1 and "No such option: --no-such-option" in lines[0], words
    assert not list(tmp_path.iterdir())  # and nothing was created
