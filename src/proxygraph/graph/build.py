"""Build a `Graph` on read: claims from the store (or given), statements, then edges.

`build_graph(store, flt)` asks the store for the claims that match; `graph_from_claims`
does the rest on claims already in hand (tests, exporters); `assemble` turns statements
into edges and is what a what-if analysis re-runs on a reduced set of statements.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from proxygraph.credibility import source_key
from proxygraph.graph.actors import Merges, node_fields, publisher_key
from proxygraph.graph.filters import GraphFilter
from proxygraph.graph.model import Edge, Graph, ItemRef, Node, Statement, is_symmetric
from proxygraph.model import Claim, Entity
from proxygraph.registry import Registry, default_registry
from proxygraph.store import ClaimStore, StoredClaim


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


def graph_from_claims(claims: Iterable[StoredClaim], flt: GraphFilter | None = None, *,
                      publishers: Mapping[str, str | None] | None = None,
                      merges: Merges | None = None,
                      registry: Registry | None = None) -> Graph:
    flt = flt or GraphFilter()
    registry = registry or default_registry()
    merges = merges or Merges({})
    publishers = publishers or {}
    nodes: dict[str, Node] = {}
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
        statements.append(statement(stored, publisher, merges, nodes, registry))
    return assemble(statements, nodes, flt)


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
                edge.via_legs.add(st.id)
    disputed = []
    for st in denials:
        key = _key(st.subject, st.type, st.object)  # type: ignore[arg-type]
        if key in edges:
            edges[key].denials.append(st)
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


def statement(stored: StoredClaim, publisher: str | None, merges: Merges,
              nodes: dict[str, Node], registry: Registry) -> Statement:
    c = stored.claim

    def actor(entity: Entity) -> str:
        node_id = merges.canonical(entity.id)
        if node_id not in nodes:
            fields = node_fields(entity if node_id == entity.id else
                                 Entity(node_id, entity.name, entity.kind), registry)
            nodes[node_id] = Node(**fields)  # type: ignore[arg-type]
        return node_id

    start, end = _span(c)
    return Statement(
        id=c.id, doc=c.doc, type=c.type, subject=actor(c.subject),
        object=actor(c.object) if c.object else None,
        via=tuple(actor(v) for v in c.via), status=c.status, certainty=c.certainty,
        credibility=stored.credibility, reliability=stored.reliability,
        source=source_key(publisher_key(publisher) if publisher else None, c.doc),
        publisher=publisher, start=start, end=end,
        precision=c.time.precision if c.time else None,
        time_text=c.time.text if c.time else None,
        items=tuple(ItemRef(i.id, i.name, i.category, i.origin) for i in c.items),
        route=c.route, place=c.place, evidence=c.evidence.sentence,
        review_state=stored.review_state)
