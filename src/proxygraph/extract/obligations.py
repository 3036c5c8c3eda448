"""Obligations a speaker lays on another: "Turkey said the SDF must disarm", "Sharaa said
the SDF should join the new army", '"Kinshasa must now act," a Rwandan spokesman said'.
Saying that someone must or should do something is demanding it of them (DEMAND, the
speaker -> the one obliged), whatever the act demanded is.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from proxygraph.extract.candidates import Candidate, kids
from proxygraph.extract.families import rule_family
from proxygraph.extract.view import SentenceView
from proxygraph.extract.wordsets import WORDS


@rule_family("obligations", roles=("verb",))
class Obligations:
    """What a speaker says another must or should do: a demand on them."""

    def candidates(self, v: SentenceView, tok: Token | None) -> Iterator[Candidate]:
        if tok is None or tok.dep_ != "ccomp" or not _obliged(tok):
            return
        speech = tok.head
        if speech.lemma_.lower() not in WORDS.demanding_speech_verbs:
            return
        if kids(tok, "nsubjpass", "auxpass"):
            return  # "Israel must be punished": a threat against it, not a demand of it
        obliged = v.actors(kids(tok, "nsubj"))
        yield from v.pairs("DEMAND", v.subjects(speech), obliged, tok, [], False)

    def trigger_tokens(self, v: SentenceView) -> range | tuple[()]:
        a, start, end = v.arrays, v.sm.sent.start, v.sm.sent.end
        if WORDS.obligation_modals.isdisjoint(a.lower[start:end]):
            return ()
        return range(start, end)


def _obliged(verb: Token) -> bool:
    """The verb carries a modal of obligation ("must disarm", "should join")."""
    return any(c.dep_ == "aux" and c.lower_ in WORDS.obligation_modals for c in verb.children)
