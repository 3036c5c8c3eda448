"""STIX 2.1 export (OpenCTI, MISP): a bundle of actors, items, reports and relationships.

Every object is built and validated by the `stix2` library, then written as the claims
stream from the store (the bundle never sits in memory: `{"objects": [` is written
first and each object as it is made). Ids are UUIDv5 of our own ids under a fixed
namespace, so exporting the same store again gives the same ids.

Mapping (also in docs/data-dictionary.md):

- actors by kind: state and organization -> `identity` (identity_class organization;
  a state's sector government-national), person -> `identity` (individual),
  state_organ -> `threat-actor` (nation-state, resource level government), armed_group
  and pmc -> `threat-actor` (resource level organization); an unresolved participant
  ("Syrian fighters", a name no registry knows) -> `intrusion-set`, STIX's object for
  activity whose actor is not identified; any other kind -> `identity` (unknown).
- items: weapon systems (every category but other) -> `tool`; other materiel and
  commodities (category other) -> `infrastructure`; both with `x_proxygraph_category`
  and `x_proxygraph_origin`.
- documents -> `report` (published: the document's date, else when it was stored),
  listing the objects of its claims.
- claims -> `relationship` from subject to object, typed by `RELATIONSHIP_TYPES`; a
  claim with no object (PRODUCTION for no one) relates the producer to its first item,
  or with no item either becomes a `note` on the producer.
- certainty -> confidence on the STIX High/Medium/Low scale (85/50/15); time ->
  start_time/stop_time (stop_time is the day after the last day: STIX's stop is
  exclusive); the evidence sentence -> description (prefixed "[denied] " etc. when the
  status is not "occurred"); the document -> external_references (publisher, url,
  content hash); the rest -> `x_proxygraph_*` properties.
"""

from __future__ import annotations

import contextlib
import json
import uuid
from datetime import date, timedelta
from pathlib import Path
from typing import IO, Any

from proxygraph.errors import ValidationError
from proxygraph.export.files import atomic_file
from proxygraph.export.source import DocumentRef, ExportSource
from proxygraph.graph.actors import node_fields
from proxygraph.model import Claim, Entity
from proxygraph.ontology import ONTOLOGY
from proxygraph.registry import Registry, default_registry
from proxygraph.store import StoredClaim
from proxygraph.store.base import period

NAMESPACE = uuid.UUID("5c1f6c2e-7d1a-5b8e-9f0a-70726f787967")  # fixed: ids must not change
EPOCH = "2024-01-01T00:00:00.000Z"  # created/modified of registry-made objects
RELATIONSHIP_TYPES = {
    "SUPPORT": "supports",
    "ARMS_TRANSFER": "transfers-arms-to",
    "TRAINING": "trains",
    "FUNDING": "funds",
    "RECRUITMENT": "recruits",
    "INTELLIGENCE": "provides-intelligence-to",
    "PRODUCTION": "produces-for",
    "TRADE": "trades-with",
    "AGREEMENT": "has-agreement-with",
    "COORDINATION": "coordinates-with",
    "CONTACT": "in-contact-with",
    "DEMAND": "makes-demand-of",
    "CLASH": "targets",
    "INTEGRATION": "integrates-into",
}
PRODUCES_ITEM = "produces"  # PRODUCTION with no object: producer -> item
CONFIDENCE = {"high": 85, "medium": 50, "low": 15}  # STIX 2.1 appendix: High/Med/Low
WEAPON_CATEGORIES = frozenset(ONTOLOGY.item_categories) - {"other"}
_THREAT_ACTORS = {"state_organ": ("government", ["nation-state"]),
                  "armed_group": ("organization", None), "pmc": ("organization", None)}

assert set(RELATIONSHIP_TYPES) == set(ONTOLOGY.claim_types), "map every claim type"


def stix_id(kind: str, key: str) -> str:
    return f"{kind}--{uuid.uuid5(NAMESPACE, f'{kind}:{key}')}"


def _timestamp(value: str) -> str:
    """A stored time (ISO 8601 with Z) or a date as a STIX timestamp."""
    if len(value) == 10:
        return f"{value}T00:00:00Z"
    return value


def _clean(props: dict[str, Any]) -> dict[str, Any]:
    """STIX forbids empty lists and strings: leave such properties out."""
    return {k: v for k, v in props.items() if v not in (None, "", [], ())}


