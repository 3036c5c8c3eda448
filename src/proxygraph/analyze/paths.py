"""Supply chains: simple paths from a sponsor to a recipient through intermediaries.

Paths follow edge direction (symmetric types both ways), at most `max_hops` long,
optionally through given actors (`via`) and time-respecting (each hop can have happened
no later than the next: there are dates t1 <= t2 <= ... inside the hops' spans). They are
ranked by evidence strength: the product of the hops' strengths (see `Edge.strength`), so
a chain is as believable as its links together; fewer hops break ties.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from proxygraph.errors import ValidationError
from proxygraph.graph.model import SUPPLY_TYPES, Edge, Graph

MAX_CANDIDATES = 20_000  # simple paths enumerated before ranking; reported when reached


@dataclass(frozen=True)
class Hop:
    """One step of a path: every typed edge from `source` to `target` in the selection."""

    source: str
    target: str
    edges: tuple[Edge, ...]

    @property
    def strength(self) -> float:
        return max(e.strength for e in self.edges)

    @property
    def claim_ids(self) -> list[str]:
        return sorted({c for e in self.edges for c in e.claim_ids})

    @property
    def interval(self) -> tuple[str, str] | None:
        spans = [e.interval for e in self.edges if e.interval is not None]
        if not spans:
            return None
        return min(s[0] for s in spans), max(s[1] for s in spans)

    def to_dict(self, graph: Graph) -> dict[str, Any]:
        span = self.interval
        return {
            "from": self.source, "from_name": graph.name(self.source),
            "to": self.target, "to_name": graph.name(self.target),
            "types": sorted({e.type for e in self.edges}), "claims": self.claim_ids,
            "corroboration": len({s for e in self.edges for s in e.sources}),
            "first": span[0] if span else None, "last": span[1] if span else None,
            "via_leg": any(e.via_legs for e in self.edges),
            "strength": round(self.strength, 4),
        }


@dataclass(frozen=True)
class Path:
    hops: tuple[Hop, ...]

    @property
    def nodes(self) -> list[str]:
        return [self.hops[0].source, *(h.target for h in self.hops)]

    @property
    def score(self) -> float:
        out = 1.0
        for h in self.hops:
            out *= h.strength
        return out

    @property
    def claim_ids(self) -> list[str]:
        return sorted({c for h in self.hops for c in h.claim_ids})

    def time_problem(self) -> str | None:
        """Why the hops cannot have happened in order, or None when they can."""
        t = "0000-01-01"
        for n, hop in enumerate(self.hops, 1):
            span = hop.interval
            if span is None:
                return f"hop {n} ({hop.source} -> {hop.target}) is undated"
            t = max(t, span[0])
            if t > span[1]:
                return (f"hop {n} ({hop.source} -> {hop.target}) ends {span[1]}, before an "
                        f"earlier hop can have happened ({t})")
        return None

    def to_dict(self, graph: Graph) -> dict[str, Any]:
        return {"nodes": self.nodes, "names": [graph.name(n) for n in self.nodes],
                "hops": [h.to_dict(graph) for h in self.hops], "score": round(self.score, 6),
                "claims": self.claim_ids}


@dataclass
class PathResult:
    source: str
    target: str
    paths: list[Path]
    found: int  # paths meeting every condition, before `limit`
    refused: list[tuple[Path, str]] = field(default_factory=list)  # time-respecting only
    truncated: bool = False
    settings: dict[str, Any] = field(default_factory=dict)

    def to_dict(self, graph: Graph) -> dict[str, Any]:
        return {"source": self.source, "source_name": graph.name(self.source),
                "target": self.target, "target_name": graph.name(self.target),
                "found": self.found, "paths": [p.to_dict(graph) for p in self.paths],
                "refused": [{**p.to_dict(graph), "reason": why} for p, why in self.refused],
                "truncated": self.truncated, "settings": self.settings}


def hop_map(graph: Graph, types: Iterable[str] | None) -> dict[str, list[Hop]]:
    """Outgoing hops per node, strongest first (so the DFS meets strong paths early)."""
    out: dict[str, list[Hop]] = {}
    for (a, b), edges in graph.arcs(types).items():
        out.setdefault(a, []).append(Hop(a, b, tuple(edges)))
    for hops in out.values():
        hops.sort(key=lambda h: (-h.strength, h.target))
    return out


def distances_to(target: str, hops: dict[str, list[Hop]], limit: int) -> dict[str, int]:
    """Hop count from every node that can reach `target` within `limit` hops."""
    back: dict[str, list[str]] = {}
    for a, outs in hops.items():
        for h in outs:
            back.setdefault(h.target, []).append(a)
    dist = {target: 0}
    queue = deque([target])
    while queue:
        n = queue.popleft()
        if dist[n] >= limit:
            continue
        for p in back.get(n, ()):
            if p not in dist:
                dist[p] = dist[n] + 1
                queue.append(p)
    return dist


def find_paths(graph: Graph, source: str, target: str, *,
               types: Sequence[str] | None = SUPPLY_TYPES, max_hops: int = 4,
               via: Sequence[str] = (), time_respecting: bool = False, limit: int = 10,
               hops: dict[str, list[Hop]] | None = None,
               max_candidates: int = MAX_CANDIDATES) -> PathResult:
    """Ranked simple paths source -> ... -> target; every hop lists its claim ids."""
    if source == target:
        raise ValidationError("the source and the target are the same actor")
    if max_hops < 1:
        raise ValidationError("max hops must be at least 1")
    if limit < 1:
        raise ValidationError("limit must be positive")
    settings = {"types": list(types or ()), "max_hops": max_hops, "via": list(via),
                "time_respecting": time_respecting, "limit": limit}
    hops = hops if hops is not None else hop_map(graph, types)
    to_target = distances_to(target, hops, max_hops)
    wanted = tuple(v for v in dict.fromkeys(via) if v not in (source, target))
    to_via = {v: distances_to(v, hops, max_hops) for v in wanted}
    found: list[Path] = []
    truncated = False

    def feasible(node: str, left: int, seen: set[str]) -> bool:
        if to_target.get(node, max_hops + 1) > left:
            return False
        return all(v in seen or v == node or
                   to_via[v].get(node, max_hops + 1) + to_target.get(v, max_hops + 1) <= left
                   for v in wanted)

    if source in to_target and feasible(source, max_hops, set()):
        # Iterative DFS: a stack of (node, its remaining hop iterator), one path in `trail`.
        trail: list[Hop] = []
        seen = {source}
        stack = [iter(hops.get(source, ()))]
        while stack:
            hop = next(stack[-1], None)
            if hop is None:
                stack.pop()
                if trail:
                    seen.discard(trail.pop().target)
                continue
            nxt, left = hop.target, max_hops - len(trail) - 1
            if nxt in seen or not feasible(nxt, left, seen):
                continue
            if nxt == target:
                if all(v in seen for v in wanted):
                    found.append(Path((*trail, hop)))
                    if len(found) >= max_candidates:
                        truncated = True
                        break
                continue
            trail.append(hop)
            seen.add(nxt)
            stack.append(iter(hops.get(nxt, ())))
    refused: list[tuple[Path, str]] = []
    if time_respecting:
        kept = []
        for p in found:
            why = p.time_problem()
            if why is None:
                kept.append(p)
            else:
                refused.append((p, why))
        found = kept
    order = _rank_key
    found.sort(key=order)
    refused.sort(key=lambda pr: order(pr[0]))
    return PathResult(source, target, found[:limit], len(found), refused[:limit], truncated,
                      settings)


def _rank_key(p: Path) -> tuple[float, int, list[str]]:
    return (-p.score, len(p.hops), p.nodes)
