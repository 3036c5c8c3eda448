"""ClaimFilter -> one SQL SELECT over `claims`. User text only ever travels as bound
parameters; full-text queries are rebuilt as quoted FTS5 phrases (SQLite) or parsed by
PostgreSQL's websearch_to_tsquery, so quotes and operators in them are just text."""

from __future__ import annotations

import re
from collections.abc import Iterable

from sqlalchemy import (
    ColumnElement,
    Connection,
    Select,
    and_,
    bindparam,
    exists,
    func,
    literal_column,
    or_,
    select,
    text,
    true,
)

from proxygraph.errors import ValidationError
from proxygraph.store.base import GRADES, ClaimFilter
from proxygraph.store.overlay import Overlay, name_key, registry_entity
from proxygraph.store.schema import claim_entities, claims, documents

ACTOR_ROLES = ("subject", "object", "via")
_FTS_TERM = re.compile(r'"([^"]*)"|(\S+)')
_OPEN_START = "0000-01-01"
_OPEN_END = "9999-12-31"


def fts5_query(search: str) -> str:
    """A user's search as FTS5 syntax: every word or "quoted phrase" becomes a quoted
    phrase (inner quotes doubled), all required. Operators and columns lose meaning."""
    terms = [(m[1] if m[1] is not None else m[2]) for m in _FTS_TERM.finditer(search)]
    # A phrase of punctuation alone tokenizes to nothing, which FTS5 treats oddly: drop it.
    phrases = ['"' + t.replace('"', '""') + '"' for t in terms
               if any(ch.isalnum() for ch in t)]
    if not phrases:
        raise ValidationError("search text has no words to look for")
    return " ".join(phrases)


def select_claims(conn: Connection, flt: ClaimFilter, overlay: Overlay) -> Select:
    cond: list[ColumnElement[bool]] = []
    if flt.include == "current":
        cond += [claims.c.state == "active", claims.c.review_state != "rejected"]
    if flt.ids:
        cond.append(claims.c.id.in_(flt.ids))
    if flt.docs:  # a document by content hash or by the name it was ingested under
        by_name = select(documents.c.sha256).where(documents.c.name.in_(flt.docs))
        cond.append(or_(claims.c.doc.in_(flt.docs), claims.c.doc.in_(by_name)))
    for actor in flt.actors:  # every actor must take part
        ids, keys = overlay.resolve(actor)
        cond.append(_has_entity(ACTOR_ROLES, ids, keys))
    if flt.types:
        cond.append(claims.c.type.in_(flt.types))
    if flt.items:
        ids, keys = set(), set()
        for item in flt.items:
            i, k = _item_names(item)
            ids |= i
            keys |= k
        cond.append(_has_entity(("item",), ids, keys))
    if flt.item_categories:
        cond.append(_exists_entity(("item",), claim_entities.c.category.in_(
            flt.item_categories)))
    if flt.origins:
        ids = set()
        for origin in flt.origins:
            ids |= overlay.resolve(origin)[0]
        cond.append(_exists_entity(("item",), claim_entities.c.origin.in_(sorted(ids))))
    if flt.places:
        keys = {name_key(p) for p in flt.places}
        cond.append(_exists_entity(("place",), claim_entities.c.name_key.in_(sorted(keys))))
    lo, hi = flt.window()
    if lo or hi:
        # Interval overlap: the claim's [start, end] meets [lo, hi]. A missing end means
        # still going, a missing start "since whenever"; a claim with no time never matches.
        cond.append(or_(claims.c.time_start.is_not(None), claims.c.time_end.is_not(None)))
        if hi:
            cond.append(func.coalesce(claims.c.time_start, _OPEN_START) <= hi)
        if lo:
            cond.append(func.coalesce(claims.c.time_end, _OPEN_END) >= lo)
    if flt.statuses:
        cond.append(claims.c.status.in_(flt.statuses))
    if flt.certainties:
        cond.append(claims.c.certainty.in_(flt.certainties))
    if flt.min_reliability:
        cond.append(claims.c.reliability.in_(
            list(GRADES[:GRADES.index(flt.min_reliability) + 1])))
    if flt.max_credibility:
        cond.append(claims.c.credibility <= flt.max_credibility)
    if flt.reviewed is True:
        cond.append(claims.c.review_state != "unreviewed")
    elif flt.reviewed is False:
        cond.append(claims.c.review_state == "unreviewed")
    if flt.search:
        cond.append(_full_text(conn, flt.search))
    query = select(claims).where(and_(true(), *cond)).order_by(
        claims.c.doc, claims.c.sentence_start, claims.c.id)
    if flt.limit:
        query = query.limit(flt.limit)
    return query


def _item_names(item: str) -> tuple[set[str], set[str]]:
    ids = {item}
    found = registry_entity(item)
    if found is not None:
        ids.add(found.id)
    return ids, {name_key(item)}


def _exists_entity(roles: Iterable[str], extra: ColumnElement[bool]) -> ColumnElement[bool]:
    return exists().where(claim_entities.c.claim_id == claims.c.id,
                          claim_entities.c.role.in_(tuple(roles)), extra)


def _has_entity(roles: Iterable[str], ids: set[str], keys: set[str]) -> ColumnElement[bool]:
    return _exists_entity(roles, or_(claim_entities.c.entity_id.in_(sorted(ids)),
                                     claim_entities.c.name_key.in_(sorted(keys))))


def _full_text(conn: Connection, search: str) -> ColumnElement[bool]:
    if conn.dialect.name == "postgresql":
        return literal_column("claims.evidence_tsv").op("@@")(
            func.websearch_to_tsquery(literal_column("'english'"), bindparam("fts", search)))
    fts = text("SELECT claim_id FROM claims_fts WHERE claims_fts MATCH :fts").bindparams(
        fts=fts5_query(search)).columns(claim_id=claims.c.id.type)
    return claims.c.id.in_(fts.subquery().select())
