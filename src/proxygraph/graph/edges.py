"""Edges: what the statements of one (subject, type, object) relation add up to.

One definition of an edge serves the graph and the streamed network exports:

- `EdgeRouter` decides which edges a statement counts on (counted statuses make edges, a
  `via` makes hops supplier -> via -> recipient, symmetric types share one key, denials
  sit beside the edge they contradict) and applies the minimum corroboration;
- `EdgeAggregate` keeps, statement by statement, what an edge shows: count, independent
  sources, first date and time spans, items, statuses, best grades, denials;
- `Edge` (the graph's) keeps the statements too, which the analyses read;
  `EdgeSummary` (a streamed export's) keeps only their ids, packed in bytes, so a whole
  store's network fits in a few hundred bytes per edge.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from proxygraph.graph.model import (
    CERTAINTY_RANK,
    CREDIBILITY_WEIGHT,
    RELIABILITY_WEIGHT,
    Statement,
    is_symmetric,
)

if TYPE_CHECKING:
    from proxygraph.graph.filters import GraphFilter

EdgeKey = tuple[str, str, str]
OPEN_START, OPEN_END = "0000-01-01", "9999-12-31"  # a missing start or end of a span
_CERTAINTY_NAME = {rank: name for name, rank in CERTAINTY_RANK.items()}
_NO_LEGS: frozenset[str] = frozenset()


def edge_key(a: str, ctype: str, b: str) -> EdgeKey:
    """The key of a relation: ordered, except for the ontology's symmetric types."""
    if is_symmetric(ctype) and b < a:
        a, b = b, a
    return a, ctype, b


def legs(st: Statement) -> list[tuple[str, str, bool]]:
    """The hops a statement makes: subject -> object, or through its `via` actors (then
    each hop is a via leg)."""
    chain = [st.subject]
    for v in st.via:
        if v != chain[-1] and v != st.object:
            chain.append(v)
    chain.append(st.object)  # type: ignore[arg-type]
    leg = len(chain) > 2
    return [(a, b, leg) for a, b in zip(chain, chain[1:], strict=False) if a != b]


def _next_day(day: str) -> str:
    try:
        return (date.fromisoformat(day) + timedelta(days=1)).isoformat()
    except (ValueError, OverflowError):  # 9999-12-31 has no next day
        return day


def merge_spans(spans: list[str]) -> list[str]:
    """A flat list of day ranges [s0, e0, s1, e1, ...] in any order, sorted and with the
    ranges that overlap or touch (end + 1 day = start) merged into one."""
    pairs = sorted(zip(spans[::2], spans[1::2], strict=True))
    out = [pairs[0][0], pairs[0][1]]
    for start, end in pairs[1:]:
        # parse a date only when the ranges neither overlap nor are clearly apart
        if start <= out[-1] or start <= _next_day(out[-1]):
            if end > out[-1]:
                out[-1] = end
        else:
            out += (start, end)
    return out


