"""One edge definition: the graph's edges and the streamed export's summaries agree."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph_helpers import add_doc, claim, stored
from proxygraph.export import ExportSource, Selection
from proxygraph.graph import GraphFilter, build_graph, graph_from_claims
from proxygraph.graph.actors import Merges
from proxygraph.graph.build import Statements
from proxygraph.graph.edges import merge_spans
from proxygraph.graph.network import stream_network
from proxygraph.store import ClaimFilter, SqlStore


def _spans(*ranges: tuple[str, str]) -> list[str]:
    return merge_spans([day for r in ranges for day in r])


def test_spans_merge_when_they_overlap_or_touch_in_any_order() -> None:
    assert _spans(
        ("2023-03-01", "2023-03-31"), ("2023-01-01", "2023-01-31"), ("2023-02-01", "2023-02-28")
    ) == ["2023-01-01", "2023-03-31"]
    assert _spans(("2023-01-01", "2023-01-31"), ("2023-03-01", "2023-03-31")) == [
        "2023-01-01",
        "2023-01-31",
        "2023-03-01",
        "2023-03-31",
    ]  # February is a gap
    # one long span swallows the ranges it covers, on both sides
    assert _spans(
        ("2020-01-01", "2020-01-02"),
        ("2022-01-01", "2022-01-02"),
        ("2024-01-01", "2024-01-02"),
        ("2019-06-01", "2022-06-01"),
    ) == ["2019-06-01", "2022-06-01", "2024-01-01", "2024-01-02"]
    assert _spans(("2020-01-01", "9999-12-31"), ("2010-01-01", "2010-12-31")) == [
        "2010-01-01",
        "2010-12-31",
        "2020-01-01",
        "9999-12-31",
    ]
    assert _spans(("2021-01-01", "2021-12-31"), ("2021-03-01", "2021-04-01")) == [
        "2021-01-01",
        "2021-12-31",
    ]  # a range inside another


def _mixed_claims() -> list:
    """Corroboration, a denial beside a report, a disputed denial, a via chain, a
    symmetric type written both ways, an undated claim, items, two statuses."""
    return [
        claim(
            "a", "iran", "houthis", items=["shahed-136"], time=("2023-01-01", "2023-01-31", "month")
        ),
        claim(
            "b",
            "iran",
            "houthis",
            items=["shahed-136"],
            status="ongoing",
            time=("2023-02-01", None, "month"),
            n=1,
            certainty="low",
        ),
        claim("c", "iran", "houthis", status="denied", n=2),
        claim("c", "russia", "hamas", status="denied", n=3),
        claim(
            "d",
            "iran",
            "hezbollah",
            "FUNDING",
            via=["syria"],
            time=("2021-05-02", "2021-05-02", "day"),
            n=4,
        ),
        claim("e", "houthis", "hezbollah", "CLASH", n=5),
        claim("f", "hezbollah", "houthis", "CLASH", n=6, time=("2019-01-01", "2019-12-31", "year")),
        claim("f", "iran", None, "PRODUCTION", items=["shahed-136"], n=7),
    ]


def test_streamed_summaries_equal_the_graph_edges() -> None:
    flt = GraphFilter()
    publishers = {"a": "Reuters", "b": "reuters ", "d": "AP"}
    graph = graph_from_claims([stored(c) for c in _mixed_claims()], flt, publishers=publishers)
    make = Statements(flt, publishers, Merges({}))
    net = stream_network(make.from_stored(stored(c) for c in _mixed_claims()), make.nodes, flt)
    assert set(net.edges) == set(graph.edges) and len(graph.edges) == 4
    for key, edge in graph.edges.items():
        assert net.edges[key].to_dict(net) == edge.to_dict(graph), key
        assert net.edges[key].spells == edge.spells
    arms = net.edges[("iran", "ARMS_TRANSFER", "houthis")]
    assert arms.count == 2 and arms.corroboration == 1 and arms.publishers == ["Reuters"]
    assert arms.statuses == {"occurred": 1, "ongoing": 1, "denied": 1} and arms.conflict
    assert arms.open_ended and arms.last is None and arms.first == "2023-01-01"
    assert arms.spells == [("2023-01-01", None)]  # January and February on, touching
    assert arms.best_certainty == "high" and arms.items == {"Shahed-136": 2}
    clash = net.edges[("hezbollah", "CLASH", "houthis")]
    assert clash.count == 2 and clash.spells == []  # one of them undated
    assert net.edges[("iran", "FUNDING", "syria")].via_legs == {_mixed_claims()[4].id}
    assert net.disputed == [_mixed_claims()[3].id] == [d.id for d in graph.disputed]
    assert net.claims_per_node() == graph.claims_per_node()
    assert set(net.nodes) == set(graph.nodes)


@pytest.fixture
def store(tmp_path: Path) -> SqlStore:
    s = SqlStore(f"sqlite:///{tmp_path}/g.db")
    add_doc(
        s,
        "a.txt",
        [
            {"subject": "iran", "obj": "houthis", "time": ("2023-01-01", "2023-01-31", "month")},
            {"subject": "iran", "obj": "hezbollah", "via": ["syria"]},
            {"subject": "iran", "obj": "houthis", "status": "denied"},
        ],
        publisher="Reuters",
    )
    add_doc(
        s,
        "b.txt",
        [
            {
                "subject": "iran",
                "obj": "houthis",
                "items": ["shahed-136"],
                "time": ("2023-03-01", "2023-03-31", "month"),
            },
            {"subject": "hezbollah", "obj": "houthis", "ctype": "CLASH"},
        ],
        publisher="AP",
    )
    return s


def test_build_from_rows_equals_build_from_decoded_claims(store: SqlStore) -> None:
    flt = GraphFilter(since="2023")
    from_rows = build_graph(store, flt)  # the store's rows, JSON read as stored
    publishers = {d.sha256: d.publisher for d in store.documents()}
    decoded = graph_from_claims(store.claims(flt.claim_filter()), flt, publishers=publishers)
    assert [e.to_dict(from_rows) for e in from_rows.edge_list()] == [
        e.to_dict(decoded) for e in decoded.edge_list()
    ]
    assert from_rows.statements == decoded.statements
    assert from_rows.nodes == decoded.nodes
    assert len(from_rows.edges) == 1  # the undated claims fall outside the window


def test_export_network_equals_the_selection_graph(store: SqlStore) -> None:
    for sel in (
        Selection(),
        Selection(claims=ClaimFilter(since="2023"), graph=GraphFilter(since="2023", undated=True)),
    ):
        source = ExportSource(store, sel)
        graph, net = source.graph(), source.network()
        assert {k: e.to_dict(graph) for k, e in graph.edges.items()} == {
            k: e.to_dict(net) for k, e in net.edges.items()
        }
        assert net.claims_per_node() == graph.claims_per_node()
    assert len(ExportSource(store).network().edges) == 4


def test_network_in_parts_by_type_adds_up_to_the_whole(store: SqlStore) -> None:
    from proxygraph.export.records import NodeTally, node_records

    source = ExportSource(store)
    whole = source.network()
    tally, edges, parts = NodeTally(), {}, 0
    for part in source.networks():
        assert len({e.type for e in part.edges.values()}) <= 1  # one claim type a part
        tally.add(part)
        edges.update({k: e.to_dict(part) for k, e in part.edges.items()})
        parts += 1
    assert parts == 14
    assert edges == {k: e.to_dict(whole) for k, e in whole.edges.items()}
    # a node's edges and claims add up over the parts (Hezbollah: an arms hop in, a clash)
    assert list(tally.records()) == list(node_records(whole))
    hezbollah = next(r for r in tally.records() if r["id"] == "hezbollah")
    assert (hezbollah["edges_in"], hezbollah["edges_out"], hezbollah["claims"]) == (1, 1, 2)
