"""End to end: the two shared seed reports, ingested, answer the seeds' own questions.

The extractor improves while these run, so each test asserts what the reports say and
any sound extraction keeps (paths exist, evidence exists), not today's exact counts.

The answers, from the texts:
- Russia reaches Hezbollah: Assad agreed to send Hezbollah the Russian SA-22 (Pantsir)
  via Wagner (a planned transfer: "agreed to send"); Moscow backs Wagner.
- Hezbollah's weapons: Iranian transfers (no item named) and Russian-made air defence.
- Without Syria, Hezbollah is not cut off: Iran "sends" weapons to Hezbollah directly.
- Without Wagner, Russia keeps reach over the Syrian militias Wagner trained, through
  its own military, which trained the same groups.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from proxygraph.analyze.origins import origins
from proxygraph.analyze.paths import find_paths
from proxygraph.analyze.whatif import Removal, supply_reach, what_if
from proxygraph.collection import ingest_paths
from proxygraph.graph import SUPPLY_TYPES, GraphFilter, build_graph
from proxygraph.graph.model import Graph
from proxygraph.store import SqlStore

SEEDS = Path("/work/shared/corpus/docs")
pytestmark = pytest.mark.skipif(not SEEDS.is_dir() or not any(SEEDS.glob("*.txt")),
                                reason="shared seed reports not present")
WITH_PLANS = GraphFilter(statuses=("occurred", "ongoing", "planned"))


@pytest.fixture(scope="module", name="store")
def store_fixture(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SqlStore]:
    db = tmp_path_factory.mktemp("seeds") / "seeds.db"
    store = SqlStore(f"sqlite:///{db}")
    report = ingest_paths(store, sorted(SEEDS.glob("*.txt")), publisher="seed")
    assert report.ok and report.claims > 0
    yield store
    store.close()


def assert_evidence_exists(store: SqlStore, claim_ids: list[str]) -> None:
    assert claim_ids
    for cid in claim_ids:
        assert store.claim(cid).id == cid


def test_paths_from_russia_to_hezbollah(store: SqlStore) -> None:
    graph = build_graph(store, WITH_PLANS)
    result = find_paths(graph, "russia", "hezbollah", max_hops=4)
    assert result.paths, "no chain from Russia to Hezbollah"
    for path in result.paths:
        assert path.nodes[0] == "russia" and path.nodes[-1] == "hezbollah"
        for hop in path.hops:
            assert_evidence_exists(store, hop.claim_ids)
    # Russia's direct support of Hezbollah is denied in the text: never a one-hop supply.
    assert all(len(p.hops) > 1 for p in result.paths)


def test_origins_of_hezbollahs_weapons(store: SqlStore) -> None:
    graph = build_graph(store, WITH_PLANS)
    result = origins(graph, "hezbollah")
    assert "russia" in result.by_origin()
    assert_evidence_exists(store, sorted({c for r in result.rows for c in r.claims}))
    suppliers = {s for r in result.rows for s in r.suppliers} | set(
        result.unspecified_suppliers)
    assert "iran" in suppliers


def _supplied(graph: Graph, recipient: str, sponsor: str) -> bool:
    return bool(find_paths(graph, sponsor, recipient, max_hops=4, limit=1).paths)


def test_without_syria_hezbollah_keeps_irans_supply(store: SqlStore) -> None:
    graph = build_graph(store, WITH_PLANS)
    result = what_if(graph, Removal(actors=("syria",)))
    assert "syria" in result.removed_actors
    assert "hezbollah" not in {a.recipient for a in result.lost_all}
    assert _supplied(result.after_graph, "hezbollah", "iran")
    assert result.after.pairs <= result.before.pairs


def test_without_wagner_russia_keeps_reach_through_its_military(store: SqlStore) -> None:
    graph = build_graph(store, WITH_PLANS)
    trainees = {e.target for e in graph.edge_list(["TRAINING"]) if e.source == "wagner-group"}
    assert trainees, "the seeds name militias Wagner trained"
    result = what_if(graph, Removal(actors=("wagner-group",)))
    assert "wagner-group" not in result.after_graph.nodes
    for a in result.affected:
        if a.lost_path is not None:  # what is lost ran through Wagner
            assert "wagner-group" in a.lost_path.nodes or set(a.lost_path.claim_ids) & set(
                result.dropped_claims)
    reach_after, _ = supply_reach(result.after_graph, SUPPLY_TYPES, 4, None)
    assert any("russia" in reach_after.sponsors(t) for t in trainees), (
        "Russia lost every Wagner-trained militia")
