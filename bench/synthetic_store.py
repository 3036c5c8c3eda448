"""The synthetic store the store, graph and export benchmarks share, made by the bulk path.

    from synthetic_store import build_store
    seconds = build_store("sqlite:////tmp/x.db", 1_000_000)

The cast, the claims and their grades come from `store_queries.py` (`World`, `drafts`,
`grade_all`, `bulk_batches`): power-law actors, 14 types, 20 years, 300 graded
publishers, items. `SqlStore.bulk_load` stores them in batches of 20k claims (~350 s for
1M claims on SQLite here, against ~35 min through `add_document`).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from store_queries import World, bulk_batches, drafts, grade_all  # noqa: E402

from proxygraph.store import ClaimFilter, open_store  # noqa: E402

SEED = 2  # the drafts' seed of store_queries.py, so every benchmark sees the same store


def build_store(url: str, n_claims: int) -> float:
    """Load `n_claims` synthetic claims into the (new, empty) store at `url`; seconds."""
    start = time.perf_counter()
    world = World.make(n_claims)
    planned = drafts(world, n_claims, seed=SEED)
    with open_store(url) as store:
        store.bulk_load(bulk_batches(world, planned, grade_all(world, planned)))
    return time.perf_counter() - start


def store_exists(url: str) -> bool:
    """True when `url` names a store that already holds claims (reuse it, do not rebuild)."""
    if url.startswith("sqlite:///") and not Path(url.removeprefix("sqlite:///")).exists():
        return False
    with open_store(url) as store:
        return bool(store.claims(ClaimFilter(limit=1, include="all")))
