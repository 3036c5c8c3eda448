"""Fewer pages written per stored claim in a big store (issue 8: ingest at a million claims).

Participants are keyed by their claim's place in the stored order, not by its id.

`claim_entities`' primary key was (claim_id, role, position): claim ids are hashes, so
every stored claim inserted its participants at a random leaf of that key, a page that a
big store rarely has in cache (issue 8: ingest at a million claims). Keyed by (seq, role,
position) a new claim's rows go at the end of the key. The lookups that went by claim id
(a claim's items, a participant probed per claim) go by the claim's seq instead.

SQLite cannot change a table's primary key, so there the table is rebuilt; PostgreSQL
swaps the constraint.

SQLite's full-text index merges its segments when 16 (not 4) of a size have piled up: each
stored document adds a segment, and merging four at a time rewrote large segments of a
big store every few documents (8.6 -> 3.3 pages per document written at 100k claims). A
search reads a few more segments; at a million claims it stays far under its target.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

_COLUMNS = "claim_id, role, position, entity_id, name, name_key, kind, category, origin, seq"


def _rebuild_sqlite(key: tuple[str, ...], seq_nullable: bool) -> None:
    op.create_table(
        "claim_entities_new",
        sa.Column("claim_id", sa.String(64), sa.ForeignKey("claims.id"), nullable=False),
        sa.Column("role", sa.String(10), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("entity_id", sa.String(200)),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("name_key", sa.Text, nullable=False),
        sa.Column("kind", sa.String(20)),
        sa.Column("category", sa.String(30)),
        sa.Column("origin", sa.String(200)),
        sa.Column("seq", sa.BigInteger, nullable=seq_nullable),
        sa.PrimaryKeyConstraint(*key),
    )
    # The indexes before the rows: built by CREATE INDEX they would come out packed, and
    # then every new participant splits a page (twice the pages written per document).
    op.drop_index("ix_claim_entities_entity", "claim_entities")
    op.drop_index("ix_claim_entities_name", "claim_entities")
    op.create_index("ix_claim_entities_entity", "claim_entities_new", ["entity_id", "role", "seq"])
    op.create_index("ix_claim_entities_name", "claim_entities_new", ["name_key", "role", "seq"])
    # In key order, so the new key is written as an append.
    op.execute(f"INSERT INTO claim_entities_new ({_COLUMNS}) SELECT {_COLUMNS} "
               f"FROM claim_entities ORDER BY {', '.join(key)}")
    op.drop_table("claim_entities")
    op.rename_table("claim_entities_new", "claim_entities")


def _swap_postgresql_key(key: tuple[str, ...], seq_nullable: bool) -> None:
    name = op.get_bind().exec_driver_sql(
        "SELECT conname FROM pg_constraint WHERE conrelid = 'claim_entities'::regclass "
        "AND contype = 'p'").scalar_one()
    op.drop_constraint(name, "claim_entities", type_="primary")
    op.alter_column("claim_entities", "seq", existing_type=sa.BigInteger,
                    nullable=seq_nullable)
    op.create_primary_key(name, "claim_entities", list(key))


def _change_key(key: tuple[str, ...], seq_nullable: bool) -> None:
    if op.get_bind().dialect.name == "sqlite":
        _rebuild_sqlite(key, seq_nullable)
    else:
        _swap_postgresql_key(key, seq_nullable)
    op.execute("ANALYZE claim_entities")


def _fts_automerge(segments: int) -> None:
    if op.get_bind().dialect.name == "sqlite":
        # Kept in the index's own config table, so it holds for every later connection.
        op.execute(f"INSERT INTO claims_fts (claims_fts, rank) VALUES ('automerge', {segments})")


def upgrade() -> None:
    _change_key(("seq", "role", "position"), seq_nullable=False)
    _fts_automerge(16)


def downgrade() -> None:
    _fts_automerge(4)
    _change_key(("claim_id", "role", "position"), seq_nullable=True)
