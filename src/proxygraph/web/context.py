"""What every page of one running app shares: the store, a revision counter bumped by each
write made through the app, a small cache of built graphs, and the documents by name."""

from __future__ import annotations

import json
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from proxygraph.graph import Graph, GraphFilter, build_graph
from proxygraph.store import ClaimFilter, ClaimStore, DocumentInfo, StoredClaim

T = TypeVar("T")
GRAPH_CACHE = 16  # built graphs kept (one per filter seen recently)
CACHE_SECONDS = 30.0  # writes by other processes show up at most this late


@dataclass
class WebContext:
    store: ClaimStore
    reviewer: str = "analyst"
    revision: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _graphs: OrderedDict[Any, tuple[float, Graph]] = field(default_factory=OrderedDict,
                                                           repr=False)
    _docs: tuple[float, int, list[DocumentInfo]] | None = field(default=None, repr=False)

    def changed(self) -> int:
        """Call after every write: cached graphs and documents are stale."""
        with self._lock:
            self.revision += 1
            self._graphs.clear()
            self._docs = None
            return self.revision

    def _cached(self, key: Any, make: Callable[[], T], cache: OrderedDict[Any, Any]) -> T:
        now = time.monotonic()
        with self._lock:
            hit = cache.get(key)
            if hit is not None and now - hit[0] < CACHE_SECONDS:
                cache.move_to_end(key)
                return hit[1]  # type: ignore[no-any-return]
        value = make()
        with self._lock:
            cache[key] = (now, value)
            while len(cache) > GRAPH_CACHE:
                cache.popitem(last=False)
        return value

    def graph(self, flt: GraphFilter) -> Graph:
        key = (json.dumps(flt.to_dict(), sort_keys=True), self.revision)
        return self._cached(key, lambda: build_graph(self.store, flt), self._graphs)

    def documents(self) -> list[DocumentInfo]:
        now = time.monotonic()
        docs = self._docs
        if docs is not None and docs[1] == self.revision and now - docs[0] < CACHE_SECONDS:
            return docs[2]
        found = self.store.documents()
        self._docs = (now, self.revision, found)
        return found

    def document(self, sha256: str) -> DocumentInfo | None:
        return next((d for d in self.documents() if d.sha256 == sha256), None)

    def document_of(self, stored: StoredClaim) -> DocumentInfo | None:
        """The stored document a claim came from. Claims name their document; two
        documents ingested under one name are told apart by asking the store which one
        holds the claim."""
        by_hash = self.document(getattr(stored, "document", None) or stored.claim.doc)
        if by_hash is not None:
            return by_hash
        named = [d for d in self.documents() if d.name == stored.claim.doc]
        if len(named) <= 1:
            return named[0] if named else None
        for info in named:
            if self.store.claims(ClaimFilter(ids=(stored.id,), docs=(info.sha256,),
                                             include="all")):
                return info
        return named[0]
