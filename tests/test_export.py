"""Exports read back by the tools they are for: stix2, networkx, pandas, csv, json."""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest
import stix2

from proxygraph.export import Selection, export
from proxygraph.export.records import CLAIM_COLUMNS, EDGE_COLUMNS, NODE_COLUMNS, date_text
from proxygraph.export.source import ExportSource
from proxygraph.export.stix import RELATIONSHIP_TYPES, stix_id
from proxygraph.graph import GraphFilter
from proxygraph.model import Claim, TimeSpan
from proxygraph.ontology import ONTOLOGY
from proxygraph.store import ClaimFilter, SqlStore
from test_export_fixtures import DOC_A, fill

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SqlStore]:
    s = SqlStore(f"sqlite:///{tmp_path}/x.db")
    fill(s)
    try:
        yield s
    finally:
        s.close()


@pytest.fixture
def claims(store: SqlStore) -> dict[str, Claim]:
    return {c.id: c.claim for c in store.claims()}


def _by(claims: dict[str, Claim], ctype: str, status: str = "occurred") -> Claim:
    return next(c for c in claims.values() if c.type == ctype and c.status == status)


# --- JSONL ------------------------------------------------------------------------------

def test_jsonl_is_the_extract_shape_plus_store_and_source(store: SqlStore, tmp_path: Path,
                                                          claims: dict[str, Claim]) -> None:
    out = tmp_path / "c.jsonl"
    assert export(store, "jsonl", out) == {"claims": 8}
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["id"] for r in records] == list(claims)  # stored order
    for r in records:
        claim = claims[r["id"]]
        assert {k: r[k] for k in claim.to_dict()} == claim.to_dict()
        assert Claim.from_dict(r) == claim
    first = records[0]
    assert first["source"] == {"sha256": DOC_A.sha256, "name": "a.txt", "title": "Report A",
                               "publisher": "CNAS", "url": "https://example.org/a",
                               "published": "2024-03-01", "reliability": "B"}
    assert first["reliability"] == "B" and first["review"]["state"] == "unreviewed"


def test_filters_select_what_claims_selects(store: SqlStore, tmp_path: Path) -> None:
    out = tmp_path / "c.jsonl"
    sel = Selection(claims=ClaimFilter(types=("ARMS_TRANSFER",), since="2023"))
    assert export(store, "jsonl", out, sel) == {"claims": 2}
    sel = Selection(claims=ClaimFilter(actors=("Hizballah",)))
    export(store, "jsonl", out, sel)
    assert {json.loads(x)["type"] for x in out.read_text().splitlines()} == {"TRAINING",
                                                                             "FUNDING"}
    # --undated keeps undated claims inside a window, as `network --undated` does
    windowed = ClaimFilter(since="2023", until="2023")
    assert export(store, "jsonl", out, Selection(claims=windowed))["claims"] == 3
    undated = Selection(claims=windowed, graph=GraphFilter(since="2023", until="2023",
                                                           undated=True))
    assert export(store, "jsonl", out, undated)["claims"] == 6


# --- STIX 2.1 ---------------------------------------------------------------------------

