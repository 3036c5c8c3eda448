"""Store commands: ingest, reextract, claims, review, sources.

Each command parses its options, calls one library function and formats the result; the
store is chosen by --db, else PROXYGRAPH_DB, else a SQLite file in the working directory.
"""

from __future__ import annotations

import getpass
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, TYPE_CHECKING, Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from proxygraph.cli.app import app, fail, plural
from proxygraph.cli.claims_format import FORMATS, print_table, write_csv, write_jsonl
from proxygraph.cli.extract_cmds import EncodingOption, is_single_input
from proxygraph.cli.extract_cmds import _output as output_file
from proxygraph.collection import FileOutcome, ingest_paths, reextract
from proxygraph.credibility import grade_legend
from proxygraph.errors import EXIT_PARTIAL, InputError, ProxygraphError, ValidationError
from proxygraph.ingest import check_encoding
from proxygraph.store import ClaimFilter, ClaimHistory, StoredClaim, default_url
from proxygraph.store.search import SEARCH_HELP

if TYPE_CHECKING:  # SQLAlchemy loads only when a command opens a store
    from proxygraph.store.grading import Relation
    from proxygraph.store.sql import SqlStore

T = TypeVar("T")

DbOption = Annotated[str | None, typer.Option(
    "--db", help="Store URL (sqlite:///file.db or postgresql+psycopg://...); "
    "default $PROXYGRAPH_DB or sqlite:///proxygraph.db", show_default=False)]


def _console() -> Console:
    """A terminal's own width; piped output gets room enough for a readable table."""
    console = Console()
    return console if console.is_terminal else Console(width=180)


def _new_sqlite_file(url: str) -> Path | None:
    """The file a SQLite URL names if it does not exist yet (so creating it is news)."""
    from proxygraph.store.stats import missing_sqlite_file

    return missing_sqlite_file(url)


@contextmanager
def open_cli_store(db: str | None, *, create: bool = False, streaming: bool = False
                   ) -> Iterator[SqlStore]:
    """Open the store named by --db (else $PROXYGRAPH_DB, else ./proxygraph.db) for a
    command, and turn every store error inside the block into one line and its exit code.

    Read commands (claims, sources, network, paths, ...) use the default `create=False`:
    a store that does not exist is the one-line error "no store at URL" with exit code 4,
    never a new empty store that would answer every question with nothing. Commands that
    write (ingest, actors add/merge) pass `create=True` and are told on stderr when they
    create the store.

        with open_cli_store(db) as store:
            found = store.claims(flt)
    """
    from proxygraph.store.sql import SqlStore

    url = db or default_url()
    new_file = _new_sqlite_file(url) if create else None
    try:
        store = SqlStore(url, create=create, streaming=streaming)
    except ProxygraphError as exc:
        fail(exc)
    if new_file is not None:
        print(f"proxygraph: created store {url}", file=sys.stderr)
    try:
        yield store
    except ProxygraphError as exc:
        fail(exc)
    finally:
        store.close()


def _call(fn: Callable[[], T]) -> T:
    try:
        return fn()
    except ProxygraphError as exc:
        fail(exc)


def _reviewer(by: str | None) -> str:
    if by:
        return by
    try:
        return os.environ.get("PROXYGRAPH_REVIEWER") or getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


# --- ingest ---------------------------------------------------------------------------

