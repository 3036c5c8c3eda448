"""The graph built on read: edges, sources, conflicts, statuses, windows, reviews, merges."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from graph_helpers import add_doc, claim, graph_of
from proxygraph.analyze.paths import find_paths
from proxygraph.errors import NotFoundError, ValidationError
from proxygraph.graph import GraphFilter, Merges, build_graph, resolve_name
from proxygraph.ids import content_hash
from proxygraph.model import Document
from proxygraph.store import SqlStore


@pytest.fixture(name="store")
def store_fixture(tmp_path: object) -> Iterator[SqlStore]:
    s = SqlStore(f"sqlite:///{tmp_path}/graph.db")
    try:
        yield s
    finally:
        s.close()


def test_denied_claim_is_not_supply_but_is_shown() -> None:
    denied = claim("d1", "iran", "hezbollah", status="denied")
    g = graph_of([denied])
    assert g.edges == {}
    assert [d.id for d in g.disputed] == [denied.id]
    assert find_paths(g, "iran", "hezbollah").paths == []
    # Counted only when asked for.
    g = graph_of([denied], GraphFilter(statuses=("occurred", "denied")))
    assert g.edges[("iran", "ARMS_TRANSFER", "hezbollah")].claim_ids == [denied.id]


def test_denial_beside_a_report_is_a_conflict_not_an_average() -> None:
    report = claim("d1", "iran", "hezbollah")
    denial = claim("d2", "iran", "hezbollah", status="denied")
    edge = graph_of([report, denial]).edges[("iran", "ARMS_TRANSFER", "hezbollah")]
    assert edge.claim_ids == [report.id]
    assert edge.count == 1
    assert [d.id for d in edge.denials] == [denial.id]
    assert edge.conflict
    assert edge.statuses == {"occurred": 1, "denied": 1}
    assert edge.to_dict()["denials"] == [denial.id]


def test_planned_and_forecast_are_left_out_by_default() -> None:
    plan = claim("d1", "russia", "hezbollah", status="planned")
    guess = claim("d1", "iran", "houthis", status="forecast", n=1)
    assert graph_of([plan, guess]).edges == {}
    g = graph_of([plan, guess], GraphFilter(statuses=("occurred", "ongoing", "planned")))
    assert set(g.edges) == {("russia", "ARMS_TRANSFER", "hezbollah")}


def test_two_documents_of_one_publisher_are_one_source(store: SqlStore) -> None:
    spec = [{"subject": "iran", "obj": "houthis"}]
    add_doc(store, "a.txt", spec, publisher="Reuters")
    add_doc(store, "b.txt", spec, publisher="reuters ")  # same publisher, other spelling
    add_doc(store, "c.txt", spec, publisher="AP")
    add_doc(store, "d.txt", spec)  # no publisher: the document is its own source
    edge = build_graph(store).edges[("iran", "ARMS_TRANSFER", "houthis")]
    assert edge.count == 4
    assert edge.corroboration == 3
    assert edge.publishers == ["AP", "Reuters"]
    # Minimum corroboration keeps it at 3, drops it at 4.
    assert build_graph(store, GraphFilter(min_corroboration=3)).edges
    assert not build_graph(store, GraphFilter(min_corroboration=4)).edges


def test_reviews_are_honoured(store: SqlStore) -> None:
    wrong, right = add_doc(store, "r.txt", [{"subject": "iran", "obj": "hamas"},
                                            {"subject": "iran", "obj": "houthis"}])
    store.review(wrong.id, action="reject", reviewer="t")
    corrected = store.review(right.id, action="correct", reviewer="t",
                             changes={"object": "Hezbollah"})
    g = build_graph(store)
    assert set(g.edges) == {("iran", "ARMS_TRANSFER", "hezbollah")}
    assert g.edges[("iran", "ARMS_TRANSFER", "hezbollah")].claim_ids == [corrected.id]
    assert wrong.id not in g.statements and right.id not in g.statements
    reviewed = build_graph(store, GraphFilter(reviewed_only=True))
    assert set(reviewed.statements) == {corrected.id}


def test_merged_actor_is_one_node(store: SqlStore) -> None:
    added = store.add_actor("Northern Brigade", "armed_group", by="t")
    text = "report m"
    doc = Document(name="m.txt", text=text, sha256=content_hash(text))
    c = claim(doc.sha256, "iran", "hezbollah").with_changes(object=added)
    store.add_document(doc, [c], extractor_version="1")
    assert ("iran", "ARMS_TRANSFER", added.id) in build_graph(store).edges
    store.merge("Northern Brigade", "Hezbollah", by="t")
    g = build_graph(store)
    assert set(g.edges) == {("iran", "ARMS_TRANSFER", "hezbollah")}
    assert g.edges[("iran", "ARMS_TRANSFER", "hezbollah")].claim_ids == [c.id]
    merges = Merges.from_records(store.merges())
    assert resolve_name("Northern Brigade", store, merges) == "hezbollah"


def test_via_makes_hops_that_cite_the_claim() -> None:
    c = claim("d1", "bashar-al-assad", "hezbollah", via=["wagner-group"])
    g = graph_of([c])
    assert set(g.edges) == {("bashar-al-assad", "ARMS_TRANSFER", "wagner-group"),
                            ("wagner-group", "ARMS_TRANSFER", "hezbollah")}
    for edge in g.edges.values():
        assert edge.claim_ids == [c.id] and edge.via_legs == {c.id}
    assert g.nodes["bashar-al-assad"].country == "syria"
    assert g.nodes["wagner-group"].bloc == "wagner-group"


def test_time_window_is_interval_overlap() -> None:
    year = claim("d1", "iran", "hezbollah", time=("2022-01-01", "2022-12-31", "year"))
    ongoing = claim("d1", "iran", "houthis", time=("2015-01-01", None, "year"), n=1)
    undated = claim("d1", "iran", "hamas", n=2)
    claims = [year, ongoing, undated]

    def targets(**kw: object) -> set[str]:
        return {e.target for e in graph_of(claims, GraphFilter(**kw)).edges.values()}  # type: ignore[arg-type]

    assert targets(since="2022-06", until="2022-07") == {"hezbollah", "houthis"}
    assert targets(since="2023") == {"houthis"}  # still going
    assert targets(until="2014") == set()
    assert targets(since="2023", undated=True) == {"houthis", "hamas"}
    assert targets() == {"hezbollah", "houthis", "hamas"}
    edge = graph_of(claims).edges[("iran", "ARMS_TRANSFER", "houthis")]
    assert edge.first == "2015-01-01" and edge.last is None and edge.open_ended


def test_symmetric_types_aggregate_both_directions() -> None:
    one = claim("d1", "iran", "russia", "COORDINATION")
    two = claim("d2", "russia", "iran", "COORDINATION")
    g = graph_of([one, two], publishers={"d1": "A", "d2": "B"})
    (edge,) = g.edges.values()
    assert edge.symmetric and edge.count == 2 and edge.corroboration == 2
    assert {n for n, _ in g.successors("russia")} == {"iran"}


def test_filters_reject_nonsense() -> None:
    with pytest.raises(ValidationError):
        GraphFilter(types=("SHIPPING",))
    with pytest.raises(ValidationError):
        GraphFilter(statuses=("rumoured",))
    with pytest.raises(ValidationError):
        GraphFilter(since="2024", until="2023")
    with pytest.raises(ValidationError):
        GraphFilter(min_corroboration=0)


def test_unknown_name_suggests_registry_names(store: SqlStore) -> None:
    with pytest.raises(NotFoundError, match="closest: Hezbollah"):
        resolve_name("Hizbolah", store, Merges({}))


def test_certainty_and_credibility_filters_go_to_the_store(store: SqlStore) -> None:
    add_doc(store, "c.txt", [{"subject": "iran", "obj": "hamas", "certainty": "low"},
                             {"subject": "iran", "obj": "houthis"}])
    g = build_graph(store, GraphFilter(min_certainty="medium"))
    assert {e.target for e in g.edges.values()} == {"houthis"}
    g = build_graph(store, GraphFilter(max_credibility=2))  # low and alone grades 4
    assert {e.target for e in g.edges.values()} == {"houthis"}


def test_a_state_the_registry_lacks_is_its_own_country() -> None:
    from dataclasses import replace

    from proxygraph.model import Entity

    base = claim("d1", "somaliland", "houthis")
    g = graph_of([replace(base, subject=Entity("somaliland", "Somaliland", "state"))])
    assert g.nodes["somaliland"].country == "somaliland"  # a sponsor for what-if
    assert g.nodes["houthis"].country is None  # a group the registry knows: no state
