"""Spreadsheet-safe CSV cells (spreadsheet.py): text from a report that begins like a
formula is written as text and imported back as it was."""

from __future__ import annotations

import csv
from pathlib import Path

from proxygraph.cli.claims_format import csv_row
from proxygraph.export import export
from proxygraph.extract import extract_document
from proxygraph.ids import content_hash
from proxygraph.importer import import_file
from proxygraph.model import Document
from proxygraph.spreadsheet import guarded, unguarded
from proxygraph.store import SqlStore

# an invented report line that a spreadsheet would run as a formula
TEXT = '=HYPERLINK("http://example.invalid","x") Iran armed the Houthis in 2023.'


def test_formula_starts_get_an_apostrophe_and_lose_it_again() -> None:
    for text in ("=SUM(A1)", "+1 more", "-Front", "@cmd", "\t=x"):
        assert guarded(text) == "'" + text
        assert unguarded(guarded(text)) == text
    for text in ("Iran", "'quoted'", "2023-01-05", ""):
        assert guarded(text) == text
        assert unguarded(text) == text


def test_a_formula_sentence_exports_as_text_and_imports_as_it_was(tmp_path: Path) -> None:
    document = Document(name="f.txt", text=TEXT, sha256=content_hash(TEXT))
    claims = list(extract_document(document))
    assert claims and claims[0].evidence.sentence.startswith("=HYPERLINK")
    with SqlStore(f"sqlite:///{tmp_path}/a.db") as store:
        store.add_document(document, claims, extractor_version="test")
        export(store, "csv", tmp_path / "out")
    with open(tmp_path / "out" / "claims.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert rows and all(r["quote"].startswith("'=HYPERLINK") for r in rows)
    with SqlStore(f"sqlite:///{tmp_path}/b.db") as other:
        import_file(other, tmp_path / "out" / "claims.csv", reviewer="analyst")
        imported = [s.claim.evidence.sentence for s in other.claims()]
    assert imported and all(s.startswith("=HYPERLINK") for s in imported)


def test_the_claims_csv_of_the_cli_and_the_web_is_guarded_too() -> None:
    document = Document(name="f.txt", text=TEXT, sha256=content_hash(TEXT))
    claim = next(iter(extract_document(document))).to_dict()
    claim["doc"] = document.sha256
    cells = csv_row(claim)
    assert cells["evidence"].startswith("'=HYPERLINK")
    assert cells["subject"] == "Iran"  # ordinary text unchanged
