"""Review of stored claims: accept, reject, correct, or override the credibility grade.

A claim is never edited: a correction stores a new claim version that `supersedes` the
original, and every review is a row of its own, so the history can always be shown.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from sqlalchemy import Connection, select, update

from proxygraph.errors import NotFoundError, ValidationError
from proxygraph.ids import stable_id
from proxygraph.model import Claim, Entity, Quantity, TimeSpan
from proxygraph.store.base import CREDIBILITIES, ClaimHistory, ReviewRecord, StoredClaim, period
from proxygraph.store.grading import keys_of, regrade_keys
from proxygraph.store.overlay import Overlay, name_key
from proxygraph.store.rows import claim_row, insert_claims, to_stored
from proxygraph.store.schema import claims, reviews

ACTIONS = ("accept", "reject", "correct", "credibility")
CORRECTABLE = ("type", "subject", "object", "status", "certainty", "time", "items", "via",
               "route", "place", "quantity", "attribution", "note")
_EMPTY = ("", "none", "-")

Resolve = Callable[[str], Entity | None]


def unresolved(name: str, kind: str = "collective") -> Entity:
    """A participant the registry and overlay do not know, kept under its name."""
    return Entity(id=stable_id("x", name_key(name)), name=name, kind=kind, resolved=False)


def _entity(value: str, resolve: Resolve) -> Entity:
    return resolve(value) or unresolved(value)


def _item(value: str, resolve: Resolve) -> Entity:
    found = resolve(value)
    return found if found is not None and found.kind == "item" else unresolved(value, "item")


def _split(value: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in value.split(",") if p.strip())


def _time(value: str) -> TimeSpan | None:
    if value.strip().lower() in _EMPTY:
        return None
    first, _, last = value.partition("..")
    start = period(first)[0]
    end = period(last or first)[1]
    if end < start:
        raise ValidationError(f"time ends before it starts: {value!r}")
    digits = len(first.strip())
    precision = "year" if digits == 4 else "month" if digits == 7 else "day"
    return TimeSpan(text=value, start=start, end=end, precision=precision)


def corrected(claim: Claim, changes: dict[str, str], resolve: Resolve) -> Claim:
    """The claim with the given attributes replaced; entities resolved when known."""
    if not changes:
        raise ValidationError("a correction needs at least one attribute=value")
    new: dict[str, Any] = {}
    for attr, value in changes.items():
        value = value.strip()
        empty = value.lower() in _EMPTY
        if attr not in CORRECTABLE:
            raise ValidationError(f"cannot correct {attr!r} (correctable: "
                                  f"{', '.join(CORRECTABLE)})")
        if attr == "type":
            new["type"] = value.upper()
        elif attr == "subject":
            if empty:
                raise ValidationError("a claim needs a subject")
            new["subject"] = _entity(value, resolve)
        elif attr == "object":
            new["object"] = None if empty else _entity(value, resolve)
        elif attr in ("status", "certainty"):
            new[attr] = value.lower()
        elif attr == "time":
            new["time"] = _time(value)
        elif attr == "items":
            new["items"] = tuple(_item(v, resolve) for v in _split(value))
        elif attr == "via":
            new["via"] = tuple(_entity(v, resolve) for v in _split(value))
        elif attr in ("route", "place", "attribution"):
            new[attr] = _split(value)
        elif attr == "quantity":
            new["quantity"] = None if empty else Quantity(text=value, value=value)
        else:
            new["note"] = None if empty else value
    draft = claim.with_changes(**new)  # validates against the ontology
    body = {k: v for k, v in draft.to_dict().items() if k != "id"}
    new_id = stable_id("clm", claim.id, json.dumps(body, sort_keys=True, ensure_ascii=False))
    return draft.with_changes(id=new_id)


def _load(conn: Connection, claim_id: str) -> Any:
    row = conn.execute(select(claims).where(claims.c.id == claim_id)).first()
    if row is None:
        raise NotFoundError(f"no claim {claim_id!r}")
    return row


def newest_version(conn: Connection, claim_id: str) -> str:
    current = claim_id
    for _ in range(10_000):
        nxt = conn.execute(select(claims.c.id).where(claims.c.supersedes == current)).first()
        if nxt is None:
            return current
        current = nxt.id
    return current


def review(conn: Connection, claim_id: str, *, action: str, reviewer: str, at: str,
           note: str | None, changes: dict[str, str] | None, credibility: int | None,
           overlay: Overlay) -> StoredClaim:
    """Record one review; returns the claim as it now stands (the new version if corrected)."""
    if action not in ACTIONS:
        raise ValidationError(f"unknown review action {action!r}")
    if not reviewer.strip():
        raise ValidationError("a review needs a reviewer (--by)")
    if credibility is not None and credibility not in CREDIBILITIES:
        raise ValidationError("credibility must be 1-6")
    if action == "credibility" and credibility is None:
        raise ValidationError("give the credibility grade (1-6)")
    if changes and action != "correct":
        raise ValidationError("attribute changes need the correct action")
    row = _load(conn, claim_id)
    if row.state == "superseded":
        raise ValidationError(f"claim {claim_id} was corrected; review its newest version "
                              f"{newest_version(conn, claim_id)}")
    override = credibility if credibility is not None else row.credibility_override
    touched = {claim_id}
    result_id = claim_id
    if action == "correct":
        old = to_stored(row).claim
        claim = corrected(old, changes or {}, overlay.entity)
        if {**claim.to_dict(), "id": old.id} == old.to_dict():
            raise ValidationError("the correction changes nothing")
        if conn.execute(select(claims.c.id).where(claims.c.id == claim.id)).first():
            raise ValidationError(f"this correction already exists as claim {claim.id}")
        insert_claims(conn, [(claim_row(claim, doc=row.doc, source=row.source or "",
                                        reliability=row.reliability,
                                        origin="review", review_state="accepted",
                                        supersedes=claim_id, credibility_override=override,
                                        at=at), claim)])
        conn.execute(update(claims).where(claims.c.id == claim_id).values(
            state="superseded", review_state="corrected"))
        touched.add(claim.id)
        result_id = claim.id
    else:
        values: dict[str, Any] = {"credibility_override": override}
        if action in ("accept", "reject"):
            values["review_state"] = "accepted" if action == "accept" else "rejected"
        if override is not None:
            values["credibility"] = override
        conn.execute(update(claims).where(claims.c.id == claim_id).values(**values))
    conn.execute(reviews.insert().values(
        claim_id=claim_id, action=action, reviewer=reviewer.strip(), at=at, note=note,
        changes=json.dumps(changes, ensure_ascii=False) if changes else None,
        result_claim_id=result_id if action == "correct" else None))
    regrade_keys(conn, overlay, keys_of(conn, touched, overlay))
    return to_stored(_load(conn, result_id))


def history(conn: Connection, claim_id: str) -> ClaimHistory:
    """All versions from the first machine claim to the newest correction, and reviews."""
    row = _load(conn, claim_id)
    root = row
    while root.supersedes:
        root = _load(conn, root.supersedes)
    versions = [root]
    while True:
        nxt = conn.execute(select(claims).where(claims.c.supersedes == versions[-1].id)).first()
        if nxt is None:
            break
        versions.append(nxt)
    ids = [v.id for v in versions]
    records = [
        ReviewRecord(claim_id=r.claim_id, action=r.action, reviewer=r.reviewer, at=r.at,
                     note=r.note, changes=json.loads(r.changes) if r.changes else {},
                     result_claim_id=r.result_claim_id)
        for r in conn.execute(select(reviews).where(reviews.c.claim_id.in_(ids)).order_by(
            reviews.c.id))
    ]
    return ClaimHistory(versions=tuple(to_stored(v) for v in versions), reviews=tuple(records))
