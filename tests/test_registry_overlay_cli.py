"""`proxygraph actors QUERY` also finds actors an analyst added to the store's overlay."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

import proxygraph.cli  # noqa: F401  registers the commands
from proxygraph.cli.app import app

runner = CliRunner()


def test_search_finds_overlay_actor_only_in_its_store(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'team.db'}"
    added = runner.invoke(app, ["actors", "add", "Jaish al-Example", "--kind", "armed_group",
                                "--db", db])
    assert added.exit_code == 0, added.output
    found = runner.invoke(app, ["actors", "Jaish al-Example", "--db", db, "--json"])
    assert found.exit_code == 0, found.output
    assert '"name": "Jaish al-Example"' in found.output
    other_db = f"sqlite:///{tmp_path / 'other.db'}"
    assert runner.invoke(app, ["actors", "add", "Liwa Other", "--kind", "armed_group",
                               "--db", other_db]).exit_code == 0
    other = runner.invoke(app, ["actors", "Jaish al-Example", "--db", other_db])
    assert other.exit_code == 5  # not found
    assert other.stderr == "proxygraph: error: no actor matches 'Jaish al-Example'\n"


def test_plain_search_creates_no_store(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("PROXYGRAPH_DB", raising=False)
    result = runner.invoke(app, ["actors", "hizballah"])
    assert result.exit_code == 0
    assert "Hezbollah" in result.output
    assert not (tmp_path / "proxygraph.db").exists()


def test_actors_verbs_are_subcommands_in_help() -> None:
    result = runner.invoke(app, ["actors", "--help"], terminal_width=120)
    assert result.exit_code == 0
    listed = {line.strip("│ ").split(" ")[0] for line in result.stdout.splitlines()}
    assert {"search", "add", "alias", "merge", "split", "merges"} <= listed
    merge_help = runner.invoke(app, ["actors", "merge", "--help"], terminal_width=120)
    assert "INTO_ACTOR" in merge_help.stdout and "--note" in merge_help.stdout


def test_free_words_still_search_and_search_is_explicit_too(tmp_path: Path,
                                                           monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("PROXYGRAPH_DB", raising=False)
    for args in (["actors", "hizballah"], ["actors", "search", "hizballah"],
                 ["actors", "--kind", "armed_group", "hizballah", "--json"]):
        result = runner.invoke(app, args)
        assert result.exit_code == 0, (args, result.stderr)
        assert "hezbollah" in result.stdout
    # A verb's name as a search word needs the explicit subcommand.
    assert runner.invoke(app, ["actors", "search", "merge"]).exit_code == 5


def test_a_merged_actor_is_found_and_shown_merged_into_its_target(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'team.db'}"

    def ok(*args: str) -> str:
        result = runner.invoke(app, [*args, "--db", db], terminal_width=200)
        assert result.exit_code == 0, (args, result.stderr)
        return result.stdout

    ok("actors", "add", "Saraya Example", "SE", "--kind", "armed_group")
    ok("actors", "merge", "Saraya Example", "Kata'ib Hezbollah", "--note", "same unit")
    ok("actors", "merge", "Kata'ib Sayyid al-Shuhada", "Kata'ib Hezbollah")
    found = [json.loads(line) for line in ok("actors", "Saraya Example", "--json").splitlines()]
    assert found[0]["name"] == "Saraya Example"
    assert found[0]["merged_into"] == {"id": "kataib-hezbollah", "name": "Kata'ib Hezbollah"}
    registry_actor = json.loads(ok("actors", "Sayyid al-Shuhada", "--json").splitlines()[0])
    assert registry_actor["id"] == "kataib-sayyid-al-shuhada"
    assert registry_actor["merged_into"]["id"] == "kataib-hezbollah"
    table = ok("actors", "Sayyid al-Shuhada")
    assert "merged into" in table and "Kata'ib Hezbollah" in table
    target = [json.loads(line) for line in ok("actors", "Kata'ib Hezbollah", "--json")
              .splitlines()]
    assert "merged_into" not in target[0]
    ok("actors", "split", "Saraya Example")
    again = json.loads(ok("actors", "Saraya Example", "--json").splitlines()[0])
    assert again["name"] == "Saraya Example" and "merged_into" not in again


def test_a_named_store_that_does_not_exist_is_an_error_not_created(tmp_path: Path) -> None:
    missing = tmp_path / "typo.db"
    result = runner.invoke(app, ["actors", "hizballah", "--db", f"sqlite:///{missing}"])
    assert result.exit_code == 4
    assert result.stderr == f"proxygraph: error: no store at sqlite:///{missing} " \
                            f"({missing} does not exist; `proxygraph ingest` creates one, " \
                            "or give --db)\n"
    assert not missing.exists()
