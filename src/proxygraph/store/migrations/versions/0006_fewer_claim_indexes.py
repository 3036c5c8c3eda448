"""Two indexes fewer to update for every claim stored.

`ix_claims_subject` and `ix_claims_object` served one lookup, the pairs an actor's merge
or split must regrade, which `claim_entities`' (entity_id, role, seq) index answers as
well. Every index of `claims` is one more random B-tree write per stored claim, a cost
that grows with the store (issue 8: ingest at a million claims).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-04
"""

from __future__ import annotations

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_claims_subject", "claims")
    op.drop_index("ix_claims_object", "claims")


def downgrade() -> None:
    op.create_index("ix_claims_subject", "claims", ["subject_id"])
    op.create_index("ix_claims_object", "claims", ["object_id"])
