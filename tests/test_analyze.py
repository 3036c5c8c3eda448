"""Analyses on hand-built graphs whose answers were worked out by hand."""

from __future__ import annotations

import pytest

from graph_helpers import chain, claim, graph_of
from proxygraph.analyze.brokers import brokers, role
from proxygraph.analyze.communities import communities
from proxygraph.analyze.origins import origins
from proxygraph.analyze.paths import find_paths
from proxygraph.analyze.timeline import compact_span, span_label, timeline
from proxygraph.analyze.whatif import Removal, what_if
from proxygraph.errors import ValidationError
from proxygraph.graph import GraphFilter

# --- paths ----------------------------------------------------------------------------


def test_chain_through_an_intermediary_lists_claims_per_hop() -> None:
    a_b, b_c = chain(("a", "b"), ("b", "c"))
    g = graph_of([a_b, b_c])
    result = find_paths(g, "a", "c")
    assert [p.nodes for p in result.paths] == [["a", "b", "c"]]
    assert [h.claim_ids for h in result.paths[0].hops] == [[a_b.id], [b_c.id]]
    assert find_paths(g, "a", "c", max_hops=1).paths == []
    assert find_paths(g, "c", "a").paths == []  # supply has a direction


def test_paths_are_ranked_by_evidence_then_length() -> None:
    weak = chain(("a", "x"), ("x", "c"))
    strong = [claim(doc, s, o, n=i) for doc in ("d2", "d3")
              for i, (s, o) in enumerate((("a", "y"), ("y", "c")))]
    g = graph_of(weak + strong, publishers={"d1": "P1", "d2": "P2", "d3": "P3"})
    result = find_paths(g, "a", "c")
    assert [p.nodes for p in result.paths] == [["a", "y", "c"], ["a", "x", "c"]]
    assert result.paths[0].score > result.paths[1].score
    # Through a required intermediary only.
    assert [p.nodes for p in find_paths(g, "a", "c", via=["x"]).paths] == [["a", "x", "c"]]


def test_time_respecting_path_is_refused_when_hops_run_backwards() -> None:
    first = claim("d1", "a", "b", time=("2023-05-01", "2023-05-01", "day"))
    earlier = claim("d1", "b", "c", time=("2021-02-01", "2021-02-28", "month"), n=1)
    g = graph_of([first, earlier])
    assert [p.nodes for p in find_paths(g, "a", "c").paths] == [["a", "b", "c"]]
    result = find_paths(g, "a", "c", time_respecting=True)
    assert result.paths == [] and result.found == 0
    ((path, why),) = result.refused
    assert path.nodes == ["a", "b", "c"] and "hop 2" in why


def test_time_respecting_path_accepts_spans_that_can_be_ordered() -> None:
    # A year-precision hop is a span: 2023 can come before March 2023.
    year = claim("d1", "a", "b", time=("2023-01-01", "2023-12-31", "year"))
    march = claim("d1", "b", "c", time=("2023-03-01", "2023-03-31", "month"), n=1)
    undated = claim("d1", "b", "e", n=2)
    g = graph_of([year, march, undated])
    assert [p.nodes for p in find_paths(g, "a", "c", time_respecting=True).paths] == [
        ["a", "b", "c"]]
    refused = find_paths(g, "a", "e", time_respecting=True)
    assert refused.paths == [] and "undated" in refused.refused[0][1]


def test_path_options_are_checked() -> None:
    g = graph_of(chain(("a", "b")))
    with pytest.raises(ValidationError):
        find_paths(g, "a", "a")
    with pytest.raises(ValidationError):
        find_paths(g, "a", "b", max_hops=0)


# --- what-if --------------------------------------------------------------------------


