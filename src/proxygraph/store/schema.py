"""The store's tables, as SQLAlchemy Core metadata shared by the queries.

The migrations in `migrations/versions` (0001, then each later revision) build these
tables (plus the full-text index, which differs per backend); a test checks they agree.
Timestamps are ISO 8601 strings in UTC so both backends sort and compare them the same way.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Column,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    text,
)

from proxygraph.credibility import OPEN_END, OPEN_START

metadata = MetaData()

# One row per distinct document text (content hash); the text is kept for re-extraction.
documents = Table(
    "documents",
    metadata,
    Column("sha256", String(64), primary_key=True),
    Column("name", Text, nullable=False),
    Column("media_type", String(100), nullable=False),
    Column("title", Text),
    Column("source_url", Text),
    Column("publisher", Text),
    Column("published", String(10)),
    Column("language", String(20)),
    Column("reliability", String(1), nullable=False),  # the document's own grade
    Column("extractor_version", String(40), nullable=False),
    Column("ingested_at", String(32), nullable=False),
    Column("text", Text, nullable=False),
    Index("ix_documents_publisher", "publisher"),
)

# Publishers and the reliability grade a reviewer gave them; `key` is the casefolded name.
sources = Table(
    "sources",
    metadata,
    Column("key", String(300), primary_key=True),
    Column("name", Text, nullable=False),
    Column("reliability", String(1), nullable=False),
    Column("updated_by", Text),
    Column("updated_at", String(32), nullable=False),
)

# A claim not yet corroborated, graded by the rules (no reviewer's override): the only kind
# a new claim can regrade (see grading.py). The partial index ix_claims_unconfirmed has
# exactly this predicate, so the planner can match the two.
UNCONFIRMED_SQL = ("credibility_override IS NULL AND ((certainty = 'high' AND credibility <> 1)"
                   " OR (certainty = 'medium' AND credibility <> 2)"
                   " OR (certainty = 'low' AND credibility <> 3))")

# Claims are immutable: `data` is the full Claim JSON; the other columns are an index of it
# plus store state (active/retired/superseded, review state, derived credibility).
claims = Table(
    "claims",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("doc", String(64), ForeignKey("documents.sha256"), nullable=False),
    Column("type", String(40), nullable=False),
    Column("subject_id", String(200), nullable=False),
    Column("subject_name", Text, nullable=False),
    Column("object_id", String(200)),
    Column("object_name", Text),
    Column("status", String(20), nullable=False),
    Column("certainty", String(10), nullable=False),
    Column("time_start", String(10)),
    Column("time_end", String(10)),
    Column("time_precision", String(10)),
    Column("reliability", String(1), nullable=False),
    Column("credibility", Integer, nullable=False),
    Column("credibility_override", Integer),
    Column("extractor_version", String(40), nullable=False),
    Column("ontology", String(20), nullable=False),
    Column("origin", String(10), nullable=False),  # machine | review
    Column("state", String(12), nullable=False),  # active | retired | superseded
    Column("review_state", String(12), nullable=False),  # unreviewed|accepted|rejected|corrected
    Column("supersedes", String(64)),  # the claim this correction replaces
    Column("sentence_start", Integer, nullable=False),
    Column("evidence", Text, nullable=False),
    Column("created_at", String(32), nullable=False),
    Column("data", Text, nullable=False),
    Column("source", String(320)),  # credibility source: publisher key or the document
    # The order claims are listed in (ingest order, then position in the document); each
    # filter's index ends in it, so a first page is read in order and stops early.
    Column("seq", BigInteger),
    Index("ix_claims_doc", "doc"),
    Index("ix_claims_seq", "seq", unique=True),
    Index("ix_claims_type_seq", "type", "seq"),
    Index("ix_claims_status_seq", "status", "seq"),
    Index("ix_claims_supersedes", "supersedes"),
    # A pair's claims by status and source, with what grading tests of each (its grade,
    # time, state, and the seq its items are keyed by): a lookup reads the index alone,
    # not a table row per claim of a much-reported pair (migration 0008).
    Index("ix_claims_pair", "type", "subject_id", "object_id", "status", "source",
          "reliability", "time_start", "time_end", "state", "review_state", "seq"),
    Index("ix_claims_unconfirmed", "type", "subject_id", "object_id", "status", "source",
          "time_start", "time_end", "seq",
          sqlite_where=text(UNCONFIRMED_SQL), postgresql_where=text(UNCONFIRMED_SQL)),
)

# The ends of a claim's time as index keys (see query.py and migration 0005): an open end
# is still going, an open start is "since whenever", a claim with no time has neither.
TIME_END_SQL = (f"CASE WHEN time_end IS NOT NULL THEN time_end "
                f"WHEN time_start IS NOT NULL THEN '{OPEN_END}' END")
TIME_START_SQL = (f"CASE WHEN time_start IS NOT NULL THEN time_start "
                  f"WHEN time_end IS NOT NULL THEN '{OPEN_START}' END")
Index("ix_claims_time_end", text(f"({TIME_END_SQL})"), claims.c.seq)
Index("ix_claims_time_start", text(f"({TIME_START_SQL})"), claims.c.seq)

# Every participant of a claim, one row per role and position, for actor/item/place queries;
# keyed by (seq, role, position).
claim_entities = Table(
    "claim_entities",
    metadata,
    Column("claim_id", String(64), ForeignKey("claims.id"), nullable=False),
    Column("role", String(10), nullable=False),  # subject | object | item | via | place
    Column("position", Integer, nullable=False),
    Column("entity_id", String(200)),
    Column("name", Text, nullable=False),
    Column("name_key", Text, nullable=False),  # casefolded name for exact lookups
    Column("kind", String(20)),
    Column("category", String(30)),
    Column("origin", String(200)),
    # The claim's seq, first in the key (migration 0007): a new claim's rows are appended,
    # where its hashed id put them at a random leaf; the indexes list claims in stored order.
    Column("seq", BigInteger, nullable=False),
    PrimaryKeyConstraint("seq", "role", "position"),
    Index("ix_claim_entities_entity", "entity_id", "role", "seq"),
    # By name only the participants without an entity id (places): one with an id is
    # found by name through `entity_names` and this id (migration 0009), so a new claim
    # adds a row to one random-keyed index per participant, not two.
    Index("ix_claim_entities_name", "name_key", "role", "seq",
          sqlite_where=text("entity_id IS NULL"), postgresql_where=text("entity_id IS NULL")),
)

# Every (name, entity id) a participant was stored with: a few rows per actor or item, not
# per claim. A filter by name reads the ids here, then `claim_entities` by id.
entity_names = Table(
    "entity_names",
    metadata,
    Column("name_key", Text, nullable=False),
    Column("entity_id", String(200), nullable=False),
    PrimaryKeyConstraint("name_key", "entity_id"),
    # an id's other names: whether a row found by id still needs its name tested
    Index("ix_entity_names_entity", "entity_id", "name_key"),
    sqlite_with_rowid=False,
)

# Who reviewed which claim, when, why and what changed; never updated or deleted.
reviews = Table(
    "reviews",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("claim_id", String(64), ForeignKey("claims.id"), nullable=False),
    Column("action", String(12), nullable=False),  # accept | reject | correct | credibility
    Column("reviewer", Text, nullable=False),
    Column("at", String(32), nullable=False),
    Column("note", Text),
    Column("changes", Text),  # JSON object of attribute -> new value
    Column("result_claim_id", String(64)),  # the new version a correction made
    Index("ix_reviews_claim", "claim_id"),
)

# Registry overlay: actors and aliases the user added, and merge judgements.
overlay_actors = Table(
    "overlay_actors",
    metadata,
    Column("id", String(200), primary_key=True),
    Column("name", Text, nullable=False),
    Column("kind", String(20), nullable=False),
    Column("created_by", Text),
    Column("created_at", String(32), nullable=False),
)

overlay_aliases = Table(
    "overlay_aliases",
    metadata,
    Column("alias_key", String(300), primary_key=True),
    Column("entity_id", String(200), primary_key=True),
    Column("alias", Text, nullable=False),
    Column("created_by", Text),
    Column("created_at", String(32), nullable=False),
)

# A merge says `merged_id` is the same actor as `into_id`; undoing it keeps the row.
merges = Table(
    "merges",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("merged_id", String(200), nullable=False),
    Column("into_id", String(200), nullable=False),
    Column("created_by", Text),
    Column("created_at", String(32), nullable=False),
    Column("note", Text),
    Column("undone_by", Text),
    Column("undone_at", String(32)),
    Column("undo_note", Text),
    Index("ix_merges_merged", "merged_id"),
)


def with_search_column(table: Table) -> Table:
    """`claims` as PostgreSQL has it: plus the tsvector of its search terms (see
    migration 0003; SQLite keeps the terms in the FTS5 table `claims_fts` instead)."""
    from sqlalchemy.dialects.postgresql import TSVECTOR

    copy = table.to_metadata(MetaData())
    copy.append_column(Column("search_tsv", TSVECTOR))
    return copy
