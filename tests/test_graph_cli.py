"""The network commands as a user runs them, against a small hand-built store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import proxygraph.cli  # noqa: F401  (registers every command on the app)
from graph_helpers import add_doc
from proxygraph.cli.app import app
from proxygraph.store import SqlStore


@pytest.fixture(name="db")
def db_fixture(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path}/net.db"
    store = SqlStore(url)
    try:
        add_doc(store, "a.txt", [
            {"subject": "iran", "obj": "syria", "time": ("2023-01-01", "2023-12-31", "year")},
            {"subject": "syria", "obj": "hezbollah", "items": ["pantsir-s1"],
             "time": ("2023-03-01", "2023-03-31", "month")},
            {"subject": "russia", "obj": "hezbollah", "status": "denied"},
            {"subject": "bashar-al-assad", "obj": "hezbollah", "via": ["wagner-group"],
             "status": "planned"},
        ], publisher="CNAS")
        add_doc(store, "b.txt", [{"subject": "iran", "obj": "syria"},
                                 {"subject": "hezbollah", "obj": "israel", "ctype": "CLASH"}],
                publisher="cnas")
    finally:
        store.close()
    return url


def run(*args: str, code: int = 0) -> str:
    result = CliRunner().invoke(app, list(args), catch_exceptions=False)
    assert result.exit_code == code, (result.stdout, result.stderr)
    return result.stdout if code == 0 else result.stderr


def claim_ids(db: str) -> set[str]:
    store = SqlStore(db)
    try:
        return {c.id for c in store.claims()}
    finally:
        store.close()


def test_network_json_lists_edges_with_their_claims(db: str) -> None:
    data = json.loads(run("network", "--db", db, "--json"))
    edges = {(e["source"], e["type"], e["target"]): e for e in data["edges"]}
    iran_syria = edges[("iran", "ARMS_TRANSFER", "syria")]
    assert iran_syria["count"] == 2 and iran_syria["corroboration"] == 1  # one publisher
    assert set(iran_syria["claims"]) <= claim_ids(db)
    assert ("bashar-al-assad", "ARMS_TRANSFER", "wagner-group") not in edges  # planned
    assert [d["subject"] for d in data["disputed"]] == ["russia"]  # the denial is shown
    with_plans = json.loads(run("network", "--db", db, "--json", "--include-status",
                                "planned", "--types", "ARMS_TRANSFER"))
    keys = {(e["source"], e["target"]) for e in with_plans["edges"]}
    assert ("bashar-al-assad", "wagner-group") in keys and ("hezbollah", "israel") not in keys
    table = run("network", "--db", db)
    assert "Iran" in table and "Syria" in table


def test_paths_and_time_respecting(db: str) -> None:
    data = json.loads(run("paths", "Iran", "Hezbollah", "--db", db, "--json"))
    assert [p["names"] for p in data["paths"]] == [["Iran", "Syria", "Hezbollah"]]
    for hop in data["paths"][0]["hops"]:
        assert hop["claims"] and set(hop["claims"]) <= claim_ids(db)
    via = json.loads(run("paths", "Bashar al-Assad", "Hezbollah", "--via", "Wagner Group",
                         "--include-status", "planned", "--db", db, "--json"))
    assert via["paths"][0]["names"] == ["Bashar al-Assad", "Wagner Group", "Hezbollah"]
    # The undated Iran -> Syria report keeps the edge's span open to 2023; in order.
    ordered = json.loads(run("paths", "Iran", "Hezbollah", "--time-respecting", "--db", db,
                             "--json"))
    assert ordered["found"] == 1
    assert "Iran" in run("paths", "Iran", "Hezbollah", "--db", db)


def test_whatif_brokers_origins_timeline_communities(db: str) -> None:
    data = json.loads(run("whatif", "--remove", "Syria", "--db", db, "--json"))
    assert data["lost_every_supply_path"] == ["hezbollah"]
    assert {a["id"] for a in data["removed"]["actors"]} >= {"syria"}
    assert data["before"]["pairs"] > data["after"]["pairs"]
    assert "before" in run("whatif", "--remove", "Syria", "--db", db)

    brokers = json.loads(run("brokers", "--db", db, "--json"))
    assert brokers[0]["actor"] == "syria" and brokers[0]["roles"]["liaison"] == 1

    origins = json.loads(run("origins", "Hezbollah", "--db", db, "--json"))
    assert [(o["origin"], o["share"]) for o in origins["by_origin"]] == [("russia", 1.0)]

    line = json.loads(run("timeline", "Hezbollah", "--db", db, "--json"))
    assert [e["when"] for e in line][:1] == ["2023-03"]
    assert {e["status"] for e in line} >= {"denied", "planned"}  # a timeline shows all

    com = json.loads(run("communities", "--db", db, "--json"))
    assert com["communities"] and com["centrality"]


def test_unknown_actor_is_one_line_with_suggestions(db: str) -> None:
    err = run("paths", "Iran", "Hizbolah", "--db", db, code=5)
    assert "closest: Hezbollah" in err and len(err.strip().splitlines()) == 1


def test_bad_options_exit_3(db: str) -> None:
    run("network", "--types", "SHIPPING", "--db", db, code=3)
    run("network", "--since", "2024", "--until", "2023", "--db", db, code=3)
    run("paths", "Iran", "Iran", "--db", db, code=3)


def test_read_commands_never_create_a_store(tmp_path: Path) -> None:
    missing = tmp_path / "none.db"
    err = run("network", "--db", f"sqlite:///{missing}", code=4)
    assert "no store" in err
    assert not missing.exists()
