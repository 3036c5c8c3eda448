"""Network commands: network, paths, brokers, whatif, timeline, origins, communities.

Each builds the graph of the claims that match the filters (`proxygraph.graph`), runs one
analysis (`proxygraph.analyze`) and prints a Rich table, or JSON with --json. Every edge
and hop shows the ids of the claims behind it. These commands only read: a store that
does not exist is an error, never created.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from proxygraph.analyze.brokers import ROLES, brokers
from proxygraph.analyze.communities import communities
from proxygraph.analyze.origins import UNKNOWN, origins
from proxygraph.analyze.paths import PathResult, find_paths
from proxygraph.analyze.timeline import compact_span, timeline
from proxygraph.analyze.whatif import Removal, what_if
from proxygraph.cli.app import app, fail
from proxygraph.cli.store_cmds import DbOption, open_cli_store
from proxygraph.errors import ProxygraphError, ValidationError
from proxygraph.graph import (
    COUNTED_STATUSES,
    SUPPLY_TYPES,
    Edge,
    Graph,
    GraphFilter,
    Merges,
    build_graph,
    resolve_name,
)
from proxygraph.ontology import ONTOLOGY
from proxygraph.store import ClaimStore

# --- shared options -------------------------------------------------------------------

Since = Annotated[str | None, typer.Option(help="Overlapping on or after YYYY[-MM[-DD]]")]
Until = Annotated[str | None, typer.Option(help="Overlapping on or before YYYY[-MM[-DD]]")]
Types = Annotated[list[str] | None, typer.Option(
    "--types", "--type", help="Claim type(s), comma-separated or repeated")]
IncludeStatus = Annotated[list[str] | None, typer.Option(
    "--include-status", help="Also count planned, forecast or denied claims "
    "(default: occurred and ongoing only)")]
Certainty = Annotated[str | None, typer.Option(
    "--certainty", help="Minimum certainty: high, medium or low")]
Credibility = Annotated[int | None, typer.Option(
    "--credibility", help="Credibility or better (1-6)")]
Reliability = Annotated[str | None, typer.Option(
    "--reliability", help="Source grade or better (A-F)")]
Corroboration = Annotated[int, typer.Option(
    "--corroboration", help="Minimum independent sources per edge")]
ReviewedOnly = Annotated[bool, typer.Option("--reviewed-only", help="Reviewed claims only")]
Undated = Annotated[bool, typer.Option(
    "--undated", help="Keep undated claims when a time window is given")]
AsJson = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table")]
MaxHops = Annotated[int, typer.Option("--max-hops", help="Longest chain, in hops")]


def _values(options: list[str] | None) -> tuple[str, ...]:
    return tuple(v.strip() for o in options or () for v in o.split(",") if v.strip())


def _filter(*, since: str | None, until: str | None, types: tuple[str, ...],
            include_status: list[str] | None, certainty: str | None,
            credibility: int | None, reliability: str | None, corroboration: int,
            reviewed_only: bool, undated: bool,
            statuses: tuple[str, ...] = COUNTED_STATUSES) -> GraphFilter:
    try:
        return GraphFilter(
            since=since, until=until, types=types,
            statuses=tuple(dict.fromkeys((*statuses, *_values(include_status)))),
            min_certainty=certainty.lower() if certainty else None,
            max_credibility=credibility, min_reliability=reliability,
            min_corroboration=corroboration, reviewed_only=reviewed_only, undated=undated)
    except ProxygraphError as exc:
        fail(exc)


@contextmanager
def _read_store(db: str | None) -> Iterator[ClaimStore]:
    """Open an existing store; a missing one is an error (exit 4), never created."""
    with open_cli_store(db, create=False) as store:
        yield store


def _resolve(name: str, store: ClaimStore, graph: Graph) -> str:
    merges = Merges.from_records(store.merges())
    return resolve_name(name, store, merges, {n: node.name for n, node in graph.nodes.items()})


def _types(options: list[str] | None, default: tuple[str, ...]) -> tuple[str, ...]:
    given = tuple(t.upper() for t in _values(options))
    for t in given:
        if t not in ONTOLOGY.claim_types:
            fail(ValidationError(f"unknown type {t!r} (expected one of "
                                 f"{', '.join(sorted(ONTOLOGY.claim_types))})"))
    return given or default


def _console() -> Console:
    console = Console()
    return console if console.is_terminal else Console(width=200)


def _print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def _table(*columns: str, title: str | None = None) -> Table:
    table = Table(title=title, title_justify="left")
    for col in columns:
        table.add_column(col, overflow="fold", no_wrap=col in ("#",),
                         ratio=2 if col in ("claims", "evidence") else None)
    return table


def _row(table: Table, *cells: object, end_section: bool = False) -> None:
    # Text cells: names and evidence like "[1]" must not be read as Rich markup.
    table.add_row(*(Text("" if c is None else str(c)) for c in cells), end_section=end_section)


def _when(first: str | None, last: str | None, open_ended: bool = False) -> str:
    return compact_span(first, None if open_ended else last) if (first or last) else \
        "undated"


def _statuses(edge: Edge) -> str:
    text = ", ".join(f"{s} {n}" for s, n in sorted(edge.statuses.items()))
    return f"{text} (conflict)" if edge.conflict else text


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun if count == 1 else noun + 's'}"


def _note(message: str) -> None:
    print(f"proxygraph: {message}", file=sys.stderr)


# --- network --------------------------------------------------------------------------

@app.command(name="network")
def network_cmd(
    since: Since = None, until: Until = None, types: Types = None,
    include_status: IncludeStatus = None, certainty: Certainty = None,
    credibility: Credibility = None, reliability: Reliability = None,
    corroboration: Corroboration = 1, reviewed_only: ReviewedOnly = False,
    undated: Undated = False,
    actor: Annotated[list[str] | None, typer.Option(
        help="Only edges touching this actor (repeatable)")] = None,
    limit: Annotated[int | None, typer.Option(help="Show at most this many edges")] = None,
    as_json: AsJson = False, db: DbOption = None,
) -> None:
    """The network of the claims that match: actors and aggregated edges."""
    flt = _filter(since=since, until=until, types=_types(types, ()),
                  include_status=include_status, certainty=certainty,
                  credibility=credibility, reliability=reliability,
                  corroboration=corroboration, reviewed_only=reviewed_only, undated=undated)
    with _read_store(db) as store:
        graph = build_graph(store, flt)
        focus = {_resolve(a, store, graph) for a in actor or ()}
    edges = sorted(graph.edge_list(), key=lambda e: (-e.corroboration, -e.count, e.key))
    if focus:
        edges = [e for e in edges if e.source in focus or e.target in focus]
    shown = edges[:limit] if limit else edges
    if as_json:
        data = graph.to_dict()
        data["edges"] = [e.to_dict(graph) for e in shown]
        used = {n for e in shown for n in (e.source, e.target)}
        data["nodes"] = [n for n in data["nodes"] if n["id"] in used]
        if focus:
            data["disputed"] = [d for d in data["disputed"]
                                if {d["subject"], d["object"]} & focus]
        _print_json(data)
        return
    table = _table("subject", "type", "object", "n", "sources", "when", "statuses", "items",
                   "grade", "claims")
    for e in shown:
        items = ", ".join(f"{name} {n}" if n > 1 else name for name, n in e.items.most_common())
        _row(table, graph.name(e.source), e.type + (" (both ways)" if e.symmetric else ""),
             graph.name(e.target), e.count, e.corroboration, _when(e.first, e.last,
                                                                   e.open_ended),
             _statuses(e), items,
             f"{e.best_reliability}{e.best_credibility}/{e.best_certainty}",
             " ".join(e.claim_ids + [f"denied:{d.id}" for d in e.denials]))
    _console().print(table)
    nodes = {n for e in shown for n in (e.source, e.target)}
    _note(f"{len(shown)} of {len(edges)} edges, {len(nodes)} actors, "
          f"{len(graph.statements)} claims read; {len(graph.disputed)} denials with "
          "nothing counted beside them")


# --- paths ----------------------------------------------------------------------------

@app.command(name="paths")
def paths_cmd(
    source: Annotated[str, typer.Argument(help="Sponsor or supplier")],
    target: Annotated[str, typer.Argument(help="Recipient")],
    via: Annotated[list[str] | None, typer.Option(
        help="An intermediary every path must pass through (repeatable)")] = None,
    max_hops: MaxHops = 4,
    time_respecting: Annotated[bool, typer.Option(
        "--time-respecting", help="Each hop no later than the next (undated hops refused)")]
    = False,
    limit: Annotated[int, typer.Option(help="Paths shown")] = 10,
    since: Since = None, until: Until = None, types: Types = None,
    include_status: IncludeStatus = None, certainty: Certainty = None,
    credibility: Credibility = None, reliability: Reliability = None,
    corroboration: Corroboration = 1, reviewed_only: ReviewedOnly = False,
    undated: Undated = False, as_json: AsJson = False, db: DbOption = None,
) -> None:
    """Supply chains from SOURCE to TARGET, strongest evidence first, with claim ids."""
    chosen = _types(types, SUPPLY_TYPES)
    flt = _filter(since=since, until=until, types=chosen, include_status=include_status,
                  certainty=certainty, credibility=credibility, reliability=reliability,
                  corroboration=corroboration, reviewed_only=reviewed_only, undated=undated)
    with _read_store(db) as store:
        graph = build_graph(store, flt)
        src, dst = _resolve(source, store, graph), _resolve(target, store, graph)
        vias = [_resolve(v, store, graph) for v in via or ()]
    for who in (src, dst, *vias):
        if who not in graph.nodes:
            _note(f"{graph.name(who)} takes part in no claim of this selection")
    try:
        result = find_paths(graph, src, dst, types=chosen, max_hops=max_hops, via=vias,
                            time_respecting=time_respecting, limit=limit)
    except ProxygraphError as exc:
        fail(exc)
    if as_json:
        _print_json(result.to_dict(graph))
    else:
        _print_paths(graph, result)


def _print_paths(graph: Graph, result: PathResult) -> None:
    table = _table("#", "hop", "types", "when", "sources", "strength", "claims")
    for n, path in enumerate(result.paths, 1):
        for k, hop in enumerate(path.hops):
            span = hop.interval
            label = f"{graph.name(hop.source)} -> {graph.name(hop.target)}"
            if any(e.via_legs for e in hop.edges):
                label += " (via)"
            _row(table, f"{n} ({path.score:.3f})" if k == 0 else "", label,
                 ", ".join(sorted({e.type for e in hop.edges})),
                 _when(*span) if span else "undated",
                 len({s for e in hop.edges for s in e.sources}), f"{hop.strength:.3f}",
                 " ".join(hop.claim_ids), end_section=k == len(path.hops) - 1)
    if result.paths:
        _console().print(table)
    what = f"{graph.name(result.source)} to {graph.name(result.target)}"
    _note(f"{_plural(result.found, 'path')} from {what} within {result.settings['max_hops']} hops"
          + (f", {len(result.refused)} refused as not time-respecting"
             if result.settings["time_respecting"] else "")
          + (" (search stopped at its candidate limit)" if result.truncated else ""))
    for path, why in result.refused[:3]:
        _note(f"refused {' -> '.join(graph.name(n) for n in path.nodes)}: {why}")


# --- brokers --------------------------------------------------------------------------

@app.command(name="brokers")
def brokers_cmd(
    limit: Annotated[int, typer.Option(help="Actors shown")] = 20,
    since: Since = None, until: Until = None, types: Types = None,
    include_status: IncludeStatus = None, certainty: Certainty = None,
    credibility: Credibility = None, reliability: Reliability = None,
    corroboration: Corroboration = 1, reviewed_only: ReviewedOnly = False,
    undated: Undated = False, as_json: AsJson = False, db: DbOption = None,
) -> None:
    """Who sits between sponsors and recipients: betweenness and brokerage roles."""
    chosen = _types(types, SUPPLY_TYPES)
    flt = _filter(since=since, until=until, types=chosen, include_status=include_status,
                  certainty=certainty, credibility=credibility, reliability=reliability,
                  corroboration=corroboration, reviewed_only=reviewed_only, undated=undated)
    with _read_store(db) as store:
        graph = build_graph(store, flt)
    found = brokers(graph, chosen, limit=limit)
    if as_json:
        _print_json([b.to_dict(graph) for b in found])
        return
    table = _table("actor", "bloc", "betweenness", *ROLES, "example", "claims")
    for b in found:
        node = graph.nodes.get(b.node)
        example, claims = "", ""
        for r in ROLES:
            if b.examples.get(r):
                a, c, cin, cout = b.examples[r][0]
                example = f"{r}: {graph.name(a)} -> {graph.name(b.node)} -> {graph.name(c)}"
                claims = " ".join(cin) + " | " + " ".join(cout)
                break
        _row(table, graph.name(b.node), graph.name(node.bloc) if node else "",
             f"{b.betweenness:.1f}", *(b.roles.get(r, 0) for r in ROLES), example, claims)
    _console().print(table)
    _note(f"{len(found)} brokers on {len(graph.edge_list())} edges "
          f"({', '.join(chosen)})")


# --- whatif ---------------------------------------------------------------------------

@app.command(name="whatif")
def whatif_cmd(
    remove: Annotated[list[str] | None, typer.Option(
        "--remove", help="Actor to take out (repeatable)")] = None,
    remove_route: Annotated[list[str] | None, typer.Option(
        "--remove-route", help="Route or place to take out (repeatable)")] = None,
    remove_type: Annotated[list[str] | None, typer.Option(
        "--remove-type", help="Claim type to take out (repeatable)")] = None,
    only_named: Annotated[bool, typer.Option(
        "--only-named", help="Keep the actors affiliated to a removed one")] = False,
    sponsor: Annotated[list[str] | None, typer.Option(
        "--from", help="Sponsors to trace supply from (default: every state's actors)")]
    = None,
    max_hops: MaxHops = 4,
    since: Since = None, until: Until = None, types: Types = None,
    include_status: IncludeStatus = None, certainty: Certainty = None,
    credibility: Credibility = None, reliability: Reliability = None,
    corroboration: Corroboration = 1, reviewed_only: ReviewedOnly = False,
    undated: Undated = False, as_json: AsJson = False, db: DbOption = None,
) -> None:
    """What changes when actors, routes or edge types fall away: before and after."""
    chosen = _types(types, SUPPLY_TYPES)
    flt = _filter(since=since, until=until, types=chosen, include_status=include_status,
                  certainty=certainty, credibility=credibility, reliability=reliability,
                  corroboration=corroboration, reviewed_only=reviewed_only, undated=undated)
    with _read_store(db) as store:
        graph = build_graph(store, flt)
        actors = tuple(_resolve(a, store, graph) for a in remove or ())
        sponsors = [_resolve(s, store, graph) for s in sponsor or ()]
    try:
        removal = Removal(actors=actors, routes=tuple(remove_route or ()),
                          types=tuple(t.upper() for t in _values(remove_type)),
                          with_affiliated=not only_named)
        result = what_if(graph, removal, types=chosen, sponsors=sponsors or None,
                         max_hops=max_hops)
    except ProxygraphError as exc:
        fail(exc)
    if as_json:
        _print_json(result.to_dict(graph))
        return
    console = _console()
    side = _table("", "before", "after")
    for field in ("nodes", "edges", "statements", "recipients", "pairs"):
        label = {"pairs": "sponsor-recipient pairs", "statements": "claims"}.get(field, field)
        _row(side, label, getattr(result.before, field), getattr(result.after, field))
    console.print(side)
    _note(f"removed {', '.join(graph.name(n) for n in result.removed_actors) or 'no actor'}"
          + (f"; routes {', '.join(removal.routes)}" if removal.routes else "")
          + (f"; types {', '.join(removal.types)}" if removal.types else "")
          + f"; {len(result.dropped_claims)} claims dropped")
    if result.affected:
        table = _table("recipient", "lost every path", "sponsors before", "sponsors after",
                       "still through", "lost path (claims)", "surviving path (claims)",
                       title="Recipients affected")
        for a in result.affected:
            _row(table, graph.name(a.recipient), "yes" if a.lost_all else "",
                 ", ".join(graph.name(s) for s in a.sponsors_before),
                 ", ".join(graph.name(s) for s in a.sponsors_after),
                 ", ".join(graph.name(n) for n in a.through) or
                 ("direct" if a.surviving_path else ""),
                 _path_text(graph, a.lost_path), _path_text(result.after_graph,
                                                            a.surviving_path))
        console.print(table)
    else:
        _note("no recipient loses a sponsor or a direct supplier")
    if result.shifts:
        table = _table("actor", "betweenness before", "after", "PageRank before", "after",
                       title="Centrality shift")
        for s in result.shifts:
            _row(table, graph.name(s.node), f"{s.betweenness_before:.1f}",
                 f"{s.betweenness_after:.1f}", f"{s.pagerank_before:.4f}",
                 f"{s.pagerank_after:.4f}")
        console.print(table)


def _path_text(graph: Graph, path: Any) -> str:
    if path is None:
        return ""
    names = " -> ".join(graph.name(n) for n in path.nodes)
    return f"{names} [{' '.join(path.claim_ids)}]"


# --- timeline -------------------------------------------------------------------------

@app.command(name="timeline")
def timeline_cmd(
    actor: Annotated[str, typer.Argument(help="The actor")],
    other: Annotated[str | None, typer.Argument(help="A second actor: their pair only")]
    = None,
    status: Annotated[list[str] | None, typer.Option(
        help="Statuses shown (default: all, each labelled)")] = None,
    since: Since = None, until: Until = None, types: Types = None,
    certainty: Certainty = None, credibility: Credibility = None,
    reliability: Reliability = None, reviewed_only: ReviewedOnly = False,
    undated: Undated = False, as_json: AsJson = False, db: DbOption = None,
) -> None:
    """An actor's (or a pair's) claims by date; a year-precision claim is a span."""
    flt = _filter(since=since, until=until, types=_types(types, ()), include_status=None,
                  certainty=certainty, credibility=credibility, reliability=reliability,
                  corroboration=1, reviewed_only=reviewed_only, undated=undated,
                  statuses=_values(status) or ONTOLOGY.statuses)
    with _read_store(db) as store:
        graph = build_graph(store, flt)
        first = _resolve(actor, store, graph)
        second = _resolve(other, store, graph) if other else None
    entries = timeline(graph, first, second)
    if as_json:
        _print_json([e.to_dict(graph) for e in entries])
        return
    table = _table("when", "precision", "type", "subject", "object", "status", "grade",
                   "claim", "evidence")
    for e in entries:
        st = e.statement
        _row(table, e.label, st.precision or "", st.type, graph.name(st.subject),
             graph.name(st.object) if st.object else "", f"{st.status}/{st.certainty}",
             f"{st.reliability}{st.credibility}", st.id, st.evidence[:200])
    _console().print(table)
    dated = sum(1 for e in entries if e.statement.dated)
    _note(f"{len(entries)} claims, {dated} dated, {len(entries) - dated} undated")


# --- origins --------------------------------------------------------------------------

@app.command(name="origins")
def origins_cmd(
    recipient: Annotated[str, typer.Argument(help="Who receives the weapons")],
    since: Since = None, until: Until = None, types: Types = None,
    include_status: IncludeStatus = None, certainty: Certainty = None,
    credibility: Credibility = None, reliability: Reliability = None,
    reviewed_only: ReviewedOnly = False, undated: Undated = False, as_json: AsJson = False,
    db: DbOption = None,
) -> None:
    """Where a recipient's materiel comes from: items by origin and category, shares."""
    chosen = _types(types, ("ARMS_TRANSFER",))
    flt = _filter(since=since, until=until, types=chosen, include_status=include_status,
                  certainty=certainty, credibility=credibility, reliability=reliability,
                  corroboration=1, reviewed_only=reviewed_only, undated=undated)
    with _read_store(db) as store:
        graph = build_graph(store, flt)
        who = _resolve(recipient, store, graph)
    result = origins(graph, who, chosen)
    if as_json:
        _print_json(result.to_dict(graph))
        return
    total = result.total or 1
    table = _table("origin", "category", "items", "mentions", "share", "suppliers", "claims")
    for r in result.rows:
        _row(table, graph.name(r.origin) if r.origin != UNKNOWN else "unknown", r.category,
             ", ".join(f"{n} {c}" if c > 1 else n for n, c in r.items.most_common()),
             r.mentions, f"{r.mentions / total:.0%}",
             ", ".join(sorted(graph.name(s) for s in r.suppliers)), " ".join(sorted(r.claims)))
    if result.rows:
        _console().print(table)
    by_origin = ", ".join(f"{graph.name(o) if o != UNKNOWN else o} {n / total:.0%}"
                          for o, n in result.by_origin().items())
    _note(f"{result.total} item mentions to {graph.name(who)}"
          + (f": {by_origin}" if by_origin else ""))
    if result.unspecified_claims:
        _note(f"{len(result.unspecified_claims)} transfers name no item, from "
              f"{', '.join(graph.name(s) for s in result.unspecified_suppliers)}: "
              f"{' '.join(result.unspecified_claims)}")


