"""What a graph is built from: the claim selection (sent to the store) and the edge rules."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from proxygraph.errors import ValidationError
from proxygraph.graph.model import CERTAINTY_RANK, COUNTED_STATUSES
from proxygraph.ontology import ONTOLOGY
from proxygraph.store import ClaimFilter
from proxygraph.store.base import period


@dataclass(frozen=True)
class GraphFilter:
    """Empty fields select everything.

    `statuses` are the statuses that count as a relation; planned, forecast and denied
    claims are left out by default (denials are still read, to show conflicts beside the
    reports they contradict). `since`/`until` select claims whose time span overlaps the
    window; undated claims are left out when a window is given unless `undated` is set.
    `min_corroboration` is a property of an edge: its independent sources.
    """

    since: str | None = None
    until: str | None = None
    types: tuple[str, ...] = ()
    statuses: tuple[str, ...] = COUNTED_STATUSES
    min_certainty: str | None = None
    max_credibility: int | None = None
    min_reliability: str | None = None
    min_corroboration: int = 1
    reviewed_only: bool = False
    undated: bool = False

    def __post_init__(self) -> None:
        types = (self.types,) if isinstance(self.types, str) else self.types
        object.__setattr__(self, "types", tuple(t.upper() for t in types))
        statuses = (self.statuses,) if isinstance(self.statuses, str) else self.statuses
        object.__setattr__(self, "statuses", tuple(s.lower() for s in statuses))
        for t in self.types:
            if t not in ONTOLOGY.claim_types:
                raise ValidationError(f"unknown type {t!r} (expected one of "
                                      f"{', '.join(sorted(ONTOLOGY.claim_types))})")
        for s in self.statuses:
            if s not in ONTOLOGY.statuses:
                raise ValidationError(f"unknown status {s!r} (expected one of "
                                      f"{', '.join(ONTOLOGY.statuses)})")
        if not self.statuses:
            raise ValidationError("at least one status must count")
        if self.min_certainty is not None and self.min_certainty not in CERTAINTY_RANK:
            raise ValidationError(f"certainty must be one of {', '.join(CERTAINTY_RANK)}")
        if self.min_corroboration < 1:
            raise ValidationError("minimum corroboration must be at least 1")
        # the window as dates, computed once: in_window runs for every claim read
        object.__setattr__(self, "_window", (period(self.since)[0] if self.since else None,
                                             period(self.until)[1] if self.until else None))
        lo, hi = self.window()
        if lo and hi and hi < lo:
            raise ValidationError(f"the window ends ({self.until}) before it starts "
                                  f"({self.since})")

    def window(self) -> tuple[str | None, str | None]:
        return self._window  # type: ignore[attr-defined,no-any-return]

    def certainties(self) -> tuple[str, ...]:
        if self.min_certainty is None:
            return ()
        floor = CERTAINTY_RANK[self.min_certainty]
        return tuple(c for c, r in CERTAINTY_RANK.items() if r >= floor)

    def claim_filter(self) -> ClaimFilter:
        """The store query: denials always come along so conflicts can be shown."""
        windowed = not self.undated
        return ClaimFilter(
            types=self.types,
            since=self.since if windowed else None,
            until=self.until if windowed else None,
            statuses=tuple(dict.fromkeys((*self.statuses, "denied"))),
            certainties=self.certainties(),
            min_reliability=self.min_reliability,
            max_credibility=self.max_credibility,
            reviewed=True if self.reviewed_only else None,
            include="current",  # rejected, superseded (corrected) and retired claims stay out
        )

    def in_window(self, start: str | None, end: str | None) -> bool:
        """Interval overlap, as the store reads it; undated claims only with `undated`."""
        lo, hi = self.window()
        if not (lo or hi):
            return True
        if start is None and end is None:
            return self.undated
        return (hi is None or (start or "0000-01-01") <= hi) and (
            lo is None or (end or "9999-12-31") >= lo)

    def to_dict(self) -> dict[str, Any]:
        return {"since": self.since, "until": self.until, "types": list(self.types),
                "statuses": list(self.statuses), "min_certainty": self.min_certainty,
                "max_credibility": self.max_credibility,
                "min_reliability": self.min_reliability,
                "min_corroboration": self.min_corroboration,
                "reviewed_only": self.reviewed_only, "undated": self.undated}
