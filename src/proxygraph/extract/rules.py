"""Dependency rules: find claim triggers in a sentence and their subject and object.

Four families of rules, each general:
- verbs with a frame from the lexicon (X trains Y, Y was armed by X, X clashed with Y);
- "giving" verbs typed by what is given (provide weapons / funds / intelligence / troops);
- nominal triggers (X's support for Y, deliveries of drones to Y, clashes between A and B);
- epithets (X-backed Y, Y backed by X, X's proxies A and B, X is Y's sponsor).

Smaller families live in mixins: themes.py (what is given), sides.py (on X's side / behalf,
located and shipping targets), subordination.py (under X's command, reports to X) and
flows.py (weapons reaching Y, reliance on X).
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from proxygraph.extract.arguments import (
    SentenceMentions,
    actors_in_phrase,
    misparsed_verb,
    relative_antecedent,
)
from proxygraph.extract.candidates import Candidate, kids, prep_objects, with_conjuncts
from proxygraph.extract.epithets import EpithetRules
from proxygraph.extract.flows import FlowRules
from proxygraph.extract.lexicon import Lexicon, VerbTrigger, load_lexicon, typo_trigger
from proxygraph.extract.mentions import default_index
from proxygraph.extract.nominals import NominalRules
from proxygraph.extract.sides import SideRules
from proxygraph.extract.subordination import SubordinationRules
from proxygraph.extract.themes import ThemeRules
from proxygraph.extract.wordsets import WORDS
from proxygraph.model import Entity

__all__ = ["Candidate", "SentenceRules", "kids", "prep_objects", "with_conjuncts"]


_AGENT_PREPS = {"by"}
_BODY_KINDS = ("state", "state_organ", "armed_group", "pmc")
_RELATIVE_WORDS = {"that", "which", "who", "whom"}


class SentenceRules(ThemeRules, SideRules, NominalRules, EpithetRules, SubordinationRules,
                    FlowRules):
    """All rules over one sentence. `sm` holds its mentions (with resolved pronouns)."""

    def __init__(self, sm: SentenceMentions, lex: Lexicon | None = None) -> None:
        self.sm = sm
        self.lex = lex or load_lexicon()

    # ---- arguments -------------------------------------------------------------------
    def actors(self, heads: list[Token]) -> list[Entity]:
        out: list[Entity] = []
        for head in heads:
            found = actors_in_phrase(head, self.sm, self.lex)
            if head.dep_ == "appos" and all(not e.resolved for e in found):
                # "Liwa' Zainebiyoun, the Pakistani militia which Iran funds": the name
                named = [e for e in actors_in_phrase(head.head, self.sm, self.lex) if e.resolved]
                found = named or found
            for entity in found:
                if all(e.id != entity.id for e in out):
                    out.append(entity)
        return out

    def is_passive(self, verb: Token) -> bool:
        if kids(verb, "nsubjpass", "auxpass", "agent"):
            return True
        if verb.dep_ == "acl" and (verb.tag_ == "VBN" or verb.pos_ == "ADJ") and not kids(
                verb, "nsubj"):
            # "militias backed by Iran", "a unit armed and trained by ..."; not "claims
            # that Tehran had sent drones"
            return True
        return verb.dep_ == "conj" and verb.tag_ == "VBN" and self.is_passive(verb.head)

    def subjects(self, verb: Token, depth: int = 0) -> list[Entity]:
        if depth > 4:
            return []
        if misparsed_verb(verb, self.lex):
            if verb.dep_ == "conj":
                return self.subjects(verb.head, depth + 1)
            return self.actors([c for c in verb.children if c.dep_ == "compound" and c.i < verb.i])
        if self.is_passive(verb):
            found = self.actors(prep_objects(verb, _AGENT_PREPS))
            for later in (c for c in verb.conjuncts if c.i > verb.i and not found):
                found = self.actors(prep_objects(later, _AGENT_PREPS))  # "armed and trained by X"
            if not found and any(t.claim_type == "RECRUITMENT"
                                 for t in self.lex.verbs.get(verb.lemma_.lower(), ())):
                found = self._served(verb)  # "men were recruited to fight for Russia"
        else:
            # "X's Guards have armed Y": the parser may hang the subject on the auxiliary
            heads = kids(verb, "nsubj") or [s for a in kids(verb, "aux") for s in kids(a, "nsubj")]
            if heads and verb.dep_ == "relcl" and heads[0].tag_ in ("WDT", "WP"):
                heads = [relative_antecedent(verb, self.sm)]
            if len(heads) > 1:
                # "Iran's proxies Hezbollah and Hamas fired": the parser makes the label and
                # the names two subjects; the names are the actors.
                heads = [h for h in heads if not (h.lemma_.lower() in self.lex.client_nouns
                                                  and h.i + 1 in {x.i for x in heads})]
            found = self.actors(heads)
            if not found:
                # "An Israeli air strike killed ...": the attack's author is the subject.
                found = [e for h in heads if self.lex.nouns.get(h.lemma_.lower()) == "CLASH"
                         for e in self.noun_subjects(h)]
        if found:
            return found
        if not kids(verb, "nsubj", "nsubjpass"):
            stray = self._stray_subject(verb)
            if stray:
                return stray
        governor = verb.head
        if governor.pos_ == "ADJ" and governor.dep_ in ("acomp", "xcomp", "amod"):
            governor = governor.head  # "Iran is likely to budget ..."
        if verb.dep_ == "xcomp" and governor.lemma_.lower() not in WORDS.subject_control_verbs:
            # A pronoun controller ("prompting them to") is left to the governor's subject:
            # resolving it is guesswork.
            controller = [o for o in kids(governor, "dobj") if o.i < verb.i and o.pos_ != "PRON"]
            if controller and self.actors(controller):
                return self.actors(controller)  # "asked China to press Tehran": China
        if verb.dep_ == "pcomp" and governor.dep_ == "prep":
            governor = governor.head  # "is suspected of supplying", "accused of sending"
            if governor.lemma_.lower() in WORDS.object_control_verbs and not self.is_passive(
                    governor):
                accused = self.actors(kids(governor, "dobj"))
                if accused:
                    return accused  # "Washington accused Iran of furnishing ...": Iran
        purpose = verb.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to"
                                               for c in verb.children)
        if (verb.dep_ in ("xcomp", "pcomp") or purpose) and governor.pos_ in ("VERB", "AUX") and (
                self.is_passive(governor)):
            # "Iran is expected to deliver", "Iran was asked to send", "the units were
            # created to fight IS": the passive subject.
            raised = self.actors(kids(governor, "nsubjpass"))
            if raised:
                return raised
            governor = verb.head
        if verb.dep_ in ("xcomp", "advcl", "conj", "pcomp") and (
                governor.pos_ in ("VERB", "AUX") or self.verb_like(governor)):
            return self.subjects(governor, depth + 1)
        if verb.dep_ == "acl" and kids(verb, "aux") and verb.head.lemma_.lower() in (
                WORDS.intent_nouns) and verb.head.dep_ == "dobj" and verb.head.head.pos_ in (
                "VERB", "AUX"):
            return self.subjects(verb.head.head, depth + 1)  # "X has no plans to arm Y"
        if verb.dep_ in ("acl", "relcl") and not self.is_passive(verb):
            return self.actors([verb.head])
        if verb.dep_ == "pcomp" and verb.head.head.pos_ in ("VERB", "AUX"):
            return self.subjects(verb.head.head, depth + 1)
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

    def patients(self, verb: Token) -> list[Token]:
        if self.is_passive(verb):
            if verb.dep_ == "acl":
                return [verb.head]
            if verb.dep_ == "conj" and verb.head.dep_ == "acl" and not kids(verb, "nsubjpass"):
                return [verb.head.head]
            heads = kids(verb, "nsubjpass")
            first = verb
            while not heads and first.dep_ == "conj" and first.head.i != first.i:
                # "X is armed, funded and trained by Y": later participles share X
                first = first.head
                heads = kids(first, "nsubjpass")
            if verb.dep_ == "relcl" and any(h.lower_ in _RELATIVE_WORDS for h in heads):
                return [verb.head]  # "the Houthis, who are armed by Iran,"
            return heads
        # A second direct object is a misparse of what follows a comma ("gives X $700
        # million, the State Department estimates"): the first one is the object.
        objects = kids(verb, "dobj")[:1]
        if verb.dep_ in ("appos", "relcl") and not objects and misparsed_verb(verb, self.lex):
            return [verb.head]  # "the Wagner Group, which Russia funds,"
        if verb.dep_ == "amod" and verb.tag_ == "VBD" and kids(verb, "nsubj"):
            return [verb.head]  # "The IRGC trained Houthi fighters" parsed as an adjective
        clause = verb
        while clause.dep_ == "conj" and clause.head.i != clause.i:
            clause = clause.head
        if clause is not verb and clause.dep_ == "relcl" and any(
                o.lower_ in _RELATIVE_WORDS for o in objects):
            # "whom Russian officers equipped and schooled": the parser gives the relative
            # pronoun to the last verb
            return [o for o in objects if o.lower_ not in _RELATIVE_WORDS] + [
                relative_antecedent(clause, self.sm)]
        if verb.dep_ == "relcl":
            # "the weapons (that) it sends to Hamas": the modified noun is the object.
            relative = [o for o in objects
                        if o.tag_ in ("WDT", "WP") or o.lower_ in _RELATIVE_WORDS]
            subject = kids(verb, "nsubj")
            if relative or (not objects and subject and subject[0].tag_ not in ("WDT", "WP")):
                antecedent = relative_antecedent(verb, self.sm)
                return [o for o in objects if o not in relative] + [antecedent]
        return objects

    # ---- verb rules ------------------------------------------------------------------
    def verb_lemma(self, tok: Token) -> str:
        """'armed' tagged as an adjective in a verb list ("funded, armed, trained")."""
        word = tok.lower_
        if tok.pos_ == "ADJ" and tok.dep_ in ("conj", "acl") and word.endswith("ed"):
            for stem in (word[:-2], word[:-1], word[:-3]):
                if stem in self.lex.verbs:
                    return stem
        lemma = tok.lemma_.lower()
        if tok.pos_ == "VERB" and lemma not in self.lex.verbs and (
                lemma not in self.lex.giving_verbs):
            return typo_trigger(word) or lemma  # "recieves", "suplied": reposted copy
        return lemma

    def verb_like(self, tok: Token) -> bool:
        if misparsed_verb(tok, self.lex):
            return True
        if tok.pos_ != "ADJ" or self.verb_lemma(tok) not in self.lex.verbs:
            return False
        # "funded, armed and trained X"; "a unit armed and trained by Russian officers"
        return (tok.dep_ == "conj" and tok.head.pos_ == "VERB") or (
            tok.dep_ == "acl" and any(c.dep_ in ("agent", "conj") for c in tok.children))

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
            heads = [o for o in kids(conj, "dobj", "dative") if not self._is_item_phrase([o])]
            return self.actors(heads + prep_objects(conj, {"to", "for"}))
        if later:
            return []
        first = verb
        while first.dep_ == "conj":
            first = first.head
        if first is not verb and first.dep_ == "relcl":
            return self.actors(self.patients(first))
        return []

    def verb_candidates(self, verb: Token) -> Iterator[Candidate]:
        if verb.dep_ in ("acl", "xcomp"):
            near = [verb.head, *(c for d in kids(verb.head, "dobj") for c in (d, *d.conjuncts))]
            if any(t.lemma_.lower() in WORDS.capability_nouns for t in near if t.i < verb.i):
                return  # "(accelerate) their abilities to produce drones": a capability
        lemma = self.verb_lemma(verb)
        if lemma in self.lex.behalf_verbs:
            yield from self._on_behalf(verb)
        if lemma in ("come", "fall"):
            yield from self._under_fire(verb)
        if lemma in self.lex.giving_verbs:
            produced = list(self.giving(verb, lemma))
            if produced:
                yield from produced
                return
        needs = self.lex.verb_requires_prep.get(lemma)
        near = [*verb.children, *(g for o in kids(verb, "dobj") for g in o.children)]
        if needs and not any(c.dep_ in ("prep", "prt") and c.lower_ in needs for c in near):
            return
        triggers = self.lex.verbs.get(lemma, ())
        idiom = self.lex.verb_object_idioms.get(lemma)
        if idiom:
            for obj in kids(verb, "dobj"):
                if obj.lemma_.lower() in idiom:
                    # "traded fire with" is a clash; "traded accusations" is nothing.
                    ctype = idiom[obj.lemma_.lower()]
                    triggers = (VerbTrigger(ctype, "partner"),) if ctype else ()
        for trigger in triggers:
            yield from self.framed(verb, trigger)

    def framed(self, verb: Token, trig: VerbTrigger) -> Iterator[Candidate]:
        ctype, frame = trig.claim_type, trig.frame
        if frame == "absorbed":
            yield from self.integration(verb, ctype)
            return
        subjects = self.subjects(verb)
        objects: list[Entity] = []
        theme: list[Token] = []
        patients = self.patients(verb)
        if frame == "recipient":
            objects = self.actors(kids(verb, "dative") + prep_objects(verb, {"to", "for"}))
            patient_actors = self.actors(patients)
            # "Hezbollah fighters equipped with X": the modified noun of a passive
            # participle receives, even when it is a word for troops
            receiver = verb.dep_ == "acl" and self.is_passive(verb) and (
                self.theme_types(patients) == ["SUPPORT"])
            if patient_actors and (receiver or not self._is_item_phrase(patients)):
                objects = patient_actors + objects
                theme = prep_objects(verb, {"with"})  # "the Houthis, armed with Iranian X"
            else:
                theme = patients + prep_objects(verb, {"with"})
            if not objects:  # "shipped millions of shells to Russia": hung on the theme
                objects = self.actors([o for t in theme for o in prep_objects(t, {"to", "for"})])
            if not objects:  # "smuggled in parts from Iran to Hamas": hung on an adjunct
                objects = self.actors([o for a in prep_objects(verb, {"in", "by", "via"})
                                       for o in prep_objects(a, {"to"})])
            if not subjects and self.is_passive(verb):
                # only where the sender is unexpressed: "Iranian drones were delivered to X"
                # "shipped in pieces from Iran": "from" may hang on another adjunct
                sources = prep_objects(verb, {"from"}) or [
                    o for adjunct in prep_objects(verb, {"in", "by", "via", "through"})
                    for o in prep_objects(adjunct, {"from"})]
                subjects = self.actors(sources) or self.origins(theme)
            if ctype == "ARMS_TRANSFER" and (self._commodities_only(theme)
                                             or self.theme_types(theme) == ["TRADE"]):
                ctype = "TRADE"  # "sold oil to Syria" (guide 13)
            elif ctype == "ARMS_TRANSFER" and theme and self.theme_types(theme) == ["SUPPORT"]:
                ctype = "SUPPORT"  # "airlifted troops to Syria": sending troops (guide 4)
        elif frame == "patient":
            objects = self.actors(patients)
            if verb.lemma_.lower() in WORDS.deploy_verbs and objects and all(
                    not o.resolved for o in objects):
                # "deployed Afghan fighters to Syria (to fight for Assad)": the fighters are
                # what is sent; the supported side is where or for whom they fight
                objects = self._served(verb) or self.actors(prep_objects(verb, {"to", "in"}))
            if not objects:
                objects = self.actors(kids(verb, "dative")
                                      + prep_objects(verb, {"for", "to", "on"}))
            theme = prep_objects(verb, {"on", "with", "in"})
        elif frame == "partner":
            hostile = {"with", "against", "on", "into", "at", "upon", "toward", "towards"}
            if ctype != "CLASH":
                hostile = {"with"}  # "met Assad at the Kremlin": a place, not a partner
            # "coordinated their operations with X": the operations are no partner, even
            # though "their" names an actor (an attack's target may be "Hezbollah's
            # positions", though)
            things = [p for p in patients if not self.actors([p]) or (
                ctype != "CLASH" and self._only_possessed(p))]
            partners = [p for p in patients if p not in things]
            objects = self.actors(partners + prep_objects(verb, hostile))
            on_patient = hostile - {"with"} if ctype == "CLASH" else {"with"}
            exchanged = {o for objs in self.lex.verb_object_idioms.values() for o in objs}
            targets = prep_objects(verb, hostile)
            for thing in things:
                # "fired (a swarm of) missiles at Israel", "coordinated their operations with
                # the Quds Force", "traded fire with X": the partner hangs on the thing
                preps = hostile if thing.lemma_.lower() in exchanged else on_patient
                objects += self.actors(prep_objects(thing, preps))
                targets += prep_objects(thing, preps)
            if ctype == "CLASH" and not objects:
                objects = self._located_targets(targets + things) or self._shipping_targets(
                    targets + things)
            if ctype == "CLASH":
                # "fought alongside the Syrian army" is SUPPORT (guide 5)
                allies = self.actors(prep_objects(verb, {"alongside"}) + self._side_of(verb))
                yield from self._pairs("SUPPORT", subjects, allies, verb, [], False)
        elif frame == "none":
            objects = self.actors(prep_objects(verb, {"for"}))
            theme = patients
            if ctype == "PRODUCTION" and not self._mentions_product(verb):
                return
            helper = verb.head
            if verb.dep_ in ("ccomp", "xcomp") and helper.lemma_.lower() in WORDS.help_verbs:
                helped = self.actors(kids(verb, "nsubj") + kids(helper, "dobj"))
                if helped:
                    subjects, objects = self.subjects(helper), helped
        if frame in ("recipient", "patient") and not objects:
            objects = self.shared_objects(verb)
        if verb.dep_ == "acl" and self.is_passive(verb) and all(not o.resolved for o in objects):
            return  # "militias backed by Iran": an unnamed label implies nothing (guide 6)
        # "Russia and Iran signed/met", "A and B clashed"; but not "A and B attacked"
        reciprocal = frame == "partner" and (
            ctype != "CLASH" or verb.lemma_.lower() in self.lex.reciprocal_clash_verbs)
        yield from self._pairs(ctype, subjects, objects, verb, theme, reciprocal)

    def _only_possessed(self, head: Token) -> bool:
        poss = kids(head, "poss")
        if not poss or self.sm.at(head) is not None:
            return False
        return {e.id for e in self.actors([head])} <= {e.id for e in self.actors(poss)}

    def integration(self, verb: Token, ctype: str) -> Iterator[Candidate]:
        targets = self.actors(prep_objects(verb, {"into", "with", "under", "to"}))
        if self.is_passive(verb):
            absorbed = self.actors(self.patients(verb))
        elif kids(verb, "dobj") and verb.lemma_.lower() != "join":
            absorbed = self.actors(kids(verb, "dobj"))
            if not targets:
                targets = self.subjects(verb)  # "Africa Corps absorbed the Wagner units"
        else:
            absorbed = self.subjects(verb)
            if verb.lemma_.lower() == "join":
                targets = targets or self.actors(kids(verb, "dobj"))
        yield from self._pairs(ctype, absorbed, targets, verb, [], False)

    def giving(self, verb: Token, lemma: str) -> Iterator[Candidate]:
        receiving = lemma in self.lex.receiving_verbs
        patients = self.patients(verb)
        # "passed satellite targeting data to X": the parser reads "targeting" as a verb
        # with "data" as its object and "to X" as its complement; they belong to the theme
        patients = patients + [o for p in patients for g in kids(p, "acl") if g.tag_ == "VBG"
                               for o in kids(g, "dobj")]
        if not patients:
            # "passing targeting information to X": read as "passing" + a gerund complement
            patients = [o for g in kids(verb, "xcomp") if g.tag_ == "VBG"
                        and not kids(g, "aux") for o in kids(g, "dobj")]
        theme = patients
        recipients: list[Entity] = []
        if not receiving:
            direct = self.actors(patients)
            passive = self.is_passive(verb)
            # "provided the Houthis with data" / "the Houthis were provided with data"; but in
            # "soldiers were sent to Kursk" the passive subject is what is given.
            if direct and not self._is_item_phrase(patients) and (
                    not passive or prep_objects(verb, {"with"})):
                recipients = direct  # "provided the Houthis with targeting data"
                theme = prep_objects(verb, {"with"})
            recipients = recipients + self.actors(kids(verb, "dative") + prep_objects(
                verb, {"to", "for"}))
            if not recipients:
                # "budgeted $2.6 billion for the PMF": the parser hangs the recipient on the
                # amount; "shared data with the IDF": sharing is with the recipient.
                recipients = self.actors([o for t in theme
                                          for o in prep_objects(t, {"to", "for"})]
                                         + [o for t in theme if t.dep_ == "dobj"
                                            and t.head.tag_ == "VBG"
                                            and t.head.dep_ in ("acl", "xcomp")
                                            for o in prep_objects(t.head, {"to", "for"})])
            if not recipients and lemma in self.lex.with_recipient_verbs:
                recipients = self.actors(prep_objects(verb, {"with"}) + [
                    o for t in theme for o in prep_objects(t, {"with"})])
        types = self.theme_types(theme)
        if not types:
            default = [t.claim_type for t in self.lex.verbs.get(lemma, ())
                       if t.claim_type == "ARMS_TRANSFER"]
            if not default:
                return
            types = default
        if not receiving and not recipients:
            recipients = self.shared_objects(verb)
        if receiving:
            # "received drones from Iran": the parser often hangs "from" on the theme
            subjects = self.actors(prep_objects(verb, {"from"}) or [
                o for t in theme for o in prep_objects(t, {"from"})])
            objects = self.subjects(verb)
        else:
            subjects = self.subjects(verb)
            objects = recipients
        if not subjects and (receiving or self.is_passive(verb)):
            subjects = self.origins(theme)  # "Russia received Iranian drones" (guide 7)
        if not subjects and not receiving and self.is_passive(verb):
            subjects = self._senders_of_troops(theme)
        # "Iran and Russia exchanged intelligence": the partners give to each other
        mutual = lemma in self.lex.with_recipient_verbs and not receiving
        for ctype in types:
            yield from self._pairs(ctype, subjects, objects, verb, theme, mutual)

    def _senders_of_troops(self, theme: list[Token]) -> list[Entity]:
        """'North Korean soldiers were sent to Kursk': the state whose forces are sent."""
        registry = default_index().registry
        out: list[Entity] = []
        for entity in self.actors(theme):
            if entity.kind == "state_organ" and entity.affiliation is not None and (
                    entity.affiliation in registry):
                state = registry.get(entity.affiliation)
                if state.kind == "state" and all(e.id != state.id for e in out):
                    out.append(state)
        return out

    def _mentions_product(self, trigger: Token) -> bool:
        for tok in trigger.subtree:
            m = self.sm.at(tok)
            product = (m is not None and m.is_item) or tok.lemma_.lower() in WORDS.product_words
            if product and (tok.i != trigger.i or tok.pos_ == "NOUN"):
                return True
        return False

    # ---- assembly --------------------------------------------------------------------
    def _pairs(self, ctype: str, subjects: list[Entity], objects: list[Entity], trigger: Token,
               theme: list[Token], symmetric_fallback: bool,
               label: bool = False) -> Iterator[Candidate]:
        subjects = [s for s in subjects if s.kind != "item"]
        objects = [o for o in objects if o.kind != "item"]
        if ctype == "SUPPORT":
            # "propping up Assad": a supported leader stands for his state (guide 8)
            objects = [self._affiliation(o, ("state",)) for o in objects]
        elif ctype == "CLASH":
            # "killed Hezbollah leader Hassan Nasrallah": the attack is on his organisation
            objects = [self._affiliation(o, _BODY_KINDS) for o in objects]
        if not objects and symmetric_fallback and len(subjects) >= 2:
            for a_index, a in enumerate(subjects):
                for b in subjects[a_index + 1:]:
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
    def _object_of_same_claim(noun: Token, ctype: str | None,
                              by_verb: dict[int, list[Candidate]]) -> bool:
        """Is the noun (or the phrase it sits in: "the Treaty on ... Partnership") the
        object of a verb that already gave a claim of the same type?"""
        tok = noun
        for _ in range(4):
            if tok.dep_ == "dobj":
                return any(c.type == ctype for c in by_verb.get(tok.head.i, ()))
            if tok.dep_ not in ("pobj", "prep", "compound", "conj", "appos"):
                return False
            tok = tok.head
        return False

    def candidates(self) -> Iterator[Candidate]:
        by_verb = {tok.i: [*self.verb_candidates(tok), *self.reports_to(tok),
                           *self.flow(tok), *self.reliance(tok)]
                   for tok in self.sm.tokens if tok.pos_ == "VERB" or self.verb_like(tok)}
        for tok in self.sm.tokens:
            if tok.i in by_verb:
                yield from by_verb[tok.i]
            elif tok.pos_ in ("NOUN", "PROPN") and self.sm.at(tok) is None:
                # "signed the treaty between Russia and Iran": the verb's claim already says
                # it; the noun would add a second pair of parties
                ctype = self.lex.nouns.get(tok.lemma_.lower())
                if not self._object_of_same_claim(tok, ctype, by_verb):
                    yield from self.noun_candidates(tok)
                yield from self.part_of(tok)
                yield from self.under_command(tok)
                yield from self.reliance(tok)
            yield from self.label_candidates(tok)
