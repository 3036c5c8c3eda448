"""Speaker labels of transcripts: "RYABKOV: Heavy equipment was taken out ...".

An interview or briefing transcript opens each turn with the speaker's name. What the
speaker then says is their account, not the author's: a claim in the turn is at most
`medium` and credited to the speaker (guide 10, 11). Section labels that look the same
("EDIT:", "PHOTO:", "Analysis:") and the interviewer ("Q:") are no speakers.
"""

from __future__ import annotations

import re

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
    if words[0] in ("the", "a", "an") or label.lower() in WORDS.non_speaker_labels or any(
            w in WORDS.non_speaker_labels for w in words):
        return None
    return label