class EdgeAggregate:
    """Every counted statement of one type between one ordered pair (unordered for the
    symmetric types), as aggregates, plus the denials of the same relation beside them.

    Slotted, with lists and dicts made only when a value needs them: a network has about
    one edge per two statements, so an edge's own size counts as much as theirs.
    Subclasses choose what they keep of each statement (`_keep`, `claim_ids`).
    """

    __slots__ = (
        "source",
        "type",
        "target",
        "count",
        "denials",
        "via_legs",
        "_names",
        "_sources",
        "_first",
        "_spans",
        "_merged",
        "_undated",
        "_items",
        "_statuses",
        "_certainty",
        "_credibility",
        "_reliability",
        "_strength",
    )

    def __init__(
        self, source: str, type: str, target: str, names: dict[str, str] | None = None
    ) -> None:
        self.source, self.type, self.target = source, type, target
        self.count = 0
        self.denials: list[Any] | tuple[()] = ()  # what `denial_record` makes of each
        self.via_legs: set[str] | frozenset[str] = _NO_LEGS  # claims here as a via hop
        self._names = names if names is not None else {}  # source key -> publisher name
        self._sources: str | set[str] | None = None  # one source, then a set
        self._first: str | None = None
        self._spans: list[str] | None = None  # dated statements' [start, end, ...]
        self._merged = True  # _spans is sorted and merged (see merge_spans)
        self._undated = False
        self._items: dict[str, int] | None = None
        self._statuses: str | dict[str, int] | None = None  # str: every statement's one
        self._certainty = 0
        self._credibility = 99
        self._reliability = "Z"
        self._strength: float | None = None

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}({self.source!r}, {self.type!r}, {self.target!r}, "
            f"{self.count} statements)"
        )

    # --- adding statements ------------------------------------------------------------

    def _keep(self, st: Statement) -> None:
        raise NotImplementedError

    @staticmethod
    def denial_record(st: Statement) -> Any:
        """What the edge keeps of a denial (and a graph of a disputed one)."""
        return st

    def add(self, st: Statement, leg: bool = False) -> None:
        self._tally(st.status, counted=True)
        self.count += 1
        self._keep(st)
        self._strength = None
        if leg:
            if not self.via_legs:
                self.via_legs = set()
            self.via_legs.add(st.id)  # type: ignore[union-attr]
        found = self._sources
        if found is None:
            self._sources = st.source
        elif isinstance(found, str):
            if found != st.source:
                self._sources = {found, st.source}
        else:
            found.add(st.source)
        if st.start is None and st.end is None:
            self._undated = True
        else:
            first = st.start or st.end
            if self._first is None or first < self._first:  # type: ignore[operator]
                self._first = first
            if self._spans is None:
                self._spans = [st.start or OPEN_START, st.end or OPEN_END]
            else:  # merged when first read: statements arrive in any order
                self._spans += (st.start or OPEN_START, st.end or OPEN_END)
                self._merged = False
        if st.items:
            items = self._items if self._items is not None else {}
            for i in st.items:
                items[i.name] = items.get(i.name, 0) + 1
            self._items = items
        self._certainty = max(self._certainty, CERTAINTY_RANK[st.certainty])
        self._credibility = min(self._credibility, st.credibility)
        self._reliability = min(self._reliability, st.reliability)

    def add_denial(self, record: Any) -> None:
        """A denial of this relation (a `denial_record`), shown beside the statements."""
        self._tally("denied", counted=False)
        if not self.denials:
            self.denials = []
        self.denials.append(record)  # type: ignore[union-attr]

    def _tally(self, status: str, counted: bool) -> None:
        found = self._statuses
        if counted and (found is None or found == status):
            self._statuses = status
            return
        tally = {found: self.count} if isinstance(found, str) else (found or {})
        tally[status] = tally.get(status, 0) + 1
        self._statuses = tally

    # --- what the edge shows ----------------------------------------------------------

    def _merged_spans(self) -> list[str] | None:
        if not self._merged:
            self._spans = merge_spans(self._spans)  # type: ignore[arg-type]
            self._merged = True
        return self._spans

    @property
    def key(self) -> EdgeKey:
        return self.source, self.type, self.target

    @property
    def symmetric(self) -> bool:
        return is_symmetric(self.type)

    @property
    def claim_ids(self) -> list[str]:
        raise NotImplementedError

    @property
    def denial_ids(self) -> list[str]:
        return sorted(d if isinstance(d, str) else d.id for d in self.denials)

    @property
    def sources(self) -> set[str]:
        found = self._sources
        return set() if found is None else {found} if isinstance(found, str) else set(found)

    @property
    def corroboration(self) -> int:
        """Independent sources: two documents of one publisher are one source."""
        found = self._sources
        return 0 if found is None else 1 if isinstance(found, str) else len(found)

    @property
    def publishers(self) -> list[str]:
        """One name per independent publisher (its spellings vary; the first in order)."""
        return sorted({self._names[s] for s in self.sources if s in self._names})

    @property
    def first(self) -> str | None:
        return self._first

    @property
    def open_ended(self) -> bool:
        spans = self._merged_spans()
        return spans is not None and spans[-1] == OPEN_END

    @property
    def last(self) -> str | None:
        """The latest end; None when undated or when one statement is still going."""
        spans = self._merged_spans()
        return None if spans is None or spans[-1] == OPEN_END else spans[-1]

    @property
    def interval(self) -> tuple[str, str] | None:
        """[earliest start, latest end] of the dated statements; None if none is dated."""
        spans = self._merged_spans()
        return None if spans is None else (spans[0], spans[-1])

    @property
    def spells(self) -> list[tuple[str | None, str | None]]:
        """The statements' time spans, overlapping or touching ones merged; none when any
        statement is undated (the relation holds at an unknown time). Open ends: None."""
        s = self._merged_spans()
        if self._undated or s is None:
            return []
        return [
            (None if a == OPEN_START else a, None if b == OPEN_END else b)
            for a, b in zip(s[::2], s[1::2], strict=True)
        ]

    @property
    def items(self) -> Counter[str]:
        return Counter(self._items or {})

    @property
    def statuses(self) -> Counter[str]:
        found = self._statuses
        return Counter({found: self.count} if isinstance(found, str) else (found or {}))

    @property
    def conflict(self) -> bool:
        """A denial beside a report: shown, never averaged away."""
        found = self._statuses
        return bool(self.denials) or (
            isinstance(found, dict) and "denied" in found and len(found) > 1
        )

    @property
    def best_certainty(self) -> str:
        return _CERTAINTY_NAME[self._certainty]

    @property
    def best_credibility(self) -> int:
        return self._credibility

    @property
    def best_reliability(self) -> str:
        return self._reliability

    @property
    def strength(self) -> float:
        """Evidence strength in (0, 1]: corroboration (1 - 0.5^sources) times the weights
        of the best information credibility and the best source reliability. A heuristic
        for ranking, shown beside the counts it comes from, never instead of them."""
        if self._strength is None:
            corroboration = 1.0 - 0.5**self.corroboration
            self._strength = (
                corroboration
                * CREDIBILITY_WEIGHT.get(self.best_credibility, 0.3)
                * RELIABILITY_WEIGHT.get(self.best_reliability, 0.5)
            )
        return self._strength

    def to_dict(self, graph: Any = None) -> dict[str, Any]:
        """`graph`: anything with `name(node_id)` (a Graph, a streamed network)."""

        def name(node_id: str) -> str:
            return graph.name(node_id) if graph else node_id

        return {
            "source": self.source,
            "source_name": name(self.source),
            "type": self.type,
            "target": self.target,
            "target_name": name(self.target),
            "symmetric": self.symmetric,
            "claims": self.claim_ids,
            "count": self.count,
            "corroboration": self.corroboration,
            "publishers": self.publishers,
            "first": self.first,
            "last": self.last,
            "open_ended": self.open_ended,
            "items": dict(self.items.most_common()),
            "statuses": dict(self.statuses),
            "conflict": self.conflict,
            "denials": self.denial_ids,
            "best_certainty": self.best_certainty,
            "best_credibility": self.best_credibility,
            "best_reliability": self.best_reliability,
            "strength": round(self.strength, 4),
            "via_legs": sorted(self.via_legs),
        }


