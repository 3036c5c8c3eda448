"""Credibility inside the store: the rules of `proxygraph.credibility`, as indexed lookups.

Two paths:

- `grade_new` runs on every ingest. Adding claims can only add corroboration or
  contradiction, so a stored claim's grade can only change if it is not yet corroborated
  and the new claim speaks to it. Each new claim asks a few bounded questions of its pair
  (through `ix_claims_pair`, each direction of a symmetric pair on its own so the index
  is used), and only the not-yet-corroborated claims it speaks to are regraded: the cost
  per document does not grow with the store.
- `regrade_keys` grades whole pairs again after what can take corroboration away
  (reject, correct, retire, merge, split, a publisher's new grade).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    and_,
    exists,
    func,
    not_,
    or_,
    select,
    text,
    update,
)

from proxygraph.credibility import (
    BASE,
    OPEN_END,
    OPEN_START,
    WEAK_GRADES,
    Statement,
    agreeing_statuses,
    contradicting_statuses,
    grade_claim,
    overlaps,
    pair_key,
)
from proxygraph.ontology import ONTOLOGY
from proxygraph.store.overlay import Overlay
from proxygraph.store.schema import UNCONFIRMED_SQL, claim_entities, claims

PairKey = tuple[str, str, str]
_CHUNK = 500
_CURRENT = and_(claims.c.state == "active", claims.c.review_state != "rejected")
_STRONG = tuple(g for g in "ABCDEF" if g not in WEAK_GRADES)
_GRADE_COLUMNS = (claims.c.id, claims.c.type, claims.c.subject_id, claims.c.object_id,
                  claims.c.source, claims.c.status, claims.c.certainty, claims.c.reliability,
                  claims.c.time_start, claims.c.time_end, claims.c.credibility,
                  claims.c.credibility_override, claims.c.state, claims.c.review_state)


def key_of(overlay: Overlay, ctype: str, subject: str, obj: str | None) -> PairKey:
    return pair_key(ctype, overlay.canonical(subject), overlay.canonical(obj) if obj else None)


def _directions(overlay: Overlay, key: PairKey) -> list[ColumnElement[bool]]:
    """The pair as conditions, one per direction (a symmetric pair has two)."""
    ctype, subject, obj = key
    subjects = sorted(overlay.group(subject))
    if not obj:
        return [and_(claims.c.type == ctype, claims.c.subject_id.in_(subjects),
                     claims.c.object_id.is_(None))]
    objects = sorted(overlay.group(obj))
    out = [and_(claims.c.type == ctype, claims.c.subject_id.in_(subjects),
                claims.c.object_id.in_(objects))]
    if ONTOLOGY.is_symmetric(ctype) and subject != obj:
        out.append(and_(claims.c.type == ctype, claims.c.subject_id.in_(objects),
                        claims.c.object_id.in_(subjects)))
    return out


def _items_of(conn: Connection, ids: Sequence[str]) -> dict[str, frozenset[str]]:
    found: dict[str, set[str]] = {}
    for start in range(0, len(ids), _CHUNK):
        query = select(claim_entities.c.claim_id, claim_entities.c.entity_id).where(
            claim_entities.c.claim_id.in_(ids[start:start + _CHUNK]),
            claim_entities.c.role == "item")
        for r in conn.execute(query):
            found.setdefault(r.claim_id, set()).add(r.entity_id or "")
    return {k: frozenset(v) for k, v in found.items()}


def _statement(row: Any, items: frozenset[str]) -> Statement:
    return Statement(claim_id=row.id, source=row.source or "", status=row.status,
                     certainty=row.certainty, reliability=row.reliability,
                     start=row.time_start, end=row.time_end, items=items)


def _speaks_to(s: Statement) -> list[ColumnElement[bool]]:
    """Conditions for a stored claim to speak to `s`: another source, overlapping time
    and items. Statuses are added by the caller."""
    cond: list[ColumnElement[bool]] = [claims.c.source.is_not(None),
                                       claims.c.source != s.source]
    if s.has_time:
        cond.append(or_(
            and_(claims.c.time_start.is_(None), claims.c.time_end.is_(None)),
            and_(func.coalesce(claims.c.time_start, OPEN_START) <= (s.end or OPEN_END),
                 func.coalesce(claims.c.time_end, OPEN_END) >= (s.start or OPEN_START))))
    if s.items:
        item = and_(claim_entities.c.claim_id == claims.c.id, claim_entities.c.role == "item")
        cond.append(or_(not_(exists().where(item)),
                        exists().where(item, claim_entities.c.entity_id.in_(sorted(s.items)))))
    return cond


def _grade_one(conn: Connection, directions: list[ColumnElement[bool]], s: Statement) -> int:
    """`s`'s grade from the current claims of its pair, asked as bounded lookups."""
    agree = agreeing_statuses(s.status)
    base = [*_speaks_to(s), _CURRENT]
    sources: set[str] = set()
    confirmed = False
    for pair in directions:
        strong = select(claims.c.id).where(pair, claims.c.status.in_(agree),
                                            claims.c.reliability.in_(_STRONG), *base).limit(1)
        if conn.execute(strong).first() is not None:
            confirmed = True
            break
        weak = select(claims.c.source).distinct().where(
            pair, claims.c.status.in_(agree), *base).limit(2)
        sources |= {r.source for r in conn.execute(weak)}
        if len(sources) >= 2:
            confirmed = True
            break
    if confirmed:
        return _grade(s.certainty, True, False)
    contra = contradicting_statuses(s.status)
    contradicted = bool(contra) and any(
        conn.execute(select(claims.c.id).where(pair, claims.c.status.in_(contra), *base)
                     .limit(1)).first() is not None for pair in directions)
    return _grade(s.certainty, False, contradicted)


