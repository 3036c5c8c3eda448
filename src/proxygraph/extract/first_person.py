"""Who "we" are: a first-person pronoun in what someone says stands for the speaker's side.

"'The Iranians gave us rifles,' said Qais al-Khazali, the leader of Asa'ib Ahl al-Haq":
"us" is Asa'ib Ahl al-Haq (guide 17: a description the text ties to a named actor is
that actor). The speaker is the actor whose reporting verb governs the sentence, the one
quoted just before when a quote runs on into the next sentence of the paragraph, or a
transcript turn's speaker ("KANYUKA: We asked for dialogue"), else the body the whole
document speaks for (voice.py: a ministry's communiqué, an interview with a commander). A
person speaks for the body the text's title for him gives ("M23 spokesman Lawrence
Kanyuka"), else the registry's, else for himself. An author's "we" ("we assess that") has
no speaker and stays unresolved.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Span

from proxygraph.extract.arrays import arrays
from proxygraph.extract.lexicon import load_lexicon, reporting_verbs
from proxygraph.extract.mentions import FIRST_PERSON, Mention
from proxygraph.extract.surnames import Surnames
from proxygraph.extract.view import SentenceView
from proxygraph.extract.voice import Voice
from proxygraph.model import Entity

_SIDE_KINDS = ("state", "state_organ", "armed_group", "pmc", "organization")
_ANSWER = re.compile(r"\s*A(?:nswer)?\s*[:.]\s+\S")  # an interview's answer: "A: We ..."
_QUOTES = frozenset({'"', "“", "”", "‘", "’", "``", "''"})  # tokens that open or close a quote


@dataclass
class Voices:
    """One document's speakers: each person's side as the text gave it, and the side of
    the quote the last sentence was in (None once the paragraph or the quote ends)."""

    sides: dict[str, Entity] = field(default_factory=dict)
    quoted: Entity | None = None
    interviewee: Entity | None = None  # who answers an interview's "A:" paragraphs
    interview_read: bool = False  # whether the first answer has fixed the interviewee
    document: Voice | None = None  # the body the whole document speaks for (voice.py)
    asked: bool = False  # the paragraph is a question put to that body
    turns: bool = False  # a transcript's turns have begun ("Q:", "A:", "KANYUKA:")
    in_header: bool = True  # the chunk lies in the page's opening lines

    def document_speaks(self, quoting: bool) -> Entity | None:
        """The document's own voice for a "we" no one else says, if it speaks here: a
        statement everywhere but in questions put to it; an interview in its answers and
        in a quote its head pulls from them."""
        voice = self.document
        if voice is None or self.asked:
            return None
        if voice.interview and not (self.turns or (self.in_header and quoting)):
            return None
        return voice.entity

    def side_of(self, speaker: Entity) -> Entity | None:
        """The body a speaker speaks for; none for a person the text and the registry tie
        to no body (his "we" may be his unit, his town or his family)."""
        if speaker.kind != "person":
            return speaker
        known = self.sides.get(speaker.id)
        if known is not None:
            return known
        body = SentenceView.affiliation(speaker, _SIDE_KINDS)
        return None if body.kind == "person" else body


def with_first_person(sent: Span, mentions: list[Mention], voices: Voices,
                      turn_speaker: Entity | None, new_paragraph: bool) -> list[Mention]:
    """The sentence's mentions with one for each first-person pronoun whose speaker is
    known; `voices` learns the sentence's titled persons and its quote."""
    _learn_titles(sent, mentions, voices)
    if new_paragraph:
        voices.quoted = None
    a = arrays(sent.doc)  # (read by index: asked of every sentence)
    quoting = not _QUOTES.isdisjoint(a.text[sent.start:sent.end])
    first_person = not FIRST_PERSON.isdisjoint(a.lower[sent.start:sent.end])
    speakers = _speakers(sent, mentions, voices) if quoting or first_person else []
    extra: list[Mention] = []
    if first_person:
        taken = {i for m in mentions for i in range(m.start, m.end)}
        for i in range(sent.start, sent.end):
            if (a.lower[i] not in FIRST_PERSON or a.pos[i] != "PRON" or i in taken
                    or a.text[i].isupper()):  # "US" is the United States
                continue
            found, side = _said_by(speakers, i)
            if not found and quoting:
                side = voices.quoted  # a quote running on from the sentence before
            if not found and side is None and turn_speaker is not None:
                side = voices.side_of(turn_speaker)
            if not found and side is None:
                side = voices.document_speaks(quoting)  # a communiqué's "our forces"
            if side is not None and a.head[i] in taken and a.dep[i] == "poss":
                continue  # "our Turkish Armed Forces": the phrase names them itself
            if side is not None:
                extra.append(Mention(i, i + 1, side, a.text[i]))
    if quoting:
        found, side = _said_by(speakers, None)
        voices.quoted = side if found else voices.quoted
    else:
        voices.quoted = None
    if not extra:
        return mentions
    return sorted(mentions + extra, key=lambda m: m.start)