@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Report files, folders, or - for stdin",
                                               metavar="PATH")],
    publisher: Annotated[str | None, typer.Option(help="Who published the reports")] = None,
    reliability: Annotated[str | None, typer.Option(
        help="Grade the publisher A-F (Admiralty; default F for a new publisher)")] = None,
    source_url: Annotated[str | None, typer.Option("--source-url")] = None,
    published: Annotated[str | None, typer.Option(help="Publication date YYYY[-MM[-DD]]")] = None,
    title: Annotated[str | None, typer.Option()] = None,
    language: Annotated[str | None, typer.Option()] = None,
    encoding: EncodingOption = None,
    db: DbOption = None,
    workers: Annotated[int | None, typer.Option(
        help="Extract on a local Dask cluster of N processes (one writer stores)")] = None,
    scheduler: Annotated[str | None, typer.Option(
        help="Extract on an existing Dask cluster, e.g. tcp://host:8786")] = None,
) -> None:
    """Read reports, extract their claims and store them (one transaction per document).

    Files of other types inside a folder are listed as skipped.
    """
    single = is_single_input(paths)  # then a failure is the run's one error line

    def show(outcome: FileOutcome) -> None:
        if outcome.status == "failed" and single:
            fail(InputError(str(outcome.error)))
        if outcome.status == "failed":
            print(f"failed     {outcome.path}: {outcome.error}", file=sys.stderr)
        elif outcome.status == "skipped":
            print(f"skipped    {outcome.path} ({outcome.error})", file=sys.stderr)
        elif outcome.status == "added":
            print(f"added      {outcome.path} ({plural(outcome.claims, 'claim')})")
        else:
            print(f"unchanged  {outcome.path}")

    if encoding is not None:
        _call(lambda: check_encoding(encoding))
    with open_cli_store(db, create=True) as store:
        if workers is None and scheduler is None:
            report = ingest_paths(store, paths, publisher=publisher, reliability=reliability,
                                  source_url=source_url, published=published, title=title,
                                  language=language, encoding=encoding, on_outcome=show)
        else:  # Dask loads only here
            from proxygraph.distributed import ingest_distributed, terminal_progress

            with terminal_progress(sys.stderr.isatty()) as (on_total, advance):
                report = ingest_distributed(
                    store, paths, workers=workers, scheduler=scheduler, publisher=publisher,
                    reliability=reliability, source_url=source_url, published=published,
                    title=title, language=language, encoding=encoding, on_total=on_total,
                    on_outcome=lambda o: (show(o), advance(o)))
    print(f"{report.added} added, {report.unchanged} unchanged, {report.failed} failed"
          + (f", {report.skipped} skipped" if report.skipped else "")
          + f"; {plural(report.claims, 'claim')} stored", file=sys.stderr)
    if not report.ok:
        raise typer.Exit(EXIT_PARTIAL)


@app.command(name="reextract")
def reextract_cmd(
    force: Annotated[bool, typer.Option(help="Redo documents already at this version")] = False,
    db: DbOption = None,
) -> None:
    """Re-run the current extractor over stored documents; reviewed claims are kept."""
    with open_cli_store(db) as store:
        results = reextract(store, force=force)
    for r in results:
        print(f"{r.label}  +{r.added} new, {r.retired} retired")
    print(f"{plural(len(results), 'document')} re-extracted", file=sys.stderr)


# --- claims ---------------------------------------------------------------------------

def _values(options: list[str] | None) -> tuple[str, ...]:
    """Repeated options and comma lists both work: --type A --type B or --type A,B."""
    return tuple(v.strip() for o in options or () for v in o.split(",") if v.strip())


