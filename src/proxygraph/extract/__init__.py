"""Rule-based claim extraction: reports in, immutable Claim records out.

    from proxygraph.extract import extract_text
    claims = extract_text("Iran-backed Houthi rebels attacked ships.", name="note.txt")
"""

from __future__ import annotations

from pathlib import Path

from proxygraph.extract.pipeline import (
    EXTRACTOR_NAME,
    EXTRACTOR_VERSION,
    extract_document,
    extractor_info,
)
from proxygraph.ids import content_hash
from proxygraph.model import Claim, Document

__all__ = [
    "EXTRACTOR_NAME",
    "EXTRACTOR_VERSION",
    "extract_document",
    "extract_path",
    "extract_text",
    "extractor_info",
]


def extract_text(text: str, name: str = "stdin") -> list[Claim]:
    """Extract claims from a string, as if it were a document called `name`."""
    from proxygraph.ingest import clean_text

    clean = clean_text(text)
    return extract_document(Document(name=name, text=clean, sha256=content_hash(clean)))


def extract_path(path: str | Path, collapse_repeats: bool = False) -> list[Claim]:
    """Read a report file (txt, md, html, pdf) and extract its claims (with
    `collapse_repeats`, each relation once, at its first statement: `extract_document`)."""
    from proxygraph.ingest import read_document

    return extract_document(read_document(path), collapse_repeats=collapse_repeats)