class StixWriter:
    """Writes one bundle; remembers which actors, items and reports it has written."""

    def __init__(self, out: IO[str], registry: Registry | None = None) -> None:
        import stix2

        self.stix2 = stix2
        self.out = out
        self.registry = registry or default_registry()
        self.written: set[str] = set()
        self.counts: dict[str, int] = {}
        # document -> the ids of its claims' objects, as 16-byte UUIDs (compact)
        self.by_document: dict[str, bytearray] = {}
        self.creator = stix_id("identity", "proxygraph")
        self._first = True

    # --- writing ----------------------------------------------------------------------

    def emit(self, obj: Any) -> str:
        self.out.write(("" if self._first else ",\n") + obj.serialize())
        self._first = False
        self.counts[obj.type] = self.counts.get(obj.type, 0) + 1
        return str(obj.id)

    def begin(self, bundle_key: str) -> None:
        self.out.write(f'{{"type": "bundle", "id": "{stix_id("bundle", bundle_key)}", '
                       '"objects": [\n')
        self.emit(self.stix2.v21.Identity(
            id=self.creator, name="proxygraph", identity_class="system", created=EPOCH,
            modified=EPOCH, description="claims about state sponsors and armed proxies, "
            "extracted from open reporting"))

    def end(self) -> None:
        self.out.write("\n]}\n")

    def _common(self, created: str) -> dict[str, Any]:
        return {"created": created, "modified": created, "created_by_ref": self.creator,
                "allow_custom": True}

    # --- actors and items -------------------------------------------------------------

    def actor(self, entity: Entity, canonical: str) -> str:
        """The STIX id of an actor (after merges), writing its object the first time."""
        fields = node_fields(entity if canonical == entity.id else
                             Entity(canonical, entity.name, entity.kind, resolved=entity.resolved),
                             self.registry)
        kind, resolved = str(fields["kind"]), bool(fields["resolved"])
        stix_type = ("intrusion-set" if not resolved else
                     "threat-actor" if kind in _THREAT_ACTORS else "identity")
        oid = stix_id(stix_type, canonical)
        if oid in self.written:
            return oid
        known = self.registry.get(canonical) if canonical in self.registry else None
        props = _clean({
            "id": oid, "name": fields["name"], **self._common(EPOCH),
            "aliases": [a for a in (known.aliases if known else entity.aliases)
                        if a != fields["name"]] if stix_type != "identity" else None,
            "external_references": [{"source_name": "wikidata", "external_id": known.qid,
                                     "url": f"https://www.wikidata.org/wiki/{known.qid}"}]
            if known and known.qid else None,
            "x_proxygraph_id": canonical, "x_proxygraph_kind": kind,
            "x_proxygraph_country": fields["country"], "x_proxygraph_resolved": resolved,
        })
        v21 = self.stix2.v21
        if stix_type == "intrusion-set":
            obj = v21.IntrusionSet(**props, description="a participant no registry names; "
                                   "its actor is not identified")
        elif stix_type == "threat-actor":
            level, types = _THREAT_ACTORS[kind]
            obj = v21.ThreatActor(**props, resource_level=level,
                                  **({"threat_actor_types": types} if types else {}))
        else:
            cls = {"person": "individual", "state": "organization",
                   "organization": "organization"}.get(kind, "unknown")
            obj = v21.Identity(**props, identity_class=cls,
                               **({"sectors": ["government-national"]} if kind == "state"
                                  else {}))
        self.written.add(oid)
        return self.emit(obj)

    def item(self, entity: Entity) -> str:
        weapon = entity.category in WEAPON_CATEGORIES or entity.category is None
        stix_type = "tool" if weapon else "infrastructure"
        oid = stix_id(stix_type, entity.id)
        if oid in self.written:
            return oid
        props = _clean({
            "id": oid, "name": entity.name, **self._common(EPOCH),
            "aliases": [a for a in entity.aliases if a != entity.name],
            "x_proxygraph_id": entity.id, "x_proxygraph_category": entity.category,
            "x_proxygraph_origin": entity.origin, "x_proxygraph_resolved": entity.resolved,
        })
        v21 = self.stix2.v21
        obj = (v21.Tool(**props, tool_types=["unknown"]) if weapon else
               v21.Infrastructure(**props, infrastructure_types=["unknown"]))
        self.written.add(oid)
        return self.emit(obj)

    # --- claims and documents ---------------------------------------------------------

    def claim(self, stored: StoredClaim, doc: DocumentRef | None, canonical: Any) -> str:
        c = stored.claim
        source = self.actor(c.subject, canonical(c.subject.id))
        items = [self.item(i) for i in c.items]
        via = [self.actor(v, canonical(v.id)) for v in c.via]
        target = self.actor(c.object, canonical(c.object.id)) if c.object else None
        rel_type = RELATIONSHIP_TYPES[c.type]
        if target is None and items:
            target, rel_type = items[0], PRODUCES_ITEM
        props = _clean({
            **self._common(_timestamp(stored.created_at)),
            "description": _description(c),
            "confidence": CONFIDENCE[c.certainty],
            "external_references": [_reference(stored, doc)],
            "x_proxygraph_claim_id": c.id, "x_proxygraph_type": c.type,
            "x_proxygraph_status": c.status, "x_proxygraph_certainty": c.certainty,
            "x_proxygraph_reliability": stored.reliability,
            "x_proxygraph_credibility": stored.credibility,
            "x_proxygraph_review_state": stored.review_state,
            "x_proxygraph_symmetric": ONTOLOGY.is_symmetric(c.type),
            "x_proxygraph_item_refs": items, "x_proxygraph_items": [i.name for i in c.items],
            "x_proxygraph_via_refs": via, "x_proxygraph_via": [v.name for v in c.via],
            "x_proxygraph_route": list(c.route), "x_proxygraph_place": list(c.place),
            "x_proxygraph_quantity": c.quantity.text if c.quantity else None,
            "x_proxygraph_attribution": list(c.attribution), "x_proxygraph_note": c.note,
            "x_proxygraph_time_text": c.time.text if c.time else None,
            "x_proxygraph_time_precision": c.time.precision if c.time else None,
            "x_proxygraph_document": stored.document,
            "x_proxygraph_extractor_version": str(c.extractor.get("version", "")),
        })
        v21 = self.stix2.v21
        if target is None:
            oid = self.emit(v21.Note(id=stix_id("note", c.id), object_refs=[source],
                                     abstract=f"{c.type}: {c.subject.name}",
                                     content=c.evidence.sentence or c.type, **{
                                         k: v for k, v in props.items()
                                         if k not in ("description", "confidence")}))
        else:
            oid = self.emit(v21.Relationship(
                id=stix_id("relationship", c.id), relationship_type=rel_type,
                source_ref=source, target_ref=target, **_times(c), **props))
        if stored.document:
            refs = self.by_document.setdefault(stored.document, bytearray())
            for ref in (oid, source, *([target] if target else [])):
                refs += uuid.UUID(ref.split("--", 1)[1]).bytes + _TYPE_CODE[ref.split("--")[0]]
        return oid

    def reports(self, documents: dict[str, DocumentRef]) -> None:
        for sha, packed in sorted(self.by_document.items()):
            doc = documents.get(sha)
            refs = list(dict.fromkeys(
                f"{_TYPE_NAME[packed[i + 16]]}--{uuid.UUID(bytes=bytes(packed[i:i + 16]))}"
                for i in range(0, len(packed), 17)))
            created = _timestamp(doc.ingested_at) if doc else EPOCH
            self.emit(self.stix2.v21.Report(**_clean({
                "id": stix_id("report", sha), **self._common(created),
                "name": doc.label if doc else sha, "report_types": ["threat-report"],
                "published": _published(doc) or created, "object_refs": refs,
                "description": f"published by {doc.publisher}" if doc and doc.publisher
                else None,
                "external_references": [_document_reference(sha, doc)],
                "x_proxygraph_sha256": sha,
                "x_proxygraph_publisher": doc.publisher if doc else None,
                "x_proxygraph_reliability": doc.reliability if doc else None,
            })))


