"""Claims to and from table rows, and the credibility refresh that runs after each write."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Row,
    and_,
    case,
    false,
    func,
    null,
    or_,
    select,
    true,
    update,
)

from proxygraph.credibility import BASE, pair_key, source_key
from proxygraph.model import Claim
from proxygraph.ontology import ONTOLOGY
from proxygraph.store.base import StoredClaim
from proxygraph.store.overlay import Overlay, name_key
from proxygraph.store.schema import claim_entities, claims

PairKey = tuple[str, str, str]


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


def claim_row(claim: Claim, *, doc: str, source: str, reliability: str, origin: str = "machine",
              review_state: str = "unreviewed", supersedes: str | None = None,
              credibility_override: int | None = None, at: str) -> dict[str, Any]:
    time = claim.time
    return {
        "id": claim.id, "doc": doc, "source": source, "type": claim.type,
        "subject_id": claim.subject.id, "subject_name": claim.subject.name,
        "object_id": claim.object.id if claim.object else None,
        "object_name": claim.object.name if claim.object else None,
        "status": claim.status, "certainty": claim.certainty,
        "time_start": time.start if time else None, "time_end": time.end if time else None,
        "time_precision": time.precision if time else None,
        "reliability": reliability,
        # A provisional grade; refresh_credibility sets the real one in the same transaction.
        "credibility": credibility_override or 6,
        "credibility_override": credibility_override,
        "extractor_version": str(claim.extractor.get("version", "")),
        "ontology": claim.ontology, "origin": origin, "state": "active",
        "review_state": review_state, "supersedes": supersedes,
        "sentence_start": claim.evidence.start, "evidence": claim.evidence.sentence,
        "created_at": at, "data": json.dumps(claim.to_dict(), ensure_ascii=False,
                                             sort_keys=True),
    }


def entity_rows(claim: Claim) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []

    def add(role: str, position: int, entity_id: str | None, name: str, kind: str | None,
            category: str | None = None, origin: str | None = None) -> None:
        out.append({"claim_id": claim.id, "role": role, "position": position,
                    "entity_id": entity_id, "name": name, "name_key": name_key(name),
                    "kind": kind, "category": category, "origin": origin})

    add("subject", 0, claim.subject.id, claim.subject.name, claim.subject.kind)
    if claim.object:
        add("object", 0, claim.object.id, claim.object.name, claim.object.kind)
    for i, item in enumerate(claim.items):
        add("item", i, item.id, item.name, item.kind, item.category, item.origin)
    for i, via in enumerate(claim.via):
        add("via", i, via.id, via.name, via.kind)
    for i, place in enumerate(claim.place):
        add("place", i, None, place, "place")
    return out


def insert_claims(conn: Connection, rows: Sequence[tuple[dict[str, Any], Claim]]) -> None:
    if not rows:
        return
    conn.execute(claims.insert(), [r for r, _ in rows])
    entities = [e for _, c in rows for e in entity_rows(c)]
    if entities:
        conn.execute(claim_entities.insert(), entities)


def to_stored(row: Row[Any]) -> StoredClaim:
    return StoredClaim(
        claim=Claim.from_dict(json.loads(row.data)), state=row.state,
        review_state=row.review_state, origin=row.origin, reliability=row.reliability,
        credibility=row.credibility, credibility_override=row.credibility_override,
        supersedes=row.supersedes, created_at=row.created_at)


def keys_of(conn: Connection, claim_ids: Iterable[str], overlay: Overlay) -> set[PairKey]:
    """The pair keys (type and actor pair, after merges) of the given claims."""
    ids = sorted(set(claim_ids))
    keys: set[PairKey] = set()
    for start in range(0, len(ids), 500):
        query = select(claims.c.type, claims.c.subject_id, claims.c.object_id).where(
            claims.c.id.in_(ids[start:start + 500]))
        keys |= {_key(overlay, r.type, r.subject_id, r.object_id) for r in conn.execute(query)}
    return keys


def keys_of_entities(conn: Connection, entity_ids: Iterable[str],
                     overlay: Overlay) -> set[PairKey]:
    """The pair keys of every claim whose subject or object is one of `entity_ids`."""
    ids = sorted(set(entity_ids))
    query = select(claims.c.type, claims.c.subject_id, claims.c.object_id).distinct().where(
        or_(claims.c.subject_id.in_(ids), claims.c.object_id.in_(ids)))
    return {_key(overlay, r.type, r.subject_id, r.object_id) for r in conn.execute(query)}


def _key(overlay: Overlay, ctype: str, subject: str, obj: str | None) -> PairKey:
    return pair_key(ctype, overlay.canonical(subject),
                    overlay.canonical(obj) if obj else None)


def claim_source(publisher: str | None, doc: str) -> str:
    return source_key(name_key(publisher) if publisher else None, doc)


def refresh_credibility(conn: Connection, overlay: Overlay, keys: set[PairKey],
                        new_ids: Sequence[str] = ()) -> None:
    """Re-grade the claims of each pair key (see proxygraph.credibility) inside SQL.

    Only current claims (active, not rejected) count as sources; every claim of the key
    is graded, so a retired or rejected one shows what it would be worth today. When
    `new_ids` were just added and did not change which sources speak to a pair (the usual
    case for a much-reported pair), only they are graded, so ingest stays fast.
    """
    for key in sorted(keys):
        _regrade(conn, _in_group(overlay, key), list(new_ids))


def _in_group(overlay: Overlay, key: PairKey) -> ColumnElement[bool]:
    ctype, subject, obj = key
    subjects = sorted(overlay.group(subject))
    if not obj:
        return and_(claims.c.type == ctype, claims.c.subject_id.in_(subjects),
                    claims.c.object_id.is_(None))
    objects = sorted(overlay.group(obj))
    pair = and_(claims.c.subject_id.in_(subjects), claims.c.object_id.in_(objects))
    if ONTOLOGY.is_symmetric(ctype):
        pair = or_(pair, and_(claims.c.subject_id.in_(objects),
                              claims.c.object_id.in_(subjects)))
    return and_(claims.c.type == ctype, pair)


_DENIED = claims.c.status == "denied"
_CURRENT = and_(claims.c.state == "active", claims.c.review_state != "rejected")


def _sources(conn: Connection, in_group: ColumnElement[bool],
             *extra: ColumnElement[bool]) -> dict[bool, frozenset[str]]:
    """Per polarity (denied or not), up to two distinct sources: all that grading needs.

    Asked as the smallest and next smallest source per status: with ix_claims_pair
    (type, subject, object, status, source) each is an index seek, where DISTINCT would
    walk every claim of a much-reported pair on every ingest.
    """
    def smallest(above: dict[str, str | None] | None) -> dict[str, str | None]:
        cols: list[Any] = []
        for status in ONTOLOGY.statuses:
            cond = [in_group, _CURRENT, claims.c.status == status,
                    claims.c.source.is_not(None), *extra]
            if above is not None:
                if above[status] is None:
                    cols.append(null())
                    continue
                cond.append(claims.c.source > above[status])
            cols.append(select(func.min(claims.c.source)).where(*cond).scalar_subquery())
        return dict(zip(ONTOLOGY.statuses, conn.execute(select(*cols)).one(), strict=True))

    first = smallest(None)
    second = smallest(first) if any(first.values()) else {}
    out = {}
    for neg in (False, True):
        found = sorted({v for st in ONTOLOGY.statuses if (st == "denied") == neg
                        for v in (first.get(st), second.get(st)) if v})
        out[neg] = frozenset(found[:2])
    return out


def _signature(sources: dict[bool, frozenset[str]]) -> tuple[object, ...]:
    # Two or more sources make "another source" true for everyone, whoever they are.
    return tuple("many" if len(s) >= 2 else s for s in (sources[False], sources[True]))


def _regrade(conn: Connection, in_group: ColumnElement[bool], new_ids: list[str]) -> None:
    sources = _sources(conn, in_group)
    target = in_group
    if new_ids:
        before = _sources(conn, in_group, claims.c.id.not_in(new_ids))
        if _signature(before) == _signature(sources):
            target = and_(in_group, claims.c.id.in_(new_ids))
    own = func.coalesce(claims.c.source, "")  # a claim without a source agrees with none

    def other(found: frozenset[str]) -> ColumnElement[bool]:  # credibility.has_other in SQL
        if len(found) >= 2:
            return true()
        if len(found) == 1:
            return own != next(iter(found))
        return false()

    agree = case((_DENIED, other(sources[True])), else_=other(sources[False]))
    disagree = case((_DENIED, other(sources[False])), else_=other(sources[True]))
    base = case(BASE, value=claims.c.certainty, else_=6)
    grade = case((claims.c.credibility_override.is_not(None), claims.c.credibility_override),
                 (base == 6, 6), (agree, base - 1), (disagree, 5), else_=base)
    conn.execute(update(claims).where(target, claims.c.credibility != grade).values(
        credibility=grade))
