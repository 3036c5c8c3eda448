"""The neutral network object: actors as nodes, (subject, type, object) edges that
aggregate the statements behind them.

A `Graph` is built on read from stored claims (see `build.py`) and never stored; the CLI,
the web UI and exporters all consume it. Every edge keeps the ids of its claims, so any
answer computed on the graph can point back at its evidence.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from proxygraph.ontology import ONTOLOGY

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


_NO_DENIALS: tuple[Statement, ...] = ()
_NO_LEGS: frozenset[str] = frozenset()


class Edge:
    """Every counted statement of one type between one ordered pair (unordered for the
    ontology's symmetric types), plus the denials of the same relation beside them.

    Slotted, with the denials and via legs shared empty until one arrives: a graph has
    about one edge per two statements, so an edge's own size counts as much as theirs.
    Derived values (sources, strength, interval) are cached: build the edge, then read it.
    """

    __slots__ = ("source", "type", "target", "symmetric", "statements", "denials",
                 "via_legs", "_sources", "_strength", "_interval")

    def __init__(self, source: str, type: str, target: str, symmetric: bool) -> None:
        self.source, self.type, self.target, self.symmetric = source, type, target, symmetric
        self.statements: list[Statement] = []
        self.denials: list[Statement] | tuple[Statement, ...] = _NO_DENIALS
        self.via_legs: set[str] | frozenset[str] = _NO_LEGS  # claims here as a via hop
        self._sources: set[str] | None = None
        self._strength: float | None = None
        self._interval: tuple[str, str] | None | bool = False  # False: not computed

    def __repr__(self) -> str:
        return (f"Edge({self.source!r}, {self.type!r}, {self.target!r}, "
                f"{len(self.statements)} statements)")

    def add_denial(self, st: Statement) -> None:
        if not self.denials:
            self.denials = []
        self.denials.append(st)  # type: ignore[union-attr]

    def add_via_leg(self, claim_id: str) -> None:
        if not self.via_legs:
            self.via_legs = set()
        self.via_legs.add(claim_id)  # type: ignore[union-attr]

    @property
    def key(self) -> tuple[str, str, str]:
        return self.source, self.type, self.target

    @property
    def claim_ids(self) -> list[str]:
        return sorted(s.id for s in self.statements)

    @property
    def count(self) -> int:
        return len(self.statements)

    @property
    def sources(self) -> set[str]:
        if self._sources is None:
            self._sources = {s.source for s in self.statements}
        return self._sources

    @property
    def corroboration(self) -> int:
        """Independent sources: two documents of one publisher are one source."""
        return len(self.sources)

    @property
    def publishers(self) -> list[str]:
        """One name per independent publisher (its spellings vary; the first in order)."""
        names: dict[str, str] = {}
        for s in self.statements:
            if s.publisher and (s.source not in names or s.publisher < names[s.source]):
                names[s.source] = s.publisher
        return sorted(names.values())

    @property
    def first(self) -> str | None:
        starts = [s.start or s.end for s in self.statements if s.dated]
        return min(starts) if starts else None  # type: ignore[type-var]

    @property
    def last(self) -> str | None:
        """The latest end; None when undated or when one statement is still going."""
        dated = [s for s in self.statements if s.dated]
        if not dated or any(s.end is None for s in dated):
            return None
        return max(s.end for s in dated)  # type: ignore[type-var]

    @property
    def open_ended(self) -> bool:
        return any(s.dated and s.end is None for s in self.statements)

    @property
    def interval(self) -> tuple[str, str] | None:
        """[earliest start, latest end] of the dated statements; None if none is dated."""
        if self._interval is False:
            dated = [s for s in self.statements if s.dated]
            self._interval = (min((s.start or "0000-01-01") for s in dated),
                              max((s.end or "9999-12-31") for s in dated)) if dated else None
        return self._interval  # type: ignore[return-value]

    @property
    def items(self) -> Counter[str]:
        return Counter(i.name for s in self.statements for i in s.items)

    @property
    def statuses(self) -> Counter[str]:
        return Counter([s.status for s in self.statements] + [d.status for d in self.denials])

    @property
    def conflict(self) -> bool:
        """A denial beside a report: shown, never averaged away."""
        counted = {s.status for s in self.statements}
        return bool(self.denials) or ("denied" in counted and len(counted) > 1)

    @property
    def best_certainty(self) -> str:
        return max((s.certainty for s in self.statements), key=CERTAINTY_RANK.__getitem__)

    @property
    def best_credibility(self) -> int:
        return min(s.credibility for s in self.statements)

    @property
    def best_reliability(self) -> str:
        return min(s.reliability for s in self.statements)

    @property
    def strength(self) -> float:
        """Evidence strength in (0, 1]: corroboration (1 - 0.5^sources) times the weights
        of the best information credibility and the best source reliability. A heuristic
        for ranking, shown beside the counts it comes from, never instead of them."""
        if self._strength is None:
            corroboration = 1.0 - 0.5 ** self.corroboration
            self._strength = (corroboration * CREDIBILITY_WEIGHT.get(self.best_credibility, 0.3)
                              * RELIABILITY_WEIGHT.get(self.best_reliability, 0.5))
        return self._strength

    def to_dict(self, graph: Graph | None = None) -> dict[str, Any]:
        def name(node_id: str) -> str:
            return graph.name(node_id) if graph else node_id
        return {
            "source": self.source, "source_name": name(self.source), "type": self.type,
            "target": self.target, "target_name": name(self.target),
            "symmetric": self.symmetric, "claims": self.claim_ids, "count": self.count,
            "corroboration": self.corroboration, "publishers": self.publishers,
            "first": self.first, "last": self.last, "open_ended": self.open_ended,
            "items": dict(self.items.most_common()), "statuses": dict(self.statuses),
            "conflict": self.conflict, "denials": sorted(d.id for d in self.denials),
            "best_certainty": self.best_certainty, "best_credibility": self.best_credibility,
            "best_reliability": self.best_reliability, "strength": round(self.strength, 4),
            "via_legs": sorted(self.via_legs),
        }


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
