"""Hand-built claims for the graph and analysis tests: in memory or in a SQLite store."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from proxygraph.graph import GraphFilter, graph_from_claims
from proxygraph.graph.model import Graph
from proxygraph.ids import content_hash, stable_id
from proxygraph.model import Claim, Document, Entity, Evidence, TimeSpan
from proxygraph.registry import default_registry
from proxygraph.store import SqlStore, StoredClaim


def actor(entity_id: str, kind: str = "armed_group") -> Entity:
    """A registry actor by id, or an invented one (its own bloc, no country)."""
    registry = default_registry()
    if entity_id in registry:
        known = registry.get(entity_id)
        return Entity(known.id, known.name, known.kind)
    return Entity(entity_id, entity_id.upper(), kind)


def item(entity_id: str) -> Entity:
    known = default_registry().get(entity_id)
    return Entity(known.id, known.name, "item", category=known.category, origin=known.origin)


def claim(doc: str, subject: str, obj: str | None, ctype: str = "ARMS_TRANSFER", *,
          status: str = "occurred", certainty: str = "high",
          time: tuple[str | None, str | None, str] | None = None, via: Sequence[str] = (),
          items: Sequence[str] = (), route: Sequence[str] = (), n: int = 0) -> Claim:
    sentence = f"{subject} {ctype} {obj} ({n})"
    return Claim(
        id=stable_id("clm", doc, subject, ctype, obj, status, n), doc=doc, type=ctype,
        subject=actor(subject), object=actor(obj) if obj else None,
        evidence=Evidence(sentence, 0, len(sentence)), status=status, certainty=certainty,
        time=TimeSpan("t", *time) if time else None, via=tuple(actor(v) for v in via),
        items=tuple(item(i) for i in items), route=tuple(route),
        extractor={"name": "test", "version": "1"})


def stored(c: Claim, *, credibility: int = 2, reliability: str = "C") -> StoredClaim:
    return StoredClaim(claim=c, state="active", review_state="unreviewed", origin="machine",
                       reliability=reliability, credibility=credibility,
                       credibility_override=None, supersedes=None, created_at="2024-01-01")


def graph_of(claims: Iterable[Claim], flt: GraphFilter | None = None,
             publishers: dict[str, str] | None = None) -> Graph:
    """A graph of claims in memory (doc -> publisher optional)."""
    return graph_from_claims([stored(c) for c in claims], flt, publishers=publishers or {})


def chain(*hops: tuple[str, str], ctype: str = "ARMS_TRANSFER", doc: str = "d1",
          **kw: object) -> list[Claim]:
    return [claim(doc, a, b, ctype, n=i, **kw) for i, (a, b) in enumerate(hops)]  # type: ignore[arg-type]


def add_doc(store: SqlStore, name: str, specs: Sequence[dict[str, object]], *,
            publisher: str | None = None, reliability: str = "C") -> list[Claim]:
    """Store one document whose claims are given as keyword dicts for `claim`."""
    text = f"report {name}"
    doc = Document(name=name, text=text, sha256=content_hash(text), publisher=publisher,
                   reliability=reliability)
    # like the extractor: a claim names its document by file name, the store by hash
    claims = [claim(doc.name, n=i, **spec) for i, spec in enumerate(specs)]  # type: ignore[arg-type]
    store.add_document(doc, claims, extractor_version="1")
    return claims
