"""Bulk loading: many documents and their already graded claims, in large transactions.

`SqlStore.add_document` is the path for real ingest (one transaction and an incremental
regrade per document). Loading a prepared collection (a benchmark's synthetic store, a
migration from another tool) goes faster in batches of thousands of claims whose grades
the caller computed with `proxygraph.credibility.grade_group`; the store's statistics are
refreshed at the end so the planner sees the new size at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Connection, select

from proxygraph.model import Claim, Document
from proxygraph.store.overlay import name_key
from proxygraph.store.rows import claim_row, claim_source, insert_claims, now
from proxygraph.store.schema import documents, sources


@dataclass(frozen=True)
class GradedDocument:
    """A document, the version of the extractor that read it, and its graded claims."""

    doc: Document
    claims: Sequence[tuple[Claim, int]]  # (claim, information credibility 1-6)
    extractor_version: str = "bulk"


def load_batch(conn: Connection, batch: Sequence[GradedDocument]) -> int:
    """Insert one batch (see `SqlStore.bulk_load`); returns the number of claims stored.

    Documents already stored (same text) are skipped with their claims. The publisher of
    a document gets the document's grade unless it has one already.
    """
    at = now()
    shas = [g.doc.sha256 for g in batch]
    known = {r.sha256 for r in conn.execute(
        select(documents.c.sha256).where(documents.c.sha256.in_(shas)))}
    fresh = [g for g in {g.doc.sha256: g for g in batch}.values() if g.doc.sha256 not in known]
    grades = _publisher_grades(conn, fresh, at)
    if fresh:
        conn.execute(documents.insert(), [{
            "sha256": g.doc.sha256, "name": g.doc.name, "media_type": g.doc.media_type,
            "title": g.doc.title, "source_url": g.doc.source_url,
            "publisher": g.doc.publisher, "published": g.doc.published,
            "language": g.doc.language, "reliability": g.doc.reliability,
            "extractor_version": g.extractor_version, "ingested_at": at,
            "text": g.doc.text} for g in fresh])
    rows = []
    for g in fresh:
        grade = grades.get(name_key(g.doc.publisher), g.doc.reliability) \
            if g.doc.publisher else g.doc.reliability
        source = claim_source(g.doc.publisher, g.doc.sha256)
        for claim, credibility in {c.id: (c, n) for c, n in g.claims}.values():
            row = claim_row(claim, doc=g.doc.sha256, source=source, reliability=grade, at=at)
            row["credibility"] = credibility
            rows.append((row, claim))
    insert_claims(conn, rows)
    return len(rows)


def _publisher_grades(conn: Connection, docs: Sequence[GradedDocument], at: str
                      ) -> dict[str, str]:
    wanted = {name_key(g.doc.publisher): g.doc for g in docs if g.doc.publisher}
    if not wanted:
        return {}
    grades = {r.key: r.reliability for r in conn.execute(
        select(sources.c.key, sources.c.reliability).where(sources.c.key.in_(list(wanted))))}
    new = [{"key": key, "name": str(doc.publisher).strip(), "reliability": doc.reliability,
            "updated_at": at} for key, doc in wanted.items() if key not in grades]
    if new:
        conn.execute(sources.insert(), new)
        grades.update({r["key"]: r["reliability"] for r in new})
    return grades
