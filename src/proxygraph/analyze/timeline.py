"""Timeline of an actor or a pair: statements by date, each dated as precisely as its
text allows. A year-precision claim is a span over the year ("2024"), never a day;
open ends stay open ("2015.."); undated statements come last, marked so."""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from proxygraph.graph.model import Graph, Statement

_CUT = {"year": 4, "month": 7, "day": 10}


def span_label(start: str | None, end: str | None, precision: str | None) -> str:
    if start is None and end is None:
        return "undated"
    cut = _CUT.get(precision or "day", 10)
    lo = start[:cut] if start else ""
    hi = end[:cut] if end else ""
    if lo and lo == hi:
        return lo
    return f"{lo}..{hi}"


def compact_span(lo: str | None, hi: str | None) -> str:
    """An edge's [first, last] as briefly as it is exact: whole years and months shrink
    ("2022-01-01".."2022-12-31" -> "2022"), open ends stay open."""
    if lo is None and hi is None:
        return "undated"
    if lo and hi and lo[4:] == "-01-01" and hi[4:] == "-12-31":
        return span_label(lo, hi, "year")
    if lo and hi and lo.endswith("-01") and _month_end(hi):
        return span_label(lo, hi, "month")
    return span_label(lo, hi, "day")


def _month_end(day: str) -> bool:
    try:
        year, month, dom = int(day[:4]), int(day[5:7]), int(day[8:10])
    except ValueError:
        return False
    return dom == calendar.monthrange(year, month)[1]


@dataclass(frozen=True)
class Entry:
    statement: Statement
    label: str

    def to_dict(self, graph: Graph) -> dict[str, Any]:
        st = self.statement
        return {"when": self.label, "start": st.start, "end": st.end,
                "precision": st.precision, "time_text": st.time_text,
                "claim": st.id, "type": st.type,
                "subject": st.subject, "subject_name": graph.name(st.subject),
                "object": st.object, "object_name": graph.name(st.object) if st.object else None,
                "via": [graph.name(v) for v in st.via], "status": st.status,
                "certainty": st.certainty, "credibility": st.credibility,
                "reliability": st.reliability, "publisher": st.publisher, "doc": st.doc,
                "items": [i.name for i in st.items], "evidence": st.evidence}


def _order(st: Statement) -> tuple[int, str, str, str]:
    if not st.dated:
        return (1, "", "", st.id)
    return (0, st.start or st.end or "", st.end or "9999-12-31", st.id)


def timeline(graph: Graph, actor: str, other: str | None = None,
             types: Sequence[str] | None = None) -> list[Entry]:
    """Every statement the actor (and `other`, if given) takes part in, oldest first."""
    wanted = set(types) if types else None
    out = []
    for st in graph.statements.values():
        who = st.participants()
        if actor not in who or (other is not None and other not in who):
            continue
        if wanted is not None and st.type not in wanted:
            continue
        out.append(st)
    out.sort(key=_order)
    return [Entry(st, span_label(st.start, st.end, st.precision)) for st in out]
