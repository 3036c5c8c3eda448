"""The network built on read from stored claims: one neutral object for every client.

    from proxygraph.graph import GraphFilter, build_graph
    graph = build_graph(store, GraphFilter(since="2023", types=("ARMS_TRANSFER",)))
    for edge in graph.edge_list():
        print(edge.source, edge.type, edge.target, edge.claim_ids, edge.corroboration)
"""

from typing import Any

from proxygraph.graph.actors import Merges, resolve_name
from proxygraph.graph.edges import Edge, EdgeSummary
from proxygraph.graph.filters import GraphFilter
from proxygraph.graph.model import (
    COUNTED_STATUSES,
    SUPPLY_TYPES,
    Graph,
    ItemRef,
    Node,
    Statement,
)

__all__ = ["COUNTED_STATUSES", "SUPPLY_TYPES", "Edge", "EdgeSummary", "Graph", "GraphFilter",
           "ItemRef", "Merges", "Node", "Statement", "assemble", "build_graph", "graph_from_claims",
           "resolve_name"]

# The builders read the store (SQLAlchemy): imported on first use, so that importing the
# package for its types (the CLI's `--help`, analyses on a given graph) stays light.
_BUILDERS = ("assemble", "build_graph", "graph_from_claims")


def __getattr__(name: str) -> Any:
    if name in _BUILDERS:
        from proxygraph.graph import build

        return getattr(build, name)
    raise AttributeError(f"module 'proxygraph.graph' has no attribute {name!r}")