class Edge(EdgeAggregate):
    """The graph's edge: the aggregates and the statements behind them (and the denials'
    statements), which paths, what-if, timelines and the evidence views read."""

    __slots__ = ("statements",)

    def __init__(
        self, source: str, type: str, target: str, names: dict[str, str] | None = None
    ) -> None:
        super().__init__(source, type, target, names)
        self.statements: list[Statement] = []

    def _keep(self, st: Statement) -> None:
        self.statements.append(st)

    @property
    def claim_ids(self) -> list[str]:
        return sorted(s.id for s in self.statements)


_ID_END = 0x1E  # ASCII record separator: never in a claim id


class EdgeSummary(EdgeAggregate):
    """A streamed export's edge: the aggregates and the claim ids, packed as bytes."""

    __slots__ = ("_ids",)

    def __init__(
        self, source: str, type: str, target: str, names: dict[str, str] | None = None
    ) -> None:
        super().__init__(source, type, target, names)
        self._ids = bytearray()

    def _keep(self, st: Statement) -> None:
        self._ids += st.id.encode()
        self._ids.append(_ID_END)

    @staticmethod
    def denial_record(st: Statement) -> Any:
        return st.id

    @property
    def claim_ids(self) -> list[str]:
        return sorted(i.decode() for i in self._ids.split(bytes((_ID_END,)))[:-1])


E = TypeVar("E", bound=EdgeAggregate)


class EdgeRouter(Generic[E]):
    """Sends each statement to the edges it counts on; `finish()` places the denials and
    applies the minimum corroboration. The graph build and the streamed aggregation
    both run this, with `Edge` and `EdgeSummary` respectively."""

    def __init__(self, flt: GraphFilter, edge_class: type[E]) -> None:
        self.counted = frozenset(flt.statuses)
        self.min_corroboration = flt.min_corroboration
        self.edge_class = edge_class
        self.edges: dict[EdgeKey, E] = {}
        self.names: dict[str, str] = {}  # source key -> its first publisher name
        self._denials: list[tuple[EdgeKey, Any]] = []  # (key, denial_record)

    def add(self, st: Statement) -> None:
        if st.object is None:
            return  # PRODUCTION for no one: a statement about a node, not an edge
        if st.status not in self.counted:
            if st.status == "denied":
                self._denials.append(
                    (edge_key(st.subject, st.type, st.object), self.edge_class.denial_record(st))
                )
            return
        if st.publisher and (st.source not in self.names or st.publisher < self.names[st.source]):
            self.names[st.source] = st.publisher
        for a, b, leg in legs(st):
            key = edge_key(a, st.type, b)
            edge = self.edges.get(key)
            if edge is None:
                edge = self.edges[key] = self.edge_class(key[0], st.type, key[2], self.names)
            edge.add(st, leg)

    def add_all(self, statements: Iterable[Statement]) -> None:
        for st in statements:
            self.add(st)

    def finish(self) -> tuple[dict[EdgeKey, E], list[Any]]:
        """The edges, and the denials with no edge beside them (as `denial_record`s)."""
        disputed = []
        for key, record in self._denials:
            edge = self.edges.get(key)
            if edge is not None:
                edge.add_denial(record)
            else:
                disputed.append(record)
        self._denials = []
        edges = self.edges
        if self.min_corroboration > 1:
            edges = {k: e for k, e in edges.items() if e.corroboration >= self.min_corroboration}
        return edges, disputed
