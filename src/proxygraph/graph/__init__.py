"""The network built on read from stored claims: one neutral object for every client.

    from proxygraph.graph import GraphFilter, build_graph
    graph = build_graph(store, GraphFilter(since="2023", types=("ARMS_TRANSFER",)))
    for edge in graph.edge_list():
        print(edge.source, edge.type, edge.target, edge.claim_ids, edge.corroboration)
"""

from proxygraph.graph.actors import Merges, resolve_name
from proxygraph.graph.build import assemble, build_graph, graph_from_claims
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