def turn_speaker(label: str | None, surnames: Surnames) -> Entity | None:
    """The person a transcript label names ("KANYUKA", "Lavrov", his initials "KMH"), when
    the report named them in full before."""
    if not label:
        return None
    if 2 <= len(label) <= 4 and label.isalpha() and label.isupper():
        initials = [p for p in surnames.people.values()
                    if "".join(w[0] for w in p.name.split() if w[0].isupper()) == label]
        if len(initials) == 1:
            return initials[0]
    for word in reversed(label.replace(".", " ").split()):
        person = surnames.person(word[:1].upper() + word[1:].lower()) or surnames.person(word)
        if person is not None:
            return person
    return None


def interviewee(text: str, surnames: Surnames, introduced: int, voices: Voices
                ) -> Entity | None:
    """Who answers in an interview's "A:" paragraph: the first person the introduction
    (the first `introduced` people `surnames` learned, named before the first answer) gave
    a side; the interviewer, named first in a byline, has none. Decided at the first
    answer."""
    if _ANSWER.match(text) is None:
        return None
    if not voices.interview_read:
        voices.interview_read = True
        before = list(surnames.people.values())[:introduced]
        voices.interviewee = next((p for p in before if voices.side_of(p) is not None), None)
    return voices.interviewee


def _speakers(sent: Span, mentions: list[Mention], voices: Voices
              ) -> list[tuple[range, Entity | None]]:
    """(the subject's tokens, the side he speaks for) of each actor that is the subject of
    a reporting verb of the sentence ("'we will respond', the group said"), in order."""
    reporting = reporting_verbs()
    a = arrays(sent.doc)
    if reporting.isdisjoint(a.lemma[sent.start:sent.end]):
        return []
    actors = [m for m in mentions if not m.is_item and not m.demonym]
    out: list[tuple[range, Entity | None]] = []
    for i in range(sent.start, sent.end):
        if a.lemma[i] not in reporting or a.pos[i] not in ("VERB", "AUX"):
            continue
        for subject in (a.tokens[c] for c in a.children[i]
                        if a.dep[c] in ("nsubj", "nsubjpass")):
            span = range(subject.left_edge.i, subject.right_edge.i + 1)
            said = [m for m in actors if m.end - 1 == subject.i] or [
                m for m in actors if m.start in span and m.entity.kind != "person"]
            if said:
                out.append((span, voices.side_of(said[0].entity)))
    return out


def _said_by(speakers: list[tuple[range, Entity | None]], pronoun: int | None
             ) -> tuple[bool, Entity | None]:
    """(whether an actor says the sentence, the side he speaks for): the first speaker
    whose subject does not hold the pronoun (a token index)."""
    for span, side in speakers:
        if pronoun is None or pronoun not in span:
            return True, side
    return False, None


def _learn_titles(sent: Span, mentions: list[Mention], voices: Voices) -> None:
    """"M23 spokesman Lawrence Kanyuka", "Hezbollah's deputy leader Naim Qassem", "Qais
    al-Khazali, the leader of Asa'ib Ahl al-Haq": the body in a person's title is the
    side he speaks for."""
    persons = [m for m in mentions if m.entity.kind == "person"]
    if not persons:
        return
    titles = load_lexicon().title_words
    doc = sent.doc
    bodies = [m for m in mentions if not m.is_item and not m.demonym
              and m.entity.kind in _SIDE_KINDS]
    for p in persons:
        # the title right before the name, every word of it part of the name's phrase
        before = [b for b in bodies if 0 < p.start - b.end <= 4]
        for b in before:
            between = doc[b.end:p.start]
            if any(t.lemma_.lower() in titles for t in between) and all(
                    t.pos_ in ("NOUN", "ADJ", "PROPN", "PART") for t in between):
                voices.sides.setdefault(p.entity.id, b.entity)
        head = doc[p.end - 1]
        # "an M23 spokesman, Mr. Patrick Mugisha": the name set off after the title (read
        # on the surface: the parser often hangs such a name elsewhere)
        i = p.start - 1
        while i > sent.start and i > p.start - 3 and doc[i].pos_ == "PROPN":
            i -= 1  # "Mr.", "Colonel"
        if i > sent.start and doc[i].text == "," and doc[i - 1].lemma_.lower() in titles:
            named = [b for b in bodies if p.start - 8 <= b.start < i - 1]
            if named:
                voices.sides.setdefault(p.entity.id, named[-1].entity)
        # "Dr. Aung Myo Thant is deputy minister of defence in the NUG"
        if head.dep_ == "nsubj" and head.head.lemma_ == "be":
            for attr in (c for c in head.head.children if c.dep_ == "attr"):
                span = range(attr.left_edge.i, attr.right_edge.i + 1)
                named = [b for b in bodies if b.start in span]
                if attr.lemma_.lower() in titles and named:
                    voices.sides.setdefault(p.entity.id, named[0].entity)
        # the title in apposition after it
        for appos in (c for c in head.children if c.dep_ == "appos"):
            if appos.lemma_.lower() not in titles:
                continue
            span = range(appos.left_edge.i, appos.right_edge.i + 1)
            named = [b for b in bodies if b.start in span]
            if named:
                voices.sides.setdefault(p.entity.id, named[0].entity)
