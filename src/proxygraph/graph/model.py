"""The neutral network object: actors as nodes, (subject, type, object) edges that
aggregate the statements behind them.

A `Graph` is built on read from stored claims (see `build.py`) and never stored; the CLI,
the web UI and exporters all consume it. Every edge keeps the ids of its claims, so any
answer computed on the graph can point back at its evidence.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from proxygraph.ontology import ONTOLOGY

if TYPE_CHECKING:
    from proxygraph.graph.edges import Edge

# Types whose subject gives the object something it fights or organises with.
SUPPLY_TYPES = ("ARMS_TRANSFER", "TRAINING", "FUNDING", "INTELLIGENCE", "SUPPORT")
COUNTED_STATUSES = ("occurred", "ongoing")  # supply analytics leave the others out by default
CERTAINTY_RANK = {"high": 3, "medium": 2, "low": 1}
# Heuristic weights for evidence strength (documented in Edge.strength).
CREDIBILITY_WEIGHT = {1: 1.0, 2: 0.85, 3: 0.65, 4: 0.4, 5: 0.15, 6: 0.3}
RELIABILITY_WEIGHT = {"A": 1.0, "B": 0.9, "C": 0.75, "D": 0.45, "E": 0.2, "F": 0.5}


@dataclass(frozen=True, slots=True)
class ItemRef:
    id: str
    name: str
    category: str | None
    origin: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "category": self.category,
                "origin": self.origin}


@dataclass(frozen=True, slots=True)
class Statement:
    """One stored claim as the graph sees it: ids after merges, grades, time, items."""

    id: str
    doc: str
    type: str
    subject: str
    object: str | None
    via: tuple[str, ...]
    status: str
    certainty: str
    credibility: int
    reliability: str
    source: str  # independent source: the publisher, or the document if it has none
    publisher: str | None
    start: str | None
    end: str | None
    precision: str | None
    time_text: str | None
    items: tuple[ItemRef, ...]
    route: tuple[str, ...]
    place: tuple[str, ...]
    evidence: str
    review_state: str

    @property
    def dated(self) -> bool:
        return self.start is not None or self.end is not None

    def participants(self) -> tuple[str, ...]:
        return (self.subject, *((self.object,) if self.object else ()), *self.via)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "doc": self.doc, "type": self.type, "subject": self.subject,
                "object": self.object, "via": list(self.via), "status": self.status,
                "certainty": self.certainty, "credibility": self.credibility,
                "reliability": self.reliability, "publisher": self.publisher,
                "time": ({"start": self.start, "end": self.end, "precision": self.precision,
                          "text": self.time_text} if self.dated else None),
                "items": [i.to_dict() for i in self.items], "route": list(self.route),
                "place": list(self.place), "review": self.review_state,
                "evidence": self.evidence}


@dataclass(frozen=True, slots=True)
class Node:
    """An actor. `country` is the state it belongs to (itself for a state); `bloc` the top
    of its affiliation chain (a state, or e.g. Hezbollah for the Radwan Force), used to
    read brokerage roles; an unaffiliated actor is its own bloc."""

    id: str
    name: str
    kind: str
    country: str | None
    bloc: str
    resolved: bool = True

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "kind": self.kind, "country": self.country,
                "bloc": self.bloc, "resolved": self.resolved}


@dataclass
class Graph:
    """Nodes, edges and the statements behind them, with typed adjacency."""

    nodes: dict[str, Node]
    edges: dict[tuple[str, str, str], Edge]
    statements: dict[str, Statement]  # every statement read, counted or not
    disputed: list[Statement] = field(default_factory=list)  # denials with nothing beside
    settings: dict[str, Any] = field(default_factory=dict)  # the filter it was built with
    flt: Any = None  # the GraphFilter itself, so a what-if can rebuild under the same rules
    _out: dict[str, list[Edge]] = field(default_factory=dict, repr=False)
    _in: dict[str, list[Edge]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._out, self._in = {}, {}
        for edge in self.edges.values():
            self._out.setdefault(edge.source, []).append(edge)
            self._in.setdefault(edge.target, []).append(edge)

    def name(self, node_id: str) -> str:
        """The actor's name; the registry's for an actor with no node in this graph."""
        node = self.nodes.get(node_id)
        if node is not None:
            return node.name
        from proxygraph.registry import default_registry  # cached; only for absent nodes

        registry = default_registry()
        return registry.get(node_id).name if node_id in registry else node_id

    def edge_list(self, types: Iterable[str] | None = None) -> list[Edge]:
        wanted = set(types) if types else None
        return [e for e in self.edges.values() if wanted is None or e.type in wanted]

    def successors(self, node: str, types: Iterable[str] | None = None
                   ) -> Iterator[tuple[str, Edge]]:
        """(next node, edge) along edge direction; symmetric edges go both ways."""
        wanted = set(types) if types else None
        for e in self._out.get(node, ()):
            if wanted is None or e.type in wanted:
                yield e.target, e
        for e in self._in.get(node, ()):
            if e.symmetric and (wanted is None or e.type in wanted):
                yield e.source, e

    def predecessors(self, node: str, types: Iterable[str] | None = None
                     ) -> Iterator[tuple[str, Edge]]:
        wanted = set(types) if types else None
        for e in self._in.get(node, ()):
            if wanted is None or e.type in wanted:
                yield e.source, e
        for e in self._out.get(node, ()):
            if e.symmetric and (wanted is None or e.type in wanted):
                yield e.target, e

    def arcs(self, types: Iterable[str] | None = None) -> dict[tuple[str, str], list[Edge]]:
        """Directed node pairs with the typed edges behind each (symmetric: both ways)."""
        out: dict[tuple[str, str], list[Edge]] = {}
        for e in self.edge_list(types):
            if e.source == e.target:
                continue
            out.setdefault((e.source, e.target), []).append(e)
            if e.symmetric:
                out.setdefault((e.target, e.source), []).append(e)
        return out

    def claims_per_node(self) -> dict[str, int]:
        """How many statements each node takes part in (counted or not)."""
        claims: dict[str, int] = {}
        for st in self.statements.values():
            for node in set(st.participants()):
                claims[node] = claims.get(node, 0) + 1
        return claims

    def to_dict(self, types: Iterable[str] | None = None) -> dict[str, Any]:
        edges = sorted(self.edge_list(types), key=lambda e: (-e.count, e.key))
        used = {n for e in edges for n in (e.source, e.target)}
        return {
            "settings": self.settings,
            "nodes": [self.nodes[n].to_dict() for n in sorted(used) if n in self.nodes],
            "edges": [e.to_dict(self) for e in edges],
            "disputed": [{"claim": d.id, "type": d.type, "subject": d.subject,
                          "object": d.object, "status": d.status} for d in self.disputed],
        }


def is_symmetric(claim_type: str) -> bool:
    return ONTOLOGY.is_symmetric(claim_type)
