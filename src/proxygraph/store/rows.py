"""Claims to and from table rows, and the credibility refresh that runs after each write."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Row, or_, select, update

from proxygraph.credibility import Statement, grade_group, pair_key, source_key
from proxygraph.model import Claim
from proxygraph.store.base import StoredClaim
from proxygraph.store.overlay import Overlay, name_key
from proxygraph.store.schema import claim_entities, claims, documents

PairKey = tuple[str, str, str]


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


def claim_row(claim: Claim, *, doc: str, reliability: str, origin: str = "machine",
              review_state: str = "unreviewed", supersedes: str | None = None,
              credibility_override: int | None = None, at: str) -> dict[str, Any]:
    time = claim.time
    return {
        "id": claim.id, "doc": doc, "type": claim.type,
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
    ids = sorted(set(claim_ids))
    keys: set[PairKey] = set()
    for start in range(0, len(ids), 500):
        query = select(claims.c.type, claims.c.subject_id, claims.c.object_id).where(
            claims.c.id.in_(ids[start:start + 500]))
        for r in conn.execute(query):
            keys.add(_key(overlay, r.type, r.subject_id, r.object_id))
    return keys


def _key(overlay: Overlay, ctype: str, subject: str, obj: str | None) -> PairKey:
    return pair_key(ctype, overlay.canonical(subject),
                    overlay.canonical(obj) if obj else None)


def refresh_credibility(conn: Connection, overlay: Overlay,
                        keys: set[PairKey] | None = None) -> int:
    """Re-grade the claims of the given pair keys (all claims when None); returns changes.

    Only current claims (active, not rejected) count as corroboration; every claim of the
    key, current or not, is re-graded so a reinstated view stays consistent.
    """
    if keys is not None and not keys:
        return 0
    query = select(claims.c.id, claims.c.type, claims.c.subject_id, claims.c.object_id,
                   claims.c.status, claims.c.certainty, claims.c.state, claims.c.review_state,
                   claims.c.credibility, claims.c.credibility_override, claims.c.doc,
                   documents.c.publisher).join(documents, documents.c.sha256 == claims.c.doc)
    if keys is not None:
        # Symmetric types may store a pair either way round: match the ids in either slot.
        entity_ids: set[str] = set()
        for _, subject, obj in keys:
            entity_ids |= overlay.group(subject) | (overlay.group(obj) if obj else set())
        ids = sorted(entity_ids)
        query = query.where(claims.c.type.in_(sorted({k[0] for k in keys})),
                            or_(claims.c.subject_id.in_(ids), claims.c.object_id.in_(ids)))
    groups: dict[PairKey, list[Row[Any]]] = {}
    for r in conn.execute(query):
        key = _key(overlay, r.type, r.subject_id, r.object_id)
        if keys is None or key in keys:
            groups.setdefault(key, []).append(r)
    changed = 0
    for rows in groups.values():
        current = [r for r in rows if r.state == "active" and r.review_state != "rejected"]
        current_statements = [_statement(r) for r in current]
        grades = grade_group(current_statements)
        for r in rows:
            grade = grades.get(r.id)
            if grade is None:  # a retired or rejected claim: graded against the current ones
                grade = grade_group([*current_statements, _statement(r)])[r.id]
            grade = r.credibility_override or grade
            if grade != r.credibility:
                conn.execute(update(claims).where(claims.c.id == r.id).values(
                    credibility=grade))
                changed += 1
    return changed


def _statement(row: Row[Any]) -> Statement:
    return Statement(row.id, source_key(row.publisher, row.doc), row.status, row.certainty)
