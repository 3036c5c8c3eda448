"""ClaimFilter -> one SQL SELECT over `claims`, in the claims' stored order (seq).

User text only ever travels as bound parameters. Full text is parsed by
`proxygraph.store.search` and handed to FTS5 or to_tsquery in their own syntax.

Every filter is an indexed lookup: actors and items go through `claim_entities`'
indexes as an IN-subquery (or, for a participant in very many claims, as a probe of
each claim read in order, so the first page stops early), type and status through
(type, seq) and (status, seq), full text through FTS5 (whose rowid is seq) or GIN.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from sqlalchemy import (
    ColumnElement,
    Connection,
    FromClause,
    Select,
    and_,
    bindparam,
    case,
    func,
    literal_column,
    or_,
    select,
    text,
    true,
)

from proxygraph.credibility import OPEN_END, OPEN_START
from proxygraph.errors import NotFoundError
from proxygraph.model import Entity
from proxygraph.store.base import GRADES, ClaimFilter
from proxygraph.store.overlay import Overlay, name_key, registry_entity
from proxygraph.store.schema import claim_entities, claims, documents, entity_names
from proxygraph.store.search import parse_search
from proxygraph.store.stats import estimated_rows, indexed_by

ACTOR_ROLES = ("subject", "object", "via")
# A participant's claims are collected first (then sorted), unless they are so many that
# reading claims in order and probing each finds the page sooner: reading in order costs
# about page * store / participant rows, collecting about participant rows, so the break-
# even is sqrt(page * store). DENSE is the floor of that threshold (tests lower it).
DENSE = 2000
_SUGGESTIONS = 3


def select_claims(conn: Connection, flt: ClaimFilter, overlay: Overlay,
                  columns: Iterable[ColumnElement] = ()) -> Select:
    cond: list[ColumnElement[bool]] = []
    if flt.include == "current":
        cond += [claims.c.state == "active", claims.c.review_state != "rejected"]
    if flt.ids:
        cond.append(claims.c.id.in_(flt.ids))
    if flt.docs:  # a document by content hash or by the name it was ingested under
        by_name = select(documents.c.sha256).where(documents.c.name.in_(flt.docs))
        cond.append(or_(claims.c.doc.in_(flt.docs), claims.c.doc.in_(by_name)))
    dense = _dense_threshold(conn, flt)
    alone = not flt.search  # full text, when given, is the better driver on PostgreSQL
    # Whether some condition already collects a bounded set of claims (then a time window
    # is tested on those); else a window with few claims is collected itself.
    collected = bool(flt.ids or flt.docs or flt.search or flt.item_categories
                     or flt.origins or flt.places)
    for actor in flt.actors:  # every actor must take part
        ids, keys = overlay.resolve(actor)
        found, probed = _has_entity(conn, ACTOR_ROLES, ids, keys, dense, alone)
        cond.append(found)
        collected |= not probed
    if flt.types:
        cond.append(claims.c.type.in_(flt.types))
    if flt.items:
        ids, keys = set(), set()
        for item in flt.items:
            i, k = _item_names(item)
            ids |= i
            keys |= k
        found, probed = _has_entity(conn, ("item",), ids, keys, dense, alone)
        cond.append(found)
        collected |= not probed
    if flt.item_categories:
        cond.append(_in_entities(("item",), claim_entities.c.category.in_(
            flt.item_categories)))
    if flt.origins:
        ids = set()
        for origin in flt.origins:
            ids |= overlay.resolve(origin)[0]
        cond.append(_in_entities(("item",), claim_entities.c.origin.in_(sorted(ids))))
    if flt.places:
        keys = {name_key(p) for p in flt.places}
        # places have no entity id: the partial name index holds them
        cond.append(_in_entities(("place",), and_(claim_entities.c.entity_id.is_(None),
                                                  claim_entities.c.name_key.in_(sorted(keys)))))
    lo, hi = flt.window()
    if lo or hi:
        # Interval overlap: the claim's [start, end] meets [lo, hi]. A missing end means
        # still going, a missing start "since whenever"; a claim with no time never matches.
        cond.append(_in_window(claims, lo, hi))
        if not collected:
            cond += _time_driver(conn, flt, lo, hi)
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
    if flt.after is not None:
        cond.append(claims.c.seq > flt.after)
    query = select(*(columns or (claims,))).where(and_(true(), *cond)).order_by(claims.c.seq)
    if flt.limit:
        query = query.limit(flt.limit)
    if flt.offset:
        query = query.offset(flt.offset)
    return query


def _item_names(item: str) -> tuple[set[str], set[str]]:
    ids = {item}
    found = registry_entity(item)
    if found is not None:
        ids.add(found.id)
    return ids, {name_key(item)}


def _in_entities(roles: Iterable[str], extra: ColumnElement[bool]) -> ColumnElement[bool]:
    # By seq: the set comes from the index in stored order, which is the page's order.
    return claims.c.seq.in_(select(claim_entities.c.seq).where(
        claim_entities.c.role.in_(tuple(roles)), extra))


def _named_ids(conn: Connection, ids: set[str], keys: set[str]) -> tuple[set[str], bool]:
    """Entity ids other than `ids` that participants named one of `keys` were stored
    under (`entity_names`, migration 0009), and whether those ids were stored under no
    other name (then their rows need no test of the name)."""
    names = sorted(keys)
    named = {str(r[0]) for r in conn.execute(select(entity_names.c.entity_id).where(
        entity_names.c.name_key.in_(names)))} - ids
    if not named:
        return named, True
    other = conn.execute(select(entity_names.c.name_key).where(
        entity_names.c.entity_id.in_(sorted(named)),
        entity_names.c.name_key.not_in(names)).limit(1)).first()
    return named, other is None


def _participant(ids: set[str], keys: set[str], named: Iterable[str] = (),
                 only_named: bool = True) -> ColumnElement[bool]:
    """A participant row whose entity id is one of `ids` or whose name is one of `keys`.

    By name, as indexed parts: rows without an id (ix_claim_entities_name holds only
    those), and rows of the `named` ids (`_named_ids`), read by id; when such an id was
    stored under other names too, each row's name is tested (`only_named` False)."""
    names = sorted(keys)
    cond = [claim_entities.c.entity_id.in_(sorted(ids)),
            and_(claim_entities.c.entity_id.is_(None), claim_entities.c.name_key.in_(names))]
    if named := sorted(named):
        by_id = claim_entities.c.entity_id.in_(named)
        cond.append(by_id if only_named else and_(by_id, claim_entities.c.name_key.in_(names)))
    return or_(*cond)


