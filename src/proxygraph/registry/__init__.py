"""The actor/item registry: canonical entities and their aliases, loaded from packaged YAML.

Every name, alias and demonym is indexed under its `normalize`d form, so lookups are
dictionary hits that ignore case, accents, apostrophes and punctuation.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from proxygraph.errors import NotFoundError, ValidationError
from proxygraph.model import Entity
from proxygraph.ontology import ONTOLOGY

__all__ = ["Registry", "default_registry", "normalize"]

# Apostrophes and quotes are deleted, not spaced, so "Kata'ib" and "Kataib" agree.
_QUOTES = dict.fromkeys(map(ord, "'\u2019\u2018\u02bc\u02bb\u201b\u2032`\u00b4\"\u201c\u201d"))
# Letters that NFKD does not decompose into a base letter plus an accent.
_FOLD = str.maketrans({"ı": "i", "ł": "l", "ø": "o", "đ": "d", "ð": "d", "æ": "ae",
                       "œ": "oe", "ß": "ss", "þ": "th"})
_NON_WORD = re.compile(r"[\W_]+")
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_QID = re.compile(r"^Q[1-9][0-9]*$")

_ACTOR_FIELDS = {"id", "name", "kind", "aliases", "demonyms", "affiliation", "countries", "qid",
                 "ambiguous"}
_ITEM_FIELDS = {"id", "name", "category", "origin", "aliases", "generic", "qid", "ambiguous"}
_FUZZY_CUTOFF = 0.8
# A home country, or the few a regional group is rooted in: more would blur rule 17.
_MAX_COUNTRIES = 3


def normalize(text: str) -> str:
    """Fold a surface form to its matching key: "Liwa’ al-Quds" -> "liwa al quds"."""
    # Compatibility forms (𝓐, ﬁ) fold before casefold; casefold may emit accents (İ).
    s = unicodedata.normalize("NFKD", text.translate(_QUOTES)).casefold()
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.translate(_FOLD).translate(_QUOTES)
    s = _NON_WORD.sub(" ", s).strip()
    if s.startswith("the "):
        s = s[4:]
    return s


def _variants(key: str) -> list[str]:
    """The key, then the key read as a plural or possessive of a shorter alias.

    Apostrophes are already gone, so "Hezbollah's" arrives as "hezbollahs".
    """
    out = [key]
    if key.endswith("ies") and len(key) > 4:
        out.append(key[:-3] + "y")
    if key.endswith("es") and len(key) > 4:
        out.append(key[:-2])
    if key.endswith("s") and len(key) > 2:
        out.append(key[:-1])
    return out


class Registry:
    """Actors and items with O(1) alias lookup. Build with `load`, `from_yaml` or
    `from_records`; every constructor validates the data first."""

    def __init__(self, actors: Iterable[Mapping[str, Any]],
                 items: Iterable[Mapping[str, Any]], source: str = "registry") -> None:
        errors: list[str] = []
        self._actors: list[Entity] = []
        self._items: list[Entity] = []
        self._by_id: dict[str, Entity] = {}
        self._generic: set[str] = set()
        ambiguous_ok: dict[str, set[str]] = {}  # entity id -> normalized forms it may share

        for label, given, build in (("actors", actors, self._actor),
                                    ("items", items, self._item)):
            # A YAML mapping or scalar at top level is a malformed file, not a list.
            if isinstance(given, Mapping | str | bytes) or not isinstance(given, Iterable):
                raise ValidationError(f"{source} {label}: expected a list of entries")
            recs = list(given)
            for n, rec in enumerate(recs, 1):
                where = f"{source} {label} entry {n}"
                if not isinstance(rec, Mapping):
                    errors.append(f"{where}: expected a mapping")
                    continue
                if isinstance(rec.get("id"), str):
                    where = f"{source} {label} entry {rec['id']!r}"
                try:
                    ent, generic, shared = build(rec)
                except ValidationError as exc:
                    errors.append(f"{where}: {exc}")
                    continue
                if ent.id in self._by_id:
                    errors.append(f"{where}: duplicate id {ent.id!r}")
                    continue
                self._by_id[ent.id] = ent
                (self._items if ent.kind == "item" else self._actors).append(ent)
                if generic:
                    self._generic.add(ent.id)
                ambiguous_ok[ent.id] = shared

        errors += self._check_references()
        self._alias: dict[str, Entity] = {}
        self._shared: dict[str, list[Entity]] = {}  # deliberately ambiguous forms
        self._demonym: dict[str, Entity] = {}
        self._surface: list[tuple[str, Entity]] = []
        errors += self._index(ambiguous_ok)
        if errors:
            shown = "; ".join(errors[:10])
            more = f" (and {len(errors) - 10} more)" if len(errors) > 10 else ""
            raise ValidationError(f"invalid registry data: {shown}{more}")

        # Search keys: every normalized name, alias and demonym, plus the id.
        keys: dict[str, list[Entity]] = {}
        for ent in self._by_id.values():
            forms = {normalize(f) for f in (ent.name, *ent.aliases, *ent.demonyms)}
            forms.add(normalize(ent.id))
            for form in forms:
                keys.setdefault(form, []).append(ent)
        self._search_keys = keys
        self._key_list = sorted(keys)

    # ------------------------------------------------------------------ building
    @staticmethod
    def _common(rec: Mapping[str, Any], allowed: set[str]) -> tuple[str, str, tuple[str, ...],
                                                                    str | None, set[str]]:
        unknown = set(rec) - allowed
        if unknown:
            raise ValidationError(f"unknown field(s) {', '.join(sorted(unknown))}")
        ent_id, name = rec.get("id"), rec.get("name")
        if not isinstance(ent_id, str) or not _SLUG.match(ent_id):
            raise ValidationError(f"id must be a lowercase slug, got {ent_id!r}")
        if not isinstance(name, str) or not normalize(name):
            raise ValidationError(f"name must be a non-empty string, got {name!r}")
        aliases = _strings(rec.get("aliases"), "aliases")
        shared = _strings(rec.get("ambiguous"), "ambiguous")
        qid = rec.get("qid")
        if qid is not None and (not isinstance(qid, str) or not _QID.match(qid)):
            raise ValidationError(f"qid must look like Q123, got {qid!r}")
        # Ambiguous forms are surface forms of the entry too.
        surface = _dedupe(name, (*aliases, *shared))
        return ent_id, name, surface, qid, {normalize(s) for s in shared}

    def _actor(self, rec: Mapping[str, Any]) -> tuple[Entity, bool, set[str]]:
        ent_id, name, aliases, qid, shared = self._common(rec, _ACTOR_FIELDS)
        kind = rec.get("kind")
        if kind not in ONTOLOGY.entity_kinds or kind == "item":
            raise ValidationError(f"kind {kind!r} is not an ontology actor kind")
        demonyms = _strings(rec.get("demonyms"), "demonyms")
        if demonyms and kind != "state":
            raise ValidationError("only states have demonyms")
        affiliation = rec.get("affiliation")
        if affiliation is not None and not isinstance(affiliation, str):
            raise ValidationError(f"affiliation must be an id, got {affiliation!r}")
        countries = _strings(rec.get("countries"), "countries")
        if len(set(countries)) != len(countries):
            raise ValidationError(f"countries lists a state twice: {list(countries)!r}")
        if len(countries) > _MAX_COUNTRIES:
            raise ValidationError(f"countries takes at most {_MAX_COUNTRIES} states, the main "
                                  f"first; got {len(countries)}")
        ent = Entity(id=ent_id, name=name, kind=kind, aliases=aliases, qid=qid,
                     affiliation=affiliation, demonyms=demonyms, countries=countries)
        return ent, False, shared

    def _item(self, rec: Mapping[str, Any]) -> tuple[Entity, bool, set[str]]:
        ent_id, name, aliases, qid, shared = self._common(rec, _ITEM_FIELDS)
        category = rec.get("category")
        if category not in ONTOLOGY.item_categories:
            raise ValidationError(f"category {category!r} is not an ontology item category")
        origin = rec.get("origin")
        if origin is not None and not isinstance(origin, str):
            raise ValidationError(f"origin must be a state id or null, got {origin!r}")
        generic = rec.get("generic", False)
        if not isinstance(generic, bool):
            raise ValidationError(f"generic must be true or false, got {generic!r}")
        if generic and origin is not None:
            raise ValidationError("a generic item takes its origin from the text; "
                                  "origin must be null")
        ent = Entity(id=ent_id, name=name, kind="item", aliases=aliases, qid=qid,
                     category=category, origin=origin)
        return ent, generic, shared

    def _check_references(self) -> list[str]:
        errors = []
        for ent in self._by_id.values():
            if ent.affiliation is not None:
                target = self._by_id.get(ent.affiliation)
                if target is None or target.kind == "item":
                    errors.append(f"{ent.id}: affiliation {ent.affiliation!r} is not an actor id")
                elif ent.kind == "state_organ" and target.kind != "state":
                    errors.append(f"{ent.id}: a state organ's affiliation must be a state")
            for country in ent.countries:
                target = self._by_id.get(country)
                if target is None or target.kind != "state":
                    errors.append(f"{ent.id}: countries entry {country!r} is not a state id")
            if ent.origin is not None:
                target = self._by_id.get(ent.origin)
                if target is None or target.kind != "state":
                    errors.append(f"{ent.id}: origin {ent.origin!r} is not a state id")
        return errors

    def _index(self, ambiguous_ok: dict[str, set[str]]) -> list[str]:
        errors: list[str] = []
        owners: dict[str, list[tuple[str, Entity]]] = {}
        for ent in self._by_id.values():
            seen: set[str] = set()
            for form in (ent.name, *ent.aliases):
                key = normalize(form)
                if not key:
                    errors.append(f"{ent.id}: alias {form!r} has no letters or digits")
                    continue
                self._surface.append((form, ent))
                if key not in seen:
                    seen.add(key)
                    owners.setdefault(key, []).append((form, ent))
            for form in ent.demonyms:
                key = normalize(form)
                other = self._demonym.get(key)
                if other is not None and other.id != ent.id:
                    errors.append(f"demonym {form!r} is claimed by both {other.id!r} "
                                  f"and {ent.id!r}")
                self._demonym[key] = ent
        for key, claims in owners.items():
            if len(claims) == 1:
                self._alias[key] = claims[0][1]
            elif all(key in ambiguous_ok[e.id] for _, e in claims):
                self._shared[key] = [e for _, e in claims]
            else:
                who = ", ".join(f"{e.id!r} ({form!r})" for form, e in claims)
                errors.append(f"duplicate alias {key!r} in {who}; list it under `ambiguous` "
                              "in every entry if the sharing is deliberate")
        return errors

    # ------------------------------------------------------------------ loading
    @classmethod
    def load(cls, actors_path: str | Path | None = None,
             items_path: str | Path | None = None) -> Registry:
        """Read the packaged YAML, or the given files (for tests and local edits)."""
        pkg = resources.files(__package__)
        actors_text = (Path(actors_path).read_text("utf-8") if actors_path
                       else pkg.joinpath("actors.yaml").read_text("utf-8"))
        items_text = (Path(items_path).read_text("utf-8") if items_path
                      else pkg.joinpath("items.yaml").read_text("utf-8"))
        return cls.from_yaml(actors_text, items_text,
                             source=str(actors_path or "packaged registry"))

    @classmethod
    def from_yaml(cls, actors_text: str, items_text: str = "[]",
                  source: str = "registry") -> Registry:
        try:
            actors = yaml.safe_load(actors_text) or []
            items = yaml.safe_load(items_text) or []
        except yaml.YAMLError as exc:
            raise ValidationError(f"{source}: not valid YAML: {exc}") from None
        return cls(actors, items, source=source)

    @classmethod
    def from_records(cls, actors: Iterable[Mapping[str, Any]],
                     items: Iterable[Mapping[str, Any]] = ()) -> Registry:
        return cls(actors, items)

    # ------------------------------------------------------------------ queries
    @property
    def actors(self) -> list[Entity]:
        return list(self._actors)

    @property
    def items(self) -> list[Entity]:
        return list(self._items)

    def __len__(self) -> int:
        return len(self._by_id)

    def __contains__(self, entity_id: object) -> bool:
        return entity_id in self._by_id

    def get(self, entity_id: str) -> Entity:
        try:
            return self._by_id[entity_id]
        except KeyError:
            raise NotFoundError(f"no registry entry with id {entity_id!r}") from None

    def affiliate(self, entity: Entity) -> Entity | None:
        """The entry of the body an entity belongs to (a person's group or state, an
        organ's state), or None when it names none the registry has."""
        return self._by_id.get(entity.affiliation) if entity.affiliation else None

    def is_generic_item(self, entity_id: str) -> bool:
        return entity_id in self._generic

    def lookup(self, text: str) -> Entity | None:
        """The entry whose name or alias equals `text` after normalization, or None.

        A trailing plural or possessive "s" is tolerated; shared aliases give None.
        """
        return self._lookup(text, None)

    def lookup_actor(self, text: str) -> Entity | None:
        return self._lookup(text, lambda e: e.kind != "item")

    def lookup_item(self, text: str) -> Entity | None:
        return self._lookup(text, lambda e: e.kind == "item")

    def _lookup(self, text: str, want: Callable[[Entity], bool] | None) -> Entity | None:
        for key in _variants(normalize(text)):
            ent = self._alias.get(key)
            if ent is not None and (want is None or want(ent)):
                return ent
        return None

    def demonym(self, word: str) -> Entity | None:
        """The state a demonym stands for: "Iranian", "Iranians", "Iranian-" -> Iran."""
        for key in _variants(normalize(word)):
            ent = self._demonym.get(key)
            if ent is not None:
                return ent
        return None

    def alias_items(self) -> list[tuple[str, Entity]]:
        """Every (surface form as written, entity) for phrase matching: names and aliases.

        Short all-capital forms (IS, US, KH) are best matched case-sensitively; a form
        listed under `ambiguous` appears once per entry that shares it.
        """
        return list(self._surface)

    def search(self, query: str, kind: str | None = None, limit: int = 20) -> list[Entity]:
        """Ranked matches: exact alias, then prefix, then substring, then fuzzy.

        `kind` is an entity kind, "item", or "actor" for every non-item kind.
        """
        want = self._kind_filter(kind)
        q = normalize(query)
        if not q or limit <= 0:
            return []
        exact = set(_variants(q))
        best: dict[str, tuple[int, float, str]] = {}

        def consider(ent: Entity, rank: tuple[int, float, str]) -> None:
            if want(ent) and (ent.id not in best or rank < best[ent.id]):
                best[ent.id] = rank

        for key, ents in self._search_keys.items():
            if key in exact:
                tier = 0
            elif key.startswith(q):
                tier = 1
            elif q in key:
                tier = 2
            else:
                continue
            for ent in ents:
                consider(ent, (tier, len(key), ent.name.casefold()))
        # difflib is the slow part; skip it when the cheap tiers already filled the page.
        if len(best) < limit:
            close = difflib.get_close_matches(q, self._key_list, n=limit * 3,
                                              cutoff=_FUZZY_CUTOFF)
            for key in close:
                ratio = difflib.SequenceMatcher(None, q, key).ratio()
                for ent in self._search_keys[key]:
                    consider(ent, (3, -ratio, ent.name.casefold()))
        ranked = sorted(best.items(), key=lambda kv: kv[1])
        return [self._by_id[ent_id] for ent_id, _ in ranked[:limit]]

    @staticmethod
    def _kind_filter(kind: str | None) -> Callable[[Entity], bool]:
        if kind is None:
            return lambda e: True
        if kind == "actor":
            return lambda e: e.kind != "item"
        if kind not in ONTOLOGY.entity_kinds:
            known = ", ".join(sorted(ONTOLOGY.entity_kinds | {"actor"}))
            raise ValidationError(f"unknown kind {kind!r} (known: {known})")
        return lambda e: e.kind == kind


def _strings(value: Any, field: str) -> tuple[str, ...]:
    """A YAML list of strings; rejects the numbers and booleans YAML makes of bare words."""
    if value is None:
        return ()
    if not isinstance(value, list):
        raise ValidationError(f"{field} must be a list")
    bad = [v for v in value if not isinstance(v, str)]
    if bad:
        raise ValidationError(f"{field} must be strings (quote them in YAML): {bad!r}")
    return tuple(value)


def _dedupe(name: str, forms: Iterable[str]) -> tuple[str, ...]:
    """Aliases in file order without exact repeats or the name itself."""
    out: list[str] = []
    for form in forms:
        if form != name and form not in out:
            out.append(form)
    return tuple(out)


@cache
def default_registry() -> Registry:
    """The packaged registry, loaded once per process."""
    return Registry.load()
