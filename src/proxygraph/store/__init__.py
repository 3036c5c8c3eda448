"""The claim store: documents, immutable claims, reviews and registry judgements."""

from __future__ import annotations

import os

from proxygraph.store.base import (
    AddResult,
    ClaimFilter,
    ClaimHistory,
    ClaimStore,
    DocumentInfo,
    MergeRecord,
    ReextractResult,
    ReviewRecord,
    SourceInfo,
    StoredClaim,
)
from proxygraph.store.sql import SqlStore

DEFAULT_URL = "sqlite:///proxygraph.db"
ENV_VAR = "PROXYGRAPH_DB"

__all__ = [
    "AddResult", "ClaimFilter", "ClaimHistory", "ClaimStore", "DocumentInfo", "MergeRecord",
    "ReextractResult", "ReviewRecord", "SourceInfo", "StoredClaim", "SqlStore",
    "DEFAULT_URL", "ENV_VAR", "default_url", "open_store",
]


def default_url() -> str:
    """The store chosen by PROXYGRAPH_DB, else a SQLite file in the working directory."""
    return os.environ.get(ENV_VAR) or DEFAULT_URL


def open_store(url: str | None = None) -> SqlStore:
    """Open (creating and migrating as needed) the store at `url`."""
    return SqlStore(url or default_url())
