"""The graph as an igraph object (C speed for centralities, reachability, Leiden)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from proxygraph.graph.edges import Edge
from proxygraph.graph.model import Graph

if TYPE_CHECKING:  # igraph loads on first use: `proxygraph --help` does not pay for it
    import igraph as ig


@dataclass(frozen=True)
class IGraphView:
    graph: ig.Graph
    names: list[str]  # vertex index -> node id
    index: dict[str, int]
    arcs: dict[tuple[str, str], list[Edge]]


def directed_view(graph: Graph, types: Iterable[str] | None = None, *,
                  all_nodes: bool = False) -> IGraphView:
    """One arc per ordered pair of actors with any selected edge (symmetric: both ways),
    weighted by the strongest edge behind it."""
    arcs = graph.arcs(types)
    ids = sorted(graph.nodes) if all_nodes else sorted({n for pair in arcs for n in pair})
    index = {n: i for i, n in enumerate(ids)}
    import igraph as ig

    g = ig.Graph(n=len(ids), edges=[(index[a], index[b]) for a, b in arcs], directed=True)
    g.es["weight"] = [max(e.strength for e in edges) for edges in arcs.values()]
    g.vs["name"] = ids
    return IGraphView(g, ids, index, arcs)


def undirected_view(graph: Graph, types: Iterable[str] | None = None) -> IGraphView:
    """One edge per unordered pair, weighted by the summed strength of the edges behind
    it (more and better evidence ties two actors closer)."""
    pairs: dict[tuple[str, str], list[Edge]] = {}
    for e in graph.edge_list(types):
        if e.source != e.target:
            a, b = sorted((e.source, e.target))
            pairs.setdefault((a, b), []).append(e)
    ids = sorted({n for pair in pairs for n in pair})
    index = {n: i for i, n in enumerate(ids)}
    import igraph as ig

    g = ig.Graph(n=len(ids), edges=[(index[a], index[b]) for a, b in pairs], directed=False)
    g.es["weight"] = [sum(e.strength for e in edges) for edges in pairs.values()]
    g.vs["name"] = ids
    return IGraphView(g, ids, index, pairs)
