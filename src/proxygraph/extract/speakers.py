"""Who speaks: speaker labels of transcripts ("RYABKOV: Heavy equipment was taken out
...") and the source a headline ends on ("Russia to supply jets - state TV").

An interview or briefing transcript opens each turn with the speaker's name. What the
speaker then says is their account, not the author's: a claim in the turn is at most
`medium` and credited to the speaker (guide 10, 11). Section labels that look the same
("EDIT:", "PHOTO:", "Analysis:") and the interviewer ("Q:") are no speakers.
"""

from __future__ import annotations

import re

from spacy.tokens import Span

from proxygraph.extract.nlp import span_text
from proxygraph.extract.wordsets import WORDS

# One to three name words, each capitalised (or an honorific such as "MS."), then ": ".
_LABEL = re.compile(r"\s*((?:[A-Z][\w'’.\-]*\s){0,2}[A-Z][\w'’.\-]*):\s+\S")


def speaker_label(text: str) -> str | None:
    """The speaker a paragraph opens with, or None."""
    match = _LABEL.match(text)
    if match is None:
        return None
    label = match.group(1)
    words = label.lower().split()
    if words[0] in ("the", "an") or any(w in WORDS.non_speaker_labels for w in words):
        return None  # a heading ("The TTP Problem:") or a section ("PHOTO GALLERY:")
    return label


# A headline's source after a dash or a colon, up to four words: "... - state TV".
_HEADLINE_SOURCE = re.compile(r"(?:\s[-–—]\s|:\s)([\w'’.][\w'’. ]{1,40})\s*$")


def headline_source(sent: Span) -> tuple[int, str] | None:
    """(character offset in the Doc, text) of the source a headline line ends on, or None:
    a short phrase without a verb, not a genre word ("- a timeline", ": live updates")."""
    text = span_text(sent)
    match = _HEADLINE_SOURCE.search(text)
    if match is None:
        return None
    start = sent.start_char + match.start(1)
    tail = [t for t in sent if t.idx >= start and not (t.is_punct or t.is_space)]
    if not tail or len(tail) > 4 or any(t.pos_ in ("VERB", "AUX") for t in tail):
        return None
    if tail[0].lower_ in ("a", "an") or any(
            t.lower_ in WORDS.non_speaker_labels for t in tail):
        return None
    return start, match.group(1).strip()