@app.command(name="claims")
def claims_cmd(
    claim_id: Annotated[list[str] | None, typer.Option("--id", help="Claim id(s)")] = None,
    history: Annotated[bool, typer.Option(help="With --id: every version and review")] = False,
    explain: Annotated[bool, typer.Option(
        help="With --id: what the grade means and which claims corroborate or contradict it")]
    = False,
    actor: Annotated[list[str] | None, typer.Option(
        help="Actor by name, alias or id, through merges; repeat: all must take part")] = None,
    type_: Annotated[list[str] | None, typer.Option("--type", help="Claim type(s)")] = None,
    item: Annotated[list[str] | None, typer.Option(help="Item name or id")] = None,
    category: Annotated[list[str] | None, typer.Option(help="Item category")] = None,
    origin: Annotated[list[str] | None, typer.Option(help="Items' origin state")] = None,
    place: Annotated[list[str] | None, typer.Option()] = None,
    doc: Annotated[list[str] | None, typer.Option(help="Document name or content hash")]
    = None,
    since: Annotated[str | None, typer.Option(help="Overlapping on or after YYYY[-MM[-DD]]")]
    = None,
    until: Annotated[str | None, typer.Option(help="Overlapping on or before YYYY[-MM[-DD]]")]
    = None,
    as_of: Annotated[str | None, typer.Option("--as-of", help="In effect during this date")]
    = None,
    status: Annotated[list[str] | None, typer.Option()] = None,
    certainty: Annotated[list[str] | None, typer.Option()] = None,
    reliability: Annotated[str | None, typer.Option(help="Source grade or better (A-F)")]
    = None,
    credibility: Annotated[int | None, typer.Option(help="Credibility or better (1-6)")]
    = None,
    reviewed_only: Annotated[bool, typer.Option("--reviewed-only")] = False,
    unreviewed: Annotated[bool, typer.Option("--unreviewed")] = False,
    all_: Annotated[bool, typer.Option("--all", help="Include rejected, superseded, retired")]
    = False,
    search: Annotated[str | None, typer.Option(help=SEARCH_HELP)] = None,
    limit: Annotated[int | None, typer.Option(help="At most this many claims (a page)")]
    = None,
    offset: Annotated[int, typer.Option(help="Skip this many claims first (the next page: "
                                              "--offset LIMIT)")] = 0,
    fmt: Annotated[str, typer.Option("--format", help="table, jsonl or csv")] = "table",
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="Write to this file (atomically) instead of stdout")] = None,
    db: DbOption = None,
) -> None:
    """List stored claims matching every filter given, in the order they were stored.

    JSON Lines and CSV stream in constant memory, so a whole store can be exported.
    The grade column is the Admiralty pair: source reliability A-F and information
    credibility 1-6 (C2: fairly reliable source, probably true).
    """
    if fmt not in FORMATS:
        fail(ValidationError(f"format must be one of {', '.join(FORMATS)}"))
    if reviewed_only and unreviewed:
        fail(ValidationError("--reviewed-only and --unreviewed exclude each other"))
    if (history or explain) and not claim_id:
        fail(ValidationError(f"--{'history' if history else 'explain'} needs --id"))
    flt = _call(lambda: ClaimFilter(
        ids=_values(claim_id), actors=tuple(actor or ()), types=_values(type_),
        items=tuple(item or ()), item_categories=_values(category),
        origins=tuple(origin or ()), places=tuple(place or ()), docs=_values(doc),
        since=since, until=until, as_of=as_of, statuses=_values(status),
        certainties=_values(certainty), min_reliability=reliability,
        max_credibility=credibility,
        reviewed=True if reviewed_only else False if unreviewed else None,
        include="all" if all_ or claim_id else "current",  # named ids show as they are
        search=search, limit=limit, offset=offset))
    with open_cli_store(db) as store:
        if history:
            for cid in _values(claim_id):
                _print_history(store.history(cid), fmt)
            return
        if explain:
            for cid in _values(claim_id):
                _print_explanation(store.claim(cid), store.grade_reasons(cid))
            return
        store.check_names(flt)  # a misspelt actor or item is an error, not an empty answer
        seen: set[str] = set()

        def lines() -> Iterator[str]:
            for line in store.iter_claim_json(flt):
                if flt.ids:
                    seen.add(json.loads(line)["id"])
                yield line
        with _call(lambda: output_file(output)) as out:
            count = _emit(lines(), fmt, out)
        for cid in set(flt.ids) - seen:
            store.claim(cid)  # an id that does not exist at all is an error, not silence
    print(plural(count, "claim"), file=sys.stderr)


def _emit(lines: Iterable[str], fmt: str, out: IO[str]) -> int:
    """Write claims (JSON objects, one per string) in `fmt`; returns how many."""
    if fmt == "jsonl":
        return write_jsonl(lines, out)
    if fmt == "csv":
        return write_csv(lines, out)
    console = _console() if out is sys.stdout else Console(file=out, width=180)
    return print_table((json.loads(line) for line in lines), console)


