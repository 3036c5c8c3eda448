"""Epithet rules: relations stated inside a noun phrase rather than by a verb.

X-backed Y, pro-X Y, Y backed by X, X's proxies A and B, A (an X proxy), X is Y's sponsor.
They are a mixin of SentenceRules, which supplies `actors`, `subjects` and `_pairs`.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from proxygraph.extract.arguments import actors_in_phrase, is_backing_modifier
from proxygraph.extract.candidates import Candidate, RuleBase, kids, prep_objects
from proxygraph.extract.mentions import default_index, is_label_collective
from proxygraph.extract.wordsets import WORDS
from proxygraph.model import Entity


class EpithetRules(RuleBase):
    def label_candidates(self, tok: Token) -> Iterator[Candidate]:
        """X-backed Y, pro-X Y, X's proxies A and B, X is Y's sponsor."""
        if is_backing_modifier(tok, self.lex):
            yield from self._backed(tok)
        lemma = tok.lemma_.lower()
        if lemma in self.lex.agent_nouns and tok.pos_ == "NOUN":
            yield from self._agent_noun(tok, self.lex.agent_nouns[lemma])
        elif lemma in WORDS.source_nouns and tok.pos_ == "NOUN":
            # "Russia is a key source of weapons for the Syrian army": typed by what flows
            for ctype in self.theme_types(prep_objects(tok, {"of"})):
                if ctype != "SUPPORT":
                    yield from self._agent_noun(tok, ctype)
        if lemma in self.lex.client_nouns and lemma not in self.lex.weak_client_nouns:
            yield from self._clients(tok)

    def _backed(self, mod: Token) -> Iterator[Candidate]:
        word = mod.lower_
        if word in self.lex.weak_participles:
            return
        ctype = self.lex.backing_participles.get(word, "SUPPORT")
        sponsors = self._sponsor_of(mod)
        if not sponsors:
            return
        target = mod.head
        members = [e for e in actors_in_phrase(target, self.sm, self.lex)
                   if not is_label_collective(e, self.lex.backing_participles)
                   and all(e.id != s.id for s in sponsors)]
        if not members:
            # "Kata'ib Hezbollah, an Iran-backed militia" / "... is an Iran-backed militia"
            members = [e for e in self._described_by(target)
                       if e.resolved and all(e.id != s.id for s in sponsors)]
        for sponsor in sponsors:
            for member in members:
                yield Candidate(ctype, sponsor, member, mod, label=True)

    def _sponsor_of(self, mod: Token) -> list[Entity]:
        doc = mod.doc
        found: list[Entity] = []
        probes = [c for c in mod.subtree if c.i != mod.i]
        if mod.lower_ == "pro" and mod.i + 2 < len(doc):
            probes.append(doc[mod.i + 2])
        if mod.i >= 2 and doc[mod.i - 1].text in ("-", "–"):
            probes.append(doc[mod.i - 2])
        for tok in probes:
            m = self.sm.at(tok)
            if m is not None and not m.is_item and all(e.id != m.entity.id for e in found):
                if tok.dep_ == "poss" and tok.head.i == mod.head.i:
                    continue
                found.append(m.entity)
        if mod.lower_ in ("sponsored", "backed") and not found:
            # "Russia's state-sponsored Wagner Group": the possessor is the sponsor.
            poss = kids(mod.head, "poss")
            if any(t.lower_ == "state" for t in mod.subtree):
                found = self.actors(poss)
        return found

    def _agent_noun(self, noun: Token, ctype: str) -> Iterator[Candidate]:
        source = noun.lemma_.lower() in WORDS.source_nouns
        preps = {"for", "to"} if source else {"of", "for", "to"}
        heads = kids(noun, "poss") + prep_objects(noun, preps)
        if source:  # "a source of funding for Hamas": the recipient may hang on the theme
            heads += [o for t in prep_objects(noun, {"of"}) for o in prep_objects(t, preps)]
        clients = self.actors(heads)
        sponsors = self._described_by(noun)
        if not sponsors:
            return
        types = [ctype]
        if any(c.lemma_.lower() in ("financial", "economic") for c in noun.children):
            types.append("FUNDING")
        for t in types:
            yield from self._pairs(t, sponsors, clients, noun, [], False, label=False)

    def _clients(self, noun: Token) -> Iterator[Candidate]:
        """'Iran's proxies, Hezbollah and Hamas' / 'Iranian proxies such as Kata'ib Hezbollah'."""
        head = noun.head if noun.dep_ in ("compound", "amod") else noun
        owner_heads = kids(head, "poss")
        if not owner_heads:
            # "Iranian proxies"; but in "the Quds Force's Iraqi proxy" the adjective is the
            # proxy's own nationality
            owner_heads = [c for c in head.children
                           if c.dep_ in ("amod", "compound") and c.i != noun.i]
        patrons = [e for e in self.actors(owner_heads)
                   if e.kind in ("state", "state_organ", "armed_group", "pmc")]
        if not patrons and head is noun and head.dep_ in ("appos", "attr"):
            # "Hezbollah, a proxy of Iran," / "Hamas is a proxy of Tehran"
            patrons = [e for e in self.actors(prep_objects(head, {"of"}))
                       if e.kind in ("state", "state_organ", "armed_group", "pmc")]
        if not patrons:
            return
        members = [e for e in actors_in_phrase(head, self.sm, self.lex)
                   if e.resolved and all(e.id != p.id for p in patrons)]
        following = head.doc[head.i + 1] if head.i + 1 < self.sm.sent.end else None
        if not members and following is not None and following.head.i == head.head.i and (
                following.dep_ == head.dep_ and self.sm.at(following) is not None):
            members = [e for e in self.actors([following]) if e.resolved]  # parsed as siblings
        if not members:
            members = [e for e in self._described_by(head)
                       if e.resolved and all(e.id != p.id for p in patrons)]
        for patron in patrons:
            for member in members:
                yield Candidate("SUPPORT", patron, member, noun, label=True)

    @staticmethod
    def _affiliation(entity: Entity, kinds: tuple[str, ...]) -> Entity:
        """The body a person belongs to, when it is of one of `kinds`; else the person."""
        if entity.kind != "person" or not entity.affiliation:
            return entity
        registry = default_index().registry
        body = registry.get(entity.affiliation) if entity.affiliation in registry else None
        return body if body is not None and body.kind in kinds else entity

    def _described_by(self, noun: Token) -> list[Entity]:
        """Who a predicate noun describes: "Hezbollah, an Iranian proxy," / "Hezbollah is
        an Iranian proxy" / "Kata'ib Hezbollah is one of Iran's proxies"."""
        if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.pos_ in (
                "NUM", "NOUN", "PRON"):
            noun = noun.head.head  # "one of", "part of", "among"
        if noun.dep_ == "appos":
            return self.actors([noun.head])
        if noun.dep_ == "attr" and noun.head.lemma_ in WORDS.copulas:
            return self.subjects(noun.head)
        if noun.dep_ == "pobj" and noun.head.lower_ == "as":
            # "served as the patron of X", "is regarded as Iran's most trusted proxy"; the
            # parser may hang "as" on a time phrase ("served for decades as ...")
            verb = noun.head.head
            for _ in range(3):
                if verb.pos_ in ("VERB", "AUX") or verb.dep_ not in ("pobj", "prep", "npadvmod"):
                    break
                verb = verb.head
            if verb.pos_ not in ("VERB", "AUX"):
                return []
            if kids(verb, "nsubjpass"):
                return self.actors(kids(verb, "nsubjpass"))
            return self.subjects(verb)
        return []
