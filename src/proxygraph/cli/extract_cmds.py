"""`proxygraph extract` and `proxygraph demo`."""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import IO, Annotated

import typer
from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from proxygraph.cli.app import app, fail
from proxygraph.errors import InputError, ProxygraphError
from proxygraph.model import Claim, Document


def _documents(paths: list[str], errors: list[InputError]) -> Iterator[Document]:
    """Read every input; in a batch, unreadable files are reported and skipped."""
    from proxygraph.ingest import iter_input_paths, read_document, read_text_stream

    file_args = [p for p in paths if p != "-"]
    if "-" in paths:
        yield read_text_stream(sys.stdin.buffer.read(), name="stdin")
    files = list(iter_input_paths(file_args)) if file_args else []
    if len(files) == 1 and "-" not in paths:
        yield read_document(files[0])  # a single bad file is simply an error
        return
    for path in files:
        try:
            yield read_document(path)
        except InputError as exc:
            errors.append(exc)
            print(f"proxygraph: skipped: {exc}", file=sys.stderr)


@contextmanager
def _output(path: Path | None) -> Iterator[IO[str]]:
    """stdout, or a file written atomically so a failed run leaves no half file."""
    if path is None or str(path) == "-":
        yield sys.stdout
        return
    directory = path.resolve().parent
    if not directory.is_dir():
        raise InputError(f"output folder does not exist: {directory}")
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            yield handle
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_jsonl(claims: Iterable[Claim], handle: IO[str]) -> int:
    count = 0
    for claim in claims:
        handle.write(json.dumps(claim.to_dict(), ensure_ascii=False) + "\n")
        count += 1
    return count


@app.command()
def extract(
    paths: Annotated[list[str], typer.Argument(help="Report files or folders; - for stdin.")],
    output: Annotated[Path | None, typer.Option("-o", "--output",
                                                help="Write JSON Lines here (default stdout).")
                      ] = None,
) -> None:
    """Extract claims from reports (txt, md, html, pdf) as JSON Lines."""
    from proxygraph.extract import extract_document

    errors: list[InputError] = []
    total = 0
    try:
        with _output(output) as handle:
            docs = list(_documents(paths, errors))
            show = len(docs) > 1 and sys.stderr.isatty()
            with Progress(transient=True, disable=not show,
                          console=Console(stderr=True)) as progress:
                task = progress.add_task("extracting", total=len(docs))
                for doc in docs:
                    total += write_jsonl(extract_document(doc), handle)
                    progress.advance(task)
    except ProxygraphError as exc:
        fail(exc)
    if output is not None:
        print(f"{total} claims from {len(paths)} input(s) -> {output}", file=sys.stderr)
    if errors:
        print(f"proxygraph: {len(errors)} input(s) could not be read", file=sys.stderr)
        raise typer.Exit(1)


def sample_documents() -> list[Document]:
    """The bundled sample reports (original texts written for the demo)."""
    from proxygraph.ingest import read_document

    folder = resources.files("proxygraph").joinpath("samples", "reports")
    docs = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".txt"):
            with resources.as_file(entry) as path:
                docs.append(read_document(path))
    return docs


def summarize(claims: list[Claim], console: Console, top: int = 10) -> None:
    by_type = Counter(c.type for c in claims)
    table = Table(title="Claims per type")
    table.add_column("type")
    table.add_column("claims", justify="right")
    for ctype, count in by_type.most_common():
        table.add_row(ctype, str(count))
    console.print(table)
    pairs = Counter((c.subject.name, c.type, c.object.name if c.object else "-") for c in claims)
    ptable = Table(title=f"Top {top} actor pairs")
    for col in ("subject", "type", "object", "claims"):
        ptable.add_column(col, justify="right" if col == "claims" else "left")
    for (subj, ctype, obj), count in pairs.most_common(top):
        ptable.add_row(subj, ctype, obj, str(count))
    console.print(ptable)
    items = Counter(i.name for c in claims for i in c.items)
    itable = Table(title="Items")
    itable.add_column("item")
    itable.add_column("claims", justify="right")
    for name, count in items.most_common(top):
        itable.add_row(name, str(count))
    console.print(itable)


DEMO_DB = "proxygraph-demo.db"


@app.command()
def demo(
    db: Annotated[str | None, typer.Option(
        "--db", help=f"Store to ingest into (default: a fresh ./{DEMO_DB}).")] = None,
    output: Annotated[Path | None, typer.Option("-o", "--output",
                                                help="Also write the claims as JSON Lines.")
                      ] = None,
) -> None:
    """Ingest the bundled sample reports into a fresh store and print a summary."""
    from proxygraph.collection import ingest_paths
    from proxygraph.store import open_store

    console = Console()
    url = db
    if url is None:
        # A fresh demo store each run, so the figures always describe the samples alone.
        for suffix in ("", "-wal", "-shm"):
            Path(DEMO_DB + suffix).unlink(missing_ok=True)
        url = f"sqlite:///{DEMO_DB}"
    try:
        store = open_store(url)
        try:
            samples = resources.files("proxygraph").joinpath("samples", "reports")
            with resources.as_file(samples) as folder:
                report = ingest_paths(store, [folder], publisher="proxygraph samples",
                                      reliability="C")
            claims = [stored.claim for stored in store.claims()]
        finally:
            store.close()
    except ProxygraphError as exc:
        fail(exc)
    console.print(f"[bold]proxygraph demo[/bold]: {report.added + report.unchanged} sample "
                  f"reports, {len(claims)} claims in {url}")
    summarize(claims, console)
    if output is not None:
        with _output(output) as handle:
            write_jsonl(claims, handle)
        console.print(f"claims written to {output}")
    console.print(f"Explore: proxygraph claims --db {url} --actor Hezbollah --format table")
