"""`proxygraph actors` and `proxygraph items`: look entries up in the registry."""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text
from typer.core import TyperGroup

from proxygraph.cli.app import app, fail
from proxygraph.cli.store_cmds import actor_verb
from proxygraph.errors import NotFoundError, ProxygraphError, ValidationError
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
        if entity.countries:
            out["countries"] = list(entity.countries)
    return out


def _aliases_cell(entity: Entity) -> str:
    shown = ", ".join(entity.aliases[:_ALIASES_SHOWN])
    rest = len(entity.aliases) - _ALIASES_SHOWN
    return f"{shown}, … (+{rest})" if rest > 0 else shown


def _print(matches: list[Entity], registry: Registry, *, as_json: bool, items: bool,
           merged_into: dict[str, Entity] | None = None) -> None:
    merged_into = merged_into or {}
    if as_json:
        for ent in matches:
            record = entity_record(ent, registry)
            if ent.id in merged_into:
                target = merged_into[ent.id]
                record["merged_into"] = {"id": target.id, "name": target.name}
            print(json.dumps(record, ensure_ascii=False))
        return
    merges_shown = any(ent.id in merged_into for ent in matches)
    table = Table(show_lines=False)
    for column in ("id", "name", "category" if items else "kind",
                   "origin" if items else "affiliation", "qid", "aliases"):
        table.add_column(column, overflow="fold")
    if merges_shown:
        table.add_column("merged into", overflow="fold")
    for ent in matches:
        row = [ent.id, ent.name, ent.category if items else ent.kind,
               (ent.origin if items else ent.affiliation) or "", ent.qid or "",
               _aliases_cell(ent)]
        if merges_shown:
            target = merged_into.get(ent.id)
            row.append(f"{target.name} ({target.id})" if target else "")
        table.add_row(*(Text(cell) for cell in row))
    # Wide enough that ids and names are not folded when output is piped.
    Console(width=max(Console().width, 140)).print(table)


def _no_match(what: str, query: str) -> None:
    fail(NotFoundError(f"no {what} matches {query!r}"))


def _overlay_view(query: str, db: str | None) -> tuple[Entity | None, dict[str, Entity]]:
    """The store overlay's actor named `query` (added or aliased by an analyst), and the
    target of every actor merged away, by merged id (empty without a store).

    A search never creates a store: one named with --db must exist (else the read
    commands' one-line error), the default one is consulted only if it does.
    """
    from proxygraph.store import default_url, open_store
    from proxygraph.store.stats import missing_sqlite_file

    if db is None and missing_sqlite_file(default_url()) is not None:
        return None, {}
    store = open_store(db, create=False)
    try:
        active = {r.merged_id: r.into_id for r in store.merges() if r.undone_at is None}
        targets: dict[str, Entity] = {}
        for merged_id in active:
            target = store.canonical_actor(merged_id)
            targets[merged_id] = store.resolve_actor(target) or Entity(
                id=target, name=target, kind="collective")
        return store.resolve_actor(query), targets
    finally:
        store.close()


def show_actors(words: list[str], kind: str | None = None, as_json: bool = False,
                limit: int = 20, db: str | None = None) -> None:
    """Search actors and print them; the body of `proxygraph actors [search] QUERY...`."""
    query = " ".join(words).strip()
    registry = default_registry()
    try:
        if kind == "item":
            raise ValidationError("items are listed by `proxygraph items`")
        matches = registry.search(query, kind=kind or "actor", limit=limit)
        extra, merged_into = _overlay_view(query, db)
    except ProxygraphError as exc:
        fail(exc)
    if extra is not None and all(m.id != extra.id for m in matches):
        matches.insert(0, extra)
    if not matches:
        _no_match("actor", query)
    _print(matches, registry, as_json=as_json, items=False, merged_into=merged_into)


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


# --- `proxygraph actors`: a group whose default subcommand is `search` -----------------

class ActorsGroup(TyperGroup):
    """`actors WORDS...` is `actors search WORDS...`; a first word that names a
    subcommand (add, alias, merge, split, merges) runs that subcommand."""

    default_command = "search"

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ctx.help_option_names:
            args = [self.default_command, *args]
        return super().parse_args(ctx, args)


actors_app = typer.Typer(
    cls=ActorsGroup, no_args_is_help=True,
    help="Find actors (states, organs, armed groups, PMCs, persons, organizations), or "
         "change the store's overlay of them.\n\n"
         "`proxygraph actors WORDS...` searches (the `search` subcommand); the packaged "
         "registry stays read-only, analysts' additions and merges live in the store.")
