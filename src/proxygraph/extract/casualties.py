"""Casualty rules: "Hezbollah fighters were killed in an Israeli strike" (CLASH, guide 10).

News language names an attack by its victims and a strike noun whose modifier is the
attacker: the victims' side is the object, the strike's owner the subject. The victims
must name a party ("Hezbollah fighters", "RSF troops"); civilians are not actors (guide 16).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from spacy.tokens import Token

from proxygraph.extract.candidates import Candidate, kids, prep_objects
from proxygraph.extract.families import rule_family
from proxygraph.extract.wordsets import WORDS
from proxygraph.model import Entity

if TYPE_CHECKING:
    from proxygraph.extract.view import SentenceView

# Entity kinds (the ontology's): the sides whose people fall; an attacker may also be a
# collective ("Israeli jets"), a victim must be a named side.
_SIDE_KINDS = ("state", "state_organ", "armed_group", "pmc")


@rule_family("casualties", roles=("verb",))
class Casualties:
    """Victims killed or wounded "in/by" an attack their enemy owns: "RSF fighters died in an
    army drone strike", "two Houthi members killed in a US raid"."""

    def candidates(self, v: SentenceView, tok: Token | None) -> Iterator[Candidate]:
        if tok is None or v.arrays.lemma[tok.i] not in WORDS.casualty_verbs:
            return
        victims = _victims(v, tok)
        if not victims:
            return
        for attack in prep_objects(tok, {"in", "by"}):
            if v.lex.nouns.get(attack.lemma_.lower()) != "CLASH":
                continue  # "killed in a crash", "died in hospital"
            attackers = [e for e in v.noun_subjects(attack)
                         if e.kind in _SIDE_KINDS or e.kind == "collective"]
            yield from v.pairs("CLASH", attackers, victims, attack, [], False)

    def trigger_tokens(self, v: SentenceView) -> range | tuple[()]:
        """Every token of a sentence that holds one of the family's trigger words, else
        none (most sentences, told by set tests on the sentence's words)."""
        a, start, end = v.arrays, v.sm.sent.start, v.sm.sent.end
        if WORDS.casualty_verbs.isdisjoint(a.lemma[start:end]):
            return ()
        return range(start, end)


def _victims(v: SentenceView, verb: Token) -> list[Entity]:
    """Whose people died: the passive or intransitive subject, or the noun a participle
    modifies ("fighters killed in ..."). Only people of a named side count."""
    if verb.dep_ in ("acl", "amod") and verb.tag_ == "VBN":
        heads = [verb.head]
    else:
        heads = kids(verb, "nsubjpass")
        if not heads and not kids(verb, "dobj"):
            # "RSF fighters died in ...", headline "Two Hezbollah members killed in ..."
            heads = kids(verb, "nsubj")
    found = v.actors(heads)
    return [e for e in found if e.kind in _SIDE_KINDS]
