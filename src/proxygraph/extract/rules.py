"""Dependency rules: find claim triggers in a sentence and their subject and object.

Four families of rules, each general:
- verbs with a frame from the lexicon (X trains Y, Y was armed by X, X clashed with Y);
- "giving" verbs typed by what is given (provide weapons / funds / intelligence / troops);
- nominal triggers (X's support for Y, deliveries of drones to Y, clashes between A and B);
- epithets (X-backed Y, Y backed by X, X's proxies A and B, X is Y's sponsor).
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from proxygraph.extract.arguments import (
    SentenceMentions,
    actors_in_phrase,
    misparsed_verb,
    phrase_tokens,
    stated_origin,
)
from proxygraph.extract.candidates import Candidate, kids, prep_objects, with_conjuncts
from proxygraph.extract.epithets import EpithetRules
from proxygraph.extract.lexicon import Lexicon, VerbTrigger, load_lexicon
from proxygraph.extract.mentions import Mention, default_index
from proxygraph.extract.nominals import NominalRules
from proxygraph.model import Entity

__all__ = ["Candidate", "SentenceRules", "kids", "prep_objects", "with_conjuncts"]


_AGENT_PREPS = {"by"}
_BODY_KINDS = ("state", "state_organ", "armed_group", "pmc")
_SUBORDINATORS = {"as", "while", "because", "since", "after", "before", "until", "when",
                  "whereas", "although", "though", "once"}
# "helped Iran build a factory": the helper is the subject of the embedded PRODUCTION.
_HELP_VERBS = {"help", "assist", "enable", "aid", "support"}
_RELATIVE_WORDS = {"that", "which", "who", "whom"}
_CAPABILITY_NOUNS = {"ability", "capacity", "capability", "means", "potential", "power", "know-how"}
# "X promised Y to send": the subject, not the object, does the embedded act.
_SUBJECT_CONTROL = {"promise", "vow", "threaten", "pledge", "swear"}
# "X accused Y of arming Z": the gerund's doer is the verb's object, not its subject.
_OBJECT_CONTROL = {"accuse", "suspect", "blame", "charge", "credit", "thank", "praise",
                   "condemn", "criticize", "criticise", "fault", "commend", "congratulate"}
# What a factory makes: PRODUCTION needs one of these (or an item) in its clause.
_PRODUCT_WORDS = {"factory", "plant", "facility", "line", "drone", "uav", "missile", "weapon",
                  "rocket", "munition", "ammunition", "shell", "arm", "component", "warhead",
                  "launcher", "system", "production", "copy", "variant", "engine", "part"}


class SentenceRules(NominalRules, EpithetRules):
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
        if verb.dep_ == "acl" and (verb.tag_ == "VBN" or verb.pos_ == "ADJ"):
            return True  # "militias backed by Iran", "a unit armed and trained by ..."
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
        else:
            heads = kids(verb, "nsubj")
            if heads and verb.dep_ == "relcl" and heads[0].tag_ in ("WDT", "WP"):
                heads = [verb.head]
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
        if verb.dep_ == "xcomp" and governor.lemma_.lower() not in _SUBJECT_CONTROL:
            # A pronoun controller ("prompting them to") is left to the governor's subject:
            # resolving it is guesswork.
            controller = [o for o in kids(governor, "dobj") if o.i < verb.i and o.pos_ != "PRON"]
            if controller and self.actors(controller):
                return self.actors(controller)  # "asked China to press Tehran": China
        if verb.dep_ == "pcomp" and governor.dep_ == "prep":
            governor = governor.head  # "is suspected of supplying", "accused of sending"
            if governor.lemma_.lower() in _OBJECT_CONTROL and not self.is_passive(governor):
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
        if head.dep_ == "pobj" and head.head.lower_ in _SUBORDINATORS and head.i < verb.i:
            return self.actors([head])
        return []

    def patients(self, verb: Token) -> list[Token]:
        if self.is_passive(verb):
            if verb.dep_ == "acl":
                return [verb.head]
            if verb.dep_ == "conj" and verb.head.dep_ == "acl" and not kids(verb, "nsubjpass"):
                return [verb.head.head]
            heads = kids(verb, "nsubjpass")
            if verb.dep_ == "relcl" and any(h.lower_ in _RELATIVE_WORDS for h in heads):
                return [verb.head]  # "the Houthis, who are armed by Iran,"
            return heads
        objects = kids(verb, "dobj")
        if verb.dep_ in ("appos", "relcl") and not objects and misparsed_verb(verb, self.lex):
            return [verb.head]  # "the Wagner Group, which Russia funds,"
        if verb.dep_ == "amod" and verb.tag_ == "VBD" and kids(verb, "nsubj"):
            return [verb.head]  # "The IRGC trained Houthi fighters" parsed as an adjective
        if verb.dep_ == "relcl":
            # "the weapons (that) it sends to Hamas": the modified noun is the object.
            relative = [o for o in objects
                        if o.tag_ in ("WDT", "WP") or o.lower_ in _RELATIVE_WORDS]
            subject = kids(verb, "nsubj")
            if relative or (not objects and subject and subject[0].tag_ not in ("WDT", "WP")):
                return [o for o in objects if o not in relative] + [verb.head]
        return objects

    # ---- verb rules ------------------------------------------------------------------
    def verb_lemma(self, tok: Token) -> str:
        """'armed' tagged as an adjective in a verb list ("funded, armed, trained")."""
        word = tok.lower_
        if tok.pos_ == "ADJ" and tok.dep_ in ("conj", "acl") and word.endswith("ed"):
            for stem in (word[:-2], word[:-1], word[:-3]):
                if stem in self.lex.verbs:
                    return stem
        return tok.lemma_.lower()

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
        if later:
            last = max(later, key=lambda t: t.i)
            heads = [o for o in kids(last, "dobj", "dative") if not self._is_item_phrase([o])]
            return self.actors(heads + prep_objects(last, {"to", "for"}))
        first = verb
        while first.dep_ == "conj":
            first = first.head
        if first is not verb and first.dep_ == "relcl":
            return self.actors(self.patients(first))
        return []

    def verb_candidates(self, verb: Token) -> Iterator[Candidate]:
        if verb.dep_ in ("acl", "xcomp"):
            near = [verb.head, *(c for d in kids(verb.head, "dobj") for c in (d, *d.conjuncts))]
            if any(t.lemma_.lower() in _CAPABILITY_NOUNS for t in near if t.i < verb.i):
                return  # "(accelerate) their abilities to produce drones": a capability
        lemma = self.verb_lemma(verb)
        if lemma in self.lex.behalf_verbs:
            yield from self._on_behalf(verb)
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

    def _on_behalf(self, verb: Token) -> Iterator[Candidate]:
        """'Russia intervened on Damascus's behalf' / 'fought on behalf of the junta'."""
        preps = [p for p in kids(verb, "prep") if p.lower_ in ("on", "in")]
        for behalf in (o for p in preps for o in kids(p, "pobj")):
            if behalf.lemma_.lower() != "behalf":
                continue
            helped = self.actors(kids(behalf, "poss") + prep_objects(behalf, {"of"}))
            yield from self._pairs("SUPPORT", self.subjects(verb), helped, verb, [], False)

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
            if patient_actors and not self._is_item_phrase(patients):
                objects = patient_actors + objects
            else:
                theme = patients + prep_objects(verb, {"with"})
            if not objects:  # "shipped millions of shells to Russia": hung on the theme
                objects = self.actors([o for t in theme for o in prep_objects(t, {"to", "for"})])
            if not subjects and self.is_passive(verb):
                # only where the sender is unexpressed: "Iranian drones were delivered to X"
                subjects = self.actors(prep_objects(verb, {"from"})) or self.origins(theme)
            if ctype == "ARMS_TRANSFER" and (self._commodities_only(theme)
                                             or self.theme_types(theme) == ["TRADE"]):
                ctype = "TRADE"  # "sold oil to Syria" (guide 13)
        elif frame == "patient":
            objects = self.actors(patients)
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
            for thing in things:
                # "fired (a swarm of) missiles at Israel", "coordinated their operations with
                # the Quds Force", "traded fire with X": the partner hangs on the thing
                preps = hostile if thing.lemma_.lower() in exchanged else on_patient
                objects += self.actors(prep_objects(thing, preps))
            if ctype == "CLASH":
                # "fought alongside the Syrian army" is SUPPORT (guide 5)
                allies = self.actors(prep_objects(verb, {"alongside"}))
                yield from self._pairs("SUPPORT", subjects, allies, verb, [], False)
        elif frame == "none":
            objects = self.actors(prep_objects(verb, {"for"}))
            theme = patients
            if ctype == "PRODUCTION" and not self._mentions_product(verb):
                return
            helper = verb.head
            if verb.dep_ in ("ccomp", "xcomp") and helper.lemma_.lower() in _HELP_VERBS:
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
                                            and t.head.tag_ == "VBG" and t.head.dep_ == "acl"
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
            subjects = self.actors(prep_objects(verb, {"from"}))
            objects = self.subjects(verb)
        else:
            subjects = self.subjects(verb)
            objects = recipients
        if not subjects and (receiving or self.is_passive(verb)):
            subjects = self.origins(theme)  # "Russia received Iranian drones" (guide 7)
        if not subjects and not receiving and self.is_passive(verb):
            subjects = self._senders_of_troops(theme)
        for ctype in types:
            yield from self._pairs(ctype, subjects, objects, verb, theme, False)

    def theme_types(self, heads: list[Token]) -> list[str]:
        found: list[str] = []
        for head in with_conjuncts(heads):
            ctype = None
            tokens = phrase_tokens(head, self.lex)
            own = self.lex.themes.get(head.lemma_.lower())
            if head.ent_type_ == "MONEY" and not any(
                    (m := self.sm.at(t)) is not None and m.is_item for t in tokens):
                own = "FUNDING"  # "$2.6 billion"; "$10 million worth of small arms" is arms
            if own in ("INTELLIGENCE", "FUNDING", "TRAINING", "TRADE"):
                ctype = own  # "drone surveillance footage" is intelligence, not a drone
            elif any((m := self.sm.at(t)) is not None and m.is_item for t in tokens):
                ctype = "ARMS_TRANSFER"
            else:
                for tok in [head, *[t for t in tokens if t.dep_ == "compound"]]:
                    ctype = self.lex.themes.get(tok.lemma_.lower()) or self.lex.themes.get(
                        tok.lower_)
                    if ctype:
                        break
            if ctype and ctype not in found:
                found.append(ctype)
        if "ARMS_TRANSFER" in found and self._commodities_only(heads):
            found[found.index("ARMS_TRANSFER")] = "TRADE"
        if len(found) > 1 and "SUPPORT" in found:
            found.remove("SUPPORT")  # "weapons and other resources" is an arms transfer
        return found

    def _item_mentions(self, heads: list[Token]) -> list[Mention]:
        found = []
        for head in with_conjuncts(heads):
            for tok in phrase_tokens(head, self.lex):
                m = self.sm.at(tok)
                if m is not None and m.is_item and m not in found:
                    found.append(m)
        return found

    def origins(self, theme: list[Token]) -> list[Entity]:
        """States the text names as origin of the given items: the sender when none is named."""
        out: list[Entity] = []
        origins = [stated_origin(m, self.sm) for m in self._item_mentions(theme)]
        for head in with_conjuncts(theme):
            if self.lex.themes.get(head.lemma_.lower()) == "ARMS_TRANSFER":
                # "Russian T-90 tanks": a weapon word with a demonym, no registry item
                origins += [m.entity for c in head.children if c.dep_ in ("amod", "compound")
                            and (m := self.sm.at(c)) is not None and m.demonym]
        for origin in origins:
            if origin is not None and all(e.id != origin.id for e in out):
                out.append(origin)
        return out

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

    def _commodities_only(self, heads: list[Token]) -> bool:
        """Oil, gold, grain: goods that are traded, not armed with."""
        items = self._item_mentions(heads)
        return bool(items) and all(m.entity.id in self.lex.commodities for m in items)

    def _mentions_product(self, trigger: Token) -> bool:
        for tok in trigger.subtree:
            m = self.sm.at(tok)
            product = (m is not None and m.is_item) or tok.lemma_.lower() in _PRODUCT_WORDS
            if product and (tok.i != trigger.i or tok.pos_ == "NOUN"):
                return True
        return False

    def _is_item_phrase(self, heads: list[Token]) -> bool:
        for head in heads:
            m = self.sm.at(head)
            if m is not None and m.is_item:
                return True
            if head.lemma_.lower() in self.lex.themes and self.sm.at(head) is None:
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
        by_verb = {tok.i: list(self.verb_candidates(tok)) for tok in self.sm.tokens
                   if tok.pos_ == "VERB" or self.verb_like(tok)}
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
            yield from self.label_candidates(tok)
