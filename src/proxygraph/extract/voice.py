"""Whose voice a document is: the body that issues a statement or answers an interview.

A ministry's communiqué, a command's press briefing, "an interview with Sudan's army
spokesman": the document speaks for a body its opening lines name, and its "we" and "our
forces" are that body (guide 17: a description the text ties to an actor is that actor)
wherever no speaker, quote or transcript turn of its own says who "we" are. An analysis, a
wire story or a blog names no such genre in its opening lines, so an author's "we assess"
stays unresolved.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc

from proxygraph.extract.arrays import arrays
from proxygraph.extract.lexicon import load_lexicon
from proxygraph.extract.mentions import Mention
from proxygraph.extract.speakers import speaker_label
from proxygraph.extract.view import SentenceView
from proxygraph.extract.wordsets import WORDS
from proxygraph.model import Entity
from proxygraph.registry import default_registry

HEADER_CHARS = 320  # the opening lines: headline, subhead, byline, issuer
HEADING_CHARS = 160  # longer lines ending in a full stop are prose
SIDE_KINDS = ("state", "state_organ", "armed_group", "pmc", "organization")
_ISSUER_PREPS = frozenset({"by", "of", "from"})
_TITLE_GLUE = frozenset({"of", "the", "-", "–", "—", "|", ":", ","})
# A paragraph that asks: the interviewer's "Q:" or "QUESTION:", or one ending on "?"
_ASKING = re.compile(r"\s*(?:Q|QUESTION|Question)\s*[:.(]")
# The interviewer's and the guest's labels ("Q:", "A.", "QUESTION:", "ANSWER:")
_TURN = re.compile(r"\s*(?:Q|A|QUESTION|ANSWER|Question|Answer)\s*[:.]\s")


@dataclass(frozen=True)
class Voice:
    """The body a document speaks for; an interview's only in its answers (its introduction
    is the publication's: "the governor received us in his office")."""

    entity: Entity
    interview: bool


def document_voice(header: list[tuple[Doc, list[Mention]]],
                   prose: list[tuple[Doc, list[Mention]]] = ()) -> Voice | None:
    """The body the document speaks for, read from its opening chunks with their mentions:
    the one an interview is "with", else the issuer a statement genre names ("Statement by
    X", "X statement", a body's name heading the page above "Weekly Press Briefing").
    `prose`: the head's paragraphs of prose, read only for whom an interview's title word
    names ("A senior commander of the PMF talks about ...")."""
    for doc, mentions in header:
        found = _interviewee(doc, mentions)
        if found is not None:
            return Voice(found, interview=True)
    if any(_is_interview(doc) for doc, _ in header):
        # "'We are not the problem' - Rwanda's special envoy on the Washington deal"
        for doc, mentions in (*header, *prose):
            found = _titled_body(doc, mentions)
            if found is not None:
                return Voice(found, interview=True)
    genres_of = [_genre_positions(doc) for doc, _ in header]
    if not any(genres_of):
        return None
    for (doc, mentions), genres in zip(header, genres_of, strict=True):
        for m in mentions:
            if _is_side(m) and (_heads_line(doc, m) or any(_names_genre(doc, m, g)
                                                          for g in genres)):
                found = _body(m.entity)
                return Voice(found, interview=False) if found is not None else None
    return None


def opens_a_turn(paragraph: str) -> bool:
    """Whether a paragraph opens a transcript turn: "Q:", "A:", "KANYUKA:" (not a genre
    label: "INTERVIEW:", "TRANSCRIPT:")."""
    return _TURN.match(paragraph) is not None or speaker_label(paragraph) is not None


def heading_like(text: str) -> bool:
    """A line of a page's head (title, subtitle, issuer, byline), not a paragraph of prose
    that may mention someone's statement."""
    text = text.strip()
    return len(text) <= HEADING_CHARS or not text.endswith((".", "!", "?"))


def asking(paragraph: str) -> bool:
    """Whether a paragraph is a question put to the voice, whose "we" is the asker's."""
    return _ASKING.match(paragraph) is not None or paragraph.rstrip().endswith("?")


def _is_side(m: Mention) -> bool:
    # a name the registry knows: an unregistered heading ("Spokesperson Irina Sokolova",
    # a newspaper's name) is too uncertain to speak for a whole document
    return not m.is_item and m.entity.resolved and m.entity.kind in (*SIDE_KINDS, "person")


def _body(entity: Entity) -> Entity | None:
    """The side a heading's actor speaks for: a person's body, and an office's state (a
    Pentagon briefing's "we" is the United States; an army's stays the army)."""
    body = SentenceView.affiliation(entity, SIDE_KINDS)
    if body.kind == "person":
        return None
    if body.kind == "state_organ" and body.affiliation and not WORDS.office_organ_words.isdisjoint(
            body.name.lower().split()):
        state = default_registry().get(body.affiliation)
        return state if state is not None else body
    return body


