"""The storage interface: what every backend offers, and the records it hands back.

The CLI, the collection functions and tests only use these names, so a backend is any
object with the methods of `ClaimStore` (today one: `SqlStore` for SQLite and PostgreSQL).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from proxygraph.errors import ValidationError
from proxygraph.model import Claim, Document, Entity
from proxygraph.ontology import ONTOLOGY

GRADES = "ABCDEF"  # Admiralty source reliability, A best, F cannot be judged
CREDIBILITIES = range(1, 7)  # Admiralty information credibility, 1 best, 6 cannot be judged
INCLUDE = ("current", "all")
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def period(text: str) -> tuple[str, str]:
    """The first and last day of a date given to year, month or day: 2023-01 -> Jan 2023."""
    m = _DATE.match(text.strip())
    if not m:
        raise ValidationError(f"not a date (YYYY, YYYY-MM or YYYY-MM-DD): {text!r}")
    year, month, day = int(m[1]), m[2], m[3]
    try:
        if day:
            calendar.weekday(year, int(month), int(day))  # validates the day
            iso = f"{year:04d}-{int(month):02d}-{int(day):02d}"
            return iso, iso
        if month:
            last = calendar.monthrange(year, int(month))[1]
            return f"{year:04d}-{int(month):02d}-01", f"{year:04d}-{int(month):02d}-{last:02d}"
    except ValueError:
        raise ValidationError(f"not a valid date: {text!r}") from None
    return f"{year:04d}-01-01", f"{year:04d}-12-31"


def check_grade(grade: str) -> str:
    g = grade.strip().upper()
    if len(g) != 1 or g not in GRADES:
        raise ValidationError(f"reliability must be one of A-F, not {grade!r}")
    return g


@dataclass(frozen=True)
class ClaimFilter:
    """What `claims` selects. Empty fields select everything.

    Lists are alternatives (any of the types) except `actors`: every actor given must take
    part (as subject, object or intermediary), so two actors select the claims between them.
    `min_reliability` B means A or B; `max_credibility` 2 means 1 or 2.
    `include`: "current" drops rejected, superseded and retired claims; "all" keeps them.
    """

    ids: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    items: tuple[str, ...] = ()
    item_categories: tuple[str, ...] = ()
    origins: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    docs: tuple[str, ...] = ()
    since: str | None = None
    until: str | None = None
    as_of: str | None = None
    statuses: tuple[str, ...] = ()
    certainties: tuple[str, ...] = ()
    min_reliability: str | None = None
    max_credibility: int | None = None
    reviewed: bool | None = None  # True: reviewed only; False: unreviewed only
    include: str = "current"
    search: str | None = None
    limit: int | None = None
    offset: int = 0  # skip this many claims of the stored order (a page: limit + offset)
    after: int | None = None  # only claims after this place in the order (`seq`): a cursor

    def __post_init__(self) -> None:
        for name in ("ids", "actors", "types", "items", "item_categories", "origins",
                     "places", "docs", "statuses", "certainties"):
            value = getattr(self, name)
            if isinstance(value, str):  # a lone string would be split into letters
                value = (value,)
            # NUL cannot travel to PostgreSQL and means nothing in a name: drop it.
            object.__setattr__(self, name, tuple(v.replace("\x00", "") for v in value))
        if self.search is not None:
            object.__setattr__(self, "search", self.search.replace("\x00", ""))
        object.__setattr__(self, "types", tuple(t.upper() for t in self.types))
        _check_in("type", self.types, ONTOLOGY.claim_types)
        _check_in("status", self.statuses, ONTOLOGY.statuses)
        _check_in("certainty", self.certainties, ONTOLOGY.certainties)
        _check_in("item category", self.item_categories, ONTOLOGY.item_categories)
        if self.include not in INCLUDE:
            raise ValidationError(f"include must be one of {', '.join(INCLUDE)}")
        if self.min_reliability is not None:
            object.__setattr__(self, "min_reliability", check_grade(self.min_reliability))
        if self.max_credibility is not None and self.max_credibility not in CREDIBILITIES:
            raise ValidationError("credibility must be 1-6")
        for name in ("since", "until", "as_of"):
            if getattr(self, name) is not None:
                period(getattr(self, name))
        if self.limit is not None and self.limit < 1:
            raise ValidationError("limit must be positive")
        if self.offset < 0:
            raise ValidationError("offset cannot be negative")
        if self.search is not None:
            from proxygraph.store.search import parse_search

            parse_search(self.search)  # a query with nothing to look for fails here

    def window(self) -> tuple[str | None, str | None]:
        """The time window as first/last day; as-of is a window of its own period."""
        lo = period(self.since)[0] if self.since else None
        hi = period(self.until)[1] if self.until else None
        if self.as_of:
            start, end = period(self.as_of)
            lo = max(lo, start) if lo else start
            hi = min(hi, end) if hi else end
        return lo, hi


def _check_in(what: str, values: Sequence[str], allowed: Any) -> None:
    for v in values:
        if v not in allowed:
            raise ValidationError(f"unknown {what} {v!r} (expected one of "
                                  f"{', '.join(sorted(allowed))})")


@dataclass(frozen=True)
class StoredClaim:
    """A claim plus what the store knows about it (state, review, grades)."""

    claim: Claim
    state: str  # active | retired | superseded
    review_state: str  # unreviewed | accepted | rejected | corrected
    origin: str  # machine | review
    reliability: str
    credibility: int
    credibility_override: int | None
    supersedes: str | None
    created_at: str
    seq: int | None = None  # place in the stored order; `ClaimFilter(after=seq)` resumes
    document: str | None = None  # content hash of its document (`claim.doc` is its name)

    @property
    def id(self) -> str:
        return self.claim.id

    def to_dict(self) -> dict[str, Any]:
        """The extract JSONL shape plus the store's grades and review state."""
        out = self.claim.to_dict()
        out["reliability"] = self.reliability
        out["credibility"] = self.credibility
        out["review"] = {"state": self.review_state, "origin": self.origin,
                         "lifecycle": self.state, "supersedes": self.supersedes}
        return out