def _grade(certainty: str, confirmed: bool, contradicted: bool) -> int:
    base = BASE.get(certainty)
    if base is None:
        return 6
    return base - 1 if confirmed else 5 if contradicted else base


# Not yet corroborated (and graded by the rules, not a reviewer): the only stored claims a
# new claim can change, found through the partial index ix_claims_unconfirmed.
_UNCONFIRMED = text(UNCONFIRMED_SQL)


def grade_new(conn: Connection, overlay: Overlay, new_ids: Sequence[str]) -> None:
    """Grade claims just added (all current) and the stored claims they speak to."""
    if not new_ids:
        return
    rows = []
    for start in range(0, len(new_ids), _CHUNK):
        rows += conn.execute(select(*_GRADE_COLUMNS).where(
            claims.c.id.in_(new_ids[start:start + _CHUNK]))).all()
    items = _items_of(conn, [r.id for r in rows])
    new = set(new_ids)
    grades: dict[str, int] = {}
    affected: dict[str, tuple[Any, list[ColumnElement[bool]]]] = {}
    for row in rows:
        s = _statement(row, items.get(row.id, frozenset()))
        directions = _directions(overlay, key_of(overlay, row.type, row.subject_id,
                                                 row.object_id))
        if row.credibility_override is None:
            grades[row.id] = _grade_one(conn, directions, s)
        # Stored claims this one may now corroborate or contradict, not yet corroborated.
        touched = agreeing_statuses(s.status) + contradicting_statuses(s.status)
        for pair in directions:
            # SQLite would rather walk the pair by status (ix_claims_pair), reading every
            # confirmed claim of a much-reported pair; the partial index holds only the rest.
            query = select(*_GRADE_COLUMNS).where(
                pair, claims.c.status.in_(touched), _UNCONFIRMED, *_speaks_to(s)).with_hint(
                claims, "INDEXED BY ix_claims_unconfirmed", "sqlite")
            for other in conn.execute(query):
                if other.id not in new:
                    affected[other.id] = (other, directions)
    if affected:
        other_items = _items_of(conn, sorted(affected))
        for cid, (row, directions) in affected.items():
            s = _statement(row, other_items.get(cid, frozenset()))
            grades[cid] = _grade_one(conn, directions, s)
    _write_grades(conn, grades)


def _write_grades(conn: Connection, grades: dict[str, int]) -> None:
    by_grade: dict[int, list[str]] = {}
    for cid, grade in grades.items():
        by_grade.setdefault(grade, []).append(cid)
    for grade, ids in by_grade.items():
        for start in range(0, len(ids), _CHUNK):
            conn.execute(update(claims).where(
                claims.c.id.in_(ids[start:start + _CHUNK]),
                claims.c.credibility_override.is_(None),
                claims.c.credibility != grade).values(credibility=grade))


