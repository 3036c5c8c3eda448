"""The network of a claim selection aggregated while the claims stream: nodes and edge
summaries, no statements kept.

A network export of a whole store needs every edge but none of the analyses, so it keeps
per edge only what it writes (`EdgeSummary`: counts, sources, dates, items, statuses,
grades, claim ids packed as bytes). The edges are routed and aggregated by the same code
as the graph's (`EdgeRouter`, `EdgeAggregate`), so both give the same edges.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from proxygraph.graph.edges import EdgeKey, EdgeRouter, EdgeSummary
from proxygraph.graph.filters import GraphFilter
from proxygraph.graph.gcpause import without_gc
from proxygraph.graph.model import Node, Statement


@dataclass
class StreamedNetwork:
    """Nodes and edge summaries; what the network exporters read (like a `Graph`)."""

    nodes: dict[str, Node]
    edges: dict[EdgeKey, EdgeSummary]
    node_claims: dict[str, int]  # statements each node takes part in, counted or not
    disputed: list[str] = field(default_factory=list)  # ids of denials with no edge
    settings: dict[str, Any] = field(default_factory=dict)

    def name(self, node_id: str) -> str:
        node = self.nodes.get(node_id)
        return node.name if node is not None else node_id

    def claims_per_node(self) -> dict[str, int]:
        return self.node_claims


@without_gc
def stream_network(
    statements: Iterable[Statement], nodes: Mapping[str, Node], flt: GraphFilter
) -> StreamedNetwork:
    """Aggregate `statements` (consumed once, not kept) into a `StreamedNetwork`; `nodes`
    is filled as the statements are made (see `build.Statements`)."""
    router = EdgeRouter(flt, EdgeSummary)
    claims: dict[str, int] = {}
    for st in statements:
        router.add(st)
        for node in set(st.participants()):  # as Graph.claims_per_node counts
            claims[node] = claims.get(node, 0) + 1
    edges, disputed = router.finish()
    used = set(claims) | {n for e in edges.values() for n in (e.source, e.target)}
    return StreamedNetwork(
        nodes={n: nodes[n] for n in sorted(used) if n in nodes},
        edges=edges,
        node_claims=claims,
        disputed=disputed,
        settings=flt.to_dict(),
    )
