"""Admiralty grades: information credibility 1-6 from certainty and corroboration.

Source reliability (A-F) belongs to the publisher and is given by a person; information
credibility belongs to one claim and is derived here:

  1 confirmed      stated as fact and corroborated by an independent source
  2 probably true  stated as fact alone, or attributed/reported and corroborated
  3 possibly true  attributed or "reportedly", alone; or hedged but corroborated
  4 doubtful       hedged ("never confirmed", "it is said") and alone
  5 improbable     any of the above contradicted (an independent source denies it) and
                   not corroborated
  6 cannot be judged  only by review (or a certainty the store does not know)

An independent source is another document from another publisher (a document with no
publisher counts as its own source). A claim of it speaks to another claim only when both
have the same type and pair of actors after merges (either order for symmetric types),
their times overlap (when both have a time) and their items overlap (when both name
items). Then it

  - corroborates when the statuses agree: occurred and ongoing agree with each other,
    planned and forecast with each other, a denial with a denial (a forecast never
    confirms that something happened);
  - contradicts when one is a denial and the other is not.

A source graded E (unreliable) or F (cannot be judged) cannot corroborate alone: it
counts together with a second independent corroborating source, or not at all. A
reviewer may override the result.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from proxygraph.ontology import ONTOLOGY

BASE = {"high": 2, "medium": 3, "low": 4}  # grade of a claim no other source speaks to
WEAK_GRADES = frozenset("EF")  # cannot corroborate alone
STATUS_CLASS = {"occurred": "actual", "ongoing": "actual", "planned": "future",
                "forecast": "future", "denied": "denied"}
OPEN_START, OPEN_END = "0000-01-01", "9999-12-31"

RELIABILITY_MEANING = {"A": "completely reliable", "B": "usually reliable",
                       "C": "fairly reliable", "D": "not usually reliable",
                       "E": "unreliable", "F": "reliability cannot be judged"}
CREDIBILITY_MEANING = {1: "confirmed", 2: "probably true", 3: "possibly true",
                       4: "doubtful", 5: "improbable", 6: "cannot be judged"}


def agreeing_statuses(status: str) -> tuple[str, ...]:
    """Statuses whose claims corroborate a claim of `status`."""
    cls = STATUS_CLASS.get(status)
    return tuple(s for s, c in STATUS_CLASS.items() if c == cls)


def contradicting_statuses(status: str) -> tuple[str, ...]:
    """Statuses whose claims contradict a claim of `status`."""
    if status == "denied":
        return tuple(s for s in STATUS_CLASS if s != "denied")
    return ("denied",) if status in STATUS_CLASS else ()


def grade_legend(reliability: str, credibility: int) -> str:
    """What a grade such as C2 says, in words."""
    return (f"{reliability}{credibility}: source {RELIABILITY_MEANING.get(reliability, '?')}, "
            f"information {CREDIBILITY_MEANING.get(credibility, '?')}")


@dataclass(frozen=True)
class Statement:
    """What one claim contributes to the grading of claims like it."""

    claim_id: str
    source: str  # publisher key, or the document for a document with no publisher
    status: str
    certainty: str
    reliability: str = "F"  # the source's grade
    start: str | None = None  # time, either end open
    end: str | None = None
    items: frozenset[str] = field(default_factory=frozenset)  # item entity ids

    @property
    def has_time(self) -> bool:
        return self.start is not None or self.end is not None


def source_key(publisher_key: str | None, doc_sha: str) -> str:
    """Who stands behind a document: its publisher (already normalized), else itself."""
    return f"pub:{publisher_key}" if publisher_key else f"doc:{doc_sha}"


def has_other(sources: set[str], own: str) -> bool:
    """Whether a source other than `own` is among `sources`."""
    return len(sources - {own}) > 0


def pair_key(claim_type: str, subject: str, obj: str | None) -> tuple[str, str, str]:
    """Claims about the same thing: same type and pair (unordered when symmetric)."""
    other = obj or ""
    if ONTOLOGY.is_symmetric(claim_type) and other < subject:
        subject, other = other, subject
    return claim_type, subject, other


def overlaps(a: Statement, b: Statement) -> bool:
    """Times overlap (or one has none) and items overlap (or one names none)."""
    if a.has_time and b.has_time:
        if (a.start or OPEN_START) > (b.end or OPEN_END):
            return False
        if (b.start or OPEN_START) > (a.end or OPEN_END):
            return False
    return not (a.items and b.items and not a.items & b.items)


def information_credibility(certainty: str, corroborating: int, contradicting: int) -> int:
    """The 1-6 grade for a claim from its certainty and independent sources."""
    base = BASE.get(certainty)
    if base is None:
        return 6
    if corroborating:
        return base - 1
    if contradicting:
        return 5
    return base


def confirmed_by(sources: dict[str, str]) -> bool:
    """Whether corroborating sources (source -> grade) suffice: one graded A-D, or two."""
    return len(sources) >= 2 or any(g not in WEAK_GRADES for g in sources.values())


def grade_claim(claim: Statement, others: Iterable[Statement]) -> int:
    """The grade of one claim against the current claims of its pair (it may be among them)."""
    agree = agreeing_statuses(claim.status)
    contra = contradicting_statuses(claim.status)
    corroborating: dict[str, str] = {}
    contradicted = False
    for other in others:
        if other.source == claim.source or not overlaps(claim, other):
            continue
        if other.status in agree:
            corroborating[other.source] = min(other.reliability,
                                              corroborating.get(other.source, "F"))
            if confirmed_by(corroborating):
                break
        elif other.status in contra:
            contradicted = True
    return information_credibility(claim.certainty, int(confirmed_by(corroborating)),
                                   int(contradicted))


def grade_group(group: Iterable[Statement]) -> dict[str, int]:
    """Grade every claim of one pair key against the others in the group."""
    members = list(group)
    return {ev.claim_id: grade_claim(ev, members) for ev in members}
