"""Ingest on a Dask cluster: extraction on workers, one writer in the client.

    from proxygraph.distributed import ingest_distributed
    report = ingest_distributed(store, ["reports/"], workers=2)          # a local cluster
    report = ingest_distributed(store, ["reports/"], scheduler="tcp://host:8786")

The client reads and hashes each file, skips texts the store already holds (so a rerun
resumes), and sends the rest to the workers, a bounded number at a time. Each worker loads
the spaCy pipeline once (a worker plugin warms it at start). Results come back as they
finish and the client stores them, the documents that landed together in one transaction
graded once (`store.add_documents`, the grades of adding them one by one): SQLite keeps a
single writer, and claim ids (a hash of the document, sentence, type, actors and extractor
version) are the same whatever the number of workers. Ctrl-C cancels what is in flight
and closes the cluster; every document stored before it stays stored.
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from distributed import Client, LocalCluster, WorkerPlugin, as_completed

from proxygraph.collection import FileOutcome, IngestReport, read_input
from proxygraph.errors import InputError, ProxygraphError, ValidationError
from proxygraph.model import Claim, Document
from proxygraph.store.base import check_grade, period

if TYPE_CHECKING:
    from distributed import Future

    from proxygraph.store.base import ClaimStore

_ONE_THREAD = {name: "1" for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS",
                                      "MKL_NUM_THREADS")}

# What a worker sends back: (extractor version, claims or None, error or None).
Result = tuple[str, list[Claim] | None, str | None]

# Futures in flight per worker thread: enough to keep workers busy while the writer stores
# a result, few enough that a large folder is never held in memory all at once.
IN_FLIGHT_PER_THREAD = 4


class WarmExtractor(WorkerPlugin):
    """Load the spaCy pipeline and registry when a worker joins, not in its first task."""

    name = "proxygraph-extractor"

    def setup(self, worker: Any) -> None:
        from proxygraph.extract import extract_text

        extract_text("Iran supplied drones to the Houthis in 2023.", name="warm-up")


def extract_remote(doc: Document) -> Result:
    """Run on a worker: (extractor version, claims or None, error or None).

    Errors come back as values so one bad document never fails the batch; the model is
    cached per worker process by `proxygraph.extract`.
    """
    from proxygraph.extract import EXTRACTOR_VERSION, extract_document

    try:
        return EXTRACTOR_VERSION, extract_document(doc), None
    except ProxygraphError as exc:
        return EXTRACTOR_VERSION, None, str(exc)
    except Exception as exc:  # reported per document, like the sequential ingest
        return EXTRACTOR_VERSION, None, f"extraction failed: {exc.__class__.__name__}: {exc}"


@contextmanager
def dask_client(*, workers: int | None = None, scheduler: str | None = None
                ) -> Iterator[Client]:
    """A client on an existing scheduler, or on a local cluster of `workers` processes
    (one thread each, loopback only, no dashboard); closed on exit, Ctrl-C included."""
    if scheduler:
        try:
            client = Client(scheduler, timeout="10s")
        except (OSError, TimeoutError) as exc:
            raise InputError(f"cannot reach the Dask scheduler {scheduler}: {exc}") from None
        cluster = None
    else:
        if workers is None or workers < 1:
            raise ValidationError(f"--workers must be 1 or more, not {workers}")
        with warnings.catch_warnings():
            # Without a dashboard the scheduler still serves health checks on loopback,
            # on another port when 8787 is taken: not worth a warning to the user.
            warnings.filterwarnings("ignore", message="Port .* is already in use")
            # One BLAS thread per worker process: spaCy's matrix products would otherwise
            # each start a thread per core, and N workers would fight over the cores.
            cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                   host="127.0.0.1", dashboard_address=None,
                                   silence_logs=logging.ERROR, env=_ONE_THREAD)
        client = Client(cluster)
    try:
        client.register_plugin(WarmExtractor())
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def ingest_distributed(store: ClaimStore, paths: Sequence[str | Path], *,
                       workers: int | None = None, scheduler: str | None = None,
                       client: Client | None = None,
                       publisher: str | None = None, reliability: str | None = None,
                       source_url: str | None = None, published: str | None = None,
                       title: str | None = None, language: str | None = None,
                       stdin: BinaryIO | None = None, encoding: str | None = None,
                       on_total: Callable[[int], None] | None = None,
                       on_outcome: Callable[[FileOutcome], None] | None = None
                       ) -> IngestReport:
    """`collection.ingest_paths` with extraction on a Dask cluster.

    Pass `client` to use one you manage, else `scheduler` (an address) or `workers` (a
    local cluster, started only if some document is new). `on_total(n)` is called once
    with the number of files to process, `on_outcome` once per file.
    """
    from proxygraph.extract import EXTRACTOR_VERSION

    if reliability is not None:
        reliability = check_grade(reliability)
    if published is not None:
        period(published)  # reject a malformed date before reading anything
    if scheduler and workers is not None:
        raise ValidationError("give --workers (a local cluster) or --scheduler, not both")
    metadata: dict[str, Any] = {"publisher": publisher, "reliability": reliability,
                                "source_url": source_url, "published": published,
                                "title": title, "language": language}
    report = IngestReport()

    def record(outcome: FileOutcome) -> None:
        report.outcomes.append(outcome)
        if on_outcome:
            on_outcome(outcome)

    files = _expand(paths, record)
    if on_total:
        on_total(len(files))
    new_docs = _new_documents(store, files, metadata, encoding, stdin, record)
    first = next(new_docs, None)
    if first is None:  # nothing new: a finished rerun starts no cluster
        return report

    def write(results: list[tuple[str, Document, Result]]) -> None:
        """Store the extracted documents of a batch in one transaction (graded once)."""
        good: list[tuple[str, Document, list[Claim]]] = []
        for label, doc, (version, claims, error) in results:
            if error is None and version != EXTRACTOR_VERSION:
                error = (f"worker extractor {version} differs from this one "
                         f"({EXTRACTOR_VERSION}); install the same proxygraph on every worker")
            if error is not None or claims is None:
                message = error if error and error.startswith(label) else f"{label}: {error}"
                record(FileOutcome(path=label, status="failed", error=message))
            else:
                good.append((label, doc, claims))
        if not good:
            return
        added = store.add_documents([(doc, claims) for _, doc, claims in good],
                                    extractor_version=EXTRACTOR_VERSION,
                                    grade_publisher=reliability is not None)
        for (label, doc, _), result in zip(good, added, strict=True):
            record(FileOutcome(path=label, status=result.status, doc=doc.sha256,
                               claims=result.claims_added))

    def pending_documents() -> Iterator[tuple[str, Document]]:
        yield first
        yield from new_docs

    if client is not None:
        _run(client, pending_documents(), write)
    else:
        with dask_client(workers=workers, scheduler=scheduler) as own:
            _run(own, pending_documents(), write)
    return report


def _run(client: Client, docs: Iterator[tuple[str, Document]],
         write: Callable[[list[tuple[str, Document, Result]]], None]) -> None:
    """Keep a bounded number of extractions in flight; store the results as they land,
    all those finished by then in one write (so the writer keeps up with many workers)."""
    threads = sum(client.nthreads().values()) or 1
    limit = max(2, IN_FLIGHT_PER_THREAD * threads)
    in_flight: dict[Future, tuple[str, Document]] = {}
    finished = as_completed()

    def submit_more() -> None:
        while len(in_flight) < limit:
            nxt = next(docs, None)
            if nxt is None:
                return
            future = client.submit(extract_remote, nxt[1], pure=False)
            in_flight[future] = nxt
            finished.add(future)

    try:
        submit_more()
        for batch in finished.batches():
            landed = []
            for future in batch:
                label, doc = in_flight.pop(future)
                try:
                    result = future.result()
                except Exception as exc:  # a worker died or the task was lost
                    result = ("", None, f"worker failed: {exc.__class__.__name__}: {exc}")
                landed.append((label, doc, result))
            submit_more()  # the workers extract the next ones while these are stored
            write(landed)
    finally:
        if in_flight:  # Ctrl-C or a store error: drop the rest, keep what was stored
            client.cancel(list(in_flight))


def _expand(paths: Sequence[str | Path], record: Callable[[FileOutcome], None]) -> list[Path]:
    from proxygraph.ingest import iter_input_paths

    files: list[Path] = []
    for raw in paths:
        try:
            files.extend(iter_input_paths([str(raw)], on_skip=lambda p, why: record(
                FileOutcome(path=str(p), status="skipped", error=why))))
        except InputError as exc:
            record(FileOutcome(path=str(raw), status="failed", error=str(exc)))
    return files


def _new_documents(store: ClaimStore, files: list[Path], metadata: dict[str, Any],
                   encoding: str | None, stdin: BinaryIO | None,
                   record: Callable[[FileOutcome], None]) -> Iterator[tuple[str, Document]]:
    """Read files lazily; record unreadable and already stored ones, yield the rest once."""
    seen: set[str] = set()
    for path in files:
        label = str(path)
        try:
            doc = read_input(path, metadata, stdin=stdin, encoding=encoding)
        except (InputError, ValidationError) as exc:
            record(FileOutcome(path=label, status="failed", error=str(exc)))
            continue
        if doc.sha256 in seen or store.has_document(doc.sha256):
            record(FileOutcome(path=label, status="unchanged", doc=doc.sha256))
            continue
        seen.add(doc.sha256)
        yield label, doc


@contextmanager
def terminal_progress(enabled: bool) -> Iterator[tuple[Callable[[int], None],
                                                        Callable[[FileOutcome], None]]]:
    """(on_total, on_outcome) callbacks that drive a progress bar on stderr when
    `enabled` (a terminal); otherwise callbacks that do nothing."""
    if not enabled:
        yield (lambda _n: None), (lambda _o: None)
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    with Progress("ingest", BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                  console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("ingest", total=None)

        def on_outcome(outcome: FileOutcome) -> None:
            if outcome.status != "skipped":
                bar.advance(task)

        yield (lambda n: bar.update(task, total=n)), on_outcome