def _interviewee(doc: Doc, mentions: list[Mention]) -> Entity | None:
    """"an interview with a Houthi political bureau member": the body in the words after
    "with", up to the end of the line."""
    a = arrays(doc)
    for i in range(len(doc) - 1):
        if a.lemma[i] not in WORDS.interview_words or a.lower[i + 1] != "with":
            continue
        end = next((j for j in range(i + 2, len(doc)) if "\n" in a.text[j]
                    or a.text[j] in ("|", ":", "(")), len(doc))
        for m in mentions:
            if i + 1 < m.start < end and _is_side(m):
                return _body(m.entity)
    return None


def _is_interview(doc: Doc) -> bool:
    a = arrays(doc)
    return not WORDS.interview_words.isdisjoint(a.lemma) or not WORDS.interview_marks.isdisjoint(
        a.lower)


def _titled_body(doc: Doc, mentions: list[Mention]) -> Entity | None:
    """The body a title word in the page's head names ("Rwanda's special envoy", "an RSF
    adviser", "STC foreign affairs official", "a senior commander of the Popular
    Mobilization Forces"): who answers speaks for it."""
    a = arrays(doc)
    titles = load_lexicon().title_words | WORDS.interviewee_titles
    for i in range(len(doc)):
        if a.lemma[i] not in titles or a.pos[i] != "NOUN":
            continue
        left = doc[i].left_edge.i
        # the phrase "of" opens after the title (the parser may hang a verb read as a
        # noun there: "commander of the PMF talks about")
        of = next((c for c in a.children[i] if a.dep[c] == "prep" and a.lower[c] == "of"),
                  None)
        for m in mentions:
            if not _is_side(m) or m.entity.kind == "person":
                continue
            if (left <= m.start and m.end <= i) or (of is not None and of + 1 < len(doc) and (
                    m.start == of + 1 + (a.lower[of + 1] == "the"))):
                return _body(m.entity)
    return None


def _genre_positions(doc: Doc) -> list[int]:
    """Tokens naming a genre in which a body speaks ("statement", "press release"), in a
    heading rather than a sentence about one ("Iran rejects the US statement")."""
    a = arrays(doc)
    out = []
    for i in range(len(doc)):
        word = a.lower[i]
        press = word in WORDS.press_genre_heads and i > 0 and a.lower[i - 1] in ("press", "news")
        if not (word in WORDS.voice_genres or press):
            continue
        sent = doc[i].sent
        # (a word in capitals is a heading's, whatever the tagger makes of "PRESS")
        if any(a.pos[j] == "VERB" and a.lemma[j] not in WORDS.voice_issuing_verbs
               and not a.text[j].isupper() for j in range(sent.start, i)):
            continue
        out.append(i)
    return out


def _heads_line(doc: Doc, m: Mention) -> bool:
    """A body's name opening a line ("Republic of Turkey Ministry of National Defence"),
    preceded by nothing but title words."""
    a = arrays(doc)
    j = m.start - 1
    while j >= 0 and "\n" not in a.text[j] and a.text[j].strip():
        if not (a.text[j][:1].isupper() or a.lower[j] in _TITLE_GLUE):
            return False
        j -= 1
    # only a line that is a name: nothing but title words after it either (a mention may
    # end on the line break itself: "CONGO\n")
    k = len(doc) if "\n" in a.text[m.end - 1] else m.end
    while k < len(doc) and "\n" not in a.text[k] and a.text[k].strip():
        if not (a.text[k][:1].isupper() or a.lower[k] in _TITLE_GLUE or a.pos[k] == "NUM"):
            return False
        k += 1
    return True


def _names_genre(doc: Doc, m: Mention, genre: int) -> bool:
    """"IDF statement", "Houthi military statement" (the body just before the genre word,
    nouns and adjectives between); "Statement by the Ministry ...", "Communiqué No. 27 of
    the CNSP" (the first preposition after it is "by", "of" or "from")."""
    a = arrays(doc)
    if m.end <= genre:
        between = range(m.end, genre)
        return len(between) <= 3 and all(
            a.pos[j] in ("NOUN", "PROPN", "ADJ", "PART") for j in between)
    if m.start <= genre or m.start - genre > 10 or m.demonym or any(
            "\n" in a.text[j] for j in range(genre, m.start)):
        return False  # "PRESS RELEASE\n(translation from the French)": no issuer
    prep = next((j for j in range(genre + 1, m.start) if a.pos[j] == "ADP"), None)
    return prep is not None and a.lower[prep] in _ISSUER_PREPS
