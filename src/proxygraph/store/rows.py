"""Claims to and from table rows: one row per claim, its participants, its search terms."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime
from functools import cache
from typing import Any

from sqlalchemy import Connection, Insert, Row, Table, bindparam, func, select, text

from proxygraph.credibility import BASE, source_key
from proxygraph.model import Claim
from proxygraph.store.base import StoredClaim
from proxygraph.store.overlay import name_key
from proxygraph.store.schema import claim_entities, claims, entity_names, with_search_column
from proxygraph.store.search import search_terms

_FTS_INSERT = text("INSERT INTO claims_fts (rowid, terms) VALUES (:seq, :search_terms)")


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
        "credibility": credibility_override or provisional_grade(claim.certainty),
        "credibility_override": credibility_override,
        "extractor_version": str(claim.extractor.get("version", "")),
        "ontology": claim.ontology, "origin": origin, "state": "active",
        "review_state": review_state, "supersedes": supersedes,
        "sentence_start": claim.evidence.start, "evidence": claim.evidence.sentence,
        "created_at": at, "data": json.dumps(claim.to_dict(), ensure_ascii=False,
                                             sort_keys=True),
    }


def provisional_grade(certainty: str) -> int:
    """The grade a claim is stored with until grading sets the real one, in the same
    transaction: corroborated, as most claims of a big store end up, so they never enter
    the partial index of unconfirmed claims (ix_claims_unconfirmed) only to leave it."""
    base = BASE.get(certainty)
    return 6 if base is None else base - 1


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


@cache
def _pg_claims() -> Table:
    return with_search_column(claims)


def next_seq(conn: Connection) -> int:
    """The next free place in the claims' order (writers are serialised, so it is ours)."""
    return int(conn.execute(select(func.coalesce(func.max(claims.c.seq), 0))).scalar_one()) + 1


def insert_claims(conn: Connection, rows: Sequence[tuple[dict[str, Any], Claim]]) -> None:
    """Insert claim rows (from `claim_row`) in order, with participants and search terms."""
    if not rows:
        return
    first = next_seq(conn)
    values = [{**r, "seq": first + i, "search_terms": search_terms(r["evidence"])}
              for i, (r, _) in enumerate(rows)]
    if conn.dialect.name == "postgresql":
        table = _pg_claims()
        conn.execute(table.insert().values(search_tsv=func.to_tsvector(
            text("'simple'"), bindparam("search_terms"))), values)
    else:
        conn.execute(claims.insert(), [{k: v for k, v in r.items() if k != "search_terms"}
                                       for r in values])
        conn.execute(_FTS_INSERT, [{"seq": r["seq"], "search_terms": r["search_terms"]}
                                   for r in values])
    entities = [{**e, "seq": r["seq"]} for r, (_, c) in zip(values, rows, strict=True)
                for e in entity_rows(c)]
    if entities:
        conn.execute(claim_entities.insert(), entities)
        insert_names(conn, entities)


def insert_names(conn: Connection, entities: Sequence[dict[str, Any]]) -> None:
    """Add the (name, entity id) pairs of participants not yet in `entity_names`."""
    pairs = sorted({(e["name_key"], e["entity_id"]) for e in entities
                    if e["entity_id"] is not None})
    if pairs:
        conn.execute(_names_insert(conn.dialect.name),
                     [{"name_key": key, "entity_id": eid} for key, eid in pairs])


@cache
def _names_insert(dialect: str) -> Insert:
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert
        return pg_insert(entity_names).on_conflict_do_nothing()
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert
    return sqlite_insert(entity_names).on_conflict_do_nothing()


def stored_json(row: Row[Any]) -> str:
    """`to_stored(row).to_dict()` as JSON, spliced from the stored text without decoding."""
    extra = json.dumps({"reliability": row.reliability, "credibility": row.credibility,
                        "review": {"state": row.review_state, "origin": row.origin,
                                   "lifecycle": row.state, "supersedes": row.supersedes}},
                       ensure_ascii=False)
    data = str(row.data).rstrip()
    return f"{data[:-1]}, {extra[1:]}"


def to_stored(row: Row[Any]) -> StoredClaim:
    return StoredClaim(
        claim=Claim.from_dict(json.loads(row.data)), state=row.state,
        review_state=row.review_state, origin=row.origin, reliability=row.reliability,
        credibility=row.credibility, credibility_override=row.credibility_override,
        supersedes=row.supersedes, created_at=row.created_at, seq=row.seq,
        document=row.doc)


def claim_source(publisher: str | None, doc: str) -> str:
    return source_key(name_key(publisher) if publisher else None, doc)
