"""Build a `Graph` on read: claims from the store (or given), statements, then edges.

`build_graph(store, flt)` asks the store for the claims that match; `graph_from_claims`
does the rest on claims already in hand (tests, exporters); `assemble` turns statements
into edges and is what a what-if analysis re-runs on a reduced set of statements.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Mapping
from typing import Any

from proxygraph.credibility import source_key
from proxygraph.graph.actors import Merges, node_fields, publisher_key
from proxygraph.graph.filters import GraphFilter
from proxygraph.graph.gcpause import without_gc
from proxygraph.graph.model import Edge, Graph, ItemRef, Node, Statement, is_symmetric
from proxygraph.model import Claim, Entity
from proxygraph.registry import Registry, default_registry
from proxygraph.store import ClaimStore, StoredClaim


@without_gc
def build_graph(store: ClaimStore, flt: GraphFilter | None = None) -> Graph:
    """The graph of the store's current claims that match `flt` (reviews honoured: the
    store's "current" claims leave out rejected ones and carry corrections as the new
    version that supersedes the original)."""
    flt = flt or GraphFilter()
    # Stream where the store can (constant memory for the rows); else a list.
    read = getattr(store, "iter_claims", None) or store.claims
    found = read(flt.claim_filter())
    publishers = {d.sha256: d.publisher for d in store.documents()}
    merges = Merges.from_records(store.merges())
    return graph_from_claims(found, flt, publishers=publishers, merges=merges)


@without_gc
def graph_from_claims(claims: Iterable[StoredClaim], flt: GraphFilter | None = None, *,
                      publishers: Mapping[str, str | None] | None = None,
                      merges: Merges | None = None,
                      registry: Registry | None = None, texts: bool = True) -> Graph:
    """`texts=False` leaves out each statement's evidence sentence and time text, which
    only the timeline and evidence views show: what an exporter of the network asks for
    (the sentence is most of a statement's memory)."""
    flt = flt or GraphFilter()
    registry = registry or default_registry()
    merges = merges or Merges({})
    publishers = publishers or {}
    nodes: dict[str, Node] = {}
    shared = SharedValues(texts)
    statements: list[Statement] = []
    wanted_types = set(flt.types)
    allowed = set(flt.statuses) | {"denied"}
    for stored in claims:
        c = stored.claim
        if wanted_types and c.type not in wanted_types:
            continue
        if c.status not in allowed or not flt.in_window(*_span(c)):
            continue
        # publishers are keyed by the document's content hash; a claim names its file
        publisher = publishers.get(stored.document or c.doc)
        statements.append(statement(stored, publisher, merges, nodes, registry, shared))
    return assemble(statements, nodes, flt)


@without_gc
def assemble(statements: Iterable[Statement], nodes: Mapping[str, Node],
             flt: GraphFilter) -> Graph:
    """Edges from statements: counted statuses make edges, a via makes hops
    (supplier -> via -> recipient), denials sit beside the edge they contradict."""
    counted = set(flt.statuses)
    edges: dict[tuple[str, str, str], Edge] = {}
    by_id: dict[str, Statement] = {}
    denials: list[Statement] = []
    for st in statements:
        by_id[st.id] = st
        if st.object is None:
            continue  # PRODUCTION for no one: a statement about a node, not an edge
        if st.status not in counted:
            if st.status == "denied":
                denials.append(st)
            continue
        for a, b, leg in _legs(st):
            edge = _edge(edges, a, st.type, b)
            edge.statements.append(st)
            if leg:
                edge.add_via_leg(st.id)
    disputed = []
    for st in denials:
        key = _key(st.subject, st.type, st.object)  # type: ignore[arg-type]
        if key in edges:
            edges[key].add_denial(st)
        else:
            disputed.append(st)
    if flt.min_corroboration > 1:
        edges = {k: e for k, e in edges.items() if e.corroboration >= flt.min_corroboration}
    used = {n for e in edges.values() for n in (e.source, e.target)}
    used |= {p for st in by_id.values() for p in st.participants()}
    kept = {n: nodes[n] for n in used if n in nodes}
    return Graph(nodes=kept, edges=edges, statements=by_id, disputed=disputed,
                 settings=flt.to_dict(), flt=flt)


def _legs(st: Statement) -> list[tuple[str, str, bool]]:
    chain = [st.subject]
    for v in st.via:
        if v != chain[-1] and v != st.object:
            chain.append(v)
    chain.append(st.object)  # type: ignore[arg-type]
    leg = len(chain) > 2
    return [(a, b, leg) for a, b in zip(chain, chain[1:], strict=False) if a != b]


def _key(a: str, ctype: str, b: str) -> tuple[str, str, str]:
    if is_symmetric(ctype) and b < a:
        a, b = b, a
    return a, ctype, b


def _edge(edges: dict[tuple[str, str, str], Edge], a: str, ctype: str, b: str) -> Edge:
    key = _key(a, ctype, b)
    edge = edges.get(key)
    if edge is None:
        edge = edges[key] = Edge(key[0], ctype, key[2], is_symmetric(ctype))
    return edge


def _span(c: Claim) -> tuple[str | None, str | None]:
    return (c.time.start, c.time.end) if c.time else (None, None)


class SharedValues:
    """One object per distinct value across the statements of a build: the store decodes
    every claim's strings (type, status, dates, document, items) as new objects, which
    made most of a statement's ~1.6 kB; shared, a statement costs its own id and slots."""

    def __init__(self, texts: bool = True) -> None:
        self.texts = texts
        self._items: dict[tuple[Any, ...], ItemRef] = {}
        self._tuples: dict[tuple[str, ...], tuple[str, ...]] = {}
        self._sources: dict[tuple[str | None, str], str] = {}

    @staticmethod
    def text(value: str | None) -> str | None:
        return None if value is None else sys.intern(value)

    def strings(self, values: tuple[str, ...]) -> tuple[str, ...]:
        if not values:
            return ()
        return self._tuples.setdefault(values, values)

    def items(self, claim: Claim) -> tuple[ItemRef, ...]:
        if not claim.items:
            return ()
        refs = []
        for i in claim.items:
            key = (i.id, i.name, i.category, i.origin)
            ref = self._items.get(key)
            if ref is None:
                ref = self._items[key] = ItemRef(sys.intern(i.id), sys.intern(i.name),
                                                 self.text(i.category), self.text(i.origin))
            refs.append(ref)
        return tuple(refs)

    def source(self, publisher: str | None, doc: str) -> str:
        key = (publisher, doc)
        found = self._sources.get(key)
        if found is None:
            found = self._sources[key] = sys.intern(
                source_key(publisher_key(publisher) if publisher else None, doc))
        return found


def statement(stored: StoredClaim, publisher: str | None, merges: Merges,
              nodes: dict[str, Node], registry: Registry,
              shared: SharedValues | None = None) -> Statement:
    c = stored.claim
    shared = shared or SharedValues()
    text = shared.text

    def actor(entity: Entity) -> str:
        node_id = merges.canonical(entity.id)
        if node_id not in nodes:
            fields = node_fields(entity if node_id == entity.id else
                                 Entity(node_id, entity.name, entity.kind), registry)
            nodes[node_id] = Node(**fields)  # type: ignore[arg-type]
        return sys.intern(node_id)

    start, end = _span(c)
    doc = sys.intern(c.doc)
    return Statement(
        id=c.id, doc=doc, type=sys.intern(c.type), subject=actor(c.subject),
        object=actor(c.object) if c.object else None,
        via=tuple(actor(v) for v in c.via) if c.via else (), status=sys.intern(c.status),
        certainty=sys.intern(c.certainty), credibility=stored.credibility,
        reliability=sys.intern(stored.reliability), source=shared.source(publisher, doc),
        publisher=text(publisher), start=text(start), end=text(end),
        precision=text(c.time.precision) if c.time else None,
        time_text=c.time.text if c.time and shared.texts else None,
        items=shared.items(c), route=shared.strings(c.route),
        place=shared.strings(c.place), evidence=c.evidence.sentence if shared.texts else "",
        review_state=sys.intern(stored.review_state))
