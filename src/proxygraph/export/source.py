"""What every exporter reads: the selected claims (streamed), their documents, the graph.

No exporter queries the database itself: claims come from the store's streaming API
(`iter_claims`, or `iter_claim_rows` for the network), documents from `documents()`,
merges from `merges()`, and the network from `proxygraph.graph.network.stream_network`:
the edges of the graph the `network` command builds (one edge definition, `graph.edges`),
aggregated while the claims stream, so a whole store's network fits in memory.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any

from proxygraph.graph import GraphFilter, Merges, graph_from_claims
from proxygraph.graph.build import Statements
from proxygraph.graph.model import Graph
from proxygraph.graph.network import StreamedNetwork, stream_network
from proxygraph.ontology import ONTOLOGY
from proxygraph.store import ClaimFilter, StoredClaim
from proxygraph.store.base import DocumentInfo


@dataclass(frozen=True)
class Selection:
    """The claims an export covers (as `claims` selects them) and the edge rules of its
    network (as `network` builds it: counted statuses, corroboration, undated claims).

    With `graph.undated` and a time window, the store is asked without the window and
    the window is applied here, keeping undated claims (the store would drop them).
    """

    claims: ClaimFilter = field(default_factory=ClaimFilter)
    graph: GraphFilter = field(default_factory=GraphFilter)

    def store_filter(self) -> ClaimFilter:
        if self.graph.undated and (self.claims.since or self.claims.until):
            return replace(self.claims, since=None, until=None)
        return self.claims

    def keeps(self, stored: StoredClaim) -> bool:
        t = stored.claim.time
        return self.keeps_span(t.start if t else None, t.end if t else None)

    def keeps_span(self, start: str | None, end: str | None) -> bool:
        if not (self.graph.undated and (self.claims.since or self.claims.until)):
            return True
        return self.graph.in_window(start, end)

    def to_dict(self) -> dict[str, Any]:
        flt = {k: v for k, v in vars(self.claims).items() if v not in (None, (), 0, False)}
        return {"claims": {k: list(v) if isinstance(v, tuple) else v for k, v in flt.items()},
                "network": self.graph.to_dict()}


@dataclass(frozen=True, slots=True)
class DocumentRef:
    """What an export says about a claim's document (never its text)."""

    sha256: str
    name: str
    title: str | None
    publisher: str | None
    source_url: str | None
    published: str | None
    reliability: str
    ingested_at: str

    @property
    def label(self) -> str:
        return self.title or self.name

    def to_dict(self) -> dict[str, Any]:
        return {"sha256": self.sha256, "name": self.name, "title": self.title,
                "publisher": self.publisher, "url": self.source_url,
                "published": self.published, "reliability": self.reliability}


def _ref(info: DocumentInfo) -> DocumentRef:
    # Slotted and with the few repeated values shared: 125k documents at 1M claims.
    publisher = sys.intern(info.publisher) if info.publisher else info.publisher
    return DocumentRef(info.sha256, info.name, info.title, publisher, info.source_url,
                       info.published, sys.intern(info.reliability), info.ingested_at)


class ExportSource:
    """A store seen through one selection."""

    def __init__(self, store: Any, selection: Selection | None = None) -> None:
        self.store = store
        self.selection = selection or Selection()
        self.merges = Merges.from_records(store.merges())

    @cached_property
    def documents(self) -> dict[str, DocumentRef]:
        """Every document's reference, read when a claims file first needs one (a network
        alone never does: 125k documents at 1M claims are seconds and ~60 MB)."""
        read = getattr(self.store, "iter_documents", None) or self.store.documents
        return {d.sha256: _ref(d) for d in read()}

    def claims(self) -> Iterator[StoredClaim]:
        """The selected claims in stored order, streamed (constant memory)."""
        read = getattr(self.store, "iter_claims", None) or self.store.claims
        for stored in read(self.selection.store_filter()):
            if self.selection.keeps(stored):
                yield stored

    def document(self, stored: StoredClaim) -> DocumentRef | None:
        return self.documents.get(stored.document or "")

    def graph(self) -> Graph:
        """The graph of the selected claims under the selection's edge rules (with its
        statements, for analyses; the exporters write `network()`)."""
        return graph_from_claims(self.claims(), self.selection.graph,
                                 publishers=self._publishers(), merges=self.merges,
                                 texts=False)

    def network(self) -> StreamedNetwork:
        """The network of the selected claims under the selection's edge rules, aggregated
        as the claims stream (the same edges as `graph()`, without the statements)."""
        # Without evidence sentences: no network format writes them (claims files do).
        make = Statements.for_store(self.store, self.selection.graph, texts=False)
        statements = make.read(self.store, self.selection.store_filter(),
                               keep=self.selection.keeps_span)
        return stream_network(statements, make.nodes, self.selection.graph)

    def networks(self) -> Iterator[StreamedNetwork]:
        """`network()` one claim type at a time: edges never cross types, so only one
        type's edges are held at once (a whole 1M-claim store's are ~400 MB). Nodes take
        part in several parts; `records.NodeTally` adds them up. A selection cut by
        --limit/--offset (in stored order, across types) is read in one part."""
        flt = self.selection.store_filter()
        make = Statements.for_store(self.store, self.selection.graph, texts=False)
        if flt.limit is not None or flt.offset:
            parts = [flt]
        else:
            types = flt.types or tuple(ONTOLOGY.claim_types)
            parts = [replace(flt, types=(t,)) for t in sorted({t.upper() for t in types})]
        for part in parts:
            yield stream_network(make.read(self.store, part, keep=self.selection.keeps_span),
                                 make.nodes, self.selection.graph)

    def _publishers(self) -> dict[str, str | None]:
        return {sha: d.publisher for sha, d in self.documents.items()}
