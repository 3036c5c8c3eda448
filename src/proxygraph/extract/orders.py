"""Orders, instructions and requests: "the militias take their orders from Tehran",
"received instructions from a handler", "Iran gives the groups no orders", "acted on the
orders of the Quds Force", "sent instructors at the request of the government". Who gives
another orders, or asks it to act, demands of it (DEMAND, the one ordering -> the one
ordered), whatever is ordered: the guide's DEMAND is the claim type closest to command.
Denials ("we take no orders from anyone") are the commonest form and keep their status
from the verb.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from proxygraph.extract.candidates import Candidate, kids, prep_objects
from proxygraph.extract.families import rule_family
from proxygraph.extract.view import SentenceView
from proxygraph.extract.wordsets import WORDS
from proxygraph.model import Entity


@rule_family("orders", roles=("noun",))
class Orders:
    """Orders taken from, given to or acted on: a demand of the one ordered."""

    def candidates(self, v: SentenceView, tok: Token | None) -> Iterator[Candidate]:
        if tok is None or v.arrays.lower[tok.i] not in WORDS.order_nouns:
            return
        first = tok  # "received funds and instructions from Iran": read as the first
        while first.dep_ == "conj" and first.head.i < first.i:
            first = first.head
        dep, head = first.dep_, first.head
        head_lemma = v.arrays.lemma[head.i]
        if dep == "dobj" and head_lemma in WORDS.order_taking_verbs:
            # "take (their) orders from Tehran", "received instructions from a handler"
            takers = v.subjects(head)
            takers_ids = {e.id for e in takers}
            named = _givers(v, tok, first) + v.actors(prep_objects(head, {"from"}))
            givers = [e for e in _once(named) if e.id not in takers_ids]
            yield from v.pairs("DEMAND", givers, takers, head, [tok], False)
        elif dep in ("dobj", "dative") and head_lemma in WORDS.order_giving_verbs:
            # "Iran gives orders to the groups", "gave the group no instructions"
            others = [c for c in kids(head, "dative", "dobj") if c.i != first.i]
            receivers = v.actors(others + prep_objects(head, {"to"})
                                 + prep_objects(tok, {"to", "for"}))
            yield from v.pairs("DEMAND", v.subjects(head), receivers, head, [tok], False)
        elif (dep == "pobj" and head.dep_ == "prep"
              and v.arrays.lower[head.i] in WORDS.order_preps):
            # "acted on the orders of the Quds Force", "under instructions from Moscow"
            verb = head.head
            if verb.pos_ not in ("VERB", "AUX"):
                return
            yield from v.pairs("DEMAND", _givers(v, tok), v.subjects(verb), verb, [tok], False)

    def trigger_tokens(self, v: SentenceView) -> range | tuple[()]:
        a, start, end = v.arrays, v.sm.sent.start, v.sm.sent.end
        if WORDS.order_nouns.isdisjoint(a.lower[start:end]):
            return ()
        return range(start, end)


def _givers(v: SentenceView, *nouns: Token) -> list[Entity]:
    """Who the orders come from, named on the nouns (the orders and the first of their
    conjuncts): "Tehran's orders", "Iranian instructions", "the orders of the Quds Force",
    "instructions from a handler"; each once."""
    found = [e for noun in dict.fromkeys(nouns)
             for e in v.noun_subjects(noun) + v.actors(prep_objects(noun, {"of", "from"}))]
    return _once(found)


def _once(entities: list[Entity]) -> list[Entity]:
    """The entities without repeats, in order."""
    return list({e.id: e for e in entities}.values())
