"""The registry overlay kept in the store: added actors, aliases and merge judgements.

The packaged registry stays read-only; this module layers the user's judgements on it and
answers "which entity ids does this name stand for", following merges both ways, so a
query for a merged-away actor also finds the claims of the actor it was merged into.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, select, update

from proxygraph.errors import NotFoundError, ProxygraphError, ValidationError
from proxygraph.ids import stable_id
from proxygraph.model import Entity
from proxygraph.ontology import ONTOLOGY
from proxygraph.store.base import MergeRecord
from proxygraph.store.schema import merges, overlay_actors, overlay_aliases

_SPACE = re.compile(r"\s+")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})


def name_key(name: str) -> str:
    """The form names are compared in: casefolded, one space, one kind of apostrophe."""
    return _SPACE.sub(" ", name.translate(_APOSTROPHES)).strip().casefold()


def registry_entity(name: str) -> Entity | None:
    """The packaged registry's entry for a name or alias, if the registry knows it."""
    try:
        from proxygraph.registry import default_registry
    except ImportError:  # registry not installed in this build
        return None
    try:
        found = default_registry().lookup(name)
    except (ProxygraphError, LookupError):  # an unknown name is "no entity", not a failure
        return None
    return found if isinstance(found, Entity) else None


@dataclass(frozen=True)
class Overlay:
    """A snapshot of the overlay, read once per operation."""

    actors: dict[str, Entity]  # overlay id -> entity
    aliases: dict[str, set[str]]  # name key -> entity ids
    merged_into: dict[str, str]  # active merges: merged id -> id it was merged into

    @classmethod
    def load(cls, conn: Connection) -> Overlay:
        actors = {r.id: Entity(id=r.id, name=r.name, kind=r.kind, resolved=True)
                  for r in conn.execute(select(overlay_actors))}
        aliases: dict[str, set[str]] = {}
        for r in conn.execute(select(overlay_aliases.c.alias_key, overlay_aliases.c.entity_id)):
            aliases.setdefault(r.alias_key, set()).add(r.entity_id)
        active = select(merges.c.merged_id, merges.c.into_id).where(
            merges.c.undone_at.is_(None)).order_by(merges.c.id)
        merged_into = {r.merged_id: r.into_id for r in conn.execute(active)}
        return cls(actors, aliases, merged_into)

    def canonical(self, entity_id: str) -> str:
        seen = {entity_id}
        while entity_id in self.merged_into:
            entity_id = self.merged_into[entity_id]
            if entity_id in seen:  # cannot happen (merge refuses cycles); stay finite anyway
                break
            seen.add(entity_id)
        return entity_id

    def group(self, entity_id: str) -> set[str]:
        """Every id that stands for the same actor after merges."""
        root = self.canonical(entity_id)
        ids = set(self.merged_into) | set(self.merged_into.values())
        return {root} | {i for i in ids if self.canonical(i) == root}

    def entity(self, name: str) -> Entity | None:
        """The overlay's or the registry's entity for a name, alias or id."""
        key = name_key(name)
        ids = sorted(self.aliases.get(key, ()))
        if ids:
            return self.actors.get(ids[0]) or _registry_by_id(ids[0]) or Entity(
                id=ids[0], name=name, kind="collective")
        if name in self.actors:
            return self.actors[name]
        return registry_entity(name)

    def resolve(self, name: str) -> tuple[set[str], set[str]]:
        """Entity ids (through merges) and name keys a query for `name` should match.

        The name keys include every overlay alias of those ids, so a participant the
        extractor left unresolved ("Liwa Example") is found once a user aliases it.
        """
        ids: set[str] = {name}  # the text may itself be an entity id
        ids |= self.aliases.get(name_key(name), set())
        found = registry_entity(name)
        if found is not None:
            ids.add(found.id)
        for i in list(ids):
            ids |= self.group(i)
        keys = {name_key(name)} | {key for key, targets in self.aliases.items()
                                   if targets & ids}
        return ids, keys


def _registry_by_id(entity_id: str) -> Entity | None:
    try:
        from proxygraph.registry import default_registry
    except ImportError:
        return None
    getter: Any = getattr(default_registry(), "get", None)
    try:
        found = getter(entity_id) if getter else None
    except (ProxygraphError, LookupError):
        return None
    return found if isinstance(found, Entity) else None


def _require(overlay: Overlay, name: str) -> Entity:
    entity = overlay.entity(name)
    if entity is None:
        raise NotFoundError(f"no actor named {name!r} in the registry or the store")
    return entity


