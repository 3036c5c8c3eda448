"""Flow rules: materiel as the subject of a motion verb ("Iranian weapons reached the
Houthis", "UAE arms reaching the RSF through Chad", "Russian shells flowing to X").
The items' stated origin is the sender when no sender is named (guide 7). And dependence:
"Hamas relies on Iran for weapons", "Hezbollah depends on Iranian funding", "Russia's
reliance on Iran's support": the relied-on actor gives to the dependent one.

A mixin of SentenceRules, which supplies `actors`, `origins`, `theme_types`, `_pairs`.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from proxygraph.extract.candidates import Candidate, RuleBase, kids, prep_objects
from proxygraph.extract.wordsets import WORDS


class FlowRules(RuleBase):
    def flow(self, verb: Token) -> Iterator[Candidate]:
        if verb.lemma_.lower() not in self.lex.flow_verbs:
            return
        # "UAE arms reaching the RSF" / "Iranian weapons reached the Houthis"
        reduced = verb.dep_ == "acl" and verb.tag_ == "VBG"
        moving = [verb.head] if reduced else kids(verb, "nsubj")
        if not moving or self.theme_types(moving) != ["ARMS_TRANSFER"]:
            return
        if verb.lemma_.lower() == "find":
            # "found their way to X"
            if not any(o.lemma_.lower() == "way" for o in kids(verb, "dobj")):
                return
            ends = [o for w in kids(verb, "dobj") for o in prep_objects(w, {"to", "into"})]
        else:
            ends = kids(verb, "dobj") + prep_objects(verb, WORDS.destination_preps)
        senders = self.origins(moving)
        recipients = [e for e in self.actors(ends) if e.kind != "item"]
        if verb.lemma_.lower() in ("reach", "arrive") and not prep_objects(verb, WORDS.route_preps):
            # "Iranian missiles reached Israel" is an attack: without a route, only an armed
            # group is a plausible recipient
            recipients = [e for e in recipients if e.kind in ("armed_group", "pmc")]
        yield from self._pairs("ARMS_TRANSFER", senders, recipients, verb, moving, False)

    def reliance(self, tok: Token) -> Iterator[Candidate]:
        """'X relies on Y for weapons' / 'X depends on Y's funding' / 'X's reliance on Y'."""
        lemma = tok.lemma_.lower()
        if lemma in WORDS.rely_verbs and tok.pos_ == "VERB":
            dependents = self.subjects(tok)
        elif lemma in WORDS.rely_nouns and tok.pos_ == "NOUN":
            dependents = self.actors(kids(tok, "poss"))
        else:
            return
        relied = prep_objects(tok, {"on", "upon"})
        wanted = prep_objects(tok, {"for"}) or [
            o for r in relied for o in prep_objects(r, {"for"})]
        if wanted:
            # "relies on Iran for weapons and money"
            givers, theme = self.actors(relied), wanted
        else:
            # "depends on Iranian funding", "on Iran's drones": the giver modifies the thing
            givers = [e for r in relied for e in self.noun_subjects(r)]
            theme = [r for r in relied if self.sm.at(r) is None or self.sm.at(r).is_item]
        types = self.theme_types(theme)
        for ctype in types:
            yield from self._pairs(ctype, givers, dependents, tok, theme, False)
