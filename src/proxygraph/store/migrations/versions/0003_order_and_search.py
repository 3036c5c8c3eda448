"""Claims in a stored order (seq) with indexes that end in it; one full-text index for both
backends over terms proxygraph computes itself; statistics for the query planner.

- `seq`: ingest order, then position in the document; pages and streams follow it.
- `ix_claims_state` goes: nearly every claim is active, so it only misled the planner
  into reading every claim; `ix_claims_type` becomes (type, seq), plus (status, seq).
- Full text: SQLite's FTS5 table and PostgreSQL's tsvector both index the output of
  `proxygraph.store.search.search_terms`, so a query means the same on both.
- ANALYZE, so the planner knows which index narrows a query (it was never run before).

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from proxygraph.store.search import search_terms

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_BATCH = 2000


def upgrade() -> None:
    bind = op.get_bind()
    postgres = bind.dialect.name == "postgresql"
    op.add_column("claims", sa.Column("seq", sa.BigInteger))
    op.execute(
        "UPDATE claims SET seq = r.n FROM (SELECT id, row_number() OVER (ORDER BY "
        "created_at, doc, sentence_start, id) AS n FROM claims) AS r WHERE claims.id = r.id"
    )
    op.create_index("ix_claims_seq", "claims", ["seq"], unique=True)
    op.drop_index("ix_claims_state", "claims")
    op.drop_index("ix_claims_type", "claims")
    op.create_index("ix_claims_type_seq", "claims", ["type", "seq"])
    op.create_index("ix_claims_status_seq", "claims", ["status", "seq"])
    if postgres:
        op.execute("DROP INDEX IF EXISTS ix_claims_evidence_tsv")
        op.execute("ALTER TABLE claims DROP COLUMN IF EXISTS evidence_tsv")
        op.execute("ALTER TABLE claims ADD COLUMN search_tsv tsvector")
        fill = sa.text("UPDATE claims SET search_tsv = to_tsvector('simple', :terms) "
                       "WHERE seq = :seq")
    else:
        op.execute("DROP TRIGGER IF EXISTS claims_fts_insert")
        op.execute("DROP TABLE IF EXISTS claims_fts")
        op.execute("CREATE VIRTUAL TABLE claims_fts USING fts5(terms, content='', "
                   "columnsize=0, tokenize='unicode61 remove_diacritics 0')")
        fill = sa.text("INSERT INTO claims_fts (rowid, terms) VALUES (:seq, :terms)")
    last = 0
    while True:
        rows = bind.execute(sa.text("SELECT seq, evidence FROM claims WHERE seq > :last "
                                    "ORDER BY seq LIMIT :n"), {"last": last, "n": _BATCH}).all()
        if not rows:
            break
        bind.execute(fill, [{"seq": r.seq, "terms": search_terms(r.evidence)} for r in rows])
        last = rows[-1].seq
    if postgres:
        op.execute("CREATE INDEX ix_claims_search ON claims USING GIN (search_tsv)")
    # Only this store's tables: a bare ANALYZE on PostgreSQL walks every schema of the
    # database and can deadlock with another store being dropped beside it.
    op.execute("ANALYZE claims")
    op.execute("ANALYZE claim_entities")


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_claims_search")
        op.execute("ALTER TABLE claims DROP COLUMN search_tsv")
        op.execute(
            "ALTER TABLE claims ADD COLUMN evidence_tsv tsvector GENERATED ALWAYS AS "
            "(to_tsvector('english', evidence)) STORED"
        )
        op.execute("CREATE INDEX ix_claims_evidence_tsv ON claims USING GIN (evidence_tsv)")
    else:
        op.execute("DROP TABLE IF EXISTS claims_fts")
        op.execute("CREATE VIRTUAL TABLE claims_fts USING fts5(claim_id UNINDEXED, evidence, "
                   "tokenize = 'porter unicode61 remove_diacritics 2')")
        op.execute("INSERT INTO claims_fts (claim_id, evidence) SELECT id, evidence FROM claims")
        op.execute(
            "CREATE TRIGGER claims_fts_insert AFTER INSERT ON claims BEGIN "
            "INSERT INTO claims_fts (claim_id, evidence) VALUES (new.id, new.evidence); END"
        )
    op.drop_index("ix_claims_status_seq", "claims")
    op.drop_index("ix_claims_type_seq", "claims")
    op.create_index("ix_claims_type", "claims", ["type"])
    op.create_index("ix_claims_state", "claims", ["state", "review_state"])
    op.drop_index("ix_claims_seq", "claims")
    with op.batch_alter_table("claims") as batch:
        batch.drop_column("seq")
