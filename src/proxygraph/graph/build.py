"""Build a `Graph` on read: claims from the store (or given), statements, then edges.

`build_graph(store, flt)` reads the store's claim rows; `graph_from_claims` does the rest
on claims already in hand (tests); `assemble` turns statements into edges (through the
one `EdgeRouter`) and is what a what-if analysis re-runs on a reduced set of statements.
`Statements` makes the graph's statements from either kind of input.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

from proxygraph.graph.actors import Merges, node_fields
from proxygraph.graph.edges import Edge, EdgeRouter
from proxygraph.graph.filters import GraphFilter
from proxygraph.graph.gcpause import without_gc
from proxygraph.graph.model import Graph, ItemRef, Node, Statement
from proxygraph.model import Entity
from proxygraph.registry import Registry, default_registry
from proxygraph.store import ClaimFilter, ClaimStore, StoredClaim


@without_gc
def build_graph(store: ClaimStore, flt: GraphFilter | None = None) -> Graph:
    """The graph of the store's current claims that match `flt` (reviews honoured: the
    store's "current" claims leave out rejected ones and carry corrections as the new
    version that supersedes the original)."""
    flt = flt or GraphFilter()
    make = Statements.for_store(store, flt)
    return assemble(make.read(store, flt.claim_filter()), make.nodes, flt)


@without_gc
def graph_from_claims(claims: Iterable[StoredClaim], flt: GraphFilter | None = None, *,
                      publishers: Mapping[str, str | None] | None = None,
                      merges: Merges | None = None,
                      registry: Registry | None = None, texts: bool = True) -> Graph:
    """`texts=False` leaves out each statement's evidence sentence and time text, which
    only the timeline and evidence views show (the sentence is most of a statement's
    memory)."""
    flt = flt or GraphFilter()
    make = Statements(flt, publishers or {}, merges or Merges({}), registry, texts=texts)
    return assemble(make.from_stored(claims), make.nodes, flt)


@without_gc
def assemble(statements: Iterable[Statement], nodes: Mapping[str, Node],
             flt: GraphFilter) -> Graph:
    """Edges from statements (see `EdgeRouter`); every statement read is kept."""
    router = EdgeRouter(flt, Edge)
    by_id: dict[str, Statement] = {}
    for st in statements:
        by_id[st.id] = st
        router.add(st)
    edges, disputed = router.finish()
    used = {n for e in edges.values() for n in (e.source, e.target)}
    used |= {p for st in by_id.values() for p in st.participants()}
    kept = {n: nodes[n] for n in used if n in nodes}
    return Graph(nodes=kept, edges=edges, statements=by_id, disputed=disputed,
                 settings=flt.to_dict(), flt=flt)


class SharedValues:
    """One object per distinct value across the statements of a build: the store decodes
    every claim's strings (type, status, dates, document, items) as new objects, which
    made most of a statement's ~1.6 kB; shared, a statement costs its own id and slots."""

    def __init__(self, texts: bool = True) -> None:
        self.texts = texts
        self._items: dict[tuple[Any, ...], ItemRef] = {}
        self._tuples: dict[tuple[str, ...], tuple[str, ...]] = {}
        self._sources: dict[str, str] = {}  # publisher -> its source key

    @staticmethod
    def text(value: str | None) -> str | None:
        return None if value is None else sys.intern(value)

    def strings(self, values: tuple[str, ...]) -> tuple[str, ...]:
        if not values:
            return ()
        return self._tuples.setdefault(values, values)

    def items(self, items: Iterable[Mapping[str, Any]]) -> tuple[ItemRef, ...]:
        if not items:
            return ()
        refs = []
        for i in items:
            key = (i["id"], i["name"], i.get("category"), i.get("origin"))
            ref = self._items.get(key)
            if ref is None:
                ref = self._items[key] = ItemRef(sys.intern(key[0]), sys.intern(key[1]),
                                                 self.text(key[2]), self.text(key[3]))
            refs.append(ref)
        return tuple(refs)

    def source(self, publisher: str | None, doc_sha: str) -> str:
        """The independent source of a document, as the store keys it (`claims.source`):
        its publisher, or the document itself when it names none."""
        found = self._sources.get(publisher) if publisher else None
        if found is None:
            # imported here: the store's row module brings SQLAlchemy, which importing the
            # graph package for its types (the CLI's start-up) should not pay for
            from proxygraph.store.rows import claim_source

            found = sys.intern(claim_source(publisher, doc_sha))
            if publisher:
                self._sources[publisher] = found
        return found


