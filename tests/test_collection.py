"""ingest_paths and reextract: files -> documents + claims in the store, one per transaction."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from proxygraph.collection import ingest_paths, reextract
from proxygraph.errors import ValidationError
from proxygraph.ids import claim_id
from proxygraph.model import Claim, Document, Evidence
from proxygraph.store import ClaimFilter, SqlStore
from proxygraph.store.review import unresolved
from store_helpers import store_fixture, store_url_fixture  # noqa: F401  (fixtures)


def arrow_extractor(version: str = "t1"):
    """A stand-in extractor: every line "A -> B" is a SUPPORT claim from A to B."""
    def extract(doc: Document) -> list[Claim]:
        out = []
        offset = 0
        for line in doc.text.split("\n"):
            if "->" in line:
                a, b = (p.strip() for p in line.split("->", 1))
                subject, obj = unresolved(a), unresolved(b)
                out.append(Claim(
                    id=claim_id(doc.sha256, offset, "SUPPORT", subject.id, obj.id, version),
                    doc=doc.name, type="SUPPORT", subject=subject, object=obj,
                    evidence=Evidence(line, offset, offset + len(line)),
                    extractor={"name": "test", "version": version}))
            offset += len(line) + 1
        return out
    return extract, version


def write(folder: Path, name: str, text: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def reports(tmp_path: Path) -> Path:
    folder = tmp_path / "reports"
    write(folder, "a.txt", "Iran -> Hezbollah\nRussia -> Wagner\n")
    write(folder, "b.md", "# B\n\nIran -> Houthis\n")
    write(folder, "sub/c.txt", "Nothing to see here.\n")
    write(folder, "broken.txt", b"\x00\x01binary\x00junk")
    return folder


def test_folder_ingest_skips_bad_files_and_stores_the_rest(store: SqlStore, reports: Path):
    report = ingest_paths(store, [reports], publisher="CNAS", reliability="b",
                          published="2024-06-01", extractor=arrow_extractor())
    statuses = {Path(o.path).name: o.status for o in report.outcomes}
    assert statuses == {"a.txt": "added", "b.md": "added", "c.txt": "added",
                        "broken.txt": "failed"}
    [bad] = [o for o in report.outcomes if o.status == "failed"]
    assert "broken.txt" in (bad.error or "")
    assert (report.added, report.failed, report.claims, report.ok) == (3, 1, 3, False)
    assert len(store.claims()) == 3
    docs = store.documents()
    assert {d.publisher for d in docs} == {"CNAS"}
    assert {d.reliability for d in docs} == {"B"}
    assert {d.published for d in docs} == {"2024-06-01"}
    assert {d.extractor_version for d in docs} == {"t1"}
    assert {c.reliability for c in store.claims()} == {"B"}


def test_reingest_is_a_no_op_and_skips_extraction(store: SqlStore, reports: Path):
    ingest_paths(store, [reports], extractor=arrow_extractor())
    calls = []

    def counting(doc: Document) -> list[Claim]:
        calls.append(doc.name)
        return []

    again = ingest_paths(store, [reports], extractor=(counting, "t1"))
    assert again.added == 0 and again.unchanged == 3 and again.failed == 1
    assert calls == []  # known texts are not extracted again
    assert len(store.claims()) == 3


def test_missing_paths_are_reported_and_others_ingested(store: SqlStore, reports: Path):
    report = ingest_paths(store, [reports / "nope.txt", reports / "a.txt"],
                          extractor=arrow_extractor())
    assert [o.status for o in report.outcomes] == ["failed", "added"]
    assert "nope.txt" in (report.outcomes[0].error or "")


def test_stdin_is_read_with_metadata(store: SqlStore):
    report = ingest_paths(store, ["-"], stdin=io.BytesIO(b"Iran -> Hezbollah\n"),
                          source_url="https://example.org/x", title="Piped",
                          extractor=arrow_extractor())
    assert report.added == 1
    [doc] = store.documents()
    assert (doc.name, doc.source_url, doc.title, doc.reliability) == (
        "stdin", "https://example.org/x", "Piped", "F")


def test_an_extractor_crash_fails_that_file_only(store: SqlStore, reports: Path):
    def flaky(doc: Document) -> list[Claim]:
        if doc.name == "a.txt":
            raise RuntimeError("parser exploded")
        return arrow_extractor()[0](doc)

    report = ingest_paths(store, [reports], extractor=(flaky, "t1"))
    failed = {Path(o.path).name: o.error for o in report.outcomes if o.status == "failed"}
    assert set(failed) == {"a.txt", "broken.txt"}
    assert "parser exploded" in (failed["a.txt"] or "")
    assert len(store.documents()) == 2


def test_bad_metadata_is_rejected_before_reading(store: SqlStore, reports: Path):
    with pytest.raises(ValidationError):
        ingest_paths(store, [reports], reliability="Q", extractor=arrow_extractor())
    with pytest.raises(ValidationError):
        ingest_paths(store, [reports], published="June 2024", extractor=arrow_extractor())
    assert store.documents() == []


def test_reextract_with_a_new_version_retires_and_keeps_reviewed(store: SqlStore,
                                                                 reports: Path):
    ingest_paths(store, [reports / "a.txt"], extractor=arrow_extractor("t1"))
    old = {c.claim.subject.name: c for c in store.claims()}
    store.review(old["Iran"].id, action="accept", reviewer="ana")
    results = reextract(store, extractor=arrow_extractor("t2"))
    assert [(r.added, r.retired) for r in results] == [(2, 1)]
    current = store.claims()
    assert {c.claim.extractor["version"] for c in current} == {"t1", "t2"}
    assert old["Iran"].id in {c.id for c in current}  # the reviewed claim stays
    assert store.claim(old["Russia"].id).state == "retired"
    assert reextract(store, extractor=arrow_extractor("t2")) == []  # already current
    assert len(reextract(store, force=True, extractor=arrow_extractor("t2"))) == 1
    assert len(store.claims(ClaimFilter(include="all"))) == 4


def test_real_extractor_end_to_end(store: SqlStore, tmp_path: Path):
    """The packaged rules extractor feeds the store (loads spaCy: a few seconds)."""
    path = write(tmp_path, "r.txt", "Iran has supplied Shahed-136 drones to Russia since "
                 "2022. Hezbollah is backed by Iran.")
    report = ingest_paths(store, [path], publisher="Test")
    assert report.ok and report.claims >= 1
    from proxygraph.extract import EXTRACTOR_VERSION

    stored = store.claims()
    assert {c.claim.extractor["version"] for c in stored} == {EXTRACTOR_VERSION}
    assert store.claims(ClaimFilter(actors=("Iran",)))
    assert store.claims(ClaimFilter(search="Shahed"))
