"""Grow a collection: read report files, extract their claims, store each document.

Each document is stored with its claims in one transaction, so an interrupted run leaves
whole documents only, and running it again completes it (known texts are skipped before
the costly extraction). A file that cannot be read or extracted is reported and skipped.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from proxygraph.errors import InputError, StoreError, ValidationError
from proxygraph.model import Claim, Document
from proxygraph.store.base import ClaimStore, ReextractResult, check_grade, period

Extractor = Callable[[Document], list[Claim]]


@dataclass(frozen=True)
class FileOutcome:
    path: str
    status: str  # added | unchanged | failed | skipped (a folder's file of another type)
    doc: str | None = None
    claims: int = 0
    error: str | None = None


@dataclass
class IngestReport:
    outcomes: list[FileOutcome] = field(default_factory=list)

    def _count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def added(self) -> int:
        return self._count("added")

    @property
    def unchanged(self) -> int:
        return self._count("unchanged")

    @property
    def failed(self) -> int:
        return self._count("failed")

    @property
    def skipped(self) -> int:
        return self._count("skipped")

    @property
    def claims(self) -> int:
        return sum(o.claims for o in self.outcomes)

    @property
    def ok(self) -> bool:
        return self.failed == 0


def _default_extractor() -> tuple[Extractor, str]:
    # Imported late: extraction loads spaCy, which only ingest and reextract need.
    from proxygraph.extract import EXTRACTOR_VERSION, extract_document
    return extract_document, EXTRACTOR_VERSION


def read_input(path: Path, metadata: dict[str, Any], *, stdin: BinaryIO | None = None,
               encoding: str | None = None) -> Document:
    """One input of an ingest as a Document: a report file, or `-` for standard input."""
    from proxygraph.ingest import read_document, read_text_stream

    if str(path) == "-":
        data = (stdin or sys.stdin.buffer).read()
        return read_text_stream(data, "stdin", encoding=encoding, **metadata)
    return read_document(path, encoding=encoding, **metadata)


def ingest_paths(store: ClaimStore, paths: Sequence[str | Path], *,
                 publisher: str | None = None, reliability: str | None = None,
                 source_url: str | None = None, published: str | None = None,
                 title: str | None = None, language: str | None = None,
                 stdin: BinaryIO | None = None, encoding: str | None = None,
                 extractor: tuple[Extractor, str] | None = None,
                 on_outcome: Callable[[FileOutcome], None] | None = None) -> IngestReport:
    """Ingest files, folders (their report files) or `-` (stdin) into `store`.

    `reliability` grades the publisher (A-F) when given; otherwise a known publisher keeps
    its grade and a new one starts at F. `encoding` forces the text encoding (default
    UTF-8, else detected). Returns what happened to each file.
    """
    from proxygraph.ingest import iter_input_paths

    if reliability is not None:
        reliability = check_grade(reliability)
    if published is not None:
        period(published)  # reject a malformed date before reading anything
    metadata: dict[str, Any] = {"publisher": publisher, "reliability": reliability,
                                "source_url": source_url, "published": published,
                                "title": title, "language": language}
    extract, version = extractor or _default_extractor()
    report = IngestReport()

    def record(outcome: FileOutcome) -> None:
        report.outcomes.append(outcome)
        if on_outcome:
            on_outcome(outcome)

    for raw in paths:
        try:
            files: Iterable[Path] = list(iter_input_paths([str(raw)], on_skip=lambda p, why: record(
                FileOutcome(path=str(p), status="skipped", error=why))))
        except InputError as exc:
            record(FileOutcome(path=str(raw), status="failed", error=str(exc)))
            continue
        for path in files:
            label = "-" if str(path) == "-" else str(path)
            try:
                doc = read_input(path, metadata, stdin=stdin, encoding=encoding)
                record(_store_one(store, doc, label, extract, version,
                                  grade_publisher=reliability is not None))
            except (InputError, ValidationError) as exc:
                record(FileOutcome(path=label, status="failed", error=str(exc)))
    return report


def _store_one(store: ClaimStore, doc: Document, label: str, extract: Extractor,
               version: str, *, grade_publisher: bool) -> FileOutcome:
    if store.has_document(doc.sha256):
        return FileOutcome(path=label, status="unchanged", doc=doc.sha256)
    try:
        claims = extract(doc)
    except (InputError, ValidationError, StoreError):
        raise
    except Exception as exc:  # one bad document must not stop the batch
        raise InputError(f"{label}: extraction failed: {exc.__class__.__name__}: {exc}") \
            from None
    result = store.add_document(doc, claims, extractor_version=version,
                                grade_publisher=grade_publisher)
    return FileOutcome(path=label, status=result.status, doc=doc.sha256,
                       claims=result.claims_added)


def reextract(store: ClaimStore, *, force: bool = False,
              extractor: tuple[Extractor, str] | None = None) -> list[ReextractResult]:
    """Run the current extractor over stored documents made with another version.

    New machine claims are added, old unreviewed machine claims retired (never deleted);
    reviewed claims and corrections stay as they are. `force` redoes every document.
    """
    extract, version = extractor or _default_extractor()
    results = []
    for info in store.documents():
        if info.extractor_version == version and not force:
            continue
        doc = info.to_document(store.document_text(info.sha256))
        results.append(store.reextract_document(info.sha256, extract(doc),
                                                extractor_version=version))
    return results