def test_removing_the_middle_of_a_chain_cuts_the_recipient_off() -> None:
    # Iran -> Syria -> Hezbollah; Syria removed: Hezbollah loses every supply path.
    iran_syria, syria_hez = chain(("iran", "syria"), ("syria", "hezbollah"))
    g = graph_of([iran_syria, syria_hez])
    result = what_if(g, Removal(actors=("syria",)))
    assert [a.recipient for a in result.lost_all] == ["hezbollah"]
    (hez,) = result.lost_all
    assert hez.sponsors_before == ["iran", "syria"] and hez.sponsors_after == []
    # The strongest lost path is Syria's own one-hop delivery.
    assert hez.lost_path is not None and hez.lost_path.nodes == ["syria", "hezbollah"]
    assert hez.lost_path.claim_ids == [syria_hez.id]
    assert sorted(result.dropped_claims) == sorted([iran_syria.id, syria_hez.id])
    assert result.before.pairs == 3  # iran->syria, iran->hezbollah, syria->hezbollah
    assert result.after.pairs == 0
    assert "syria" not in result.after_graph.nodes
    assert result.to_dict(g)["lost_every_supply_path"] == ["hezbollah"]


def test_removal_shows_the_surviving_route_and_through_whom() -> None:
    claims = chain(("a", "b"), ("b", "c"), ("a", "d"), ("d", "c"))
    g = graph_of(claims)
    result = what_if(g, Removal(actors=("b",)), sponsors=["a"])
    assert result.lost_all == []
    (c,) = [x for x in result.affected if x.recipient == "c"]
    assert c.sponsors_before == c.sponsors_after == ["a"]
    assert c.surviving_path is not None and c.through == ["d"]
    assert c.lost_path is not None and c.lost_path.nodes == ["a", "b", "c"]


def test_removing_a_route_or_a_type() -> None:
    by_sea = claim("d1", "iran", "houthis", route=["via the Red Sea"])
    training = claim("d1", "iran", "hezbollah", "TRAINING", n=1)
    g = graph_of([by_sea, training])
    routed = what_if(g, Removal(routes=("Red Sea",)))
    assert routed.dropped_claims == [by_sea.id]
    assert [a.recipient for a in routed.lost_all] == ["houthis"]
    typed = what_if(g, Removal(types=("TRAINING",)))
    assert typed.dropped_claims == [training.id]
    with pytest.raises(ValidationError):
        Removal()


def test_removing_a_state_takes_its_organs_and_officials_along() -> None:
    claims = chain(("iran", "syrian-arab-army"), ("bashar-al-assad", "hezbollah"))
    g = graph_of(claims)
    assert what_if(g, Removal(actors=("syria",))).removed_actors == [
        "bashar-al-assad", "syria", "syrian-arab-army"]
    assert what_if(g, Removal(actors=("syria",), with_affiliated=False)).removed_actors == [
        "syria"]


# --- brokers --------------------------------------------------------------------------

def _broker_graph(*extra: tuple[str, str]) -> list:
    return chain(("iran", "irgc"), ("irgc", "quds-force"), ("quds-force", "hezbollah"),
                 ("hezbollah", "radwan-force"), ("syria", "wagner-group"),
                 ("russia", "wagner-group"), ("wagner-group", "syrian-arab-army"), *extra)


def test_brokerage_roles_by_bloc() -> None:
    g = graph_of(_broker_graph())
    found = {b.node: b for b in brokers(g, limit=None)}
    assert dict(found["irgc"].roles) == {"coordinator": 1}  # Iran -> IRGC -> Quds Force
    assert dict(found["quds-force"].roles) == {"representative": 1}  # IRGC -> QF -> Hezbollah
    assert dict(found["hezbollah"].roles) == {"gatekeeper": 1}  # QF -> Hezbollah -> Radwan
    # Syria -> Wagner -> Syrian army: itinerant; Russia -> Wagner -> Syrian army: liaison.
    assert dict(found["wagner-group"].roles) == {"itinerant": 1, "liaison": 1}
    # Directed betweenness along Iran -> IRGC -> QF -> Hezbollah -> Radwan.
    assert found["irgc"].betweenness == 3 and found["quds-force"].betweenness == 4
    (a, c, claims_in, claims_out) = found["irgc"].examples["coordinator"][0]
    assert (a, c) == ("iran", "quds-force") and claims_in and claims_out


def test_a_direct_tie_needs_no_broker() -> None:
    g = graph_of(_broker_graph(("iran", "quds-force")))
    found = {b.node: b for b in brokers(g, limit=None)}
    assert "irgc" not in found  # no brokerage, no betweenness: not a broker
    assert dict(found["quds-force"].roles) == {"representative": 2}  # from Iran and IRGC