class Statements:
    """Statements from stored claims or from the store's rows, under one filter's rules
    (types, counted statuses plus denials, the time window), with merges applied and a
    node made for every actor on first sight (`nodes`)."""

    def __init__(self, flt: GraphFilter, publishers: Mapping[str, str | None],
                 merges: Merges, registry: Registry | None = None, *,
                 texts: bool = True, source_names: Mapping[str, str] | None = None) -> None:
        self.flt = flt
        self.publishers = publishers  # document content hash -> publisher (stored claims)
        self.source_names = source_names  # source key -> publisher: read from rows
        self.merges = merges
        self.registry = registry or default_registry()
        self.shared = SharedValues(texts)
        self.nodes: dict[str, Node] = {}
        self._types = frozenset(flt.types)
        self._allowed = frozenset(flt.statuses) | {"denied"}
        self._ids: dict[str, str] = {}  # entity id as written -> node id

    @classmethod
    def for_store(cls, store: ClaimStore, flt: GraphFilter, *, texts: bool = True
                  ) -> Statements:
        merges = Merges.from_records(store.merges())
        names = getattr(store, "publisher_names", None)
        if names is not None and hasattr(store, "iter_claim_rows"):
            # rows name their source; only the publishers' names are read (not every
            # document: 125k of them at 1M claims took seconds)
            return cls(flt, {}, merges, texts=texts, source_names=names())
        publishers = {d.sha256: d.publisher for d in store.documents()}
        return cls(flt, publishers, merges, texts=texts)

    def read(self, store: ClaimStore, claim_filter: ClaimFilter,
             keep: Callable[[str | None, str | None], bool] | None = None
             ) -> Iterator[Statement]:
        """The statements of the store's claims that `claim_filter` selects (and `keep`
        keeps, by time span): from its rows when it offers them, no Claim decoded."""
        rows = getattr(store, "iter_claim_rows", None)
        if rows is not None and self.source_names is not None:
            found = rows(claim_filter)
            return self.from_rows(found if keep is None else
                                  (r for r in found if keep(r.time_start, r.time_end)))
        read = getattr(store, "iter_claims", None) or store.claims
        claims = read(claim_filter)
        if keep is not None:
            claims = (c for c in claims
                      if keep(*((c.claim.time.start, c.claim.time.end) if c.claim.time
                                else (None, None))))
        return self.from_stored(claims)

    def wanted(self, ctype: str, status: str, start: str | None, end: str | None) -> bool:
        return ((not self._types or ctype in self._types) and status in self._allowed
                and self.flt.in_window(start, end))

    def from_stored(self, claims: Iterable[StoredClaim]) -> Iterator[Statement]:
        for stored in claims:
            c = stored.claim
            t = c.time
            if not self.wanted(c.type, c.status, t.start if t else None, t.end if t else None):
                continue
            doc_sha = stored.document or c.doc
            # publishers are keyed by the document's content hash; a claim names its file
            publisher = self.publishers.get(doc_sha)
            yield self._make(
                c.id, c.doc, self.shared.source(publisher, doc_sha), publisher, c.type,
                c.subject.to_dict(), c.object.to_dict() if c.object else None,
                [v.to_dict() for v in c.via], c.status, c.certainty, stored.credibility,
                stored.reliability, t.to_dict() if t else None,
                [i.to_dict() for i in c.items], c.route, c.place, c.evidence.sentence,
                stored.review_state)

    def from_rows(self, rows: Iterable[Any]) -> Iterator[Statement]:
        """From the store's claim rows (`iter_claim_rows`): the indexed columns filter and
        name the source, the claim's JSON gives the rest as stored (validated then)."""
        names = self.source_names or {}
        at: dict[str, int] = {}
        for row in rows:
            if not at:  # by position: a row's attribute lookup costs ~10x more
                at = {name: i for i, name in enumerate(row._fields)}
                (c_id, c_type, c_status, c_certainty, c_start, c_end, c_rel, c_cred,
                 c_review, c_source, c_data) = (at[k] for k in (
                    "id", "type", "status", "certainty", "time_start", "time_end",
                    "reliability", "credibility", "review_state", "source", "data"))
            if not self.wanted(row[c_type], row[c_status], row[c_start], row[c_end]):
                continue
            d = json.loads(row[c_data])
            source = sys.intern(row[c_source])
            yield self._make(
                row[c_id], d["doc"], source, names.get(source), row[c_type], d["subject"],
                d["object"], d["via"], row[c_status], row[c_certainty], row[c_cred],
                row[c_rel], d["time"], d["items"], d["route"], d["place"],
                d["evidence"]["sentence"], row[c_review])

    def _node(self, entity: Mapping[str, Any]) -> str:
        written = entity["id"]
        node_id = self._ids.get(written)
        if node_id is None:
            node_id = self._ids[written] = sys.intern(self.merges.canonical(written))
        if node_id not in self.nodes:
            e = Entity.from_dict(dict(entity))
            fields = node_fields(e if node_id == e.id else
                                 Entity(node_id, e.name, e.kind), self.registry)
            self.nodes[node_id] = Node(**fields)  # type: ignore[arg-type]
        return node_id

    def _make(self, claim_id: str, doc_name: str, source: str, publisher: str | None,
              ctype: str, subject: Mapping[str, Any], obj: Mapping[str, Any] | None,
              via: Iterable[Mapping[str, Any]], status: str, certainty: str,
              credibility: int, reliability: str, time: Mapping[str, Any] | None,
              items: Iterable[Mapping[str, Any]], route: Iterable[str],
              place: Iterable[str], evidence: str, review_state: str) -> Statement:
        shared = self.shared
        text = shared.text
        doc = sys.intern(doc_name)
        return Statement(
            id=claim_id, doc=doc, type=sys.intern(ctype), subject=self._node(subject),
            object=self._node(obj) if obj else None,
            via=tuple(self._node(v) for v in via) if via else (), status=sys.intern(status),
            certainty=sys.intern(certainty), credibility=credibility,
            reliability=sys.intern(reliability), source=source,
            publisher=text(publisher), start=text(time["start"]) if time else None,
            end=text(time["end"]) if time else None,
            precision=text(time.get("precision")) if time else None,
            time_text=time.get("text") if time and shared.texts else None,
            items=shared.items(items), route=shared.strings(tuple(route)),
            place=shared.strings(tuple(place)), evidence=evidence if shared.texts else "",
            review_state=sys.intern(review_state))
