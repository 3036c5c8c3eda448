"""What a gift was given in exchange for: "North Korea shipped shells to Russia in exchange
for oil", "Liberia armed the RUF in return for diamonds", "escorted the convoys in exchange
for fuel and cash".

The receiver gives back what "in exchange for" names (guide 1: one claim per type): oil or
diamonds are TRADE, payments FUNDING, munitions or technology ARMS_TRANSFER, help SUPPORT,
each receiver -> giver. The gift is a claim the other families made on the verb the phrase
hangs on; without one nothing is given back.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from proxygraph.extract.candidates import Candidate, is_return_noun, kids
from proxygraph.extract.families import rule_family
from proxygraph.extract.themes import theme_types
from proxygraph.extract.view import SentenceView
from proxygraph.extract.wordsets import WORDS
from proxygraph.model import Entity

# the claims that give something one could be paid back for
_GIFTS = frozenset({"ARMS_TRANSFER", "TRAINING", "SUPPORT", "FUNDING", "TRADE",
                    "INTELLIGENCE"})


@rule_family("exchanges", roles=("sentence",))
class Exchanges:
    """A gift's return: what "in exchange for" names, given back by the receiver."""

    def candidates(self, v: SentenceView, tok: Token | None) -> Iterator[Candidate]:
        a, start, end = v.arrays, v.sm.sent.start, v.sm.sent.end
        if WORDS.exchange_nouns.isdisjoint(a.lower[start:end]):
            return
        made = list(v.found)
        for i in range(start, end):
            if a.lower[i] in WORDS.exchange_nouns:
                yield from _returned(v, a.tokens[i], made)


def _returned(v: SentenceView, noun: Token, made: list[Candidate]) -> Iterator[Candidate]:
    if not is_return_noun(noun):
        return
    returns = [o for p in kids(noun, "prep") if p.lower_ == "for" for o in kids(p, "pobj")]
    if not returns:
        return
    verb = noun.head.head  # the verb "in" hangs on
    on_verb = {verb.i, *(t.i for t in verb.children)}
    gifts: dict[tuple[str, str], tuple[Entity, Entity]] = {}  # (giver, receiver) by ids
    for c in made:
        if c.trigger.i in on_verb and c.type in _GIFTS and c.object is not None:
            gifts.setdefault((c.subject.id, c.object.id), (c.subject, c.object))
    for kind in theme_types(v, returns):
        for giver, receiver in gifts.values():
            yield from v.pairs(kind, [receiver], [giver], noun, returns, False)
