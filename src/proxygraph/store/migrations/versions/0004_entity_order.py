"""Participants carry their claim's place in the stored order; unconfirmed claims indexed.

With `seq` in `claim_entities` and at the end of its indexes, an actor's or item's claims
are found in stored order from the index alone: the first page of a participant in
thousands of claims reads a thousand-odd index entries and 100 claims, not every claim.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("claim_entities", sa.Column("seq", sa.BigInteger))
    op.execute("UPDATE claim_entities SET seq = (SELECT c.seq FROM claims c "
               "WHERE c.id = claim_entities.claim_id)")
    op.drop_index("ix_claim_entities_entity", "claim_entities")
    op.drop_index("ix_claim_entities_name", "claim_entities")
    op.create_index("ix_claim_entities_entity", "claim_entities", ["entity_id", "role", "seq"])
    op.create_index("ix_claim_entities_name", "claim_entities", ["name_key", "role", "seq"])
    # The claims a new claim can still change (grading.UNCONFIRMED_SQL, written out here so
    # this revision stays as it was): a much-reported pair has few of them.
    op.execute("CREATE INDEX ix_claims_unconfirmed ON claims (type, subject_id, object_id) "
               "WHERE credibility_override IS NULL AND ((certainty = 'high' AND credibility "
               "<> 1) OR (certainty = 'medium' AND credibility <> 2) OR (certainty = 'low' "
               "AND credibility <> 3))")
    # Only this store's tables: a bare ANALYZE on PostgreSQL walks every schema of the
    # database and can deadlock with another store being dropped beside it.
    op.execute("ANALYZE claims")
    op.execute("ANALYZE claim_entities")


def downgrade() -> None:
    op.drop_index("ix_claims_unconfirmed", "claims")
    op.drop_index("ix_claim_entities_entity", "claim_entities")
    op.drop_index("ix_claim_entities_name", "claim_entities")
    op.create_index("ix_claim_entities_entity", "claim_entities", ["entity_id", "role"])
    op.create_index("ix_claim_entities_name", "claim_entities", ["name_key", "role"])
    with op.batch_alter_table("claim_entities") as batch:
        batch.drop_column("seq")
