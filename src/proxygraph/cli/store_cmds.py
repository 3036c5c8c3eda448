"""Store commands: ingest, reextract, claims, review, sources.

Each command parses its options, calls one library function and formats the result; the
store is chosen by --db, else PROXYGRAPH_DB, else a SQLite file in the working directory.
"""

from __future__ import annotations

import csv
import getpass
import json
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from proxygraph.cli.app import app, fail, plural
from proxygraph.cli.extract_cmds import EncodingOption, is_single_input
from proxygraph.collection import FileOutcome, ingest_paths, reextract
from proxygraph.errors import EXIT_PARTIAL, InputError, ProxygraphError, ValidationError
from proxygraph.ingest import check_encoding
from proxygraph.store import ClaimFilter, ClaimHistory, SqlStore, StoredClaim, default_url

T = TypeVar("T")

DbOption = Annotated[str | None, typer.Option(
    "--db", help="Store URL (sqlite:///file.db or postgresql+psycopg://...); "
    "default $PROXYGRAPH_DB or sqlite:///proxygraph.db", show_default=False)]
FORMATS = ("table", "jsonl", "csv")
CSV_FIELDS = ("id", "type", "subject", "subject_id", "object", "object_id", "items", "via",
              "place", "route", "time_start", "time_end", "time_precision", "status",
              "certainty", "reliability", "credibility", "review_state", "lifecycle",
              "origin", "supersedes", "doc", "extractor_version", "evidence")


def _console() -> Console:
    """A terminal's own width; piped output gets room enough for a readable table."""
    console = Console()
    return console if console.is_terminal else Console(width=180)


def _new_sqlite_file(url: str) -> Path | None:
    """The file a SQLite URL names if it does not exist yet (so creating it is news)."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        return None
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    path = Path(parsed.database)
    return None if path.exists() else path


@contextmanager
def open_cli_store(db: str | None) -> Iterator[SqlStore]:
    """Open the store, say so on stderr when this creates it, and turn errors into lines."""
    url = db or default_url()
    new_file = _new_sqlite_file(url)
    try:
        store = SqlStore(url)
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
    with open_cli_store(db) as store:
        report = ingest_paths(store, paths, publisher=publisher, reliability=reliability,
                              source_url=source_url, published=published, title=title,
                              language=language, encoding=encoding, on_outcome=show)
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
        print(f"{r.doc[:12]}  +{r.added} new, {r.retired} retired")
    print(f"{len(results)} documents re-extracted", file=sys.stderr)


# --- claims ---------------------------------------------------------------------------

def _values(options: list[str] | None) -> tuple[str, ...]:
    """Repeated options and comma lists both work: --type A --type B or --type A,B."""
    return tuple(v.strip() for o in options or () for v in o.split(",") if v.strip())


@app.command(name="claims")
def claims_cmd(
    claim_id: Annotated[list[str] | None, typer.Option("--id", help="Claim id(s)")] = None,
    history: Annotated[bool, typer.Option(help="With --id: every version and review")] = False,
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
    search: Annotated[str | None, typer.Option(help="Full text over the evidence")] = None,
    limit: Annotated[int | None, typer.Option()] = None,
    fmt: Annotated[str, typer.Option("--format", help="table, jsonl or csv")] = "table",
    db: DbOption = None,
) -> None:
    """List stored claims matching every filter given."""
    if fmt not in FORMATS:
        fail(ValidationError(f"format must be one of {', '.join(FORMATS)}"))
    if reviewed_only and unreviewed:
        fail(ValidationError("--reviewed-only and --unreviewed exclude each other"))
    if history and not claim_id:
        fail(ValidationError("--history needs --id"))
    flt = _call(lambda: ClaimFilter(
        ids=_values(claim_id), actors=tuple(actor or ()), types=_values(type_),
        items=tuple(item or ()), item_categories=_values(category),
        origins=tuple(origin or ()), places=tuple(place or ()), docs=_values(doc),
        since=since, until=until, as_of=as_of, statuses=_values(status),
        certainties=_values(certainty), min_reliability=reliability,
        max_credibility=credibility,
        reviewed=True if reviewed_only else False if unreviewed else None,
        include="all" if all_ or claim_id else "current",  # named ids show as they are
        search=search, limit=limit))
    with open_cli_store(db) as store:
        if history:
            for cid in _values(claim_id):
                _print_history(store.history(cid), fmt)
            return
        found = store.claims(flt)
        for cid in set(flt.ids) - {c.id for c in found}:
            store.claim(cid)  # an id that does not exist at all is an error, not silence
    _print_claims(found, fmt)


def _row(stored: StoredClaim) -> dict[str, str]:
    c = stored.claim
    return {
        "id": c.id, "type": c.type, "subject": c.subject.name, "subject_id": c.subject.id,
        "object": c.object.name if c.object else "", "object_id": c.object.id if c.object else "",
        "items": "; ".join(i.name for i in c.items), "via": "; ".join(v.name for v in c.via),
        "place": "; ".join(c.place), "route": "; ".join(c.route),
        "time_start": (c.time.start or "") if c.time else "",
        "time_end": (c.time.end or "") if c.time else "",
        "time_precision": c.time.precision if c.time else "",
        "status": c.status, "certainty": c.certainty, "reliability": stored.reliability,
        "credibility": str(stored.credibility), "review_state": stored.review_state,
        "lifecycle": stored.state, "origin": stored.origin,
        "supersedes": stored.supersedes or "", "doc": c.doc,
        "extractor_version": str(c.extractor.get("version", "")),
        "evidence": c.evidence.sentence,
    }


def _print_claims(found: list[StoredClaim], fmt: str) -> None:
    if fmt == "jsonl":
        for stored in found:
            print(json.dumps(stored.to_dict(), ensure_ascii=False))
    elif fmt == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=CSV_FIELDS, lineterminator="\n")
        writer.writeheader()
        for stored in found:
            writer.writerow(_row(stored))
    else:
        table = Table(show_lines=False)
        for col in ("id", "type", "subject", "object", "items", "time", "status", "grade",
                    "review"):
            table.add_column(col, overflow="fold", no_wrap=col in ("id", "grade"))
        table.add_column("evidence", overflow="fold", ratio=1)
        for stored in found:
            r = _row(stored)
            time = r["time_start"] + (f"..{r['time_end']}" if r["time_end"] != r["time_start"]
                                      else "")
            review = stored.review_state if stored.state == "active" else stored.state
            # Text cells: report text like "[1]" or "[/b]" must not be read as Rich markup.
            table.add_row(*(Text(cell) for cell in (
                r["id"], r["type"], r["subject"], r["object"], r["items"], time,
                f"{r['status']}/{r['certainty']}", f"{stored.reliability}{stored.credibility}",
                review, r["evidence"][:160])))
        _console().print(table)
        print(f"{len(found)} claims", file=sys.stderr)


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
    with open_cli_store(db) as store:
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
