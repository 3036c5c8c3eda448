"""Supply chains: simple paths from a sponsor to a recipient through intermediaries.

Paths follow edge direction (symmetric types both ways), at most `max_hops` long,
optionally through given actors (`via`) and time-respecting (each hop can have happened
no later than the next: there are dates t1 <= t2 <= ... inside the hops' spans). They are
ranked by evidence strength: the product of the hops' strengths (see `Edge.strength`), so
a chain is as believable as its links together; fewer hops break ties. The search is
best-first, so the strongest paths are found without enumerating the others.
"""

from __future__ import annotations

import heapq
import itertools
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from proxygraph.errors import ValidationError
from proxygraph.graph.edges import Edge
from proxygraph.graph.gcpause import without_gc
from proxygraph.graph.model import SUPPLY_TYPES, Graph

MAX_EXPANSIONS = 50_000  # partial paths expanded before giving up; reported when reached


@dataclass(frozen=True)
class Hop:
    """One step of a path: every typed edge from `source` to `target` in the selection."""

    source: str
    target: str
    edges: tuple[Edge, ...]

    @cached_property
    def strength(self) -> float:
        return max(e.strength for e in self.edges)

    @cached_property
    def claim_ids(self) -> list[str]:
        return sorted({c for e in self.edges for c in e.claim_ids})

    @cached_property
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
    found: int  # paths meeting every condition (at most `limit`)
    refused: list[tuple[Path, str]] = field(default_factory=list)  # time-respecting only
    truncated: bool = False
    settings: dict[str, Any] = field(default_factory=dict)

    def to_dict(self, graph: Graph) -> dict[str, Any]:
        return {"source": self.source, "source_name": graph.name(self.source),
                "target": self.target, "target_name": graph.name(self.target),
                "found": self.found, "paths": [p.to_dict(graph) for p in self.paths],
                "refused": [{**p.to_dict(graph), "reason": why} for p, why in self.refused],
                "truncated": self.truncated, "settings": self.settings}


def hop_map(graph: Graph, types: Iterable[str] | None,
            arcs: dict[tuple[str, str], list[Edge]] | None = None) -> dict[str, list[Hop]]:
    """Outgoing hops per node, strongest first (`arcs`: `graph.arcs(types)` if known)."""
    out: dict[str, list[Hop]] = {}
    for (a, b), edges in (arcs if arcs is not None else graph.arcs(types)).items():
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


def best_to(target: str, hops: dict[str, list[Hop]], max_hops: int) -> list[dict[str, float]]:
    """best[r][v]: the strongest product of hop strengths from v to `target` in at most r
    hops (over walks, so an upper bound for simple paths): the search's guide."""
    back: dict[str, list[tuple[str, float]]] = {}
    for a, outs in hops.items():
        for h in outs:
            back.setdefault(h.target, []).append((a, h.strength))
    layers = [{target: 1.0}]
    for _ in range(max_hops):
        prev = layers[-1]
        cur = dict(prev)
        for v, val in prev.items():
            for u, strength in back.get(v, ()):
                if val * strength > cur.get(u, 0.0):
                    cur[u] = val * strength
        layers.append(cur)
    return layers


