"""Side rules: whose side an actor is on ("on X's behalf", "on the side of X"), whom
recruits serve ("recruited to fight for X"), and which state a located target stands for
("fired rockets at towns in northern Israel"); attacks on merchant ships are on "commercial
shipping" (guide 15).

A mixin of SentenceRules, which supplies `actors`, `subjects` and `_pairs`.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from proxygraph.extract.candidates import Candidate, RuleBase, kids, prep_objects, with_conjuncts
from proxygraph.extract.mentions import collective
from proxygraph.extract.wordsets import WORDS
from proxygraph.model import Entity


class SideRules(RuleBase):
    def _on_behalf(self, verb: Token) -> Iterator[Candidate]:
        """'Russia intervened on Damascus's behalf' / 'fought on behalf of the junta'."""
        # "entered the war on Hamas's behalf": the parser may hang it on the object
        preps = [p for t in (verb, *kids(verb, "dobj")) for p in kids(t, "prep")
                 if p.lower_ in ("on", "in")]
        for behalf in (o for p in preps for o in kids(p, "pobj")):
            if behalf.lemma_.lower() != "behalf":
                continue
            helped = self.actors(kids(behalf, "poss") + prep_objects(behalf, {"of"}))
            yield from self._pairs("SUPPORT", self.subjects(verb), helped, verb, [], False)
        if verb.lemma_.lower() in WORDS.fight_verbs:
            # "fought for the Assad government", "fighting alongside the LNA" (guide 5)
            allies = self.actors(prep_objects(verb, {"for", "alongside"}))
            yield from self._pairs("SUPPORT", self.subjects(verb), allies, verb, [], False)

    def _under_fire(self, verb: Token) -> Iterator[Candidate]:
        """'X came under fire (attack, shelling) from Y': Y attacked X."""
        hostile = [o for o in prep_objects(verb, {"under"})
                   if o.lemma_.lower() in WORDS.under_fire_nouns]
        if not hostile:
            return
        attackers = self.actors(prep_objects(verb, {"from", "by"}))
        yield from self._pairs("CLASH", attackers, self.subjects(verb), verb, [], False)

    def _side_of(self, verb: Token) -> list[Token]:
        """'fought on the side of the LNA' / 'on Assad's side': the ally (guide 5)."""
        sides = [o for p in kids(verb, "prep") if p.lower_ == "on"
                 for o in kids(p, "pobj") if o.lemma_.lower() == "side"]
        return [h for side in sides for h in kids(side, "poss") + prep_objects(side, {"of"})]

    def _served(self, verb: Token) -> list[Entity]:
        """Who a force was raised for: 'were recruited to fight/serve for X' names X as the
        recruiter when no agent is given."""
        purpose = [c for c in kids(verb, "advcl", "xcomp")
                   if c.lemma_.lower() in WORDS.service_verbs and kids(c, "aux")]
        return self.actors([o for c in purpose for o in prep_objects(c, {"for"})])

    def _located_targets(self, heads: list[Token]) -> list[Entity]:
        """'fired rockets at towns in northern Israel': a town, base or position in a state
        stands for the state attacked."""
        out: list[Entity] = []
        for head in with_conjuncts(heads):
            if head.lemma_.lower() not in WORDS.settlement_nouns:
                continue  # not "positions in Lebanon": a military site is not its host state
            for entity in self.actors(prep_objects(head, {"in"})):
                if entity.kind == "state" and all(e.id != entity.id for e in out):
                    out.append(entity)
        return out

    def _shipping_targets(self, heads: list[Token]) -> list[Entity]:
        """'fired missiles at a Liberian-flagged container ship': commercial shipping, unless
        the ship is a warship or belongs to someone named."""
        for head in with_conjuncts(heads):
            if head.lemma_.lower() not in WORDS.merchant_ship_nouns or self.actors([head]):
                continue
            words = {t.lower_ for t in head.subtree if t.i < head.i}
            if words & WORDS.naval_modifiers:
                continue
            phrase = head.doc[head.left_edge.i:head.i + 1].text
            return [collective("commercial shipping", (phrase,))]
        return []
