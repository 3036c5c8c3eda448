"""Dependency rules: find claim triggers in a sentence and their subject and object.

Four families of rules, each general:
- verbs with a frame from the lexicon (X trains Y, Y was armed by X, X clashed with Y);
- "giving" verbs typed by what is given (provide weapons / funds / intelligence / troops);
- nominal triggers (X's support for Y, deliveries of drones to Y, clashes between A and B);
- epithets (X-backed Y, Y backed by X, X's proxies A and B, X is Y's sponsor).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from spacy.tokens import Token

from proxygraph.extract.arguments import (
    SentenceMentions,
    actors_in_phrase,
    is_backing_modifier,
    misparsed_verb,
    phrase_tokens,
    stated_origin,
)
from proxygraph.extract.lexicon import Lexicon, VerbTrigger, load_lexicon
from proxygraph.extract.mentions import is_label_collective
from proxygraph.model import Entity
from proxygraph.ontology import ONTOLOGY


@dataclass
class Candidate:
    """A claim before its attributes: type, the two sides, and where it was found."""

    type: str
    subject: Entity
    object: Entity | None
    trigger: Token
    label: bool = False  # from an epithet: no time of its own, occurred, high
    theme: list[Token] = field(default_factory=list)  # heads of what is given


_NOUN_OBJECT_PREPS = {
    "SUPPORT": {"for", "to", "of"},
    "ARMS_TRANSFER": {"to", "for", "into"},
    "TRAINING": {"of", "for"},
    "FUNDING": {"for", "to", "of"},
    "RECRUITMENT": {"of", "from", "among"},
    "INTELLIGENCE": {"to", "for", "with"},
    "PRODUCTION": {"for"},
    "TRADE": {"with", "between", "to"},
    "AGREEMENT": {"with", "between"},
    "COORDINATION": {"with", "between"},
    "CONTACT": {"with", "between"},
    "DEMAND": {"to", "on"},
    "CLASH": {"against", "on", "of", "into", "with", "between", "upon"},
    "INTEGRATION": {"into", "with", "under"},
}
_NOUN_SUBJECT_PREPS = {"by", "from"}
_AGENT_PREPS = {"by"}
_SUBORDINATORS = {"as", "while", "because", "since", "after", "before", "until", "when",
                  "whereas", "although", "though", "once"}
# What a factory makes: PRODUCTION needs one of these (or an item) in its clause.
# "helped Iran build a factory": the helper is the subject of the embedded PRODUCTION.
_HELP_VERBS = {"help", "assist", "enable", "aid", "support"}
_RELATIVE_WORDS = {"that", "which", "who", "whom"}
_PRODUCT_WORDS = {"factory", "plant", "facility", "line", "drone", "uav", "missile", "weapon",
                  "rocket", "munition", "ammunition", "shell", "arm", "component", "warhead",
                  "launcher", "system", "production", "copy", "variant", "engine", "part"}


def kids(tok: Token, *deps: str) -> list[Token]:
    return [c for c in tok.children if c.dep_ in deps]


def prep_objects(tok: Token, words: set[str]) -> list[Token]:
    """Objects of the token's prepositions among `words` (also conjoined prepositions)."""
    out: list[Token] = []
    for prep in kids(tok, "prep", "agent", "dative"):
        if prep.lower_ not in words:
            continue
        for pobj in kids(prep, "pobj", "pcomp"):
            out.append(pobj)
            if pobj.dep_ == "pcomp":  # "with targeting data": the gerund's object
                out.extend(kids(pobj, "dobj"))
        for conj_prep in kids(prep, "conj"):
            if conj_prep.lower_ in words:
                out.extend(kids(conj_prep, "pobj"))
    return out


def with_conjuncts(tokens: list[Token]) -> list[Token]:
    out: list[Token] = []
    for tok in tokens:
        out.append(tok)
        out.extend(t for t in tok.conjuncts if t.i > tok.i)
    return out