_TYPE_NAMES = ("relationship", "note", "identity", "threat-actor", "intrusion-set", "tool",
               "infrastructure")
_TYPE_CODE = {name: bytes([i]) for i, name in enumerate(_TYPE_NAMES)}
_TYPE_NAME = dict(enumerate(_TYPE_NAMES))


def _description(c: Claim) -> str:
    prefix = "" if c.status == "occurred" else f"[{c.status}] "
    return prefix + (c.evidence.sentence or f"{c.type} {c.subject.name}")


def _times(c: Claim) -> dict[str, str]:
    if c.time is None:
        return {}
    out = {}
    if c.time.start:
        out["start_time"] = _timestamp(c.time.start)
    if c.time.end:
        # An end STIX cannot say is left out; the span stays in x_proxygraph_time_text.
        with contextlib.suppress(ValueError, OverflowError):
            out["stop_time"] = _timestamp(
                (date.fromisoformat(c.time.end) + timedelta(days=1)).isoformat())
    return out


def _published(doc: DocumentRef | None) -> str | None:
    if doc is None or not doc.published:
        return None
    try:
        return _timestamp(period(doc.published)[0])
    except ValidationError:
        return None


def _document_reference(sha: str, doc: DocumentRef | None) -> dict[str, str]:
    ref = {"source_name": (doc.publisher if doc and doc.publisher else "proxygraph document"),
           "external_id": sha}
    if doc is not None:
        ref["description"] = doc.label
        if doc.source_url:
            ref["url"] = doc.source_url
    return ref


def _reference(stored: StoredClaim, doc: DocumentRef | None) -> dict[str, str]:
    return _document_reference(stored.document or stored.claim.doc, doc)


def write_stix(source: ExportSource, path: Path) -> dict[str, int]:
    with atomic_file(path) as out:
        writer = StixWriter(out)
        writer.begin(json.dumps(source.selection.to_dict(), sort_keys=True, default=str))
        claims = 0
        for stored in source.claims():
            writer.claim(stored, source.document(stored), source.merges.canonical)
            claims += 1
        writer.reports(source.documents)
        writer.end()
    return {"claims": claims, "objects": sum(writer.counts.values()), **writer.counts}