# --- communities ----------------------------------------------------------------------

@app.command(name="communities")
def communities_cmd(
    resolution: Annotated[float, typer.Option(help="Leiden resolution (higher: smaller)")]
    = 1.0,
    seed: Annotated[int, typer.Option(help="Random seed (same seed, same answer)")] = 0,
    top: Annotated[int, typer.Option(help="Actors shown per community and in centralities")]
    = 10,
    since: Since = None, until: Until = None, types: Types = None,
    include_status: IncludeStatus = None, certainty: Certainty = None,
    credibility: Credibility = None, reliability: Reliability = None,
    corroboration: Corroboration = 1, reviewed_only: ReviewedOnly = False,
    undated: Undated = False, as_json: AsJson = False, db: DbOption = None,
) -> None:
    """Leiden communities and centralities (degree, PageRank, betweenness)."""
    chosen = _types(types, ())
    flt = _filter(since=since, until=until, types=chosen, include_status=include_status,
                  certainty=certainty, credibility=credibility, reliability=reliability,
                  corroboration=corroboration, reviewed_only=reviewed_only, undated=undated)
    with _read_store(db) as store:
        graph = build_graph(store, flt)
    try:
        groups, cent = communities(graph, chosen or None, resolution=resolution, seed=seed)
    except ProxygraphError as exc:
        fail(exc)
    ranked = sorted(cent.values(), key=lambda c: (-c.pagerank, c.node))
    if as_json:
        _print_json({"communities": [c.to_dict(graph) for c in groups],
                     "centrality": [c.to_dict(graph) for c in ranked]})
        return
    console = _console()
    table = _table("#", "size", "members", "strongest ties", "claims", title="Communities")
    for c in groups:
        ties = "; ".join(f"{graph.name(e.source)} {e.type} {graph.name(e.target)}"
                         for e in c.edges)
        claims = " ".join(sorted({i for e in c.edges for i in e.claim_ids}))
        more = f" (+{len(c.members) - top})" if len(c.members) > top else ""
        _row(table, c.id, len(c.members),
             ", ".join(graph.name(m) for m in c.members[:top]) + more, ties, claims)
    console.print(table)
    table = _table("actor", "community", "degree", "PageRank", "betweenness",
                   title="Centrality")
    for c in ranked[:top]:
        _row(table, graph.name(c.node), c.community, c.degree, f"{c.pagerank:.4f}",
             f"{c.betweenness:.1f}")
    console.print(table)
    _note(f"{len(groups)} communities over {len(cent)} actors")
