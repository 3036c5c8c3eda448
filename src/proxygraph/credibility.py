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
publisher counts as its own source) carrying a claim of the same type between the same
pair of actors, after merges. A reviewer may override the result.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from proxygraph.ontology import ONTOLOGY

BASE = {"high": 2, "medium": 3, "low": 4}  # grade of a claim no other source speaks to


@dataclass(frozen=True)
class Statement:
    """What one claim contributes to the grading of claims like it."""

    claim_id: str
    source: str  # publisher key, or the document for a document with no publisher
    status: str
    certainty: str


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


def grade_group(group: Iterable[Statement]) -> dict[str, int]:
    """Grade every claim of one pair key against the others in the group (linear time)."""
    members = list(group)
    # Sources that report it happened vs. sources that deny it.
    sources: dict[bool, set[str]] = {False: set(), True: set()}
    for ev in members:
        sources[ev.status == "denied"].add(ev.source)
    grades: dict[str, int] = {}
    for ev in members:
        denied = ev.status == "denied"
        agree = int(has_other(sources[denied], ev.source))
        disagree = int(has_other(sources[not denied], ev.source))
        grades[ev.claim_id] = information_credibility(ev.certainty, agree, disagree)
    return grades