@without_gc
def find_paths(graph: Graph, source: str, target: str, *,
               types: Sequence[str] | None = SUPPLY_TYPES, max_hops: int = 4,
               via: Sequence[str] = (), time_respecting: bool = False, limit: int = 10,
               hops: dict[str, list[Hop]] | None = None,
               budget: int = MAX_EXPANSIONS) -> PathResult:
    """The `limit` strongest simple paths source -> ... -> target, strongest first; every
    hop lists its claim ids.

    Best-first search over partial paths, ordered by their strength so far times the
    strongest possible rest (`best_to`): strengths are at most 1, so complete paths come
    out in order of score and the first `limit` accepted are the answer. `budget` caps
    the partial paths expanded (reported as `truncated`)."""
    if source == target:
        raise ValidationError("the source and the target are the same actor")
    if max_hops < 1:
        raise ValidationError("max hops must be at least 1")
    if limit < 1:
        raise ValidationError("limit must be positive")
    settings = {"types": list(types or ()), "max_hops": max_hops, "via": list(via),
                "time_respecting": time_respecting, "limit": limit}
    hops = hops if hops is not None else hop_map(graph, types)
    guide = best_to(target, hops, max_hops)
    wanted = tuple(v for v in dict.fromkeys(via) if v not in (source, target))
    to_via = {v: distances_to(v, hops, max_hops) for v in wanted}
    to_target = distances_to(target, hops, max_hops) if wanted else {}
    found: list[Path] = []
    refused: list[tuple[Path, str]] = []
    truncated = False

    def via_feasible(node: str, left: int, on_path: tuple[str, ...]) -> bool:
        return all(v in on_path or v == node or
                   to_via[v].get(node, max_hops + 1) + to_target.get(v, max_hops + 1) <= left
                   for v in wanted)

    counter = itertools.count()
    start = guide[max_hops].get(source)
    heap: list[tuple[float, int, float, tuple[str, ...], tuple[Hop, ...]]] = []
    if start is not None:
        heap.append((-start, next(counter), 1.0, (source,), ()))
    expanded = 0
    while heap and len(found) < limit:
        _, _, score, nodes, trail = heapq.heappop(heap)
        node = nodes[-1]
        if node == target:
            path = Path(trail)
            why = path.time_problem() if time_respecting else None
            if why is None:
                found.append(path)
            elif len(refused) < limit:
                refused.append((path, why))
            continue
        expanded += 1
        if expanded > budget:
            truncated = True
            break
        left = max_hops - len(trail) - 1
        for hop in hops.get(node, ()):
            nxt = hop.target
            rest = guide[left].get(nxt)
            if rest is None or nxt in nodes:
                continue
            if wanted and (not via_feasible(nxt, left, nodes) or
                           (nxt == target and not all(v in nodes for v in wanted))):
                continue
            reached = score * hop.strength
            heapq.heappush(heap, (-(reached * rest), next(counter), reached,
                                  (*nodes, nxt), (*trail, hop)))
    found.sort(key=_rank_key)
    refused.sort(key=lambda pr: _rank_key(pr[0]))
    return PathResult(source, target, found, len(found), refused, truncated, settings)


def _rank_key(p: Path) -> tuple[float, int, list[str]]:
    return (-p.score, len(p.hops), p.nodes)


State = tuple[str, bool]  # node, and whether the walk has passed a marked hop


@dataclass
class StrongestPaths:
    """The strongest path from any of several roots to every node, in at most `max_hops`;
    with `marked`, also the strongest one that passes a marked hop (e.g. one a what-if
    removed). One layered pass over the arcs per hop count."""

    layers: list[dict[State, tuple[float, State | None, Hop | None]]]

    @classmethod
    def search(cls, hops: dict[str, list[Hop]], roots: Iterable[str], max_hops: int,
               marked: Callable[[Hop], bool] | None = None) -> StrongestPaths:
        marks = {(h.source, h.target) for outs in hops.values() for h in outs
                 if marked is not None and marked(h)}
        first: dict[State, tuple[float, State | None, Hop | None]] = {
            (r, False): (1.0, None, None) for r in roots}
        layers = [first]
        for _ in range(max_hops):
            cur: dict[State, tuple[float, State | None, Hop | None]] = {}
            for state, (score, _, _) in layers[-1].items():
                node, flag = state
                for hop in hops.get(node, ()):
                    nxt = (hop.target, flag or (hop.source, hop.target) in marks)
                    reached = score * hop.strength
                    if nxt not in cur or reached > cur[nxt][0]:
                        cur[nxt] = (reached, state, hop)
            layers.append(cur)
        return cls(layers)

    def path(self, target: str, marked: bool = False) -> Path | None:
        """The strongest simple path to `target` (through a marked hop if `marked`)."""
        best: tuple[float, int] | None = None
        for k in range(1, len(self.layers)):
            entry = self.layers[k].get((target, marked))
            if entry is not None and (best is None or entry[0] > best[0]):
                best = (entry[0], k)
        if best is None:
            return None
        trail: list[Hop] = []
        state: State | None = (target, marked)
        for k in range(best[1], 0, -1):
            _, state, hop = self.layers[k][state]  # type: ignore[index]
            trail.append(hop)  # type: ignore[arg-type]
        trail.reverse()
        nodes = [trail[0].source, *(h.target for h in trail)]
        return Path(tuple(trail)) if len(set(nodes)) == len(nodes) else None