def test_stix_bundle_parses_with_stix2(store: SqlStore, tmp_path: Path,
                                       claims: dict[str, Claim]) -> None:
    out = tmp_path / "bundle.json"
    counts = export(store, "stix", out)
    bundle = stix2.parse(out.read_text(), allow_custom=True)
    kinds: dict[str, int] = {}
    for obj in bundle.objects:
        kinds[obj.type] = kinds.get(obj.type, 0) + 1
    # 8 claims: 7 relationships and one note (PRODUCTION with no object and no item);
    # identities: proxygraph, Iran, Russia, Israel, Syria (states); threat actors: Houthis,
    # Hezbollah; intrusion set: the unresolved Syrian fighters; tool: Shahed-136.
    assert kinds == {"identity": 5, "threat-actor": 2, "intrusion-set": 1, "tool": 1,
                     "relationship": 7, "note": 1, "report": 3}
    assert counts["objects"] == len(bundle.objects) == 20

    arms = _by(claims, "ARMS_TRANSFER")
    rel = next(o for o in bundle.objects if o.type == "relationship"
               and o.x_proxygraph_claim_id == arms.id)
    assert rel.id == stix_id("relationship", arms.id)
    assert rel.relationship_type == "transfers-arms-to"
    assert rel.source_ref == stix_id("identity", "iran")
    assert rel.target_ref == stix_id("threat-actor", "houthis")
    assert rel.confidence == 85
    assert str(rel.start_time).startswith("2023-01-01")
    assert str(rel.stop_time).startswith("2023-04-01")  # exclusive: the day after Mar 31
    assert rel.x_proxygraph_items == ["Shahed-136"]
    assert rel.x_proxygraph_item_refs == [stix_id("tool", "shahed-136")]
    assert rel.x_proxygraph_route == ["Red Sea"]
    assert rel.x_proxygraph_reliability == "B" and rel.x_proxygraph_status == "occurred"
    ref = rel.external_references[0]
    assert (ref.source_name, ref.url, ref.external_id) == (
        "CNAS", "https://example.org/a", DOC_A.sha256)
    assert rel.description == arms.evidence.sentence

    denied = _by(claims, "ARMS_TRANSFER", "denied")
    rel = next(o for o in bundle.objects if getattr(o, "x_proxygraph_claim_id", "") ==
               denied.id)
    assert rel.description.startswith("[denied] ") and rel.x_proxygraph_status == "denied"
    training = next(o for o in bundle.objects if getattr(o, "x_proxygraph_type", "") ==
                    "TRAINING")
    assert training.confidence == 50
    producer = next(o for o in bundle.objects if o.type == "relationship"
                    and o.x_proxygraph_type == "PRODUCTION")
    assert producer.relationship_type == "produces"
    assert producer.target_ref == stix_id("tool", "shahed-136")

    report = next(o for o in bundle.objects if o.type == "report" and o.name == "Report A")
    assert str(report.published).startswith("2024-03-01")
    assert stix_id("relationship", arms.id) in report.object_refs
    assert all(r in {o.id for o in bundle.objects} for r in report.object_refs)
    fighters = next(o for o in bundle.objects if o.type == "intrusion-set")
    assert fighters.name == "Syrian fighters" and fighters.x_proxygraph_resolved is False
    iran = next(o for o in bundle.objects if o.id == stix_id("identity", "iran"))
    assert iran.identity_class == "organization" and iran.x_proxygraph_kind == "state"
    assert iran.external_references[0].external_id == "Q794"


def test_stix_reexport_gives_the_same_bundle(store: SqlStore, tmp_path: Path) -> None:
    export(store, "stix", tmp_path / "one.json")
    export(store, "stix", tmp_path / "two.json")
    assert (tmp_path / "one.json").read_bytes() == (tmp_path / "two.json").read_bytes()


def test_stix_maps_every_claim_type() -> None:
    assert set(RELATIONSHIP_TYPES) == set(ONTOLOGY.claim_types)
    assert all(re.fullmatch(r"[a-z]+(-[a-z]+)*", t) for t in RELATIONSHIP_TYPES.values())


# --- GEXF and GraphML -------------------------------------------------------------------

def test_gexf_has_node_attributes_and_dynamic_edge_spans(store: SqlStore,
                                                        tmp_path: Path) -> None:
    out = tmp_path / "net.gexf"
    counts = export(store, "gexf", out)
    graph = ExportSource(store).graph()
    g = nx.read_gexf(out)
    assert g.number_of_nodes() == len(graph.nodes) == counts["nodes"]
    assert g.number_of_edges() == len(graph.edges) == counts["edges"]
    assert g.nodes["hezbollah"]["kind"] == "armed_group"
    assert g.nodes["hezbollah"]["label"] == "Hezbollah"
    assert g.nodes["iran"]["country"] == "iran"
    arms = next(d for a, b, d in g.edges(data=True)
                if (a, b, d["type"]) == ("iran", "houthis", "ARMS_TRANSFER"))
    assert arms["spells"] == [("2023-01-01", "2023-03-31")]
    assert arms["claims"] == 1 and arms["conflict"] is True  # the denial beside it
    # the FUNDING claim goes via Syria: two hops, each dated
    assert ("iran", "syria") in g.edges and ("syria", "hezbollah") in g.edges
    clash = next(d for a, b, d in g.edges(data=True) if d["type"] == "CLASH")
    assert "spells" not in clash  # undated: holds at an unknown time
    assert clash["symmetric"] is True


def test_graphml_has_typed_attributes(store: SqlStore, tmp_path: Path) -> None:
    out = tmp_path / "net.graphml"
    export(store, "graphml", out)
    graph = ExportSource(store).graph()
    g = nx.read_graphml(out)
    assert g.number_of_nodes() == len(graph.nodes)
    assert g.number_of_edges() == len(graph.edges)
    node = g.nodes["houthis"]
    assert node["kind"] == "armed_group" and node["resolved"] is True
    assert isinstance(node["claims"], int) and node["claims"] == 3
    edge = next(d for a, b, d in g.edges(data=True) if d["type"] == "TRAINING")
    assert isinstance(edge["strength"], float) and edge["best_certainty"] == "medium"
    assert edge["claim_ids"] == _training_id(store)
    fighters = next(n for n in graph.nodes.values() if n.name == "Syrian fighters")
    assert g.nodes[fighters.id]["resolved"] is False


def _training_id(store: SqlStore) -> str:
    return next(c.id for c in store.claims() if c.claim.type == "TRAINING")


