"""`proxygraph export` as a user runs it: the filters of `claims`, errors as exit codes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
import typer
from typer.testing import CliRunner

import proxygraph.cli  # noqa: F401  (registers every command on the app)
from proxygraph.cli.app import app
from proxygraph.store import SqlStore
from test_export_fixtures import fill


@pytest.fixture
def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., Any]:
    db = f"sqlite:///{tmp_path}/x.db"
    with SqlStore(db) as store:
        fill(store)
    monkeypatch.setenv("PROXYGRAPH_DB", db)
    runner = CliRunner()

    def invoke(*args: str, code: int = 0) -> Any:
        result = runner.invoke(app, list(args), catch_exceptions=False)
        assert result.exit_code == code, (result.stdout, result.stderr)
        return result
    return invoke


def _options(name: str) -> set[str]:
    sub = typer.main.get_command(app).commands[name]  # type: ignore[attr-defined]
    return {opt for p in sub.params for opt in p.opts if opt.startswith("--")}


def test_export_takes_every_filter_of_claims_and_the_edge_rules_of_network() -> None:
    claims_only = {"--history", "--explain", "--format", "--output"}  # not filters
    assert _options("claims") - claims_only <= _options("export")
    edge_rules = {"--include-status", "--corroboration", "--undated", "--types"}
    assert edge_rules <= _options("network") and edge_rules <= _options("export")


def test_export_formats_from_the_command_line(run: Callable[..., Any], tmp_path: Path) -> None:
    result = run("export", "--format", "csv", "-o", str(tmp_path / "out"),
                 "--types", "ARMS_TRANSFER,TRAINING")
    assert "3 claims, " in result.stderr and "written to" in result.stderr
    assert len((tmp_path / "out" / "claims.csv").read_text().splitlines()) == 4
    run("export", "-f", "gexf", "-o", str(tmp_path / "n.gexf"), "--actor", "Hizballah")
    g = nx.read_gexf(tmp_path / "n.gexf")
    assert sorted(g.nodes) == ["hezbollah", "iran", "syria"]
    out = run("export", "-f", "graphml", "-o", "-", "--include-status", "denied")
    assert out.stdout.startswith('<?xml version="1.0"') and "<graphml" in out.stdout
    assert "Report A" in run("export", "-f", "stix", "-o", "-").stdout


@pytest.mark.parametrize(("args", "code", "message"), [
    (("-f", "xml", "-o", "x"), 3, "format must be one of stix, gexf"),
    (("-f", "jsonl", "-o", "x", "--actor", "Hezbolah"), 5, "no actor 'Hezbolah'"),
    (("-f", "jsonl", "-o", "x", "--type", "ARMS"), 3, "unknown type 'ARMS'"),
    (("-f", "jsonl", "-o", "x", "--id", "clm_00000000000000000000"), 5, "no claim"),
    (("-f", "jsonl", "-o", "no/such/folder/x.jsonl"), 2, "output folder does not exist"),
    (("-f", "csv", "-o", "-"), 2, "give a folder with -o"),
    (("-f", "jsonl"), 3, "Missing option '--output'"),
])
def test_export_errors_are_one_line_and_an_exit_code(run: Callable[..., Any], tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch,
                                                     args: tuple[str, ...], code: int,
                                                     message: str) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("export", *args, code=code)
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "x").exists()


def test_export_never_creates_a_store(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["export", "-f", "jsonl", "-o", str(tmp_path / "x"),
                                      "--db", f"sqlite:///{tmp_path}/none.db"])
    assert result.exit_code == 4 and "no store at" in result.stderr
    assert not (tmp_path / "none.db").exists()


def test_certainty_is_a_minimum_in_export_as_in_network(run: Callable[..., Any],
                                                          tmp_path: Path) -> None:
    import json

    out = run("export", "-f", "jsonl", "-o", "-", "--certainty", "medium").stdout
    kept = {json.loads(line)["certainty"] for line in out.splitlines()}
    assert kept == {"high", "medium"}  # the low FUNDING claim is out, medium stays
    assert len(out.splitlines()) == 7
    run("export", "-f", "graphml", "-o", str(tmp_path / "n.graphml"), "--certainty", "Medium")
    exported = {(a, d["type"], b) for a, b, d in
                nx.read_graphml(tmp_path / "n.graphml").edges(data=True)}
    network = json.loads(run("network", "--json", "--certainty", "medium").stdout)
    assert exported == {(e["source"], e["type"], e["target"]) for e in network["edges"]}
    assert ("syria", "FUNDING", "hezbollah") not in exported
    bad = run("export", "-f", "jsonl", "-o", "-", "--certainty", "high,medium", code=3)
    assert "certainty must be one of" in bad.stderr
