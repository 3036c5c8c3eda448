"""Exchange commands: export (STIX, GEXF, GraphML, CSV, Parquet, JSONL) and import.

`export` takes the filters of `claims` (which claims) and the edge rules of `network`
(which of them make edges); `import` validates a CSV or JSONL file of hand-coded claims
and stores it whole, or nothing (see `proxygraph.importer`).
"""

from __future__ import annotations

import getpass
import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from proxygraph.cli.app import app, fail, plural
from proxygraph.cli.graph_cmds import Certainty
from proxygraph.cli.store_cmds import DbOption, open_cli_store
from proxygraph.errors import ProxygraphError, ValidationError
from proxygraph.export import FORMATS, Selection
from proxygraph.graph import COUNTED_STATUSES, GraphFilter
from proxygraph.store import ClaimFilter, default_url
from proxygraph.store.search import SEARCH_HELP

ListOption = list[str] | None


def _values(options: ListOption) -> tuple[str, ...]:
    """Repeated options and comma lists both work, as in `claims`: --type A,B."""
    return tuple(v.strip() for o in options or () for v in o.split(",") if v.strip())


def _reviewer(by: str | None) -> str:
    if by:
        return by
    try:
        return os.environ.get("PROXYGRAPH_REVIEWER") or getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def selection(*, ids: ListOption = None, actors: ListOption = None, types: ListOption = None,
              items: ListOption = None, categories: ListOption = None,
              origins: ListOption = None, places: ListOption = None, docs: ListOption = None,
              since: str | None = None, until: str | None = None, as_of: str | None = None,
              statuses: ListOption = None, min_certainty: str | None = None,
              reliability: str | None = None, credibility: int | None = None,
              reviewed_only: bool = False, unreviewed: bool = False, all_: bool = False,
              search: str | None = None, limit: int | None = None, offset: int = 0,
              include_status: ListOption = None, corroboration: int = 1,
              undated: bool = False) -> Selection:
    """The claims (as `claims` selects them) and the network rules (as `network`).

    `min_certainty` is a floor, as in `network` (and as reliability and credibility are
    in both): "medium" keeps high and medium claims.
    """
    if reviewed_only and unreviewed:
        raise ValidationError("--reviewed-only and --unreviewed exclude each other")
    # Edges count the statuses asked for, else what `network` counts (occurred, ongoing
    # and any --include-status).
    counted = _values(statuses) or tuple(dict.fromkeys((*COUNTED_STATUSES,
                                                        *_values(include_status))))
    graph = GraphFilter(since=since, until=until, types=_values(types), statuses=counted,
                        min_certainty=min_certainty.lower() if min_certainty else None,
                        min_corroboration=corroboration, undated=undated)
    flt = ClaimFilter(
        ids=_values(ids), actors=tuple(actors or ()), types=_values(types),
        items=tuple(items or ()), item_categories=_values(categories),
        origins=tuple(origins or ()), places=tuple(places or ()), docs=_values(docs),
        since=since, until=until, as_of=as_of, statuses=_values(statuses),
        certainties=graph.certainties(), min_reliability=reliability,
        max_credibility=credibility,
        reviewed=True if reviewed_only else False if unreviewed else None,
        include="all" if all_ or ids else "current", search=search, limit=limit,
        offset=offset)
    return Selection(claims=flt, graph=graph)