# --- CSV and Parquet --------------------------------------------------------------------

def _csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_csv_writes_nodes_edges_claims(store: SqlStore, tmp_path: Path,
                                       claims: dict[str, Claim]) -> None:
    folder = tmp_path / "out"
    counts = export(store, "csv", folder)
    graph = ExportSource(store).graph()
    assert counts == {"claims": 8, "nodes": len(graph.nodes), "edges": len(graph.edges)}
    rows = _csv(folder / "claims.csv")
    assert list(rows[0]) == [c.name for c in CLAIM_COLUMNS]
    arms = _by(claims, "ARMS_TRANSFER")
    row = next(r for r in rows if r["id"] == arms.id)
    assert row["subject"] == "Iran" and row["object"] == "Houthis"
    assert row["items"] == "Shahed-136" and row["date"] == "2023-01..2023-03"
    assert row["source"] == "Report A" and row["publisher"] == "CNAS"
    assert row["doc"] == DOC_A.sha256 and row["doc_name"] == "a.txt"
    nodes = {r["id"]: r for r in _csv(folder / "nodes.csv")}
    # Iran -> Houthis (arms), Hezbollah (training), Syrian fighters (support), Syria (the
    # first hop of the funding via Syria); the denial and the bare PRODUCTION make none
    assert nodes["iran"]["kind"] == "state" and nodes["iran"]["edges_out"] == "4"
    fighters = next(r for r in nodes.values() if r["name"] == "Syrian fighters")
    assert fighters["resolved"] == "false"
    edges = _csv(folder / "edges.csv")
    assert list(edges[0]) == [c.name for c in EDGE_COLUMNS]
    assert len(edges) == len(graph.edges)


def test_parquet_reads_back_with_pandas(store: SqlStore, tmp_path: Path,
                                        claims: dict[str, Claim]) -> None:
    folder = tmp_path / "pq"
    export(store, "parquet", folder)
    table = pd.read_parquet(folder / "claims.parquet")
    assert list(table.columns) == [c.name for c in CLAIM_COLUMNS]
    assert len(table) == 8 and table["credibility"].dtype == "int64"
    arms = table[table["id"] == _by(claims, "ARMS_TRANSFER").id].iloc[0]
    assert list(arms["items"]) == ["Shahed-136"] and arms["time_start"] == "2023-01-01"
    nodes = pd.read_parquet(folder / "nodes.parquet")
    assert list(nodes.columns) == [c.name for c in NODE_COLUMNS]
    assert nodes["resolved"].dtype == bool
    edges = pd.read_parquet(folder / "edges.parquet")
    assert edges["strength"].dtype == "float64"
    assert set(edges["type"]) == {"ARMS_TRANSFER", "TRAINING", "CLASH", "SUPPORT",
                                  "FUNDING"}


def test_empty_selection_still_writes_files_with_columns(store: SqlStore,
                                                         tmp_path: Path) -> None:
    sel = Selection(claims=ClaimFilter(types=("INTEGRATION",)))
    assert export(store, "parquet", tmp_path / "pq", sel)["claims"] == 0
    assert list(pd.read_parquet(tmp_path / "pq" / "edges.parquet").columns) == [
        c.name for c in EDGE_COLUMNS]
    export(store, "stix", tmp_path / "b.json", sel)
    assert len(stix2.parse((tmp_path / "b.json").read_text()).objects) == 1  # the creator


def test_date_text_writes_the_import_syntax() -> None:
    assert date_text(TimeSpan("", "2023-01-01", "2023-12-31", "year")) == "2023"
    assert date_text(TimeSpan("", "2023-03-01", "2023-04-30", "month")) == "2023-03..2023-04"
    assert date_text(TimeSpan("", "2023-03-05", None, "day")) == "2023-03-05.."
    assert date_text(None) is None


def test_data_dictionary_documents_every_column() -> None:
    text = (ROOT / "docs" / "data-dictionary.md").read_text()
    for table, columns in (("claims", CLAIM_COLUMNS), ("nodes", NODE_COLUMNS),
                           ("edges", EDGE_COLUMNS)):
        section = text.split(f"### {table}", 1)[1].split("\n### ", 1)[0]
        documented = re.findall(r"^\| `(\w+)` \|", section, flags=re.M)
        assert documented == [c.name for c in columns], table


def test_documents_are_streamed_with_what_documents_lists(store: SqlStore) -> None:
    from dataclasses import replace

    listed = sorted((replace(d, claims=0) for d in store.documents()), key=lambda d: d.sha256)
    assert list(store.iter_documents()) == listed and len(listed) == 3
    refs = ExportSource(store).documents
    assert {sha: r.publisher for sha, r in refs.items()} == {
        d.sha256: d.publisher for d in listed}
