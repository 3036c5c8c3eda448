"""The shared argument finders of one sentence: who does and who undergoes what a trigger
says, whatever rule family asks.

`SentenceView` wraps a sentence's mentions (`SentenceMentions`): the actors a phrase names,
a verb's subjects and patients (actives, passives, relative clauses, control and raising,
verb lists), a noun's doer, and `pairs`, which turns subjects and objects into candidates.
The rule families (`families.py`) receive it and add only what their triggers mean.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from proxygraph.extract.arguments import (
    SentenceMentions,
    actors_in_phrase,
    is_pronoun,
    misparsed_verb,
    relative_antecedent,
)
from proxygraph.extract.arrays import arrays
from proxygraph.extract.candidates import (
    Candidate,
    first_conjunct,
    involvement_verb,
    kids,
    prep_objects,
)
from proxygraph.extract.lexicon import Lexicon, load_lexicon, reporting_verbs, typo_trigger
from proxygraph.extract.mentions import default_index
from proxygraph.extract.modifiers import hyphen_participle
from proxygraph.extract.themes import is_item_phrase
from proxygraph.extract.wordsets import WORDS
from proxygraph.model import Entity

# Grammar, not vocabulary (so not in wordsets.yaml): the agent preposition of a passive,
# relative words, and the kinds of body an attack or a person's affiliation can stand for.
_AGENT_PREPS = {"by"}
_RELATIVE_WORDS = {"that", "which", "who", "whom"}
_BODY_KINDS = ("state", "state_organ", "armed_group", "pmc")


class SentenceView:
    """One sentence's mentions and the argument finders over them."""

    def __init__(self, sm: SentenceMentions, lex: Lexicon | None = None) -> None:
        self.sm = sm
        self.lex = lex or load_lexicon()
        self.arrays = arrays(sm.sent.doc)
        # the candidates each verb token gave, by token index (set by the rule runner)
        self.verb_claims: dict[int, list[Candidate]] = {}
        # the candidates the token families proposed, for the sentence-level ones
        self.found: list[Candidate] = []
        self._verbs: dict[int, bool] = {}
        # per token: verb_lemma and names_capability (two verb families ask for each verb)
        self._verb_lemmas: dict[int, str] = {}
        self._capability: dict[int, bool] = {}
        self._actors: dict[tuple[int, ...], list[Entity]] = {}  # `actors` by heads
        self._passive: dict[int, bool] = {}  # `is_passive` by token

    # ---- token roles -----------------------------------------------------------------
    def is_verb(self, tok: Token) -> bool:
        """A verb, or a word the parser mistook for something else in a verb's place."""
        i = tok.i
        known = self._verbs.get(i)
        if known is None:
            pos = self.arrays.pos[i]
            # (verb_like takes only a noun or an adjective)
            known = self._verbs[i] = pos == "VERB" or (
                pos in ("NOUN", "ADJ") and self.verb_like(tok))
        return known

    def names_capability(self, verb: Token) -> bool:
        """ "(accelerate) their abilities to produce drones": a capability, not an act."""
        i = verb.i
        if self.arrays.dep[i] not in ("acl", "xcomp"):
            return False
        known = self._capability.get(i)
        if known is None:
            known = self._capability[i] = self._names_capability(verb)
        return known

    def _names_capability(self, verb: Token) -> bool:
        near = [verb.head, *(c for d in kids(verb.head, "dobj") for c in (d, *d.conjuncts))]
        return any(t.lemma_.lower() in WORDS.capability_nouns for t in near if t.i < verb.i)

    # ---- arguments -------------------------------------------------------------------
    def actors(self, heads: list[Token]) -> list[Entity]:
        """The actors the phrases headed by `heads` name, without duplicates. Kept per
        list of heads: the families ask for the same phrases again (a copy each time, as
        callers extend it)."""
        key = tuple(h.i for h in heads)
        found = self._actors.get(key)
        if found is None:
            found = self._actors[key] = self._phrase_actors(heads)
        return list(found)

    def _phrase_actors(self, heads: list[Token]) -> list[Entity]:
        out: list[Entity] = []
        for head in heads:
            found = actors_in_phrase(head, self.sm, self.lex)
            # ("they" after "Saudi Arabia and the UAE" is both, not its mention's one)
            if head.i in self.sm.pairs and (not found or is_pronoun(head)):
                found = list(self.sm.pairs[head.i])  # "the two sides agreed"
            if head.dep_ == "appos" and all(not e.resolved for e in found):
                # "Liwa' Zainebiyoun, the Pakistani militia which Iran funds": the name
                named = [e for e in actors_in_phrase(head.head, self.sm, self.lex) if e.resolved]
                found = named or found
            for entity in found:
                if all(e.id != entity.id for e in out):
                    out.append(entity)
        return out

    def is_passive(self, verb: Token) -> bool:
        known = self._passive.get(verb.i)
        if known is None:
            known = self._passive[verb.i] = self._is_passive(verb)
        return known

    def _is_passive(self, verb: Token) -> bool:
        a, i = self.arrays, verb.i
        dep, below = a.dep, a.children[i]
        if any(dep[c] in ("nsubjpass", "auxpass", "agent") for c in below):
            return True
        if (
            dep[i] == "acl"
            and (a.tag[i] == "VBN" or a.pos[i] == "ADJ")
            and not any(dep[c] == "nsubj" for c in below)
        ):
            # "militias backed by Iran", "a unit armed and trained by ..."; not "claims
            # that Tehran had sent drones"
            return True
        return dep[i] == "conj" and a.tag[i] == "VBN" and self.is_passive(a.tokens[a.head[i]])

    def subjects(self, verb: Token, depth: int = 0) -> list[Entity]:
        if depth > 4:
            return []
        # the words around the verb are read by token index (`Token` attributes cost more)
        a, i = self.arrays, verb.i
        dep, lemma, pos, heads_of, tokens = a.dep, a.lemma, a.pos, a.head, a.tokens
        relation = dep[i]
        if misparsed_verb(verb, self.lex):
            if relation == "conj":
                return self.subjects(tokens[heads_of[i]], depth + 1)
            return self.actors([tokens[c] for c in a.children[i]
                                if dep[c] == "compound" and c < i])
        if self.is_passive(verb):
            found = self.actors(prep_objects(verb, _AGENT_PREPS))
            for later in (c for c in verb.conjuncts if c.i > verb.i and not found):
                found = self.actors(prep_objects(later, _AGENT_PREPS))  # "armed and trained by X"
            if not found and self.lex.verb_gives(lemma[i], "RECRUITMENT"):
                found = self.served(verb)  # "men were recruited to fight for Russia"
        else:
            # "X's Guards have armed Y": the parser may hang the subject on the auxiliary
            heads = kids(verb, "nsubj") or [s for x in kids(verb, "aux") for s in kids(x, "nsubj")]
            if not heads and pos[i] == "VERB":
                # "Kigali denies arming X": the model made the name a modifier of the verb
                heads = [c for c in kids(verb, "amod", "compound") if c.i == i - 1]
            if heads and relation == "relcl" and a.tag[heads[0].i] in ("WDT", "WP"):
                heads = [relative_antecedent(verb, self.sm)]
            if len(heads) > 1:
                # "Iran's proxies Hezbollah and Hamas fired": the parser makes the label and
                # the names two subjects; the names are the actors.
                named = {x.i for x in heads}
                heads = [h for h in heads
                         if not (lemma[h.i] in self.lex.client_nouns and h.i + 1 in named)]
            found = self.actors(heads)
            if not found:
                # "An Israeli air strike killed ...": the attack's author is the subject.
                found = [
                    e
                    for h in heads
                    if self.lex.nouns.get(lemma[h.i]) == "CLASH"
                    for e in self.noun_subjects(h)
                ]
        if found:
            return found
        if not kids(verb, "nsubj", "nsubjpass"):
            stray = self._stray_subject(verb)
            if stray:
                return stray
            if relation == "ROOT" and self.sm.lead_in is not None:
                return [self.sm.lead_in]  # "the UK has: - provided 14 tanks"
        g = heads_of[i]  # the governor
        if pos[g] == "ADJ" and dep[g] in ("acomp", "xcomp", "amod"):
            g = heads_of[g]  # "Iran is likely to budget ..."
        if relation == "xcomp" and lemma[g] in WORDS.instrument_verbs:
            return self.subjects(tokens[g], depth + 1)  # "Iran used Hezbollah to smuggle"
        if relation == "xcomp" and lemma[g] not in WORDS.subject_control_verbs:
            # A pronoun controller ("prompting them to") is left to the governor's subject:
            # resolving it is guesswork.
            # ("called on Iran to stop": the object of "on" is the one told)
            told = kids(tokens[g], "dobj") or [o for p in kids(tokens[g], "prep")
                                               if a.lower[p.i] in ("on", "upon")
                                               for o in kids(p, "pobj")]
            controller = [o for o in told if o.i < i and pos[o.i] != "PRON"]
            if controller and self.actors(controller):
                return self.actors(controller)  # "asked China to press Tehran": China
            if controller and self.lex.verb_gives(lemma[g], "DEMAND"):
                return []  # "urged all external actors to stop arming": none named
            if told and self.lex.verb_gives(lemma[g], "DEMAND"):
                # "urged him to negotiate": the one urged acts, never the one urging
                return self.actors([o for o in told if o.i < i])
        if relation == "pcomp" and dep[g] == "prep":
            g = heads_of[g]  # "is suspected of supplying", "accused of sending"
            involved = involvement_verb(tokens[g])
            if involved is not None:
                # "denied any role in arming the RSF", "played a part in training X"
                return self.subjects(involved, depth + 1)
            if dep[g] == "pobj" and dep[heads_of[g]] == "agent" and (
                    lemma[heads_of[heads_of[g]]] in WORDS.object_control_verbs):
                # "was accused by a UN group of arming": the parser hung "of" on the accuser
                g = heads_of[heads_of[g]]
            if dep[g] == "dobj" and pos[g] in ("NOUN", "PROPN") and (
                    lemma[heads_of[g]] in WORDS.object_control_verbs):
                # "accuse the Myanmar military of recruiting": the parser hung "of" on
                # the accused noun; that noun is the doer
                accused = self.actors([tokens[g]])
                if accused:
                    return accused
            control, between = g, g
            if lemma[g] not in WORDS.object_control_verbs and dep[g] in ("xcomp", "advcl") and (
                    lemma[heads_of[g]] in WORDS.object_control_verbs):
                # "accused neighbouring Eritrea of arming": the parser made the adjective
                # a verb holding the accused
                control = heads_of[g]
            if lemma[control] in WORDS.object_control_verbs and not self.is_passive(
                    tokens[control]):
                objects = kids(tokens[control], "dobj") or kids(tokens[between], "dobj")
                # "Iran, which the US accuses of arming the Houthis": the relative's noun
                objects = [relative_antecedent(tokens[control], self.sm)
                           if a.tag[o.i] in ("WDT", "WP") else o for o in objects]
                accused = self.actors(objects)
                if accused:
                    return accused  # "Washington accused Iran of furnishing ...": Iran
        purpose = relation == "advcl" and any(
            dep[c] == "aux" and a.lower[c] == "to" for c in a.children[i]
        )
        if (
            (relation in ("xcomp", "pcomp") or purpose)
            and pos[g] in ("VERB", "AUX")
            and (self.is_passive(tokens[g]))
        ):
            # "Iran is expected to deliver", "Iran was asked to send", "the units were
            # created to fight IS": the passive subject.
            raised = self.actors(kids(tokens[g], "nsubjpass"))
            if raised:
                return raised
            g = heads_of[i]
        if relation in ("xcomp", "advcl", "conj", "pcomp") and (
            pos[g] in ("VERB", "AUX") or self.verb_like(tokens[g])
        ):
            found = self.subjects(tokens[g], depth + 1)
            reporter = heads_of[g]
            if (not found and relation == "conj" and dep[g] == "ccomp"
                    and lemma[reporter] in reporting_verbs()
                    and self.lex.verb_gives(lemma[i], "DEMAND")):
                # "Petro said the killing was murder and urged Washington to ...": the
                # parser hangs the demand on the reported clause; the speaker demands
                return self.subjects(tokens[reporter], depth + 1)
            return found
        head = heads_of[i]
        if (
            relation == "acl"
            and kids(verb, "aux")
            and lemma[head] in (WORDS.intent_nouns)
            and dep[head] == "dobj"
            and pos[heads_of[head]] in ("VERB", "AUX")
        ):
            return self.subjects(tokens[heads_of[head]], depth + 1)  # "X has no plans to arm Y"
        if relation in ("acl", "relcl") and not self.is_passive(verb):
            return self.actors([tokens[head]])
        if relation == "pcomp" and pos[heads_of[head]] in ("VERB", "AUX"):
            return self.subjects(tokens[heads_of[head]], depth + 1)
        return []

    def _stray_subject(self, verb: Token) -> list[Entity]:
        """'... as Tehran, Hamas and the Houthis continue to engage': the parser hangs the
        subject under 'as' (a preposition); the noun phrase just before the verb is it."""
        if verb.i == 0 or verb.tag_ not in ("VBZ", "VBP", "VBD"):
            return []
        prev = verb.doc[verb.i - 1]
        head = prev
        while head.dep_ == "conj":
            head = head.head
        if head.dep_ == "pobj" and head.head.lower_ in WORDS.subordinators and head.i < verb.i:
            return self.actors([head])
        return []

    def stray_recipients(self, verb: Token, prep: str = "to") -> list[Entity]:
        """ "supplied Su-30 jets, S-300 systems and Kalashnikov rifles to Venezuela", "shared
        information on ISKP networks with the Taliban" where the parser hung "to X" or
        "with X" outside the verb's phrase: the first such preposition after the verb,
        before any other verb or clause break, names the recipient."""
        a = self.arrays
        for j in range(verb.i + 1, self.sm.sent.end):
            if a.pos[j] in ("VERB", "AUX") or a.lower[j] in (";", ":", "which", "who"):
                return []
            if a.lower[j] == prep and a.dep[j] == "prep":
                return self.actors([a.tokens[c] for c in a.children[j] if a.dep[c] == "pobj"])
        return []

    def patients(self, verb: Token) -> list[Token]:
        # the words around the verb are read by token index (`Token` attributes cost more)
        a, i = self.arrays, verb.i
        dep, lower, heads_of, tokens = a.dep, a.lower, a.head, a.tokens
        relation = dep[i]
        if self.is_passive(verb):
            if relation == "acl":
                return [tokens[heads_of[i]]]
            if relation == "conj" and dep[heads_of[i]] == "acl" and not kids(verb, "nsubjpass"):
                return [tokens[heads_of[heads_of[i]]]]
            heads = kids(verb, "nsubjpass")
            first = i
            while not heads and dep[first] == "conj" and heads_of[first] != first:
                # "X is armed, funded and trained by Y": later participles share X
                first = heads_of[first]
                heads = kids(tokens[first], "nsubjpass")
            if relation == "relcl" and any(lower[h.i] in _RELATIVE_WORDS for h in heads):
                return [tokens[heads_of[i]]]  # "the Houthis, who are armed by Iran,"
            return heads
        # A second direct object is a misparse of what follows a comma ("gives X $700
        # million, the State Department estimates"): the first one is the object.
        objects = kids(verb, "dobj")[:1]
        if relation in ("appos", "relcl") and not objects and misparsed_verb(verb, self.lex):
            return [tokens[heads_of[i]]]  # "the Wagner Group, which Russia funds,"
        if relation == "amod" and a.tag[i] == "VBD" and kids(verb, "nsubj"):
            return [tokens[heads_of[i]]]  # "The IRGC trained Houthi fighters" as an adjective
        clause = first_conjunct(verb)
        if (
            clause is not verb
            and clause.dep_ == "relcl"
            and any(lower[o.i] in _RELATIVE_WORDS for o in objects)
        ):
            # "whom Russian officers equipped and schooled": the parser gives the relative
            # pronoun to the last verb
            return [o for o in objects if lower[o.i] not in _RELATIVE_WORDS] + [
                relative_antecedent(clause, self.sm)
            ]
        if relation == "relcl":
            # "the weapons (that) it sends to Hamas": the modified noun is the object.
            relative = [
                o for o in objects if a.tag[o.i] in ("WDT", "WP") or lower[o.i] in _RELATIVE_WORDS
            ]
            subject = kids(verb, "nsubj")
            if relative or (not objects and subject and a.tag[subject[0].i] not in ("WDT", "WP")):
                antecedent = relative_antecedent(verb, self.sm)
                return [o for o in objects if o not in relative] + [antecedent]
        return objects

    def verb_lemma(self, tok: Token) -> str:
        """'armed' tagged as an adjective in a verb list ("funded, armed, trained")."""
        known = self._verb_lemmas.get(tok.i)
        if known is None:
            known = self._verb_lemmas[tok.i] = self._verb_lemma(tok)
        return known

    def _verb_lemma(self, tok: Token) -> str:
        a, i = self.arrays, tok.i
        word, pos = a.lower[i], a.pos[i]
        if pos == "ADJ" and a.dep[i] in ("conj", "acl") and word.endswith("ed"):
            for stem in (word[:-2], word[:-1], word[:-3]):
                if stem in self.lex.verbs:
                    return stem
        lemma = a.lemma[i]
        if (
            pos == "VERB"
            and lemma not in self.lex.verbs
            and (lemma not in self.lex.giving_verbs)
        ):
            return typo_trigger(word) or lemma  # "recieves", "suplied": reposted copy
        return lemma

    def verb_like(self, tok: Token) -> bool:
        if misparsed_verb(tok, self.lex):
            return True
        a, i = self.arrays, tok.i
        if a.pos[i] != "ADJ" or self.verb_lemma(tok) not in self.lex.verbs:
            return False
        # "funded, armed and trained X"; "a unit armed and trained by Russian officers"
        dep = a.dep
        return (dep[i] == "conj" and a.pos[a.head[i]] == "VERB") or (
            dep[i] == "acl" and any(dep[c] in ("agent", "conj") for c in a.children[i])
        )

    def shared_objects(self, verb: Token) -> list[Entity]:
        """'funded, armed and trained the Houthis': conjoined verbs without an object of
        their own share the last conjunct's; in "which Iran funds and trains" the later
        verbs share the relative clause's."""
        if kids(verb, "dobj", "dative"):
            return []
        later = [c for c in verb.conjuncts if c.i > verb.i and not kids(c, "nsubj", "nsubjpass")]
        # the nearest later verb with an object: in "arm and bankroll X and bear
        # responsibility for ..." it is "bankroll"
        for conj in sorted(later, key=lambda t: t.i):
            if not kids(conj, "dobj", "dative") and not prep_objects(conj, {"to", "for"}):
                continue
            # "fighters" are people when they are someone's ("trained the SDF's fighters")
            heads = [o for o in kids(conj, "dobj", "dative") if not is_item_phrase(self, [o])
                     or (o.lemma_.lower() in self.lex.group_nouns and self.actors([o]))]
            return self.actors(heads + prep_objects(conj, {"to", "for"}))
        if later:
            return []
        first = verb
        while first.dep_ == "conj":
            first = first.head
        if first is not verb and first.dep_ == "relcl":
            return self.actors(self.patients(first))
        return []

    def noun_subjects(self, noun: Token) -> list[Entity]:
        heads = kids(noun, "poss")
        for child in noun.children:
            m = self.sm.at(child)
            if child.dep_ in ("amod", "compound", "nmod") and m is not None and not m.is_item and (
                    not hyphen_participle(child.i, self.arrays)):  # "U.S.- and French-brokered"
                heads.append(child)
                # "Soviet and Cuban support": each conjoined modifier is a giver
                heads += [c for c in child.conjuncts if c.i > child.i
                          and (n := self.sm.at(c)) is not None and not n.is_item]
        found = self.actors(heads)
        if not found:
            found = self.actors([o for o in prep_objects(noun, WORDS.noun_subject_preps)
                                 if not _compass_placed(o)])
        if not found:
            found = self._possessor_to_left(noun)
        return found

    def _possessor_to_left(self, noun: Token) -> list[Entity]:
        """ "Hamas's horrific Oct. 7, 2023, assault": the parser loses the possessive."""
        i = noun.i - 1
        floor = max(self.sm.sent.start, noun.i - 10)
        while i >= floor:
            tok = noun.doc[i]
            if tok.tag_ == "POS" and i > 0:
                m = self.sm.at(noun.doc[i - 1])
                return [m.entity] if m is not None and not m.is_item else []
            if not (
                tok.pos_ in ("ADJ", "NUM", "ADV")
                or tok.text in (",", "-")
                or tok.ent_type_ == "DATE"
                or tok.dep_ in ("compound", "amod")
            ):
                return []
            i -= 1
        return []

    def served(self, verb: Token) -> list[Entity]:
        """Who a force was raised for: 'were recruited to fight/serve for X' names X as the
        recruiter when no agent is given."""
        purpose = [
            c
            for c in kids(verb, "advcl", "xcomp")
            if c.lemma_.lower() in WORDS.service_verbs and kids(c, "aux")
        ]
        return self.actors([o for c in purpose for o in prep_objects(c, {"for"})])

    def pairs(
        self,
        ctype: str,
        subjects: list[Entity],
        objects: list[Entity],
        trigger: Token,
        theme: list[Token],
        symmetric_fallback: bool,
        label: bool = False,
    ) -> Iterator[Candidate]:
        subjects = [s for s in subjects if s.kind != "item"]
        objects = [o for o in objects if o.kind != "item"]
        if ctype == "SUPPORT":
            # "propping up Assad": a supported leader stands for his state (guide 8)
            objects = [self.affiliation(o, ("state",)) for o in objects]
        elif ctype == "CLASH":
            # "killed Hezbollah leader Hassan Nasrallah": the attack is on his organisation
            objects = [self.affiliation(o, _BODY_KINDS) for o in objects]
        if not objects and symmetric_fallback and len(subjects) >= 2:
            for a_index, a in enumerate(subjects):
                for b in subjects[a_index + 1 :]:
                    yield Candidate(ctype, a, b, trigger, label, theme)
            return
        if not subjects:
            return
        if not objects:
            if ctype == "PRODUCTION":
                for s in subjects:
                    yield Candidate(ctype, s, None, trigger, label, theme)
            return
        for s in subjects:
            for o in objects:
                if s.id != o.id:
                    yield Candidate(ctype, s, o, trigger, label, theme)

    @staticmethod
    def affiliation(entity: Entity, kinds: tuple[str, ...]) -> Entity:
        """The body a person belongs to, when it is of one of `kinds`; else the person."""
        if entity.kind != "person" or not entity.affiliation:
            return entity
        body = default_index().registry.affiliate(entity)
        return body if body is not None and body.kind in kinds else entity


def _compass_placed(tok: Token) -> bool:
    """"from northern Afghanistan", "from north-eastern Nigeria": a part of a country."""
    return any(c.dep_ == "amod" and c.lower_.replace("-", "") in WORDS.compass_adjectives
               for c in tok.children)