@app.command(name="export")
def export_cmd(
    fmt: Annotated[str, typer.Option("--format", "-f", help=f"One of {', '.join(FORMATS)}")],
    output: Annotated[Path, typer.Option(
        "--output", "-o", help="File (- for stdout), or a folder for csv and parquet")],
    claim_id: Annotated[ListOption, typer.Option("--id", help="Claim id(s)")] = None,
    actor: Annotated[ListOption, typer.Option(
        help="Actor by name, alias or id, through merges; repeat: all must take part")] = None,
    type_: Annotated[ListOption, typer.Option("--type", "--types", help="Claim type(s)")]
    = None,
    item: Annotated[ListOption, typer.Option(help="Item name or id")] = None,
    category: Annotated[ListOption, typer.Option(help="Item category")] = None,
    origin: Annotated[ListOption, typer.Option(help="Items' origin state")] = None,
    place: Annotated[ListOption, typer.Option()] = None,
    doc: Annotated[ListOption, typer.Option(help="Document name or content hash")] = None,
    since: Annotated[str | None, typer.Option(help="Overlapping on or after YYYY[-MM[-DD]]")]
    = None,
    until: Annotated[str | None, typer.Option(help="Overlapping on or before YYYY[-MM[-DD]]")]
    = None,
    as_of: Annotated[str | None, typer.Option("--as-of", help="In effect during this date")]
    = None,
    status: Annotated[ListOption, typer.Option(
        help="Claims of these statuses (and edges count them)")] = None,
    certainty: Certainty = None,
    reliability: Annotated[str | None, typer.Option(help="Source grade or better (A-F)")]
    = None,
    credibility: Annotated[int | None, typer.Option(help="Credibility or better (1-6)")]
    = None,
    reviewed_only: Annotated[bool, typer.Option("--reviewed-only")] = False,
    unreviewed: Annotated[bool, typer.Option("--unreviewed")] = False,
    all_: Annotated[bool, typer.Option("--all", help="Include rejected, superseded, retired")]
    = False,
    search: Annotated[str | None, typer.Option(help=SEARCH_HELP)] = None,
    limit: Annotated[int | None, typer.Option(help="At most this many claims")] = None,
    offset: Annotated[int, typer.Option(help="Skip this many claims first")] = 0,
    include_status: Annotated[ListOption, typer.Option(
        "--include-status", help="Edges also count planned, forecast or denied claims "
        "(default: occurred and ongoing, as `network`)")] = None,
    corroboration: Annotated[int, typer.Option(
        "--corroboration", help="Minimum independent sources per edge")] = 1,
    undated: Annotated[bool, typer.Option(
        "--undated", help="Keep undated claims when --since/--until is given")] = False,
    db: DbOption = None,
) -> None:
    """Export the selected claims for other tools: STIX 2.1 (OpenCTI, MISP), GEXF (Gephi,
    with time spans), GraphML, CSV or Parquet (nodes, edges, claims), JSON Lines.

    Filters are those of `claims`, except --certainty, a minimum as in `network`;
    --include-status, --corroboration and --undated are the edge rules of `network`.
    Columns: docs/data-dictionary.md.
    """
    from proxygraph.export import export

    fmt = fmt.lower()
    if fmt not in FORMATS:
        fail(ValidationError(f"format must be one of {', '.join(FORMATS)}"))
    try:
        chosen = selection(
            ids=claim_id, actors=actor, types=type_, items=item, categories=category,
            origins=origin, places=place, docs=doc, since=since, until=until, as_of=as_of,
            statuses=status, min_certainty=certainty, reliability=reliability,
            credibility=credibility, reviewed_only=reviewed_only, unreviewed=unreviewed,
            all_=all_, search=search, limit=limit, offset=offset,
            include_status=include_status, corroboration=corroboration, undated=undated)
    except ProxygraphError as exc:
        fail(exc)
    with open_cli_store(db, streaming=True) as store:
        store.check_names(chosen.claims)  # a misspelt actor is an error, not an empty file
        for cid in chosen.claims.ids:
            store.claim(cid)  # an id that does not exist is an error, not silence
        counts = export(store, fmt, output, chosen)
    wrote = ", ".join(plural(n, kind.removesuffix("s")) for kind, n in counts.items()
                      if kind in ("claims", "nodes", "edges", "objects"))
    print(f"{wrote} written to {'stdout' if str(output) == '-' else output} ({fmt})",
          file=sys.stderr)


@app.command(name="import")
def import_cmd(
    file: Annotated[str, typer.Argument(help="A .csv or .jsonl file, or - for stdin",
                                        metavar="FILE")],
    by: Annotated[str | None, typer.Option(
        help="Who coded the claims (default $PROXYGRAPH_REVIEWER or the login name)")] = None,
    skip_bad: Annotated[bool, typer.Option(
        "--skip-bad", help="Store the valid rows even if some are bad (exit 1)")] = False,
    keep_unknown: Annotated[bool, typer.Option(
        "--keep-unknown", help="Keep actors no registry or overlay knows, unresolved")]
    = False,
    fmt: Annotated[str | None, typer.Option(
        "--format", help="csv or jsonl (default: from the file name, else from the content)")]
    = None,
    db: DbOption = None,
) -> None:
    """Import hand-coded claims (CSV with a header, or JSON Lines as `export` writes them).

    Every row is validated; bad rows are listed with their line number and nothing is
    stored unless --skip-bad. Stored claims are hand-coded and count as reviewed. CSV
    header: subject, type, object, source, and optionally subject_kind, object_kind,
    items, via, route, place (";"-separated), date (YYYY[-MM[-DD]] or START..END),
    status, certainty, quantity, attribution, note, quote, source_url, publisher,
    published, reliability. See docs/data-dictionary.md.
    """
    from proxygraph.importer import RegistryOnly, check_file, import_data, read_input
    from proxygraph.store.stats import missing_sqlite_file

    reviewer = _reviewer(by)
    try:
        data, label = read_input(file)
        if missing_sqlite_file(db or default_url()) is not None:
            # No store yet: check against the registry first, so a bad file does not
            # leave a new empty store behind.
            result, _ = check_file(RegistryOnly(), data, label, fmt=fmt,
                                   keep_unknown=keep_unknown)
            result.skip_bad = skip_bad
            if not result.imported:
                _report(result)
    except ProxygraphError as exc:
        fail(exc)
    with open_cli_store(db, create=True) as store:
        result = import_data(store, data, label, reviewer=reviewer, fmt=fmt,
                             skip_bad=skip_bad, keep_unknown=keep_unknown)
    _report(result)


def _report(result: object) -> None:
    """Bad rows one per line, names kept unresolved, then the summary; exit by outcome."""
    from proxygraph.importer import ImportResult

    assert isinstance(result, ImportResult)
    for problem in result.problems:
        print(problem.render(result.label), file=sys.stderr)
    for (what, name), lines in sorted(result.unresolved.items()):
        where = ", ".join(str(n) for n in sorted(set(lines))[:10])
        more = " ..." if len(set(lines)) > 10 else ""
        kept = " kept" if result.imported else ""
        print(f"{result.label}: unresolved {what} {name!r}{kept} (line"
              f"{'s' if len(set(lines)) > 1 else ''} {where}{more})", file=sys.stderr)
    print(result.summary(), file=sys.stderr)
    if result.exit_code:
        raise typer.Exit(result.exit_code)