def _dense_threshold(conn: Connection, flt: ClaimFilter) -> int | None:
    """How many claims make a participant dense for this query (None: never)."""
    if not (flt.actors or flt.items) or not flt.limit:
        return None  # every match is wanted: collecting is never worse
    if len(flt.actors) + bool(flt.items) > 1:
        return None  # two participants: their shared claims may be few, collect them
    store = int(conn.execute(select(func.coalesce(func.max(claims.c.seq), 0))).scalar_one())
    return max(DENSE, int(((flt.limit + flt.offset) * store) ** 0.5))


def _in_window(table: FromClause, lo: str | None, hi: str | None) -> ColumnElement[bool]:
    cond = [or_(table.c.time_start.is_not(None), table.c.time_end.is_not(None))]
    if hi:
        cond.append(func.coalesce(table.c.time_start, OPEN_START) <= hi)
    if lo:
        cond.append(func.coalesce(table.c.time_end, OPEN_END) >= lo)
    return and_(*cond)


def _time_key(table: FromClause, end: bool) -> ColumnElement[str]:
    """The expression of ix_claims_time_end (or _start), constants and all, so both
    planners match the index (SQLite never matches a bound parameter there): the end
    (start) of a claim's time, open at OPEN_END (OPEN_START), NULL for no time."""
    own, other = (table.c.time_end, table.c.time_start) if end else \
        (table.c.time_start, table.c.time_end)
    return case((own.is_not(None), own),
                (other.is_not(None), literal_column(f"'{OPEN_END if end else OPEN_START}'")))


