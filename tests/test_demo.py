"""`proxygraph demo`: the bundled samples go into a fresh store and a summary is printed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import proxygraph.cli  # noqa: F401  registers the commands
from proxygraph.cli.app import app
from proxygraph.cli.extract_cmds import sample_documents
from proxygraph.ontology import ONTOLOGY
from proxygraph.store import open_store

runner = CliRunner()


def test_samples_are_bundled_and_original() -> None:
    docs = sample_documents()
    assert len(docs) >= 10
    assert all(len(d.text.split()) >= 100 for d in docs)
    assert len({d.sha256 for d in docs}) == len(docs)


def test_demo_ingests_samples_into_a_fresh_store(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "claims.jsonl"
    first = runner.invoke(app, ["demo", "-o", str(out)])
    assert first.exit_code == 0, first.output
    assert "13 sample reports" in first.output
    assert "Claims per type" in first.output and "Top 10 actor pairs" in first.output
    claims = [json.loads(line) for line in out.read_text().splitlines()]
    types = {c["type"] for c in claims}
    # The samples were written to exercise every claim type; most must come out.
    assert len(types) >= 12, sorted(set(ONTOLOGY.claim_types) - types)
    store = open_store(f"sqlite:///{tmp_path / 'proxygraph-demo.db'}")
    try:
        assert len(store.claims()) == len(claims)
        assert len(store.documents()) == 13
    finally:
        store.close()
    # A second run starts from a fresh store: same figures, no duplicates.
    second = runner.invoke(app, ["demo"])
    assert second.exit_code == 0, second.output
    assert f"{len(claims)} claims" in second.output


def test_explore_hint_is_one_unwrapped_line(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COLUMNS", "40")
    result = runner.invoke(app, ["demo"])
    assert result.exit_code == 0, result.output
    [line] = [ln for ln in result.output.splitlines() if ln.startswith("Explore:")]
    assert line.endswith("--actor Hezbollah --format table")
