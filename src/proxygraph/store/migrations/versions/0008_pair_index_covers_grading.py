"""The pair indexes answer a new claim's grading lookups by themselves.

A new claim asks its pair for a strong agreeing source, two agreeing sources and a
contradicting one, each from a current claim of another source whose time and items
meet its own; then for the pair's claims not yet corroborated that it speaks to
(grading.py). `ix_claims_pair` held (type, subject, object, status, source) and
`ix_claims_unconfirmed` (type, subject, object), so every claim of the pair with a
fitting status was fetched from the table to test its time, state and grade: in a
much-reported pair of a big store hundreds of table rows, mostly not in cache, for a
lookup that finds few or none (issue 8: ingest at a million claims). With what those
tests read in the indexes (the seq is the key of a claim's items), only the claims that
pass are fetched, and the first lookup none at all.

Both backends rebuild the two indexes (a few seconds at a million claims).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-05
"""

from __future__ import annotations

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

_PAIR = "type, subject_id, object_id"
# grading.UNCONFIRMED_SQL, written out so this revision stays as it is.
_UNCONFIRMED = ("credibility_override IS NULL AND ((certainty = 'high' AND credibility <> 1) "
                "OR (certainty = 'medium' AND credibility <> 2) OR (certainty = 'low' AND "
                "credibility <> 3))")


def _replace(pair: str, unconfirmed: str) -> None:
    op.drop_index("ix_claims_pair", "claims")
    op.drop_index("ix_claims_unconfirmed", "claims")
    op.execute(f"CREATE INDEX ix_claims_pair ON claims ({pair})")
    op.execute(f"CREATE INDEX ix_claims_unconfirmed ON claims ({unconfirmed}) "
               f"WHERE {_UNCONFIRMED}")
    # Statistics for the new indexes (dropping an index drops its own). Only this store's
    # table: a bare ANALYZE on PostgreSQL walks every schema of the database.
    if op.get_bind().dialect.name == "sqlite":
        op.execute("ANALYZE ix_claims_pair")
        op.execute("ANALYZE ix_claims_unconfirmed")
    else:
        op.execute("ANALYZE claims")


def upgrade() -> None:
    _replace(f"{_PAIR}, status, source, reliability, time_start, time_end, state, "
             "review_state, seq",
             f"{_PAIR}, status, source, time_start, time_end, seq")


def downgrade() -> None:
    _replace(f"{_PAIR}, status, source", _PAIR)