class SentenceRules:
    """All rules over one sentence. `sm` holds its mentions (with resolved pronouns)."""

    def __init__(self, sm: SentenceMentions, lex: Lexicon | None = None) -> None:
        self.sm = sm
        self.lex = lex or load_lexicon()

    # ---- arguments -------------------------------------------------------------------
    def actors(self, heads: list[Token]) -> list[Entity]:
        out: list[Entity] = []
        for head in heads:
            for entity in actors_in_phrase(head, self.sm, self.lex):
                if all(e.id != entity.id for e in out):
                    out.append(entity)
        return out

    def is_passive(self, verb: Token) -> bool:
        if kids(verb, "nsubjpass", "auxpass"):
            return True
        return verb.dep_ == "acl" and verb.tag_ == "VBN"

    def subjects(self, verb: Token, depth: int = 0) -> list[Entity]:
        if depth > 4:
            return []
        if misparsed_verb(verb, self.lex):
            if verb.dep_ == "conj":
                return self.subjects(verb.head, depth + 1)
            return self.actors([c for c in verb.children if c.dep_ == "compound" and c.i < verb.i])
        if self.is_passive(verb):
            found = self.actors(prep_objects(verb, _AGENT_PREPS))
        else:
            heads = kids(verb, "nsubj")
            if heads and verb.dep_ == "relcl" and heads[0].tag_ in ("WDT", "WP"):
                heads = [verb.head]
            found = self.actors(heads)
        if found:
            return found
        if not kids(verb, "nsubj", "nsubjpass"):
            stray = self._stray_subject(verb)
            if stray:
                return stray
        governor = verb.head
        if governor.pos_ == "ADJ" and governor.dep_ in ("acomp", "xcomp", "amod"):
            governor = governor.head  # "Iran is likely to budget ..."
        if verb.dep_ == "xcomp" and self.is_passive(governor):
            # "Iran is expected to deliver", "Iran was asked to send": the passive subject.
            raised = self.actors(kids(governor, "nsubjpass"))
            if raised:
                return raised
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
            heads = kids(verb, "nsubjpass")
            if verb.dep_ == "relcl" and any(h.lower_ in _RELATIVE_WORDS for h in heads):
                return [verb.head]  # "the Houthis, who are armed by Iran,"
            return heads
        objects = kids(verb, "dobj")
        if verb.dep_ == "relcl":
            # "the weapons (that) it sends to Hamas": the modified noun is the object.
            relative = [o for o in objects if o.tag_ in ("WDT", "WP") or o.lower_ in _RELATIVE_WORDS]
            subject = kids(verb, "nsubj")
            if relative or (not objects and subject and subject[0].tag_ not in ("WDT", "WP")):
                return [o for o in objects if o not in relative] + [verb.head]
        return objects

    # ---- verb rules ------------------------------------------------------------------
    def verb_lemma(self, tok: Token) -> str:
        """'armed' tagged as an adjective in a verb list ("funded, armed, trained")."""
        word = tok.lower_
        if tok.pos_ == "ADJ" and tok.dep_ == "conj" and word.endswith("ed"):
            for stem in (word[:-2], word[:-1], word[:-3]):
                if stem in self.lex.verbs:
                    return stem
        return tok.lemma_.lower()

    def verb_like(self, tok: Token) -> bool:
        if misparsed_verb(tok, self.lex):
            return True
        return (tok.pos_ == "ADJ" and tok.dep_ == "conj" and tok.head.pos_ == "VERB"
                and self.verb_lemma(tok) in self.lex.verbs)

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
        lemma = self.verb_lemma(verb)
        if lemma in self.lex.giving_verbs:
            produced = list(self.giving(verb, lemma))
            if produced:
                yield from produced
                return
        needs = self.lex.verb_requires_prep.get(lemma)
        if needs and not any(c.dep_ in ("prep", "prt") and c.lower_ in needs
                             for c in verb.children):
            return
        for trigger in self.lex.verbs.get(lemma, ()):
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
            if patient_actors and not self._is_item_phrase(patients):
                objects = patient_actors + objects
            else:
                theme = patients + prep_objects(verb, {"with"})
            if not subjects:
                subjects = self.origins(theme)
            if ctype == "ARMS_TRANSFER" and self._commodities_only(theme):
                ctype = "TRADE"  # "sold oil to Syria" (guide 13)
        elif frame == "patient":
            objects = self.actors(patients)
            if not objects:
                objects = self.actors(prep_objects(verb, {"for", "to", "on"}))
            theme = prep_objects(verb, {"on", "with", "in"})
        elif frame == "partner":
            objects = self.actors(patients + prep_objects(
                verb, {"with", "against", "on", "into", "at", "upon"}))
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
        yield from self._pairs(ctype, subjects, objects, verb, theme, frame == "partner")

    def integration(self, verb: Token, ctype: str) -> Iterator[Candidate]:
        targets = self.actors(prep_objects(verb, {"into", "with", "under", "to"}))
        if self.is_passive(verb):
            absorbed = self.actors(self.patients(verb))
        elif kids(verb, "dobj") and verb.lemma_.lower() != "join":
            absorbed = self.actors(kids(verb, "dobj"))
        else:
            absorbed = self.subjects(verb)
            if verb.lemma_.lower() == "join":
                targets = targets or self.actors(kids(verb, "dobj"))
        yield from self._pairs(ctype, absorbed, targets, verb, [], False)

    def giving(self, verb: Token, lemma: str) -> Iterator[Candidate]:
        receiving = lemma in self.lex.receiving_verbs
        patients = self.patients(verb)
        theme = patients
        recipients: list[Entity] = []
        if not receiving:
            direct = self.actors(patients)
            if direct and not self._is_item_phrase(patients):
                recipients = direct  # "provided the Houthis with targeting data"
                theme = prep_objects(verb, {"with"})
            recipients = recipients + self.actors(kids(verb, "dative") + prep_objects(
                verb, {"to", "for"}))
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
        if not subjects:
            subjects = self.origins(theme)  # "Russia received Iranian drones" (guide 7)
        for ctype in types:
            yield from self._pairs(ctype, subjects, objects, verb, theme, False)

    def theme_types(self, heads: list[Token]) -> list[str]:
        found: list[str] = []
        for head in with_conjuncts(heads):
            ctype = None
            tokens = phrase_tokens(head, self.lex)
            if any((m := self.sm.at(t)) is not None and m.is_item for t in tokens):
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

    def _item_mentions(self, heads: list[Token]) -> list:
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
        for m in self._item_mentions(theme):
            origin = stated_origin(m, self.sm)
            if origin is not None and all(e.id != origin.id for e in out):
                out.append(origin)
        return out

    def _commodities_only(self, heads: list[Token]) -> bool:
        """Oil, gold, grain: items of category 'other' are traded, not armed with."""
        items = self._item_mentions(heads)
        return bool(items) and all(m.entity.category == "other" for m in items)

    def _mentions_product(self, trigger: Token) -> bool:
        for tok in trigger.subtree:
            m = self.sm.at(tok)
            if (m is not None and m.is_item) or tok.lemma_.lower() in _PRODUCT_WORDS:
                if tok.i != trigger.i or tok.pos_ == "NOUN":
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

    # ---- nominal rules ---------------------------------------------------------------
    def noun_candidates(self, noun: Token) -> Iterator[Candidate]:
        lemma = noun.lemma_.lower()
        ctype = self.lex.nouns.get(lemma)
        if ctype is None:
            return
        preps = _NOUN_OBJECT_PREPS[ctype]
        object_heads = prep_objects(noun, preps)
        if lemma in self.lex.clash_nouns_need_target and not prep_objects(
                noun, {"against", "on", "upon"}):
            return
        if ctype == "INTEGRATION":
            absorbed = self.actors(kids(noun, "poss") + prep_objects(noun, {"of"}))
            targets = self.actors(prep_objects(noun, {"into", "with", "under"}))
            yield from self._pairs(ctype, absorbed, targets, noun, [], False)
            return
        between = prep_objects(noun, {"between"})
        subjects = self.noun_subjects(noun)
        objects = self.actors([h for h in object_heads if h not in between])
        theme: list[Token] = prep_objects(noun, {"of"}) if ctype in (
            "ARMS_TRANSFER", "TRADE", "PRODUCTION") else []
        if ctype in ("ARMS_TRANSFER", "TRADE", "PRODUCTION"):
            objects = [o for o in objects if not self._entity_in(o, theme)]
            theme = theme + [c for c in noun.children if c.dep_ == "compound"]
        if between and ctype == "ARMS_TRANSFER":
            ctype = "TRADE"  # "weapons and oil sales between A, B and C"
        if between:
            parties = self.actors(between)
            if not subjects and len(parties) >= 2:
                yield from self._pairs(ctype, parties, [], noun, theme, True)
                return
            objects = objects + parties
        if not subjects:
            subjects = self.inherited_subjects(noun)
        symmetric = ONTOLOGY.is_symmetric(ctype)
        if ctype == "PRODUCTION":
            yield from self._pairs(ctype, subjects, objects, noun, theme, False)
            return
        yield from self._pairs(ctype, subjects, objects, noun, theme, symmetric)

    def _entity_in(self, entity: Entity, heads: list[Token]) -> bool:
        return any(e.id == entity.id for e in self.actors(heads))

    def noun_subjects(self, noun: Token) -> list[Entity]:
        heads = kids(noun, "poss")
        for child in noun.children:
            m = self.sm.at(child)
            if child.dep_ in ("amod", "compound", "nmod") and m is not None and not m.is_item:
                heads.append(child)
        found = self.actors(heads)
        if not found:
            found = self.actors(prep_objects(noun, _NOUN_SUBJECT_PREPS))
        if not found:
            found = self._possessor_to_left(noun)
        return found

    def _possessor_to_left(self, noun: Token) -> list[Entity]:
        """"Hamas's horrific Oct. 7, 2023, assault": the parser loses the possessive."""
        i = noun.i - 1
        floor = max(self.sm.sent.start, noun.i - 10)
        while i >= floor:
            tok = noun.doc[i]
            if tok.tag_ == "POS" and i > 0:
                m = self.sm.at(noun.doc[i - 1])
                return [m.entity] if m is not None and not m.is_item else []
            if not (tok.pos_ in ("ADJ", "NUM", "ADV") or tok.text in (",", "-")
                    or tok.ent_type_ == "DATE" or tok.dep_ in ("compound", "amod")):
                return []
            i -= 1
        return []

    def inherited_subjects(self, noun: Token) -> list[Entity]:
        """The doer of a nominal trigger governed by a verb: 'Iran sends shipments'."""
        head = noun.head
        if noun.dep_ in ("dobj", "attr", "oprd") and head.pos_ in ("VERB", "AUX"):
            return self.subjects(head)
        if noun.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX"):
            return self.subjects(head.head)
        if noun.dep_ == "conj":
            return self.inherited_subjects(head) if head.pos_ == "NOUN" else []
        return []

    # ---- epithets --------------------------------------------------------------------
    def label_candidates(self, tok: Token) -> Iterator[Candidate]:
        """X-backed Y, pro-X Y, X's proxies A and B, X is Y's sponsor."""
        if is_backing_modifier(tok, self.lex):
            yield from self._backed(tok)
        lemma = tok.lemma_.lower()
        if lemma in self.lex.agent_nouns and tok.pos_ == "NOUN":
            yield from self._agent_noun(tok, self.lex.agent_nouns[lemma])
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
        clients = self.actors(kids(noun, "poss") + prep_objects(noun, {"of", "for", "to"}))
        if noun.dep_ == "attr":
            sponsors = self.subjects(noun.head)
        elif noun.dep_ == "appos":
            sponsors = self.actors([noun.head])
        else:
            return
        types = [ctype]
        if any(c.lemma_.lower() in ("financial", "economic") for c in noun.children):
            types.append("FUNDING")
        for t in types:
            yield from self._pairs(t, sponsors, clients, noun, [], False, label=False)

    def _clients(self, noun: Token) -> Iterator[Candidate]:
        """'Iran's proxies, Hezbollah and Hamas' / 'Iranian proxies such as Kata'ib Hezbollah'."""
        head = noun.head if noun.dep_ in ("compound", "amod") else noun
        owner_heads = kids(head, "poss") + [c for c in head.children
                                            if c.dep_ in ("amod", "compound") and c.i != noun.i]
        patrons = [e for e in self.actors(owner_heads)
                   if e.kind in ("state", "state_organ", "armed_group", "pmc")]
        if not patrons:
            return
        members = [e for e in actors_in_phrase(head, self.sm, self.lex)
                   if e.resolved and all(e.id != p.id for p in patrons)]
        if not members:
            members = [e for e in self._described_by(head)
                       if e.resolved and all(e.id != p.id for p in patrons)]
        for patron in patrons:
            for member in members:
                yield Candidate("SUPPORT", patron, member, noun, label=True)

    def _described_by(self, noun: Token) -> list[Entity]:
        """Who a predicate noun describes: "Hezbollah, an Iranian proxy," / "Hezbollah is
        an Iranian proxy" / "Kata'ib Hezbollah is one of Iran's proxies"."""
        if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.pos_ in (
                "NUM", "NOUN", "PRON"):
            noun = noun.head.head  # "one of", "part of", "among"
        if noun.dep_ == "appos":
            return self.actors([noun.head])
        if noun.dep_ == "attr" and noun.head.lemma_ == "be":
            return self.actors(kids(noun.head, "nsubj"))
        return []

    # ---- assembly --------------------------------------------------------------------
    def _pairs(self, ctype: str, subjects: list[Entity], objects: list[Entity], trigger: Token,
               theme: list[Token], symmetric_fallback: bool,
               label: bool = False) -> Iterator[Candidate]:
        subjects = [s for s in subjects if s.kind != "item"]
        objects = [o for o in objects if o.kind != "item"]
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

    def candidates(self) -> Iterator[Candidate]:
        for tok in self.sm.sent:
            pos = tok.pos_
            if pos == "VERB" or self.verb_like(tok):
                yield from self.verb_candidates(tok)
            elif pos in ("NOUN", "PROPN") and self.sm.at(tok) is None:
                yield from self.noun_candidates(tok)
            yield from self.label_candidates(tok)