@dataclass(frozen=True)
class ReviewRecord:
    claim_id: str
    action: str  # accept | reject | correct | credibility
    reviewer: str
    at: str
    note: str | None
    changes: dict[str, Any] = field(default_factory=dict)
    result_claim_id: str | None = None


@dataclass(frozen=True)
class ClaimHistory:
    """Every version of a claim, oldest first, and every review of any of them."""

    versions: tuple[StoredClaim, ...]
    reviews: tuple[ReviewRecord, ...]


@dataclass(frozen=True)
class AddResult:
    doc: str
    status: str  # added | unchanged
    claims_added: int = 0


@dataclass(frozen=True)
class ReextractResult:
    doc: str
    added: int
    retired: int
    name: str | None = None  # the file (or "stdin") the document was ingested from
    title: str | None = None

    @property
    def label(self) -> str:
        """How a person knows the document: its title, else its file, else its hash."""
        return self.title or self.name or self.doc[:12]


@dataclass(frozen=True)
class DocumentInfo:
    sha256: str
    name: str
    media_type: str
    title: str | None
    source_url: str | None
    publisher: str | None
    published: str | None
    language: str | None
    reliability: str  # effective: the publisher's grade when it has one
    extractor_version: str
    ingested_at: str
    claims: int

    def to_document(self, text: str) -> Document:
        return Document(name=self.name, text=text, sha256=self.sha256,
                        media_type=self.media_type, title=self.title,
                        source_url=self.source_url, publisher=self.publisher,
                        published=self.published, language=self.language,
                        reliability=self.reliability)


@dataclass(frozen=True)
class SourceInfo:
    name: str
    reliability: str
    documents: int
    claims: int
    updated_by: str | None = None
    updated_at: str | None = None


@dataclass(frozen=True)
class MergeRecord:
    id: int
    merged_id: str
    into_id: str
    created_by: str | None
    created_at: str
    note: str | None
    undone_at: str | None = None
    undone_by: str | None = None


class ClaimStore(Protocol):
    """What a claim store offers; `proxygraph.store.open_store` returns one."""

    url: str

    def close(self) -> None: ...

    # documents and claims
    def has_document(self, sha256: str) -> bool: ...
    def add_document(self, doc: Document, claims: Sequence[Claim], *,
                     extractor_version: str, grade_publisher: bool = False) -> AddResult: ...
    def add_documents(self, batch: Sequence[tuple[Document, Sequence[Claim]]], *,
                      extractor_version: str, grade_publisher: bool = False
                      ) -> list[AddResult]: ...
    def documents(self) -> list[DocumentInfo]: ...
    def document_text(self, sha256: str) -> str: ...
    def reextract_document(self, sha256: str, claims: Sequence[Claim], *,
                           extractor_version: str) -> ReextractResult: ...
    def claims(self, flt: ClaimFilter | None = None) -> list[StoredClaim]: ...
    def claim(self, claim_id: str) -> StoredClaim: ...
    def history(self, claim_id: str) -> ClaimHistory: ...

    # review
    def review(self, claim_id: str, *, action: str, reviewer: str, note: str | None = None,
               changes: dict[str, str] | None = None,
               credibility: int | None = None) -> StoredClaim: ...

    # sources
    def sources(self) -> list[SourceInfo]: ...
    def set_reliability(self, publisher: str, grade: str, *,
                        reviewer: str | None = None) -> SourceInfo: ...

    # registry overlay
    def add_actor(self, name: str, kind: str, *, by: str | None = None,
                  aliases: tuple[str, ...] = ()) -> Entity: ...
    def add_alias(self, actor: str, alias: str, *, by: str | None = None) -> Entity: ...
    def merge(self, merged: str, into: str, *, by: str | None = None,
              note: str | None = None) -> MergeRecord: ...
    def split(self, merged: str, *, by: str | None = None,
              note: str | None = None) -> MergeRecord: ...
    def merges(self) -> list[MergeRecord]: ...
    def resolve_actor(self, name: str) -> Entity | None: ...
