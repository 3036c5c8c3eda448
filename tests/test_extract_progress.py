"""Long documents: progress is reported per chunk, and no chunk exceeds the bound that
keeps spaCy's memory flat (bench/extract_memory.py measures the memory itself)."""

from __future__ import annotations

from proxygraph.extract.nlp import MAX_CHUNK_CHARS, chunks
from proxygraph.extract.pipeline import extract_document
from proxygraph.ids import content_hash
from proxygraph.model import Document


def test_progress_rises_to_the_document_length() -> None:
    text = "\n\n".join(f"Iran shipped {n} drones to the Houthis in {2000 + n}." for n in range(30))
    seen: list[tuple[int, int]] = []
    claims = extract_document(Document(name="x.txt", text=text, sha256=content_hash(text)),
                              progress=lambda done, total: seen.append((done, total)))
    assert len(claims) == 30
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
    assert seen[-1] == (len(text), len(text))


def test_a_text_without_breaks_is_cut_into_bounded_chunks() -> None:
    text = " ".join(["Iran armed the Houthis."] * 2000)  # 47,000 characters, one line
    pieces = list(chunks(text))
    assert len(pieces) > 10
    assert all(len(piece) <= MAX_CHUNK_CHARS for _, piece in pieces)
    assert all(text[offset:offset + len(piece)] == piece for offset, piece in pieces)
