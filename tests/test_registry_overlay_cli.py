"""`proxygraph actors QUERY` also finds actors an analyst added to the store's overlay."""

from __future__ import annotations

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
    assert runner.invoke(app, ["actors", "merges", "--db", other_db]).exit_code == 0
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