def _print_claims(found: list[StoredClaim], fmt: str) -> None:
    _emit((json.dumps(s.to_dict(), ensure_ascii=False) for s in found), fmt, sys.stdout)


def _print_explanation(stored: StoredClaim, reasons: list[Relation]) -> None:
    c = stored.claim
    print(f"{c.id}  {c.type}: {c.subject.name} -> {c.object.name if c.object else '-'}  "
          f"status {c.status}, certainty {c.certainty}")
    print(f"  grade {grade_legend(stored.reliability, stored.credibility)}"
          + (" (set by a reviewer)" if stored.credibility_override is not None else ""))
    if not reasons:
        print("  no other claim of this type between these actors")
    for r in reasons:
        print(f"  {r.claim_id}  {r.source} ({r.reliability})  {r.status}: {r.relation}")


def _print_history(hist: ClaimHistory, fmt: str) -> None:
    by_claim: dict[str, list[dict[str, Any]]] = {}
    for record in hist.reviews:
        by_claim.setdefault(record.claim_id, []).append(
            {"action": record.action, "by": record.reviewer, "at": record.at,
             "note": record.note, "changes": record.changes,
             "result": record.result_claim_id})
    if fmt == "jsonl":
        for v in hist.versions:
            print(json.dumps({**v.to_dict(), "reviews": by_claim.get(v.id, [])},
                             ensure_ascii=False))
        return
    if fmt == "csv":
        _print_claims(list(hist.versions), "csv")
        return
    console = _console()
    for n, v in enumerate(hist.versions, 1):
        c = v.claim
        console.print(f"v{n} {c.id}  {v.origin}  {v.state}/{v.review_state}  "
                      f"grade {v.reliability}{v.credibility}", markup=False, highlight=False)
        console.print(f"   {c.type}: {c.subject.name} -> {c.object.name if c.object else '-'}"
                      f"  status {c.status}, certainty {c.certainty}", highlight=False,
                      markup=False)
        for r in by_claim.get(v.id, []):
            changes = ", ".join(f"{k}={val}" for k, val in dict(r["changes"] or {}).items())
            console.print(f"   {r['at']}  {r['action']} by {r['by']}"
                          + (f" ({changes})" if changes else "")
                          + (f": {r['note']}" if r["note"] else ""),
                          highlight=False, markup=False)


# --- review ---------------------------------------------------------------------------

def _changes(pairs: list[str] | None) -> dict[str, str]:
    out: dict[str, str] = {}
    for pair in pairs or ():
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise ValidationError(f"--correct takes attribute=value, not {pair!r}")
        out[key.strip().lower()] = value
    return out


@app.command(name="review")
def review_cmd(
    claim_id: Annotated[str, typer.Argument(help="The claim to review")],
    accept: Annotated[bool, typer.Option("--accept")] = False,
    reject: Annotated[bool, typer.Option("--reject")] = False,
    correct: Annotated[list[str] | None, typer.Option(
        "--correct", help='attribute=value, e.g. object="Kata\'ib Hezbollah"; repeatable')]
    = None,
    credibility: Annotated[int | None, typer.Option(help="Override credibility (1-6)")]
    = None,
    by: Annotated[str | None, typer.Option(help="Reviewer (default $PROXYGRAPH_REVIEWER or "
                                                "the login name)")] = None,
    note: Annotated[str | None, typer.Option(help="Why")] = None,
    fmt: Annotated[str, typer.Option("--format", help="table, jsonl or csv")] = "table",
    db: DbOption = None,
) -> None:
    """Accept, reject or correct a claim; a correction stores a new version."""
    chosen = [name for name, on in (("accept", accept), ("reject", reject),
                                    ("correct", bool(correct))) if on]
    if len(chosen) > 1:
        fail(ValidationError("give one of --accept, --reject, --correct"))
    if not chosen and credibility is None:
        fail(ValidationError("give --accept, --reject, --correct or --credibility"))
    action = chosen[0] if chosen else "credibility"
    changes = _call(lambda: _changes(correct))
    with open_cli_store(db) as store:
        result = store.review(claim_id, action=action, reviewer=_reviewer(by), note=note,
                              changes=changes or None, credibility=credibility)
    if result.id != claim_id:
        print(f"proxygraph: {claim_id} corrected as {result.id}", file=sys.stderr)
    _print_claims([result], fmt)


