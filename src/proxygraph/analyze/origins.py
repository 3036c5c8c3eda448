"""Where a recipient's materiel comes from: items by origin country and category.

Counted over the item mentions of the transfers to the recipient (statuses as the graph
counts them; planned and denied deliveries are not weapons received). Shares are of the
item mentions; transfers that name no item are reported apart, with their suppliers.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from proxygraph.graph.model import COUNTED_STATUSES, Graph

UNKNOWN = "unknown"


@dataclass
class OriginRow:
    origin: str  # state id, or "unknown"
    category: str
    items: Counter[str] = field(default_factory=Counter)
    claims: set[str] = field(default_factory=set)
    suppliers: set[str] = field(default_factory=set)

    @property
    def mentions(self) -> int:
        return sum(self.items.values())


@dataclass
class Origins:
    recipient: str
    rows: list[OriginRow]
    unspecified_claims: list[str]  # transfers naming no item
    unspecified_suppliers: list[str]

    @property
    def total(self) -> int:
        return sum(r.mentions for r in self.rows)

    def by_origin(self) -> dict[str, int]:
        out: Counter[str] = Counter()
        for r in self.rows:
            out[r.origin] += r.mentions
        return dict(out.most_common())

    def to_dict(self, graph: Graph) -> dict[str, Any]:
        total = self.total or 1
        return {
            "recipient": self.recipient, "name": graph.name(self.recipient),
            "item_mentions": self.total,
            "by_origin": [{"origin": o, "name": graph.name(o) if o != UNKNOWN else o,
                           "mentions": n, "share": round(n / total, 4)}
                          for o, n in self.by_origin().items()],
            "rows": [{"origin": r.origin,
                      "origin_name": graph.name(r.origin) if r.origin != UNKNOWN else r.origin,
                      "category": r.category, "items": dict(r.items.most_common()),
                      "mentions": r.mentions, "share": round(r.mentions / total, 4),
                      "suppliers": sorted(r.suppliers),
                      "supplier_names": sorted(graph.name(s) for s in r.suppliers),
                      "claims": sorted(r.claims)} for r in self.rows],
            "unspecified": {"claims": self.unspecified_claims,
                            "suppliers": self.unspecified_suppliers,
                            "supplier_names": [graph.name(s)
                                               for s in self.unspecified_suppliers]},
        }


def origins(graph: Graph, recipient: str, types: Sequence[str] = ("ARMS_TRANSFER",)) -> Origins:
    counted = set(graph.flt.statuses if graph.flt else COUNTED_STATUSES)
    rows: dict[tuple[str, str], OriginRow] = {}
    bare_claims: list[str] = []
    bare_suppliers: set[str] = set()
    for st in graph.statements.values():
        if st.object != recipient or st.type not in types or st.status not in counted:
            continue
        if not st.items:
            bare_claims.append(st.id)
            bare_suppliers.add(st.subject)
            continue
        for item in st.items:
            key = (item.origin or UNKNOWN, item.category or UNKNOWN)
            row = rows.setdefault(key, OriginRow(*key))
            row.items[item.name] += 1
            row.claims.add(st.id)
            row.suppliers.add(st.subject)
    ranked = sorted(rows.values(), key=lambda r: (-r.mentions, r.origin, r.category))
    return Origins(recipient, ranked, sorted(bare_claims), sorted(bare_suppliers))
