"""Who the nodes are: registry kind, country and bloc; merges; names typed by a user."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass

from proxygraph.errors import NotFoundError
from proxygraph.model import Entity
from proxygraph.registry import Registry, default_registry, normalize
from proxygraph.store import ClaimStore, MergeRecord

_SPACE = re.compile(r"\s+")


def publisher_key(name: str) -> str:
    """Publisher names compared as the store grades sources: casefolded, one space."""
    return _SPACE.sub(" ", name.replace("\u2019", "'")).strip().casefold()


@dataclass(frozen=True)
class Merges:
    """Active merge judgements: merged id -> the id it now stands for."""

    into: dict[str, str]

    @classmethod
    def from_records(cls, records: Iterable[MergeRecord]) -> Merges:
        active = sorted((r for r in records if r.undone_at is None), key=lambda r: r.id)
        return cls({r.merged_id: r.into_id for r in active})

    def canonical(self, entity_id: str) -> str:
        seen = {entity_id}
        while entity_id in self.into:
            entity_id = self.into[entity_id]
            if entity_id in seen:  # merges refuse cycles; stay finite anyway
                break
            seen.add(entity_id)
        return entity_id


def affiliation_chain(entity_id: str, registry: Registry) -> list[str]:
    """The entity and what it belongs to, upwards: Radwan Force, Hezbollah."""
    chain = [entity_id]
    while chain[-1] in registry:
        parent = registry.get(chain[-1]).affiliation
        if not parent or parent in chain:
            break
        chain.append(parent)
    return chain


def country_and_bloc(entity_id: str, registry: Registry) -> tuple[str | None, str]:
    chain = affiliation_chain(entity_id, registry)
    states = [c for c in chain if c in registry and registry.get(c).kind == "state"]
    return (states[0] if states else None), chain[-1]


def node_fields(entity: Entity, registry: Registry | None = None) -> dict[str, object]:
    """Name and kind from the registry when it knows the id, else as the claim gave them."""
    registry = registry or default_registry()
    if entity.id in registry:
        known = registry.get(entity.id)
        name, kind, resolved = known.name, known.kind, True
    else:
        name, kind, resolved = entity.name, entity.kind, entity.resolved
    country, bloc = country_and_bloc(entity.id, registry)
    if country is None and kind == "state":  # a state the registry lacks (overlay, import)
        country = entity.id
    return {"id": entity.id, "name": name, "kind": kind, "country": country, "bloc": bloc,
            "resolved": resolved}


def resolve_name(name: str, store: ClaimStore, merges: Merges,
                 known: dict[str, str] | None = None) -> str:
    """The node id a user means by `name` (registry, store overlay, merges, or the name of
    a node in the graph). Unknown: NotFoundError naming the closest registry actors."""
    entity = store.resolve_actor(name)
    if entity is not None:
        return merges.canonical(entity.id)
    key = normalize(name)
    for node_id, node_name in (known or {}).items():
        if normalize(node_name) == key or node_id == name:
            return merges.canonical(node_id)
    raise NotFoundError(f"no actor named {name!r}{suggestions(name, known)}")


def suggestions(name: str, known: dict[str, str] | None = None) -> str:
    """ " (closest: A, B, C)": registry matches, most similar spelling first."""
    key = normalize(name)

    def likeness(entity: Entity) -> float:
        forms = (entity.name, *entity.aliases)
        return max(difflib.SequenceMatcher(None, key, normalize(f)).ratio() for f in forms)

    found = default_registry().search(name, kind="actor", limit=10)
    close = [e.name for e in sorted(found, key=lambda e: (-likeness(e), e.name))][:3]
    if len(close) < 3 and known:
        close += [n for n in sorted(known.values())
                  if key and key in normalize(n) and n not in close][:3 - len(close)]
    return f" (closest: {', '.join(close)})" if close else ""