def add_actor(conn: Connection, name: str, kind: str, *, by: str | None, at: str,
              aliases: tuple[str, ...] = ()) -> Entity:
    if not name.strip():
        raise ValidationError("an actor needs a name")
    if kind not in ONTOLOGY.entity_kinds:
        raise ValidationError(f"unknown kind {kind!r} (expected one of "
                              f"{', '.join(sorted(ONTOLOGY.entity_kinds))})")
    overlay = Overlay.load(conn)
    existing = overlay.entity(name)
    if existing is not None:
        raise ValidationError(f"{name!r} is already known as {existing.name} ({existing.id}); "
                              "add an alias instead")
    entity_id = stable_id("ov", name_key(name))
    conn.execute(overlay_actors.insert().values(id=entity_id, name=name.strip(), kind=kind,
                                                created_by=by, created_at=at))
    for alias in (name, *aliases):
        _insert_alias(conn, alias, entity_id, by=by, at=at)
    return Entity(id=entity_id, name=name.strip(), kind=kind, aliases=tuple(aliases))


def add_alias(conn: Connection, actor: str, alias: str, *, by: str | None, at: str) -> Entity:
    if not alias.strip():
        raise ValidationError("an alias cannot be empty")
    overlay = Overlay.load(conn)
    entity = _require(overlay, actor)
    # One name, one actor: an alias that already names someone else would make every
    # query for it ambiguous. Two actors that are the same are merged, not co-aliased.
    other = overlay.entity(alias)
    if other is not None and other.id != entity.id:
        raise ValidationError(f"{alias!r} already names {other.name} ({other.id}); "
                              f"to say they are the same actor, merge them")
    _insert_alias(conn, alias, entity.id, by=by, at=at)
    return entity


def _insert_alias(conn: Connection, alias: str, entity_id: str, *, by: str | None,
                  at: str) -> None:
    key = name_key(alias)
    exists = conn.execute(select(overlay_aliases.c.alias_key).where(
        overlay_aliases.c.alias_key == key, overlay_aliases.c.entity_id == entity_id)).first()
    if exists is None:
        conn.execute(overlay_aliases.insert().values(alias_key=key, entity_id=entity_id,
                                                     alias=alias.strip(), created_by=by,
                                                     created_at=at))


def merge(conn: Connection, merged: str, into: str, *, by: str | None, at: str,
          note: str | None) -> MergeRecord:
    overlay = Overlay.load(conn)
    a, b = _require(overlay, merged), _require(overlay, into)
    if overlay.canonical(a.id) == overlay.canonical(b.id):
        raise ValidationError(f"{a.name} and {b.name} are already the same actor")
    if a.id in overlay.merged_into:
        raise ValidationError(f"{a.name} is already merged into {overlay.merged_into[a.id]}; "
                              "split it first")
    result = conn.execute(merges.insert().values(merged_id=a.id, into_id=b.id, created_by=by,
                                                 created_at=at, note=note))
    key = result.inserted_primary_key
    assert key is not None  # an INSERT always reports its new key
    return MergeRecord(id=int(key[0]), merged_id=a.id, into_id=b.id,
                       created_by=by, created_at=at, note=note)


def split(conn: Connection, merged: str, *, by: str | None, at: str,
          note: str | None) -> MergeRecord:
    """Undo the merge of `merged` (the row stays, marked undone, for the record)."""
    overlay = Overlay.load(conn)
    entity = _require(overlay, merged)
    row = conn.execute(select(merges).where(merges.c.merged_id == entity.id,
                                            merges.c.undone_at.is_(None))).first()
    if row is None:
        raise NotFoundError(f"{entity.name} is not merged into another actor")
    conn.execute(update(merges).where(merges.c.id == row.id).values(
        undone_by=by, undone_at=at, undo_note=note))
    return MergeRecord(id=row.id, merged_id=row.merged_id, into_id=row.into_id,
                       created_by=row.created_by, created_at=row.created_at, note=row.note,
                       undone_at=at, undone_by=by)


def merge_records(conn: Connection) -> list[MergeRecord]:
    return [MergeRecord(id=r.id, merged_id=r.merged_id, into_id=r.into_id,
                        created_by=r.created_by, created_at=r.created_at, note=r.note,
                        undone_at=r.undone_at, undone_by=r.undone_by)
            for r in conn.execute(select(merges).order_by(merges.c.id))]