def test_role_table() -> None:
    assert role("x", "x", "x") == "coordinator"
    assert role("x", "y", "x") == "itinerant"
    assert role("x", "x", "y") == "representative"
    assert role("y", "x", "x") == "gatekeeper"
    assert role("x", "y", "z") == "liaison"


# --- communities ----------------------------------------------------------------------

def test_leiden_finds_two_obvious_cliques() -> None:
    left, right = ["l1", "l2", "l3", "l4"], ["r1", "r2", "r3", "r4"]
    pairs = [(a, b) for group in (left, right) for i, a in enumerate(group)
             for b in group[i + 1:]] + [("l1", "r1")]
    g = graph_of(chain(*pairs, ctype="COORDINATION"))
    groups, cent = communities(g, seed=1)
    assert sorted(sorted(c.members) for c in groups) == [left, right]
    assert cent["l1"].degree == 4 and cent["l2"].degree == 3
    assert cent["l1"].betweenness > cent["l2"].betweenness
    assert all(e.claim_ids for c in groups for e in c.edges)


def test_hostile_edges_do_not_make_a_community() -> None:
    g = graph_of(chain(("a", "b"), ctype="CLASH"))
    assert communities(g)[0] == []


# --- origins and timeline -------------------------------------------------------------

def test_origins_by_country_and_category_with_shares() -> None:
    claims = [
        claim("d1", "iran", "hezbollah", items=["shahed-136"]),
        claim("d2", "iran", "hezbollah", items=["shahed-136"]),
        claim("d3", "syria", "hezbollah", items=["pantsir-s1"]),
        claim("d4", "russia", "hezbollah", items=["pantsir-s1"], status="planned"),
        claim("d5", "iran", "hezbollah", n=9),
    ]
    g = graph_of(claims)
    result = origins(g, "hezbollah")
    assert result.by_origin() == {"iran": 2, "russia": 1}
    rows = {(r.origin, r.category): r for r in result.rows}
    assert rows[("iran", "drone")].mentions == 2
    assert rows[("russia", "air_defence")].suppliers == {"syria"}
    out = result.to_dict(g)
    assert [(o["origin"], o["share"]) for o in out["by_origin"]] == [
        ("iran", 0.6667), ("russia", 0.3333)]
    assert out["unspecified"]["claims"] == [claims[4].id]
    # The planned delivery counts once planned claims are counted.
    g = graph_of(claims, GraphFilter(statuses=("occurred", "planned")))
    assert origins(g, "hezbollah").by_origin() == {"iran": 2, "russia": 2}


def test_span_labels_are_as_precise_as_the_text() -> None:
    assert span_label("2024-01-01", "2024-12-31", "year") == "2024"
    assert span_label("2023-10-01", "2023-11-30", "month") == "2023-10..2023-11"
    assert span_label("2024-02-12", "2024-02-12", "day") == "2024-02-12"
    assert span_label("2015-01-01", None, "year") == "2015.."
    assert span_label(None, None, None) == "undated"
    assert compact_span("2022-01-01", "2022-12-31") == "2022"
    assert compact_span("2022-03-01", "2022-04-30") == "2022-03..2022-04"
    assert compact_span("2022-03-05", "2022-03-05") == "2022-03-05"


def test_timeline_orders_by_date_and_keeps_undated_last() -> None:
    claims = [
        claim("d1", "iran", "hezbollah", n=1),
        claim("d1", "iran", "hezbollah", time=("2024-01-01", "2024-12-31", "year"), n=2),
        claim("d1", "hezbollah", "israel", "CLASH", time=("2023-10-08", "2023-10-08", "day")),
        claim("d1", "iran", "houthis", time=("2020-01-01", "2020-12-31", "year"), n=3),
    ]
    g = graph_of(claims, GraphFilter(statuses=("occurred", "ongoing", "planned")))
    entries = timeline(g, "hezbollah")
    assert [e.label for e in entries] == ["2023-10-08", "2024", "undated"]
    assert [e.statement.id for e in timeline(g, "hezbollah", "israel")] == [claims[2].id]
    assert [e.label for e in timeline(g, "iran", types=["ARMS_TRANSFER"])] == [
        "2020", "2024", "undated"]