# --- sources --------------------------------------------------------------------------

@app.command(name="sources")
def sources_cmd(
    set_reliability: Annotated[tuple[str, str] | None, typer.Option(
        "--set-reliability", metavar="NAME GRADE", help="Grade a publisher A-F")] = None,
    by: Annotated[str | None, typer.Option(help="Who grades")] = None,
    fmt: Annotated[str, typer.Option("--format", help="table or jsonl")] = "table",
    db: DbOption = None,
) -> None:
    """List publishers with their reliability grade, or set one."""
    with open_cli_store(db) as store:
        if set_reliability:
            name, grade = set_reliability
            store.set_reliability(name, grade, reviewer=_reviewer(by))
        found = store.sources()
    if fmt == "jsonl":
        for s in found:
            print(json.dumps(s.__dict__, ensure_ascii=False))
        return
    table = Table()
    for col in ("source", "reliability", "documents", "claims", "graded by", "at"):
        table.add_column(col)
    for s in found:
        table.add_row(*(Text(cell) for cell in (s.name, s.reliability, str(s.documents),
                                                str(s.claims), s.updated_by or "",
                                                s.updated_at or "")))
    _console().print(table)


# --- registry overlay: `proxygraph actors add|alias|merge|split|unmerge|merges ...` ---------

ACTOR_VERBS = ("add", "alias", "merge", "split", "unmerge", "merges")
_ACTOR_USAGE = {
    "add": "actors add NAME [ALIAS...] --kind KIND",
    "alias": "actors alias ACTOR ALIAS...",
    "merge": "actors merge ACTOR INTO_ACTOR [--note WHY]",
    "split": "actors split ACTOR [--note WHY]  (undoes the merge of ACTOR)",
    "unmerge": "actors unmerge ACTOR [--note WHY]",
    "merges": "actors merges",
}


def actor_verb(words: list[str], *, kind: str | None = None, db: str | None = None,
               by: str | None = None, note: str | None = None) -> None:
    """Run one overlay verb (words[0]) against the store; the registry stays read-only."""
    verb, args = words[0], words[1:]
    arity = {"add": 1, "alias": 2, "merge": 2, "split": 1, "unmerge": 1, "merges": 0}[verb]
    if len(args) < arity or (verb in ("merge", "split", "unmerge") and len(args) > arity):
        fail(ValidationError(f"usage: proxygraph {_ACTOR_USAGE[verb]}"))
    if verb == "add" and not kind:
        fail(ValidationError("give the new actor's --kind (state, armed_group, person, ...)"))
    who = _reviewer(by)
    # Only judgements create a store; listing or undoing merges reads an existing one.
    with open_cli_store(db, create=verb in ("add", "alias", "merge")) as store:
        if verb == "add":
            entity = store.add_actor(args[0], str(kind), by=who, aliases=tuple(args[1:]))
            print(f"added {entity.name} ({entity.id}, {entity.kind})")
        elif verb == "alias":
            for alias in args[1:]:
                entity = store.add_alias(args[0], alias, by=who)
                print(f"alias {alias!r} -> {entity.name} ({entity.id})")
        elif verb == "merge":
            record = store.merge(args[0], args[1], by=who, note=note)
            print(f"merged {record.merged_id} into {record.into_id} (judgement {record.id})")
        elif verb in ("split", "unmerge"):
            record = store.split(args[0], by=who, note=note)
            print(f"split {record.merged_id} from {record.into_id} (judgement {record.id} "
                  "undone)")
        else:
            for r in store.merges():
                state = f"undone {r.undone_at} by {r.undone_by}" if r.undone_at else "active"
                print(f"{r.id}\t{r.merged_id} -> {r.into_id}\t{r.created_at} by "
                      f"{r.created_by}\t{state}\t{r.note or ''}")
