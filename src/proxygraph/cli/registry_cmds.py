"""`proxygraph actors` and `proxygraph items`: look entries up in the registry."""

from __future__ import annotations

import json
import sys
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from proxygraph.cli.app import app, fail
from proxygraph.cli.store_cmds import ACTOR_VERBS, actor_verb
from proxygraph.errors import ProxygraphError, ValidationError
from proxygraph.model import Entity
from proxygraph.ontology import ONTOLOGY
from proxygraph.registry import Registry, default_registry

_ALIASES_SHOWN = 4
_LIMIT_HELP = "Show at most this many matches."


def entity_record(entity: Entity, registry: Registry) -> dict[str, Any]:
    """Everything the registry knows about an entry, as one JSON-ready dict."""
    out = entity.to_dict()
    if entity.kind == "item":
        out["generic"] = registry.is_generic_item(entity.id)
    else:
        out["affiliation"] = entity.affiliation
        if entity.demonyms:
            out["demonyms"] = list(entity.demonyms)
    return out


def _aliases_cell(entity: Entity) -> str:
    shown = ", ".join(entity.aliases[:_ALIASES_SHOWN])
    rest = len(entity.aliases) - _ALIASES_SHOWN
    return f"{shown}, … (+{rest})" if rest > 0 else shown


def _print(matches: list[Entity], registry: Registry, *, as_json: bool, items: bool) -> None:
    if as_json:
        for ent in matches:
            print(json.dumps(entity_record(ent, registry), ensure_ascii=False))
        return
    table = Table(show_lines=False)
    for column in ("id", "name", "category" if items else "kind",
                   "origin" if items else "affiliation", "qid", "aliases"):
        table.add_column(column, overflow="fold")
    for ent in matches:
        table.add_row(ent.id, ent.name, ent.category if items else ent.kind,
                      (ent.origin if items else ent.affiliation) or "", ent.qid or "",
                      _aliases_cell(ent))
    # Wide enough that ids and names are not folded when output is piped.
    Console(width=max(Console().width, 140)).print(table)


def _no_match(what: str, query: str) -> None:
    print(f"no {what} matches {query!r}", file=sys.stderr)
    raise typer.Exit(1)


def _overlay_match(query: str, db: str | None) -> Entity | None:
    """An actor the store's overlay knows by this name (added or aliased by an analyst).

    Only looked up when a store is named or already exists, so a plain search never
    creates one.
    """
    import os
    from pathlib import Path

    from proxygraph.store import DEFAULT_URL, ENV_VAR, open_store

    url = db or os.environ.get(ENV_VAR)
    if url is None:
        if not Path(DEFAULT_URL.removeprefix("sqlite:///")).exists():
            return None
        url = DEFAULT_URL
    store = open_store(url)
    try:
        return store.resolve_actor(query)
    finally:
        store.close()


def show_actors(words: list[str], kind: str | None = None, as_json: bool = False,
                limit: int = 20, db: str | None = None) -> None:
    """Search actors and print them; the body of `proxygraph actors QUERY...`."""
    query = " ".join(words).strip()
    registry = default_registry()
    try:
        if kind == "item":
            raise ValidationError("items are listed by `proxygraph items`")
        matches = registry.search(query, kind=kind or "actor", limit=limit)
        extra = _overlay_match(query, db)
    except ProxygraphError as exc:
        fail(exc)
    if extra is not None and all(m.id != extra.id for m in matches):
        matches.insert(0, extra)
    if not matches:
        _no_match("actor", query)
    _print(matches, registry, as_json=as_json, items=False)


def show_items(words: list[str], category: str | None = None, as_json: bool = False,
               limit: int = 20) -> None:
    """Search items and print them; the body of `proxygraph items QUERY...`."""
    query = " ".join(words).strip()
    registry = default_registry()
    if category is not None and category not in ONTOLOGY.item_categories:
        known = ", ".join(sorted(ONTOLOGY.item_categories))
        fail(ValidationError(f"unknown category {category!r} (known: {known})"))
    # Filter after ranking, so ask for every item match before cutting to `limit`.
    matches = registry.search(query, kind="item", limit=len(registry))
    if category is not None:
        matches = [m for m in matches if m.category == category]
    if not matches:
        _no_match("item", query)
    _print(matches[:limit], registry, as_json=as_json, items=True)


# `actors` is one command over free words so that verbs (add, alias, merge, split) can
# later be dispatched from words[0] without breaking `proxygraph actors hizballah`.
@app.command("actors")
def actors_cmd(
    words: Annotated[list[str], typer.Argument(help="Name or alias to look for.")],
    kind: Annotated[str | None, typer.Option("--kind", "-k",
                                             help="Only this kind (state, person, ...).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per line.")] = False,
    limit: Annotated[int, typer.Option("--limit", "-n", help=_LIMIT_HELP)] = 20,
    db: Annotated[str | None, typer.Option("--db", help="Store for add/alias/merge/split "
                                           "(default $PROXYGRAPH_DB or sqlite:///proxygraph.db)",
                                           show_default=False)] = None,
    by: Annotated[str | None, typer.Option("--by", help="Who makes the judgement.")] = None,
    note: Annotated[str | None, typer.Option("--note", help="Why (merge/split).")] = None,
) -> None:
    """Find actors (states, organs, armed groups, PMCs, persons, organizations).

    In the store's overlay (the packaged registry stays read-only):
    `actors add NAME [ALIAS...] --kind KIND`, `actors alias ACTOR ALIAS...`,
    `actors merge ACTOR INTO`, `actors split ACTOR` (undo a merge), `actors merges`.
    """
    if len(words) > 1 and words[0] in ACTOR_VERBS or words == ["merges"]:
        actor_verb(words, kind=kind, db=db, by=by, note=note)
        return
    show_actors(words, kind=kind, as_json=as_json, limit=limit, db=db)


@app.command("items")
def items_cmd(
    words: Annotated[list[str], typer.Argument(help="Name or alias to look for.")],
    category: Annotated[str | None, typer.Option("--category", "-c",
                                                 help="Only this item category.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per line.")] = False,
    limit: Annotated[int, typer.Option("--limit", "-n", help=_LIMIT_HELP)] = 20,
) -> None:
    """Find weapon systems, weapon classes and commodities."""
    show_items(words, category=category, as_json=as_json, limit=limit)