app.add_typer(actors_app, name="actors")

Words = Annotated[list[str], typer.Argument(help="Name or alias to look for.",
                                            metavar="WORDS")]
DbOption = Annotated[str | None, typer.Option(
    "--db", help="Store (default $PROXYGRAPH_DB or sqlite:///proxygraph.db)",
    show_default=False)]
ByOption = Annotated[str | None, typer.Option("--by", help="Who makes the judgement.")]
NoteOption = Annotated[str | None, typer.Option("--note", help="Why.")]


@actors_app.command("search")
def actors_search(
    words: Words,
    kind: Annotated[str | None, typer.Option("--kind", "-k",
                                             help="Only this kind (state, person, ...).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per line.")] = False,
    limit: Annotated[int, typer.Option("--limit", "-n", help=_LIMIT_HELP)] = 20,
    db: Annotated[str | None, typer.Option(
        "--db", help="Also look in this store's overlay and show its merges (default "
        "$PROXYGRAPH_DB or ./proxygraph.db, if it exists)", show_default=False)] = None,
) -> None:
    """Find actors by any name or alias (the default: `actors WORDS...`).

    An actor merged into another in the store is shown with the actor it was merged into.
    """
    show_actors(words, kind=kind, as_json=as_json, limit=limit, db=db)


@actors_app.command("add")
def actors_add(
    name: Annotated[str, typer.Argument(help="The new actor's name.", metavar="NAME")],
    aliases: Annotated[list[str] | None, typer.Argument(help="Other names for it.",
                                                        metavar="ALIAS")] = None,
    kind: Annotated[str | None, typer.Option(
        "--kind", "-k", help="state, armed_group, person, ... (required)")] = None,
    db: DbOption = None, by: ByOption = None,
) -> None:
    """Add an actor the registry lacks to the store's overlay."""
    actor_verb(["add", name, *(aliases or ())], kind=kind, db=db, by=by)


@actors_app.command("alias")
def actors_alias(
    actor: Annotated[str, typer.Argument(help="An actor's name, alias or id.", metavar="ACTOR")],
    aliases: Annotated[list[str], typer.Argument(help="New names for it.",
                                                 metavar="ALIAS")],
    db: DbOption = None, by: ByOption = None,
) -> None:
    """Give an actor more names (in the store's overlay)."""
    actor_verb(["alias", actor, *aliases], db=db, by=by)


@actors_app.command("merge")
def actors_merge(
    actor: Annotated[str, typer.Argument(help="The actor merged away.", metavar="ACTOR")],
    into: Annotated[str, typer.Argument(help="The actor it is the same as.",
                                        metavar="INTO_ACTOR")],
    db: DbOption = None, by: ByOption = None, note: NoteOption = None,
) -> None:
    """Judge two actors to be the same; claims of either are found under both."""
    actor_verb(["merge", actor, into], db=db, by=by, note=note)


def _split(actor: str, db: str | None, by: str | None, note: str | None) -> None:
    actor_verb(["split", actor], db=db, by=by, note=note)


@actors_app.command("split")
def actors_split(
    actor: Annotated[str, typer.Argument(help="The actor merged away.", metavar="ACTOR")],
    db: DbOption = None, by: ByOption = None, note: NoteOption = None,
) -> None:
    """Undo the merge of an actor (the judgement is kept, marked undone)."""
    _split(actor, db, by, note)


@actors_app.command("unmerge", hidden=True)
def actors_unmerge(
    actor: Annotated[str, typer.Argument(help="The actor merged away.", metavar="ACTOR")],
    db: DbOption = None, by: ByOption = None, note: NoteOption = None,
) -> None:
    """Same as `actors split`."""
    _split(actor, db, by, note)


@actors_app.command("merges")
def actors_merges(db: DbOption = None) -> None:
    """List merge judgements, active and undone."""
    actor_verb(["merges"], db=db)


@app.command("items")
def items_cmd(
    words: Words,
    category: Annotated[str | None, typer.Option("--category", "-c",
                                                 help="Only this item category.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per line.")] = False,
    limit: Annotated[int, typer.Option("--limit", "-n", help=_LIMIT_HELP)] = 20,
) -> None:
    """Find weapon systems, weapon classes and commodities."""
    show_items(words, category=category, as_json=as_json, limit=limit)