def _time_driver(conn: Connection, flt: ClaimFilter, lo: str | None, hi: str | None
                 ) -> list[ColumnElement[bool]]:
    """A window whose narrower end holds few claims, as the set of their seqs.

    Reading claims in order and testing each finds a page of a wide window at once, but
    reads every claim (of the type, of the status) when the window holds few or none.
    So the claims on the window's side of each end are counted (SQLite: up to a
    threshold, from ix_claims_time_end / _start alone; PostgreSQL: estimated by its
    planner); under the threshold, that range is collected instead.
    """
    store = int(conn.execute(select(func.coalesce(func.max(claims.c.seq), 0))).scalar_one())
    # Pages: as for participants, sqrt(page * store); everything: a range well under the
    # store, since collected claims are fetched one by one and a walk reads them in a row.
    limit = (max(DENSE, int(((flt.limit + flt.offset) * store) ** 0.5)) if flt.limit
             else max(DENSE, store // 8))
    for bound, end in ((lo, True), (hi, False)):
        if not bound:
            continue
        inner = indexed_by(claims, "ix_claims_time_end" if end else "ix_claims_time_start",
                           "by_time")
        key = _time_key(inner, end)
        side = key >= bound if end else key <= bound
        if conn.dialect.name == "postgresql":  # it keeps a histogram of each end
            found = estimated_rows(conn, select(inner.c.seq).where(side))
        else:
            sample = select(inner.c.seq).where(side).limit(limit).subquery()
            found = int(conn.execute(select(func.count()).select_from(sample)).scalar_one())
        if found < limit:
            break  # narrow enough (the other end is not counted)
    else:
        return []  # both ends wide: the walk in order finds the page soon
    # Only the range: SQLite would rather read the type's claims (ix_claims_type_seq), or
    # skip-scan an index for it; the other conditions are tested on the claims collected.
    seqs = select(inner.c.seq).where(side)
    if conn.dialect.name == "postgresql":
        return [claims.c.seq == func.any(func.array(seqs.scalar_subquery()))]
    return [claims.c.seq.in_(seqs)]


def _has_entity(conn: Connection, roles: Iterable[str], ids: set[str], keys: set[str],
                dense: int | None, alone: bool = True) -> tuple[ColumnElement[bool], bool]:
    """The condition that a participant takes part, and whether it is a probe of each
    claim read in order (True) rather than a collected set of claims."""
    roles = tuple(roles)
    named, only_named = _named_ids(conn, ids, keys)
    who = _participant(ids, keys, named, only_named)
    if dense is not None:
        if conn.dialect.name == "postgresql":
            # Its statistics know the frequent ids; the role is left out of the estimate,
            # which would take it as independent of the id (an item's rows are all items)
            # and come out ten times too low. So is the name of the `named` ids: taken as
            # independent of the id it would make a frequent actor asked by name rare.
            upper = _participant(ids | named, keys)
            many = estimated_rows(conn, select(claim_entities.c.seq).where(upper)) >= dense
        else:
            sample = select(claim_entities.c.seq).where(
                who, claim_entities.c.role.in_(roles)).limit(dense).subquery()
            many = conn.execute(select(func.count()).select_from(sample)).scalar_one() >= dense
        if many:
            # many claims: test each claim as it is read in order, stop at the page. A
            # scalar subquery with LIMIT, not EXISTS: PostgreSQL would turn EXISTS into a
            # join that collects every claim of the participant first.
            probe = select(claim_entities.c.position).where(
                claim_entities.c.seq == claims.c.seq, claim_entities.c.role.in_(roles),
                who).limit(1).scalar_subquery()
            return probe.is_not(None), True
    if conn.dialect.name == "postgresql" and alone:
        # = ANY(ARRAY(subquery)): collected once, then claims fetched by key. A plain IN
        # lets the planner walk every claim in order when it misjudges how many match.
        seqs = select(claim_entities.c.seq).where(claim_entities.c.role.in_(roles), who)
        return claims.c.seq == func.any(func.array(seqs.scalar_subquery())), False
    return _in_entities(roles, who), False


def _full_text(conn: Connection, search: str) -> ColumnElement[bool]:
    query = parse_search(search)
    if conn.dialect.name == "postgresql":
        return literal_column("claims.search_tsv").op("@@")(
            func.to_tsquery(text("'simple'"), bindparam("fts", query.to_tsquery())))
    fts = text("SELECT rowid FROM claims_fts WHERE claims_fts MATCH :fts").bindparams(
        fts=query.to_fts5()).columns(rowid=claims.c.seq.type)
    return claims.c.seq.in_(fts.subquery().select())


# --- names a filter gives that resolve to nothing -------------------------------------

def _known_participant(conn: Connection, roles: tuple[str, ...], ids: set[str],
                       keys: set[str]) -> bool:
    query = select(claim_entities.c.seq).where(
        _participant(ids, keys, *_named_ids(conn, ids, keys)),
        claim_entities.c.role.in_(roles)).limit(1)
    return conn.execute(query).first() is not None


def _closest(name: str, entities: Iterable[Entity], extra: Iterable[str] = ()) -> list[str]:
    names = list(dict.fromkeys([*(e.name for e in entities), *extra]))
    return names[:_SUGGESTIONS]


def check_names(conn: Connection, flt: ClaimFilter, overlay: Overlay) -> None:
    """Raise NotFoundError for an actor or item no registry, overlay or claim knows."""
    from proxygraph.registry import default_registry

    registry = default_registry()
    for actor in flt.actors:
        ids, keys = overlay.resolve(actor)
        known = overlay.entity(actor) is not None or actor in registry or any(
            i in overlay.actors or i in overlay.merged_into for i in ids)
        if known or _known_participant(conn, ACTOR_ROLES, ids, keys):
            continue
        overlay_names = [e.name for e in overlay.actors.values()]
        close = difflib.get_close_matches(actor, overlay_names, n=_SUGGESTIONS, cutoff=0.7)
        _not_found("actor", actor, _closest(actor, registry.search(
            actor, kind="actor", limit=_SUGGESTIONS), close), "actors")
    for item in flt.items:
        found = registry_entity(item)
        known = (found is not None and found.kind == "item") or (
            item in registry and registry.get(item).kind == "item")
        ids, keys = _item_names(item)
        if known or _known_participant(conn, ("item",), ids, keys):
            continue
        _not_found("item", item, _closest(item, registry.search(
            item, kind="item", limit=_SUGGESTIONS)), "items")


def _not_found(what: str, name: str, suggestions: list[str], command: str) -> None:
    hint = (f"; did you mean {', '.join(suggestions)}?" if suggestions
            else f"; see `proxygraph {command} NAME`")
    raise NotFoundError(f"no {what} {name!r} in the registry, the store's overlay or its "
                        f"claims{hint}")
