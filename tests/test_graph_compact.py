"""The compact graph build: collector pause, shared values, exports without texts."""

from __future__ import annotations

import gc

from graph_helpers import claim, stored
from proxygraph.graph import GraphFilter, graph_from_claims
from proxygraph.graph.gcpause import paused_gc
from proxygraph.store import StoredClaim


def test_paused_gc_restores_the_collector_state() -> None:
    assert gc.isenabled()
    with paused_gc():
        assert not gc.isenabled()
        with paused_gc():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the inner pause leaves the outer one in force
    assert gc.isenabled()
    gc.disable()
    try:
        with paused_gc():
            pass
        assert not gc.isenabled()  # never switched on by us when it was off
    finally:
        gc.enable()


def _claims() -> list[StoredClaim]:
    return [stored(c) for c in (
        claim("a.txt", "iran", "houthis", items=["shahed-136"],
              time=("2023-05-01", "2023-05-31", "month")),
        claim("b.txt", "iran", "houthis", items=["shahed-136"],
              time=("2023-06-01", "2023-06-30", "month"), n=1),
        claim("c.txt", "iran", "houthis", status="denied", n=2),
    )]


def test_graph_without_texts_has_the_same_edges_and_no_sentences() -> None:
    full = graph_from_claims(_claims(), GraphFilter())
    light = graph_from_claims(_claims(), GraphFilter(), texts=False)
    assert [e.to_dict(full) for e in full.edge_list()] == \
        [e.to_dict(light) for e in light.edge_list()]
    assert all(st.evidence for st in full.statements.values())
    assert all(st.evidence == "" and st.time_text is None
               for st in light.statements.values())


def test_statements_share_their_repeated_values() -> None:
    g = graph_from_claims(_claims(), GraphFilter())
    a, b = sorted(g.statements.values(), key=lambda s: s.id)[:2]
    assert a.type is b.type and a.status is b.status and a.subject is b.subject
    assert a.items[0] is b.items[0]  # one ItemRef per distinct item
    edge = g.edges[("iran", "ARMS_TRANSFER", "houthis")]
    assert edge.count == 2 and len(edge.denials) == 1 and edge.conflict
    assert not hasattr(edge, "__dict__")  # slotted: an edge costs its fields only
