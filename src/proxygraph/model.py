"""Frozen records shared by every layer: entities, time spans, quantities, claims, documents."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from proxygraph.errors import ValidationError
from proxygraph.ontology import ONTOLOGY


@dataclass(frozen=True)
class Entity:
    """A registry entry (resolved) or a descriptive participant (resolved=False)."""

    id: str
    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    resolved: bool = True
    qid: str | None = None
    affiliation: str | None = None  # registry id of the state a person/organ belongs to
    demonyms: tuple[str, ...] = ()
    category: str | None = None  # items only
    origin: str | None = None  # items only: registry id of the origin state
    # Registry ids of the states an actor is from or based in, main first. Registry only:
    # a stored claim's entity does not carry it, so it takes no part in equality.
    countries: tuple[str, ...] = field(default=(), compare=False)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "name": self.name,
            "aliases": list(self.aliases),
            "kind": self.kind,
            "resolved": self.resolved,
        }
        if self.qid:
            out["qid"] = self.qid
        if self.kind == "item":
            out["category"] = self.category
            out["origin"] = self.origin
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Entity:
        # a claim's party lists among its aliases the names the sentence wrote it with
        # ("as_written", see `Claim.written`): they are the claim's, not the entity's
        written = set(data.get("as_written") or ())
        return cls(
            id=str(data["id"]),
            name=str(data["name"]),
            kind=str(data.get("kind") or "collective"),
            aliases=tuple(a for a in data.get("aliases") or () if a not in written),
            resolved=bool(data.get("resolved", True)),
            qid=data.get("qid"),
            category=data.get("category"),
            origin=data.get("origin"),
        )


@dataclass(frozen=True)
class TimeSpan:
    text: str
    start: str | None  # ISO date
    end: str | None  # ISO date; None = open-ended
    precision: str  # day | month | year

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end,
                "precision": self.precision}

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> TimeSpan | None:
        if not data:
            return None
        return cls(data.get("text", ""), data.get("start"), data.get("end"),
                   data.get("precision", "year"))


@dataclass(frozen=True)
class Quantity:
    text: str
    value: float | tuple[float, float] | str
    unit: str | None = None
    rate: str | None = None

    def to_dict(self) -> dict[str, Any]:
        value = list(self.value) if isinstance(self.value, tuple) else self.value
        return {"text": self.text, "value": value, "unit": self.unit, "rate": self.rate}

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> Quantity | None:
        if not data:
            return None
        value = data.get("value")
        if isinstance(value, list):
            value = (float(value[0]), float(value[1]))
        return cls(data.get("text", ""), value, data.get("unit"), data.get("rate"))


@dataclass(frozen=True)
class Evidence:
    sentence: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"sentence": self.sentence, "start": self.start, "end": self.end}


@dataclass(frozen=True)
class Claim:
    """One statement in one document. Immutable; reviews are separate records."""

    id: str
    doc: str
    type: str
    subject: Entity
    object: Entity | None
    evidence: Evidence
    status: str = "occurred"
    certainty: str = "high"
    items: tuple[Entity, ...] = ()
    via: tuple[Entity, ...] = ()
    route: tuple[str, ...] = ()
    place: tuple[str, ...] = ()
    time: TimeSpan | None = None
    quantity: Quantity | None = None
    attribution: tuple[str, ...] = ()
    note: str | None = None
    extractor: dict[str, str] = field(default_factory=dict)
    ontology: str = ONTOLOGY.version
    # Names the sentence gives a party ("subject", "object") that the entity does not
    # list: "the militia", "Russian instructors". Exported among the party's aliases, as
    # the gold format lists a party's names as written, and under "as_written".
    written: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        validate_claim(self)

    def with_changes(self, **changes: Any) -> Claim:
        return replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "doc": self.doc,
            "type": self.type,
            "subject": _party(self.subject, self.written.get("subject", ())),
            "object": _party(self.object, self.written.get("object", ())) if self.object
            else None,
            "items": [i.to_dict() for i in self.items],
            "via": [v.to_dict() for v in self.via],
            "route": list(self.route),
            "place": list(self.place),
            "time": self.time.to_dict() if self.time else None,
            "quantity": self.quantity.to_dict() if self.quantity else None,
            "status": self.status,
            "certainty": self.certainty,
            "attribution": list(self.attribution),
            "note": self.note,
            "evidence": self.evidence.to_dict(),
            "extractor": dict(self.extractor),
            "ontology": self.ontology,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Claim:
        try:
            ev = data["evidence"]
            return cls(
                id=str(data["id"]),
                doc=str(data["doc"]),
                type=str(data["type"]),
                subject=Entity.from_dict(data["subject"]),
                object=Entity.from_dict(data["object"]) if data.get("object") else None,
                evidence=Evidence(str(ev["sentence"]), int(ev["start"]), int(ev["end"])),
                status=str(data.get("status", "occurred")),
                certainty=str(data.get("certainty", "high")),
                items=tuple(Entity.from_dict(i) for i in data.get("items") or ()),
                via=tuple(Entity.from_dict(v) for v in data.get("via") or ()),
                route=tuple(data.get("route") or ()),
                place=tuple(data.get("place") or ()),
                time=TimeSpan.from_dict(data.get("time")),
                quantity=Quantity.from_dict(data.get("quantity")),
                attribution=tuple(data.get("attribution") or ()),
                note=data.get("note"),
                extractor=dict(data.get("extractor") or {}),
                ontology=str(data.get("ontology", ONTOLOGY.version)),
                written={role: tuple(data[role]["as_written"]) for role in ("subject", "object")
                         if data.get(role) and data[role].get("as_written")},
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise ValidationError(f"malformed claim record: {exc}") from None


def _party(entity: Entity, written: tuple[str, ...]) -> dict[str, Any]:
    out = entity.to_dict()
    if written:
        out["aliases"] = [*out["aliases"], *written]
        out["as_written"] = list(written)
    return out


def validate_claim(claim: Claim) -> None:
    """Reject a claim the ontology does not allow."""
    if claim.type not in ONTOLOGY.claim_types:
        raise ValidationError(f"unknown claim type {claim.type!r}")
    ctype = ONTOLOGY.claim_types[claim.type]
    if ctype.object_required and claim.object is None:
        raise ValidationError(f"{claim.type} needs an object")
    if claim.status not in ONTOLOGY.statuses:
        raise ValidationError(f"unknown status {claim.status!r}")
    if claim.certainty not in ONTOLOGY.certainties:
        raise ValidationError(f"unknown certainty {claim.certainty!r}")
    if claim.items and "items" not in ctype.attributes:
        raise ValidationError(f"{claim.type} does not take items")
    if claim.time and claim.time.precision not in ONTOLOGY.time_precisions:
        raise ValidationError(f"unknown time precision {claim.time.precision!r}")


@dataclass(frozen=True)
class Document:
    """A report as ingested: clean text plus where it came from."""

    name: str
    text: str
    sha256: str
    media_type: str = "text/plain"
    title: str | None = None
    source_url: str | None = None
    publisher: str | None = None
    published: str | None = None
    language: str | None = None
    reliability: str = "F"
