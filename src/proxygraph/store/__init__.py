"""The claim store: documents, immutable claims, reviews and registry judgements.

The Python API is the CLI's, call for call::

    from proxygraph.collection import ingest_paths
    from proxygraph.store import ClaimFilter, open_store

    with open_store("sqlite:///proxygraph.db") as store:       # or postgresql+psycopg://
        ingest_paths(store, ["reports/"], publisher="CNAS", reliability="B")
        found = store.claims(ClaimFilter(actors=("Hezbollah",), types=("ARMS_TRANSFER",),
                                         since="2023-01"))
        store.review(found[0].id, action="correct", reviewer="analyst",
                     changes={"object": "Kata'ib Hezbollah"})
        store.set_reliability("Tasnim", "E")
        store.add_actor("Northern Brigade", "armed_group", by="analyst")
        store.merge("Northern Brigade", "Hezbollah", by="analyst")  # undo: store.split(...)
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

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

if TYPE_CHECKING:
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


def open_store(url: str | None = None, *, create: bool = True) -> SqlStore:
    """Open the store at `url` (migrating it as needed); `create=False` refuses to make a
    new one (a StoreError instead), which is what read-only uses want."""
    from proxygraph.store.sql import SqlStore

    return SqlStore(url or default_url(), create=create)


def __getattr__(name: str) -> Any:
    # SQLAlchemy and Alembic load only when a store is used, not on `import proxygraph.store`
    # (the CLI's start-up time).
    if name == "SqlStore":
        from proxygraph.store.sql import SqlStore

        return SqlStore
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
