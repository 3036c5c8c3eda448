"""Brokers: who sits between sponsors and recipients.

Betweenness on the typed, directed graph (igraph), and Gould-Fernandez brokerage roles:
for every a -> b -> c with no direct a -> c, broker b plays a role given by the blocs
(state affiliation) of the three:

  coordinator     a, b, c in one bloc
  itinerant       a and c in one bloc, b outside it (a consultant)
  representative  a and b in one bloc, c outside (b speaks for its bloc outwards)
  gatekeeper      b and c in one bloc, a outside (b controls what comes in)
  liaison         all three in different blocs
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from proxygraph.graph.edges import Edge
from proxygraph.graph.model import SUPPLY_TYPES, Graph
from proxygraph.graph.views import directed_view

ROLES = ("coordinator", "itinerant", "representative", "gatekeeper", "liaison")
EXAMPLES_PER_ROLE = 2


def role(bloc_a: str, bloc_b: str, bloc_c: str) -> str:
    if bloc_a == bloc_b == bloc_c:
        return "coordinator"
    if bloc_a == bloc_c:
        return "itinerant"
    if bloc_a == bloc_b:
        return "representative"
    if bloc_b == bloc_c:
        return "gatekeeper"
    return "liaison"


@dataclass
class Broker:
    node: str
    betweenness: float
    roles: Counter[str] = field(default_factory=Counter)
    examples: dict[str, list[tuple[str, str, list[str], list[str]]]] = field(
        default_factory=dict)  # role -> (a, c, claims a->b, claims b->c)

    @property
    def brokerage(self) -> int:
        return sum(self.roles.values())

    def to_dict(self, graph: Graph) -> dict[str, Any]:
        node = graph.nodes.get(self.node)
        return {
            "actor": self.node, "name": graph.name(self.node),
            "bloc": node.bloc if node else None, "betweenness": round(self.betweenness, 6),
            "brokerage": self.brokerage, "roles": {r: self.roles.get(r, 0) for r in ROLES},
            "examples": {r: [{"from": a, "from_name": graph.name(a), "to": c,
                              "to_name": graph.name(c), "claims_in": cin, "claims_out": cout}
                             for a, c, cin, cout in ex] for r, ex in self.examples.items()},
        }


def brokers(graph: Graph, types: Sequence[str] | None = SUPPLY_TYPES, *,
            limit: int | None = 20) -> list[Broker]:
    """Actors ranked by betweenness, then brokerage; only those with either above zero."""
    view = directed_view(graph, types)
    between = view.graph.betweenness(directed=True) if view.names else []
    found = {n: Broker(n, float(b)) for n, b in zip(view.names, between, strict=True)}
    arcs = view.arcs
    succ: dict[str, list[str]] = {}
    pred: dict[str, list[str]] = {}
    for a, b in arcs:
        succ.setdefault(a, []).append(b)
        pred.setdefault(b, []).append(a)

    def bloc(n: str) -> str:
        node = graph.nodes.get(n)
        return node.bloc if node else n

    for b, broker in found.items():
        for a in pred.get(b, ()):
            for c in succ.get(b, ()):
                if a == c or (a, c) in arcs:
                    continue  # a direct tie needs no broker
                r = role(bloc(a), bloc(b), bloc(c))
                broker.roles[r] += 1
                ex = broker.examples.setdefault(r, [])
                if len(ex) < EXAMPLES_PER_ROLE:
                    ex.append((a, c, _claims(arcs[(a, b)]), _claims(arcs[(b, c)])))
    ranked = sorted((br for br in found.values() if br.brokerage or br.betweenness > 0),
                    key=lambda br: (-br.betweenness, -br.brokerage, br.node))
    return ranked[:limit] if limit else ranked


def _claims(edges: list[Edge]) -> list[str]:
    return sorted({c for e in edges for c in e.claim_ids})
