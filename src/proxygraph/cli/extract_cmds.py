"""`proxygraph extract` and `proxygraph demo`."""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import IO, Annotated

import typer
from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from proxygraph.cli.app import app, fail, plural
from proxygraph.errors import EXIT_PARTIAL, InputError, ProxygraphError
from proxygraph.model import Claim, Document

PathsArgument = Annotated[list[str], typer.Argument(
    help="Report files or folders; - for stdin.", metavar="PATH")]
EncodingOption = Annotated[str | None, typer.Option(
    "--encoding", metavar="NAME",
    help="Read text files in this encoding (e.g. cp1252, latin-1, utf-16); default: "
         "UTF-8, else detected.", show_default=False)]


def _list_rules(value: bool) -> None:
    """Print the extraction components in the order they run, and exit."""
    if not value:
        return
    from proxygraph.extract.families import WITHOUT_ENV, describe_components

    table = Table("component", "kind", "reads", "enabled", "what it does")
    for row in describe_components():
        table.add_row(row["name"], row["kind"], row["reads"], row["enabled"], row["does"])
    console = Console(width=max(Console().width, 110))
    console.print(table)
    console.print(f"Disable some for one run (an ablation) with {WITHOUT_ENV}=name[,name].")
    raise typer.Exit()


LONG_DOCUMENT_CHARS = 200_000  # a single report this long gets a progress bar on a TTY


def is_single_input(paths: list[str]) -> bool:
    """One file or stdin, where a failure is the run's error rather than part of a batch
    (several inputs, or a folder)."""
    return len(paths) == 1 and (paths[0] == "-" or not Path(paths[0]).is_dir())


@dataclass
class Batch:
    """What happened to the inputs of one run besides being read."""

    errors: list[InputError] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)

    def skip(self, path: Path, reason: str) -> None:
        self.skipped.append(path)
        print(f"proxygraph: skipped: {path} ({reason})", file=sys.stderr)

    def fail(self, exc: InputError) -> None:
        self.errors.append(exc)
        print(f"proxygraph: failed: {exc}", file=sys.stderr)


def _documents(paths: list[str], batch: Batch, encoding: str | None = None
               ) -> Iterator[Document]:
    """Read every input. One input that cannot be read is an error (exit 2); in a batch
    it is reported and the others are read (exit 1). Folders' other files are skipped."""
    from proxygraph.ingest import iter_input_paths, read_document, read_text_stream

    single = is_single_input(paths)
    files: list[Path] = []
    seen: set[Path] = set()
    for raw in dict.fromkeys(p for p in paths if p != "-"):
        try:
            for path in iter_input_paths([raw], on_skip=batch.skip):
                if path.resolve() not in seen:
                    seen.add(path.resolve())
                    files.append(path)
        except InputError as exc:
            if single or len(paths) == 1:  # a lone folder without reports: nothing to do
                raise
            batch.fail(exc)
    if "-" in paths:
        try:
            yield read_text_stream(sys.stdin.buffer.read(), name="stdin", encoding=encoding)
        except InputError as exc:
            if single:
                raise
            batch.fail(exc)
    for path in files:
        try:
            yield read_document(path, encoding=encoding)
        except InputError as exc:
            if single:
                raise
            batch.fail(exc)


@contextmanager
def _output(path: Path | None) -> Iterator[IO[str]]:
    """stdout, or a file written atomically so a failed run leaves no half file (with the
    mode a new file gets under the umask, or the mode of the file it replaces)."""
    from proxygraph.export.files import atomic_file

    if path is None:
        yield sys.stdout
        return
    with atomic_file(path) as handle:
        yield handle


def write_jsonl(claims: Iterable[Claim], handle: IO[str]) -> int:
    count = 0
    for claim in claims:
        handle.write(json.dumps(claim.to_dict(), ensure_ascii=False) + "\n")
        count += 1
    return count


@app.command()
def extract(
    paths: PathsArgument,
    output: Annotated[Path | None, typer.Option("-o", "--output",
                                                help="Write JSON Lines here (default stdout).")
                      ] = None,
    encoding: EncodingOption = None,
    collapse_repeats: Annotated[bool, typer.Option(
        "--collapse-repeats",
        help="Emit each relation (type, parties, status) once per document, at its first "
             "statement, instead of once per statement: the convention of annotations that "
             "count events (the shared dev set).")] = False,
    list_rules: Annotated[bool, typer.Option(
        "--list-rules", callback=_list_rules, is_eager=True,
        help="List the rule families and filters in the order they run, and exit.")] = False,
) -> None:
    """Extract claims from reports (txt, md, html, pdf) as JSON Lines.

    Files of other types inside a folder are listed as skipped.
    """
    from proxygraph.extract import extract_document
    from proxygraph.ingest import check_encoding

    batch = Batch()
    total = 0
    try:
        if encoding is not None:
            check_encoding(encoding)
        with _output(output) as handle:
            docs = list(_documents(paths, batch, encoding))
            chars = sum(len(doc.text) for doc in docs)
            # A bar over characters: one long report moves it as well as many short ones.
            show = (len(docs) > 1 or chars > LONG_DOCUMENT_CHARS) and sys.stderr.isatty()
            with Progress(transient=True, disable=not show,
                          console=Console(stderr=True)) as progress:
                task = progress.add_task("extracting", total=chars)
                done = 0
                for doc in docs:
                    def advance(at: int, _total: int, base: int = done) -> None:
                        progress.update(task, completed=base + at)

                    claims = extract_document(doc, collapse_repeats=collapse_repeats,
                                              progress=advance)
                    total += write_jsonl(claims, handle)
                    done += len(doc.text)
                    progress.update(task, completed=done)
    except ProxygraphError as exc:
        fail(exc)
    if output is not None or batch.errors or batch.skipped:
        summary = f"{plural(total, 'claim')} from {plural(len(docs), 'document')}"
        if batch.skipped:
            summary += f", {len(batch.skipped)} skipped"
        if batch.errors:
            summary += f", {len(batch.errors)} unreadable"
        print(f"proxygraph: {summary}" + (f" -> {output}" if output else ""), file=sys.stderr)
    if batch.errors:
        raise typer.Exit(EXIT_PARTIAL)


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
    serve: Annotated[bool, typer.Option(
        "--serve", help="Then open the web UI on the demo store (127.0.0.1).")] = False,
    port: Annotated[int, typer.Option("--port", help="Port for --serve.")] = 8765,
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
                  f"reports, {plural(len(claims), 'claim')} in {url}")
    summarize(claims, console)
    if output is not None:
        with _output(output) as handle:
            write_jsonl(claims, handle)
        console.print(f"claims written to {output}")
    # Plain print: Rich would wrap the command at the terminal width and break pasting.
    print(f"Explore: proxygraph claims --db {url} --actor Hezbollah --format table")
    if serve:
        from proxygraph.cli.web_cmds import run_server

        run_server(url, port=port)
