"""The store commands as a user runs them: ingest, claims, review, sources, actors."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import proxygraph.cli  # noqa: F401  (registers every command on the app)
import proxygraph.collection as collection
from proxygraph.cli.app import app
from proxygraph.model import Claim
from test_collection import arrow_extractor, write


@pytest.fixture
def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Run `proxygraph ARGS` in-process against a SQLite store in tmp_path."""
    monkeypatch.setattr(collection, "_default_extractor", lambda: arrow_extractor("t1"))
    monkeypatch.setenv("PROXYGRAPH_DB", f"sqlite:///{tmp_path}/cli.db")
    monkeypatch.setenv("PROXYGRAPH_REVIEWER", "tester")
    runner = CliRunner()

    def invoke(*args: str, code: int = 0):
        result = runner.invoke(app, list(args), catch_exceptions=False)
        assert result.exit_code == code, (result.stdout, result.stderr)
        return result
    return invoke


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    f = tmp_path / "reports"
    write(f, "a.txt", "Iran -> Hezbollah\nRussia -> Wagner\n")
    write(f, "b.txt", "Iran -> Houthis\n")
    write(f, "bad.txt", b"\x00\x00binary")
    return f


def jsonl(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_ingest_reports_each_file_and_exits_1_when_some_failed(run, folder: Path) -> None:
    result = run("ingest", str(folder), "--publisher", "CNAS", "--reliability", "B", code=1)
    assert result.stdout.count("added") == 2
    assert "failed" in result.stderr and "bad.txt" in result.stderr
    assert "Traceback" not in result.stderr
    again = run("ingest", str(folder / "a.txt"), str(folder / "b.txt"))
    assert again.stdout.count("unchanged") == 2


def test_claims_in_every_format(run, folder: Path) -> None:
    run("ingest", str(folder / "a.txt"), str(folder / "b.txt"), "--publisher", "CNAS")
    rows = jsonl(run("claims", "--format", "jsonl").stdout)
    assert len(rows) == 3
    claims = [Claim.from_dict(r) for r in rows]  # the same shape as `extract` writes
    assert {c.subject.name for c in claims} == {"Iran", "Russia"}
    assert all(r["reliability"] == "F" and 1 <= r["credibility"] <= 6 for r in rows)
    table = run("claims", "--actor", "Iran", "--format", "table").stdout
    assert "Hezbollah" in table and "Wagner" not in table
    out = run("claims", "--search", "Houthis", "--format", "csv").stdout
    [row] = list(csv.DictReader(io.StringIO(out)))
    assert (row["subject"], row["object"], row["type"]) == ("Iran", "Houthis", "SUPPORT")
    assert run("claims", "--type", "ARMS_TRANSFER", "--format", "jsonl").stdout == ""


def test_review_reject_correct_and_history(run, folder: Path) -> None:
    run("ingest", str(folder / "a.txt"))
    rows = {r["subject"]["name"]: r for r in jsonl(run("claims", "--format", "jsonl").stdout)}
    iran, russia = rows["Iran"]["id"], rows["Russia"]["id"]
    run("review", russia, "--reject", "--by", "analyst", "--note", "misread subject")
    assert russia not in run("claims", "--format", "jsonl").stdout
    assert russia in run("claims", "--all", "--format", "jsonl").stdout
    result = run("review", iran, "--correct", "object=Kata'ib Hezbollah", "--correct",
                 "status=denied", "--by", "analyst", "--format", "jsonl")
    [new] = jsonl(result.stdout)
    assert new["object"]["name"] == "Kata'ib Hezbollah" and new["status"] == "denied"
    assert new["review"]["supersedes"] == iran
    history = run("claims", "--id", iran, "--history").stdout
    assert "v1" in history and "v2" in history and "analyst" in history
    assert "object=Kata'ib Hezbollah" in history
    versions = jsonl(run("claims", "--id", new["id"], "--history", "--format", "jsonl").stdout)
    assert [v["id"] for v in versions] == [iran, new["id"]]
    assert versions[0]["reviews"][0]["by"] == "analyst"
    reviewed = jsonl(run("claims", "--reviewed-only", "--format", "jsonl").stdout)
    assert [r["id"] for r in reviewed] == [new["id"]]


def test_review_errors_are_one_line(run, folder: Path) -> None:
    run("ingest", str(folder / "a.txt"))
    result = run("review", "clm_nope", "--accept", code=5)
    assert result.stderr.strip() == "proxygraph: error: no claim 'clm_nope'"
    cid = jsonl(run("claims", "--format", "jsonl").stdout)[0]["id"]
    bad = run("review", cid, "--correct", "colour=red", code=3)
    assert bad.stderr.count("\n") == 1 and "cannot correct 'colour'" in bad.stderr
    assert run("review", cid, "--accept", "--reject", code=3).stderr.startswith("proxygraph:")
    assert run("claims", "--since", "last week", code=3).stderr.count("\n") == 1


def test_sources_set_reliability(run, folder: Path) -> None:
    run("ingest", str(folder / "a.txt"), "--publisher", "Tasnim")
    run("sources", "--set-reliability", "tasnim", "E", "--by", "analyst")
    rows = jsonl(run("sources", "--format", "jsonl").stdout)
    assert [(r["name"], r["reliability"], r["updated_by"]) for r in rows] == [
        ("Tasnim", "E", "analyst")]
    assert {r["reliability"] for r in jsonl(run("claims", "--format", "jsonl").stdout)} == {"E"}
    assert run("sources", "--set-reliability", "Nobody", "A", code=5).stderr.count("\n") == 1


# Every command that only reads (or changes what must already be there) against a store
# named with --db that does not exist.
READ_COMMANDS = [
    ["claims"], ["claims", "--id", "clm_x", "--history"], ["sources"],
    ["sources", "--set-reliability", "Tasnim", "B"], ["review", "clm_x", "--accept"],
    ["reextract"], ["network"], ["paths", "Iran", "Hezbollah"], ["brokers"],
    ["whatif", "--remove", "Iran"], ["timeline", "Iran"], ["origins", "Hezbollah"],
    ["communities"], ["export", "--format", "jsonl", "-o", "out.jsonl"], ["actors", "Iran"],
    ["actors", "search", "Iran"], ["actors", "merges"], ["actors", "split", "Iran"],
    ["actors", "unmerge", "Iran"], ["serve", "--port", "0"],
]


@pytest.mark.parametrize("args", READ_COMMANDS, ids=" ".join)
def test_read_commands_refuse_a_missing_store(tmp_path: Path, args: list[str]) -> None:
    missing = tmp_path / "nowhere.db"
    result = CliRunner().invoke(app, [*args, "--db", f"sqlite:///{missing}"])
    assert result.exit_code == 4, (result.stdout, result.stderr)
    assert result.stderr.startswith(f"proxygraph: error: no store at sqlite:///{missing} ")
    assert result.stderr.count("\n") == 1 and not missing.exists()


def test_read_commands_never_create_a_store(tmp_path: Path) -> None:
    cwd = tmp_path / "work"
    cwd.mkdir()
    env = {k: v for k, v in __import__("os").environ.items() if k != "PROXYGRAPH_DB"}
    cli = [sys.executable, "-c", "from proxygraph.cli import main; main()"]
    missing = f"sqlite:///{tmp_path}/nowhere.db"
    for args in (["claims"], ["sources"], ["claims", "--actor", "Iran"], ["reextract"],
                 ["review", "clm_x", "--accept"], ["claims", "--db", missing],
                 ["sources", "--db", missing]):
        result = subprocess.run(cli + args, cwd=cwd, env=env, capture_output=True, text=True,
                                timeout=120)
        assert result.returncode == 4, (args, result.stderr)
        assert result.stderr.startswith("proxygraph: error: no store at sqlite:///")
        assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert list(cwd.iterdir()) == [] and not (tmp_path / "nowhere.db").exists()
    # a command that writes creates the default store, and says so
    add = cli + ["actors", "add", "Liwa Example", "--kind", "armed_group"]
    first = subprocess.run(add, cwd=cwd, env=env, capture_output=True, text=True, timeout=120)
    assert first.returncode == 0, first.stderr
    assert "created store sqlite:///proxygraph.db" in first.stderr
    again = subprocess.run(cli + ["claims"], cwd=cwd, env=env, capture_output=True, text=True,
                           timeout=120)
    assert again.returncode == 0 and "created store" not in again.stderr
    assert again.stderr.strip() == "0 claims"


def test_store_errors_never_show_a_traceback(tmp_path: Path) -> None:
    cmd = [sys.executable, "-c", "from proxygraph.cli import main; main()", "claims", "--db"]
    for url, code in (("mysql://x@y/z", 4), (f"sqlite:///{tmp_path}/no/such/dir.db", 4)):
        result = subprocess.run(cmd + [url], capture_output=True, text=True, timeout=120)
        assert result.returncode == code
        assert result.stderr.startswith("proxygraph: error:")
        assert "Traceback" not in result.stderr and result.stderr.count("\n") == 1


def test_actors_overlay_verbs_and_claims_through_merges(run, tmp_path: Path) -> None:
    f = tmp_path / "r"
    write(f, "a.txt", "Iran -> Liwa Example\n")
    write(f, "b.txt", "Russia -> Example Brigade\n")
    run("ingest", str(f / "a.txt"), "--publisher", "A")
    run("ingest", str(f / "b.txt"), "--publisher", "B")
    added = run("actors", "add", "Northern Group", "NG", "--kind", "armed_group").stdout
    assert added.startswith("added Northern Group (ov_")
    run("actors", "alias", "NG", "Liwa Example")
    run("actors", "add", "Southern Group", "--kind", "armed_group")
    run("actors", "alias", "Southern Group", "Example Brigade")
    def found(actor: str) -> set[str]:
        rows = jsonl(run("claims", "--actor", actor, "--format", "jsonl").stdout)
        return {r["subject"]["name"] for r in rows}

    # the claims name participants the registry does not know; an alias picks them up
    assert found("Northern Group") == {"Iran"}
    run("actors", "merge", "Southern Group", "Northern Group", "--note", "same unit")
    assert found("Northern Group") == found("Example Brigade") == {"Iran", "Russia"}
    merges = run("actors", "merges").stdout
    assert "active" in merges and "same unit" in merges
    run("actors", "split", "Southern Group", "--by", "bo")
    assert found("Example Brigade") == {"Russia"}
    assert "undone" in run("actors", "merges").stdout and "by bo" in run("actors",
                                                                         "merges").stdout
    assert run("actors", "merge", "Nobody Known", "NG", code=5).stderr.count("\n") == 1
    assert run("actors", "add", "X Group", code=3).stderr.startswith("proxygraph: error:")
    assert run("actors", "split", "NG", code=5).stderr.count("\n") == 1
    assert "Hezbollah" in run("actors", "hizballah").stdout  # the search still works


def test_table_shows_report_text_with_brackets_verbatim(run, tmp_path: Path) -> None:
    f = tmp_path / "r"
    write(f, "a.txt", "Iran [/b] -> Hezbollah [1]\n")
    run("ingest", str(f / "a.txt"), "--publisher", "[bold]Odd[/]")
    table = run("claims").stdout
    assert "[/b]" in table and "[1]" in table
    assert "[bold]Odd[/]" in run("sources").stdout


def test_reextract_command(run, folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    run("ingest", str(folder / "a.txt"))
    monkeypatch.setattr(collection, "_default_extractor", lambda: arrow_extractor("t2"))
    out = run("reextract").stdout
    assert "+2 new, 2 retired" in out
    rows = jsonl(run("claims", "--format", "jsonl").stdout)
    assert {r["extractor"]["version"] for r in rows} == {"t2"}
    assert run("reextract").stdout == ""  # nothing left at an older version


def test_an_unknown_actor_or_item_says_so_and_suggests(run, folder: Path) -> None:
    run("ingest", str(folder / "a.txt"))
    typo = run("claims", "--actor", "Hezbolah", code=5)
    assert typo.stdout == "" and typo.stderr.count("\n") == 1
    assert "no actor 'Hezbolah'" in typo.stderr and "did you mean" in typo.stderr
    assert "Hezbollah" in typo.stderr.split("did you mean", 1)[1]
    item = run("claims", "--item", "Shaheed-136", code=5)
    assert "no item 'Shaheed-136'" in item.stderr and "Shahed-136" in item.stderr
    assert run("claims", "--actor", "Nobody Whatsoever Zzz", code=5).stderr.count("\n") == 1
    # known names answer, even with nothing to show: the registry's, or the claims' own
    assert run("claims", "--actor", "Houthis", "--format", "jsonl").stdout == ""
    assert run("claims", "--item", "Shahed-136", "--format", "jsonl").stdout == ""
    wagner = jsonl(run("claims", "--actor", "Wagner", "--format", "jsonl").stdout)
    assert [r["object"]["name"] for r in wagner] == ["Wagner"]


def test_table_legend_ellipsis_and_counts(run, tmp_path: Path) -> None:
    words = " ".join(f"word{i}" for i in range(60))
    write(tmp_path / "r", "a.txt", f"Iran -> Hezbollah {words}\n")
    added = run("ingest", str(tmp_path / "r" / "a.txt"), "--publisher", "CNAS",
                "--reliability", "C")
    assert "(1 claim)" in added.stdout and "; 1 claim stored" in added.stderr
    table = run("claims")
    assert table.stderr.strip() == "1 claim"
    # the object column holds every word (the stand-in extractor's object is the rest of
    # the line); the evidence column is cut short
    assert "…" in table.stdout and table.stdout.count("word59") == 1
    legend = table.stdout.strip().splitlines()[-1]
    assert legend.startswith("grade = source reliability (A completely reliable")
    assert "C fairly reliable" in legend and "2 probably true" in legend


def test_shorten_cuts_at_a_word_boundary() -> None:
    from proxygraph.cli.claims_format import shorten

    text = "Iran shipped drones to Russia, according to officials, " * 6
    short = shorten(text, 60)
    assert short.endswith("…") and len(short) <= 60
    assert text.startswith(short[:-1]) and text[len(short) - 1] in " ,"
    assert shorten("short text") == "short text"


def test_explain_shows_what_a_grade_means_and_why(run, tmp_path: Path) -> None:
    f = tmp_path / "r"
    write(f, "a.txt", "Iran -> Hezbollah\n")
    write(f, "b.txt", "Iran -> Hezbollah\nagain\n")
    write(f, "c.txt", "Iran -> Hezbollah\na blog\n")
    run("ingest", str(f / "a.txt"), "--publisher", "CNAS", "--reliability", "B")
    run("ingest", str(f / "b.txt"), "--publisher", "RUSI", "--reliability", "C")
    run("ingest", str(f / "c.txt"), "--publisher", "Blog", "--reliability", "E")
    rows = jsonl(run("claims", "--format", "jsonl").stdout)
    first = rows[0]["id"]
    out = run("claims", "--id", first, "--explain").stdout
    assert "grade B1: source usually reliable, information confirmed" in out
    assert "pub:rusi (C)  occurred: corroborates" in out
    assert "pub:blog (E)  occurred: corroborates (graded E/F: only with a second source)" in out
    assert run("claims", "--explain", code=3).stderr.startswith("proxygraph: error:")


def test_reextract_names_documents_by_title_or_file(run, folder: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    run("ingest", str(folder / "a.txt"), "--title", "Weekly report")
    run("ingest", str(folder / "b.txt"))
    monkeypatch.setattr(collection, "_default_extractor", lambda: arrow_extractor("t2"))
    result = run("reextract")
    lines = sorted(result.stdout.splitlines())
    assert lines[0].startswith("Weekly report  +2 new, 2 retired")
    assert lines[1].startswith(f"{folder / 'b.txt'}  +1 new, 1 retired") or \
        lines[1].startswith("b.txt  +1 new")
    assert result.stderr.strip() == "2 documents re-extracted"


def test_claims_output_file_has_the_usual_permissions(run, folder: Path,
                                                      tmp_path: Path) -> None:
    import os

    run("ingest", str(folder / "a.txt"))
    out = tmp_path / "claims.csv"
    old = os.umask(0o027)
    try:
        run("claims", "--format", "csv", "-o", str(out))
    finally:
        os.umask(old)
    assert out.stat().st_mode & 0o777 == 0o640
    assert out.read_text(encoding="utf-8").count("\n") == 3  # header + 2 claims
    store_file = tmp_path / "cli.db"
    assert store_file.stat().st_mode & 0o777 == 0o666 & ~old


def test_pages_follow_the_stored_order(run, folder: Path) -> None:
    run("ingest", str(folder / "a.txt"), str(folder / "b.txt"))
    every = [r["id"] for r in jsonl(run("claims", "--format", "jsonl").stdout)]
    pages = [jsonl(run("claims", "--format", "jsonl", "--limit", "2", "--offset", str(o))
                   .stdout) for o in (0, 2)]
    assert [r["id"] for page in pages for r in page] == every and len(every) == 3


def test_claims_help_documents_the_search_syntax(run) -> None:
    text = " ".join(run("claims", "--help").stdout.replace("│", " ").split())
    assert '"quoted phrases"' in text and "A OR B" in text and "-word to exclude" in text
    assert "Hezbollah's = Hezbollah" in text
