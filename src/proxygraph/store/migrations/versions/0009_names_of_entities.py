"""Participants with an entity id are no longer indexed by name, row by row.

`claim_entities` had two indexes keyed at random, by entity id and by name, so every
participant of a new claim landed on a random leaf of each (issue 8: ingest at a million
claims). Nearly every participant has an id (registry or `x_` for an unresolved name);
only places have none. Now the name index is partial (rows without an id), and the names
an id was stored under are kept once each in `entity_names`: a filter by name reads the
ids there and `claim_entities` by id (testing each row's name only for an id also stored
under other names), with the same answers as before.

Both backends; the new table is filled from `claim_entities` (one pass over it).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "entity_names",
        sa.Column("name_key", sa.Text, nullable=False),
        sa.Column("entity_id", sa.String(200), nullable=False),
        sa.PrimaryKeyConstraint("name_key", "entity_id"),
        sqlite_with_rowid=False,
    )
    op.execute("INSERT INTO entity_names (name_key, entity_id) SELECT DISTINCT name_key, "
               "entity_id FROM claim_entities WHERE entity_id IS NOT NULL")
    op.create_index("ix_entity_names_entity", "entity_names", ["entity_id", "name_key"])
    op.drop_index("ix_claim_entities_name", "claim_entities")
    op.execute("CREATE INDEX ix_claim_entities_name ON claim_entities (name_key, role, seq) "
               "WHERE entity_id IS NULL")
    # Statistics for what changed (a dropped index loses its own), this store's tables only.
    op.execute("ANALYZE entity_names")
    op.execute("ANALYZE claim_entities")


def downgrade() -> None:
    op.drop_index("ix_claim_entities_name", "claim_entities")
    op.create_index("ix_claim_entities_name", "claim_entities", ["name_key", "role", "seq"])
    op.drop_table("entity_names")
