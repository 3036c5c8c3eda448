"""Time windows by index: claims by the end and by the start of their time.

A filter with a time window (`--since`, `--until`) was answered by reading claims in
stored order and testing each, so a window that holds nothing read every claim of the
type (or of the store). Two expression indexes give the window's ends as ranges: the end
of a claim's time (an open end is still going) and its start (an open start is "since
whenever"), NULL for a claim with no time, which no window matches; `query.py` counts
the narrower range and collects it when it is small. Not partial indexes: PostgreSQL
keeps statistics of an indexed expression only for a whole-table index, and without
them it estimates a third of the claims in any range and reads the table instead. They
replace `ix_claims_time` (start, end), which no query used.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-04
"""

from __future__ import annotations

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

# Written out (not imported from schema.py) so this revision stays as it was.
_END = ("CASE WHEN time_end IS NOT NULL THEN time_end "
        "WHEN time_start IS NOT NULL THEN '9999-12-31' END")
_START = ("CASE WHEN time_start IS NOT NULL THEN time_start "
          "WHEN time_end IS NOT NULL THEN '0000-01-01' END")


def upgrade() -> None:
    op.execute(f"CREATE INDEX ix_claims_time_end ON claims (({_END}), seq)")
    op.execute(f"CREATE INDEX ix_claims_time_start ON claims (({_START}), seq)")
    op.drop_index("ix_claims_time", "claims")
    op.execute("ANALYZE claims")


def downgrade() -> None:
    op.create_index("ix_claims_time", "claims", ["time_start", "time_end"])
    op.drop_index("ix_claims_time_start", "claims")
    op.drop_index("ix_claims_time_end", "claims")