def regrade_keys(conn: Connection, overlay: Overlay, keys: Iterable[PairKey]) -> None:
    """Grade every claim of each pair again, from the pair's current claims."""
    for key in sorted(set(keys)):
        rows: dict[str, Any] = {}
        for pair in _directions(overlay, key):
            for row in conn.execute(select(*_GRADE_COLUMNS).where(pair)):
                rows[row.id] = row
        items = _items_of(conn, sorted(rows))
        members = {cid: _statement(r, items.get(cid, frozenset())) for cid, r in rows.items()}
        current = [members[cid] for cid, r in rows.items()
                   if r.state == "active" and r.review_state != "rejected"]
        grades = {}
        for cid, row in rows.items():
            if row.credibility_override is not None:
                continue
            grades[cid] = grade_claim(members[cid], current)
        _write_grades(conn, {cid: g for cid, g in grades.items()
                             if rows[cid].credibility != g})


def keys_of(conn: Connection, claim_ids: Iterable[str], overlay: Overlay) -> set[PairKey]:
    """The pair keys (type and actor pair, after merges) of the given claims."""
    ids = sorted(set(claim_ids))
    keys: set[PairKey] = set()
    for start in range(0, len(ids), _CHUNK):
        query = select(claims.c.type, claims.c.subject_id, claims.c.object_id).where(
            claims.c.id.in_(ids[start:start + _CHUNK]))
        keys |= {key_of(overlay, r.type, r.subject_id, r.object_id) for r in conn.execute(query)}
    return keys


def keys_of_entities(conn: Connection, entity_ids: Iterable[str],
                     overlay: Overlay) -> set[PairKey]:
    """The pair keys of every claim whose subject or object is one of `entity_ids`."""
    ids = sorted(set(entity_ids))
    out: set[PairKey] = set()
    for column in (claims.c.subject_id, claims.c.object_id):
        query = select(claims.c.type, claims.c.subject_id, claims.c.object_id).distinct() \
            .where(column.in_(ids))
        out |= {key_of(overlay, r.type, r.subject_id, r.object_id) for r in conn.execute(query)}
    return out


def keys_of_docs(conn: Connection, docs: Sequence[str], overlay: Overlay) -> set[PairKey]:
    """The pair keys of every claim of the given documents."""
    out: set[PairKey] = set()
    for start in range(0, len(docs), _CHUNK):
        query = select(claims.c.type, claims.c.subject_id, claims.c.object_id).distinct() \
            .where(claims.c.doc.in_(docs[start:start + _CHUNK]))
        out |= {key_of(overlay, r.type, r.subject_id, r.object_id) for r in conn.execute(query)}
    return out


@dataclass(frozen=True)
class Relation:
    """How another claim of the same pair bears on a claim's grade."""

    claim_id: str
    source: str
    reliability: str
    status: str
    relation: str  # corroborates | contradicts | same source | not current | why it does not


def explain(conn: Connection, overlay: Overlay, claim_id: str) -> list[Relation]:
    """Every other claim of `claim_id`'s pair and what it does to its grade."""
    row = conn.execute(select(*_GRADE_COLUMNS).where(claims.c.id == claim_id)).first()
    if row is None:
        return []
    rows: dict[str, Any] = {}
    for pair in _directions(overlay, key_of(overlay, row.type, row.subject_id, row.object_id)):
        for other in conn.execute(select(*_GRADE_COLUMNS).where(pair).order_by(claims.c.seq)):
            rows[other.id] = other
    items = _items_of(conn, sorted(rows))
    me = _statement(row, items.get(claim_id, frozenset()))
    out = []
    for cid, other in rows.items():
        if cid == claim_id:
            continue
        s = _statement(other, items.get(cid, frozenset()))
        if other.state != "active" or other.review_state == "rejected":
            why = "not current (rejected, retired or superseded)"
        elif s.source == me.source:
            why = "same source"
        elif not overlaps(me, s):
            why = "other time or items"
        elif s.status in agreeing_statuses(me.status):
            why = "corroborates" + (" (graded E/F: only with a second source)"
                                    if s.reliability in WEAK_GRADES else "")
        elif s.status in contradicting_statuses(me.status):
            why = "contradicts"
        else:
            why = f"status {s.status} neither confirms nor contradicts {me.status}"
        out.append(Relation(cid, s.source, s.reliability, s.status, why))
    return out
