"""Initial claim store: documents, sources, claims, reviews, registry overlay, full text.

Revision ID: 0001
Revises:
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

# Written out rather than taken from schema.py so that later schema changes cannot alter
# what this revision did; tests/test_store.py checks both describe the same tables.


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("sha256", sa.String(64), primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("media_type", sa.String(100), nullable=False),
        sa.Column("title", sa.Text),
        sa.Column("source_url", sa.Text),
        sa.Column("publisher", sa.Text),
        sa.Column("published", sa.String(10)),
        sa.Column("language", sa.String(20)),
        sa.Column("reliability", sa.String(1), nullable=False),
        sa.Column("extractor_version", sa.String(40), nullable=False),
        sa.Column("ingested_at", sa.String(32), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
    )
    op.create_index("ix_documents_publisher", "documents", ["publisher"])
    op.create_table(
        "sources",
        sa.Column("key", sa.String(300), primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("reliability", sa.String(1), nullable=False),
        sa.Column("updated_by", sa.Text),
        sa.Column("updated_at", sa.String(32), nullable=False),
    )
    op.create_table(
        "claims",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("doc", sa.String(64), sa.ForeignKey("documents.sha256"), nullable=False),
        sa.Column("type", sa.String(40), nullable=False),
        sa.Column("subject_id", sa.String(200), nullable=False),
        sa.Column("subject_name", sa.Text, nullable=False),
        sa.Column("object_id", sa.String(200)),
        sa.Column("object_name", sa.Text),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("certainty", sa.String(10), nullable=False),
        sa.Column("time_start", sa.String(10)),
        sa.Column("time_end", sa.String(10)),
        sa.Column("time_precision", sa.String(10)),
        sa.Column("reliability", sa.String(1), nullable=False),
        sa.Column("credibility", sa.Integer, nullable=False),
        sa.Column("credibility_override", sa.Integer),
        sa.Column("extractor_version", sa.String(40), nullable=False),
        sa.Column("ontology", sa.String(20), nullable=False),
        sa.Column("origin", sa.String(10), nullable=False),
        sa.Column("state", sa.String(12), nullable=False),
        sa.Column("review_state", sa.String(12), nullable=False),
        sa.Column("supersedes", sa.String(64)),
        sa.Column("sentence_start", sa.Integer, nullable=False),
        sa.Column("evidence", sa.Text, nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("data", sa.Text, nullable=False),
    )
    op.create_index("ix_claims_doc", "claims", ["doc"])
    op.create_index("ix_claims_type", "claims", ["type"])
    op.create_index("ix_claims_subject", "claims", ["subject_id"])
    op.create_index("ix_claims_object", "claims", ["object_id"])
    op.create_index("ix_claims_state", "claims", ["state", "review_state"])
    op.create_index("ix_claims_time", "claims", ["time_start", "time_end"])
    op.create_index("ix_claims_supersedes", "claims", ["supersedes"])
    op.create_table(
        "claim_entities",
        sa.Column("claim_id", sa.String(64), sa.ForeignKey("claims.id"), primary_key=True),
        sa.Column("role", sa.String(10), primary_key=True),
        sa.Column("position", sa.Integer, primary_key=True),
        sa.Column("entity_id", sa.String(200)),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("name_key", sa.Text, nullable=False),
        sa.Column("kind", sa.String(20)),
        sa.Column("category", sa.String(30)),
        sa.Column("origin", sa.String(200)),
    )
    op.create_index("ix_claim_entities_entity", "claim_entities", ["entity_id", "role"])
    op.create_index("ix_claim_entities_name", "claim_entities", ["name_key", "role"])
    op.create_table(
        "reviews",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("claim_id", sa.String(64), sa.ForeignKey("claims.id"), nullable=False),
        sa.Column("action", sa.String(12), nullable=False),
        sa.Column("reviewer", sa.Text, nullable=False),
        sa.Column("at", sa.String(32), nullable=False),
        sa.Column("note", sa.Text),
        sa.Column("changes", sa.Text),
        sa.Column("result_claim_id", sa.String(64)),
    )
    op.create_index("ix_reviews_claim", "reviews", ["claim_id"])
    op.create_table(
        "overlay_actors",
        sa.Column("id", sa.String(200), primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("created_by", sa.Text),
        sa.Column("created_at", sa.String(32), nullable=False),
    )
    op.create_table(
        "overlay_aliases",
        sa.Column("alias_key", sa.String(300), primary_key=True),
        sa.Column("entity_id", sa.String(200), primary_key=True),
        sa.Column("alias", sa.Text, nullable=False),
        sa.Column("created_by", sa.Text),
        sa.Column("created_at", sa.String(32), nullable=False),
    )
    op.create_table(
        "merges",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("merged_id", sa.String(200), nullable=False),
        sa.Column("into_id", sa.String(200), nullable=False),
        sa.Column("created_by", sa.Text),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("note", sa.Text),
        sa.Column("undone_by", sa.Text),
        sa.Column("undone_at", sa.String(32)),
        sa.Column("undo_note", sa.Text),
    )
    op.create_index("ix_merges_merged", "merges", ["merged_id"])
    _create_full_text()


def _create_full_text() -> None:
    # Full text over the evidence sentence. Claims are never updated or deleted, so on
    # SQLite an insert trigger keeps the FTS5 table in step inside the same transaction.
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "ALTER TABLE claims ADD COLUMN evidence_tsv tsvector GENERATED ALWAYS AS "
            "(to_tsvector('english', evidence)) STORED"
        )
        op.execute("CREATE INDEX ix_claims_evidence_tsv ON claims USING GIN (evidence_tsv)")
    else:
        op.execute(
            "CREATE VIRTUAL TABLE claims_fts USING fts5(claim_id UNINDEXED, evidence, "
            "tokenize = 'porter unicode61 remove_diacritics 2')"
        )
        op.execute(
            "CREATE TRIGGER claims_fts_insert AFTER INSERT ON claims BEGIN "
            "INSERT INTO claims_fts (claim_id, evidence) VALUES (new.id, new.evidence); END"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        op.execute("DROP TRIGGER IF EXISTS claims_fts_insert")
        op.execute("DROP TABLE IF EXISTS claims_fts")
    for table in ("merges", "overlay_aliases", "overlay_actors", "reviews", "claim_entities",
                  "claims", "sources", "documents"):
        op.drop_table(table)
