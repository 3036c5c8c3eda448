"""Claims carry their credibility source; an index per claim pair.

Credibility is re-graded per pair of actors inside SQL, which needs each claim's source
(publisher, or the document when it has none) at hand and the claims of a pair indexed.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("claims", sa.Column("source", sa.String(320)))
    # Stores made by 0001 get the same key the code computes (close enough: lower()).
    op.execute(
        "UPDATE claims SET source = (SELECT CASE WHEN d.publisher IS NOT NULL "
        "THEN 'pub:' || lower(trim(d.publisher)) ELSE 'doc:' || d.sha256 END "
        "FROM documents d WHERE d.sha256 = claims.doc)"
    )
    op.create_index("ix_claims_pair", "claims", ["type", "subject_id", "object_id", "status",
                                                "source"])


def downgrade() -> None:
    op.drop_index("ix_claims_pair", "claims")
    with op.batch_alter_table("claims") as batch:
        batch.drop_column("source")
