"""Nominal rules: relations stated by a noun ("Iranian support for Hamas", "deliveries of
drones to Russia", "clashes between A and B", "X became brigades of Y").
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import TYPE_CHECKING

from spacy.tokens import Token

from proxygraph.extract.candidates import Candidate, involvement_verb, kids, prep_objects
from proxygraph.extract.collectives import recruits
from proxygraph.extract.families import rule_family
from proxygraph.extract.sides import shipping_targets
from proxygraph.extract.themes import (
    as_money,
    civilian_aid,
    commodities_only,
    money_among_kinds,
    origins,
    theme_types,
)
from proxygraph.extract.wordsets import WORDS
from proxygraph.model import Entity
from proxygraph.ontology import ONTOLOGY

if TYPE_CHECKING:
    from proxygraph.extract.view import SentenceView


@rule_family("nominals", roles=("noun",))
class Nominals:
    """Noun triggers ("Iran's support for Hamas"); becoming part of another force."""

    def candidates(self, v: SentenceView, tok: Token | None) -> Iterator[Candidate]:
        if tok is None:
            return
        # "signed the treaty between Russia and Iran": the verb's claim already says it;
        # the noun would add a second pair of parties
        # (every noun without a mention comes here: its word is read from the arrays)
        lemma = v.arrays.lemma[tok.i]
        ctype = v.lex.nouns.get(lemma)
        if (ctype is None and lemma not in v.lex.verb_object_idioms) or (
                ctype is not None and _object_of_same_claim(tok, ctype, v.verb_claims)):
            pass  # no noun trigger, and no idiom noun ("exchanges of fire")
        else:
            mixed = ctype == "SUPPORT" and money_among_kinds(tok.i, v.arrays)
            for candidate in _noun_candidates(v, tok):
                yield candidate
                if mixed and candidate.type == "FUNDING":
                    # "Iran's financial and military support": funding and support
                    yield replace(candidate, type="SUPPORT")
        if lemma in v.lex.part_nouns:
            yield from _part_of(v, tok)

    def trigger_tokens(self, v: SentenceView) -> range | tuple[()]:
        """Every token of a sentence that holds one of the family's trigger words, else
        none (most sentences, told by set tests on the sentence's words)."""
        a, start, end = v.arrays, v.sm.sent.start, v.sm.sent.end
        if (v.lex.nouns.keys().isdisjoint(a.lemma[start:end])
                and v.lex.verb_object_idioms.keys().isdisjoint(a.lemma[start:end])
                and v.lex.part_nouns.isdisjoint(a.lemma[start:end])):
            return ()
        return range(start, end)


def _calls_on_to_act(v: SentenceView, noun: Token) -> bool:
    """"its call on the Houthis to stop": an "on" party and a "to" clause of what to do."""
    called = [o for o in prep_objects(noun, {"on"}) if v.actors([o])]
    return bool(called) and any(
        c.dep_ in ("acl", "xcomp", "advcl", "relcl") and any(
            g.dep_ == "aux" and g.lower_ == "to" for g in c.children)
        for t in (noun, *called) for c in t.children)


# Nouns of what is given, whose receiver the parser may hang on the verb the noun is the
# object of
_GIVEN_TO = frozenset({"SUPPORT", "FUNDING", "ARMS_TRANSFER", "TRAINING", "INTELLIGENCE"})


def _noun_candidates(v: SentenceView, noun: Token) -> Iterator[Candidate]:
    # the noun and the words around it are read by token index
    a, i = v.arrays, noun.i
    dep, heads_of = a.dep, a.head
    lemma = a.lemma[i]
    ctype = v.lex.nouns.get(lemma)
    idiom = v.lex.verb_object_idioms.get(lemma, {})
    if ctype is None and idiom and any(idiom.get(a.lemma[t.i]) == "CLASH"
                                       for t in prep_objects(noun, {"of"})):
        # "exchanges of fire with X": the noun of an idiom verb ("exchange fire")
        yield from v.pairs("CLASH", _inherited_subjects(v, noun),
                               v.actors(prep_objects(noun, {"with"})), noun, [], False)
        return
    if ctype is None:
        return
    ctype = as_money(ctype, i, a)  # "Qatar's financial assistance to Syria" is FUNDING
    preps = WORDS.noun_object_preps[ctype]
    if lemma in WORDS.call_on_nouns and _calls_on_to_act(v, noun):
        # "its call on Hamas to ..." is a demand; "a call with Erdogan on Syria" a contact
        ctype, preps = "DEMAND", frozenset({"on"})
    if lemma in WORDS.patient_of_nouns:
        preps = preps | {"of"}  # "Iran's arming of the Houthis"
    if lemma in WORDS.qualified_nouns and not any(
            a.lower[c] in WORDS.qualified_nouns[lemma] for c in a.children[i]):
        return  # humanitarian aid is not support (guide 16): "military aid" is
    if ctype in ("SUPPORT", "FUNDING") and civilian_aid(i, a):
        return  # "humanitarian funding for Afghanistan", "medical assistance" (guide 16)
    instrumental = ctype in ("SUPPORT", "FUNDING", "TRAINING") and dep[i] == "pobj" and (
        a.lower[heads_of[i]] in ("with", "thanks", "without", "through"))
    if instrumental:
        preps = preps - {"of"}  # "with the help of Iran": Iran helps, it is not helped
    if ctype == "CLASH" and lemma not in v.lex.mutual_clash_nouns:
        preps = preps - {"with"}  # "coordinated its attacks with Hamas": not a target
    if ctype == "CLASH" and any(a.lower[c] in WORDS.joint_modifiers and dep[c] == "amod"
                                for c in a.children[i]):
        # "conducts joint operations with the FDS", "the two armies carried out a joint
        # operation": the sides fight together (COORDINATION), whoever they fight
        allies = v.actors(prep_objects(noun, {"with"}) + (
            prep_objects(noun.head, {"with"}) if dep[i] == "dobj" else []))
        doers = v.noun_subjects(noun) or _inherited_subjects(v, noun)
        yield from v.pairs("COORDINATION", doers, allies, noun, [], True)
        preps = preps - {"with"}
    # "the attacks carried out by the US against the Houthis": a participle of doing
    # holds the noun's doer ("by") and its other party
    done = [c for c in kids(noun, "acl") if a.tag[c.i] == "VBN"
            and a.lemma[c.i] in WORDS.performing_participles]
    object_heads = prep_objects(noun, preps) + [o for c in done for o in prep_objects(c, preps)]
    if lemma in v.lex.clash_nouns_need_target and not any(
            prep_objects(t, {"against", "on", "upon"}) for t in [noun, *done]):
        return
    if ctype == "PRODUCTION" and dep[i] == "dobj" and (
            v.lex.verb_gives(a.lemma[heads_of[i]], ctype)):
        return  # "build a drone factory": the verb rule has it
    if ctype == "INTEGRATION":
        absorbed = v.actors(kids(noun, "poss") + prep_objects(noun, {"of"}))
        targets = v.actors(prep_objects(noun, {"into", "with", "under"}))
        yield from v.pairs(ctype, absorbed, targets, noun, [], False)
        return
    between = prep_objects(noun, {"between"})
    if not between and ctype == "CLASH":
        # "the war, which broke out in 2023 between A and B"
        for clause in kids(noun, "relcl", "acl"):
            between = between or prep_objects(clause, {"between"})
    if not between and dep[i] in ("nsubj", "nsubjpass") and a.pos[heads_of[i]] == "VERB":
        # "clashes erupted between A and B", "talks were held between A and B"
        between = prep_objects(noun.head, {"between"})
    if not between and dep[i] == "conj" and a.pos[heads_of[i]] == "NOUN":
        # "weapons and oil sales between A and B": the parser hangs "between" on the
        # first conjunct, but it qualifies the whole coordination.
        between = prep_objects(noun.head, {"between"})
    subjects = v.noun_subjects(noun)
    if not subjects and done:
        subjects = v.actors([o for c in done for o in prep_objects(c, {"by"})])
    if instrumental and not subjects:
        subjects = v.actors(prep_objects(noun, {"of"}))
    objects = v.actors([h for h in object_heads if h not in between])
    if not objects and dep[i] == "dobj" and ctype in _GIVEN_TO and (
            a.lemma[heads_of[i]] in WORDS.denial_verbs):
        # "Kampala denies any support to the rebels": the parser hangs "to X" on the verb
        # (on other verbs "to X" is as often the verb's: "described the flow as ...")
        objects = v.actors(prep_objects(noun.head, preps & {"to", "for"}))
    if ctype == "RECRUITMENT":
        objects = recruits(object_heads, objects, v.sm)  # "the recruitment of minors"
    theme: list[Token] = prep_objects(noun, {"of"}) if ctype in (
        "ARMS_TRANSFER", "TRADE", "PRODUCTION") and lemma not in WORDS.patient_of_nouns else []
    if ctype in ("ARMS_TRANSFER", "TRADE", "PRODUCTION"):
        objects = [o for o in objects if not _entity_in(v, o, theme)]
        theme = theme + [c for c in noun.children if c.dep_ == "compound"]
    if between and ctype == "ARMS_TRANSFER":
        ctype = "TRADE"  # "weapons and oil sales between A, B and C"
    elif ctype == "ARMS_TRANSFER" and theme and (
            commodities_only(v, theme) or theme_types(v, theme) == ["TRADE"]):
        ctype = "TRADE"  # "exports of dual-use goods to Russia", "oil shipments" (guide 13)
    if ctype == "ARMS_TRANSFER" and lemma in WORDS.money_flow_nouns and (
            _valued_in_money(v, noun)):
        ctype = "FUNDING"  # "put Iran's annual transfers to the group at $700 million"
    if between:
        parties = v.actors(between)
        if not subjects and len(parties) >= 2:
            yield from v.pairs(ctype, parties, [], noun, theme, True)
            return
        sides = _sides_between(v, between) if not subjects and len(parties) < 2 else None
        if sides is not None:
            # "meetings between representatives of the party and Russian foreign minister
            # Sergey Lavrov": a parse that hangs one side inside the other; each side of
            # the first "and" meets each of the other
            yield from v.pairs(ctype, *sides, noun, theme, False)
            return
        objects = objects + parties
    inherited = False
    if not subjects and not between:
        # "support to either side in the war, which broke out between A and B", "Kenya
        # hosts talks between A and B": the sides are named by "between", not by the verb
        # above it
        subjects = _inherited_subjects(v, noun)
        inherited = bool(subjects) and _third_party_verb(v, noun)
    if not subjects and ctype == "ARMS_TRANSFER":
        subjects = origins(v, theme)  # "deliveries of Russian tanks to X" (guide 7)
    if not objects and instrumental and noun.head.head.pos_ == "VERB":
        # "founded with help from the IRGC": the helped is who the verb is about
        verb = noun.head.head
        objects = v.actors(v.patients(verb)) if v.is_passive(verb) else (
            v.subjects(verb))
        if not objects and v.is_passive(verb):
            # "the drones were intercepted by Israel with the help of the US": the doer
            objects = v.actors(prep_objects(verb, {"by"}))
    elif not objects and instrumental and noun.head.head.pos_ in ("NOUN", "PROPN"):
        # "the Somali army, with the support of Turkey, will ...": the phrase the aside
        # hangs on is the helped
        helped = noun.head.head
        objects = v.actors([helped, *helped.conjuncts])
    if ctype == "CLASH" and not objects and not between:
        objects = shipping_targets(v, prep_objects(noun, {"against", "on", "upon"}))
    if ctype == "CLASH" and not objects and not between and lemma in WORDS.territorial_clash_nouns:
        objects = _accusing_state(v, noun)
    if ctype == "CLASH" and not objects and not between:
        attackers, objects = _blamed_attack(v, noun)
        subjects = subjects or attackers
    symmetric = ONTOLOGY.is_symmetric(ctype)
    if ctype == "CLASH" and lemma not in v.lex.mutual_clash_nouns and (
            _through_container(noun).head.lemma_.lower() not in v.lex.reciprocal_clash_verbs):
        # "A and B launched strikes": allies striking, not each other ("A and B
        # exchanged strikes" is each striking the other)
        symmetric = False
    if ctype == "PRODUCTION":
        objects = objects or _customers(v, noun)
        if not objects and _origin_only(v, noun):
            return  # "weapons of Iranian manufacture": where they were made, no claim
        if not objects and _under_help(noun):
            return  # "assisted the DPRK with the production of drones": the verb's claim
        yield from v.pairs(ctype, subjects, objects, noun, theme, False)
        return
    # "the countries which support the army in the war", "Egypt and Qatar brokered the
    # truce": the verb's subjects are not the noun's two sides (they are when they wage
    # the war or sign the truce)
    yield from v.pairs(ctype, subjects, objects, noun, theme, symmetric and not inherited)


def _under_help(noun: Token) -> bool:
    """A production noun a verb of helping governs, at most three words up: the helper
    makes it with the helped (`production_aid`), not alone."""
    for up, tok in enumerate(noun.ancestors):
        if up >= 3:
            return False
        if tok.pos_ == "VERB" and tok.lemma_.lower() in WORDS.help_verbs:
            return True
    return False


def _origin_only(v: SentenceView, noun: Token) -> bool:
    """'markings consistent with Iranian production', 'of Russian manufacture': a maker
    named only by an adjective or a noun modifier, of nothing in particular ("Iran's
    production", "Russian production of drones", "production by Iran" are claims)."""
    if kids(noun, "poss") or prep_objects(noun, {*WORDS.noun_subject_preps, "of"}):
        return False
    return any((m := v.sm.at(c)) is not None and (m.demonym or c.dep_ in ("amod", "compound"))
               for c in noun.children if c.dep_ in ("amod", "compound", "nmod"))


def _customers(v: SentenceView, noun: Token) -> list[Entity]:
    """'factories were running to fill Russian orders': production for a customer."""
    verb = noun.head
    if noun.dep_ not in ("nsubj", "nsubjpass") or verb.pos_ not in ("VERB", "AUX"):
        return []
    purposes = [c for c in kids(verb, "advcl", "xcomp") if kids(c, "aux")]
    orders = [o for p in purposes for o in kids(p, "dobj")
              if o.lemma_.lower() in WORDS.customer_nouns]
    out: list[Entity] = []
    for order in orders:
        for child in kids(order, "amod", "poss", "compound", "nmod"):
            m = v.sm.at(child)
            if m is not None and not m.is_item and all(e.id != m.entity.id for e in out):
                out.append(m.entity)
    return out


def _valued_in_money(v: SentenceView, noun: Token) -> bool:
    """The transfer is an amount of money: "transfers of $5 million", "transfers worth
    $5 million", "put the transfers at $700 million", "the transfers reached $700
    million"; an item or weapon word anywhere in the clause makes it materiel."""
    clause = noun.head if noun.dep_ in ("dobj", "nsubj", "nsubjpass") and (
        noun.head.pos_ in ("VERB", "AUX")) else noun
    tokens = list(clause.subtree)
    money = any(t.tag_ == "$" or t.ent_type_ == "MONEY"
                or v.lex.themes.get(t.lemma_.lower()) == "FUNDING" for t in tokens)
    materiel = any((m := v.sm.at(t)) is not None and m.is_item for t in tokens) or any(
        v.lex.themes.get(t.lemma_.lower()) == "ARMS_TRANSFER" and t.i != noun.i
        for t in tokens)
    return money and not materiel


# Entity kinds a force can be part of, or be a part of (INTEGRATION by a part noun)
_ARMED_BODIES = ("armed_group", "pmc", "state_organ")


def _part_of(v: SentenceView, noun: Token) -> Iterator[Candidate]:
    """'X became brigades of the PMF', 'made X a formal part of the armed forces', 'X, the
    backbone of Y': being or becoming part of another force is INTEGRATION (guide 4)."""
    if noun.lemma_.lower() not in v.lex.part_nouns:
        return
    if noun.dep_ == "appos":
        # "the YPG, the backbone of the SDF", "the Quds Force, the external arm of the IRGC"
        owner = v.sm.at(noun.head)
        if owner is None or owner.entity.kind not in _ARMED_BODIES:
            return
        # "a unit of Belarusian volunteers" says what it is made of, not what it belongs to
        kinds = _ARMED_BODIES if noun.lemma_.lower() in WORDS.membership_nouns else (
            *_ARMED_BODIES, "organization")
        targets = [t for t in _wholes(v, noun) if t.kind in kinds]
        # a description of what the group is: a standing relation, as an epithet
        yield from v.pairs("INTEGRATION", [owner.entity], targets, noun, [], False, label=True)
        return
    if noun.dep_ not in ("attr", "oprd"):
        return
    verb = noun.head
    if verb.lemma_.lower() not in WORDS.becoming_verbs:
        return
    targets = _wholes(v, noun)
    absorbed = v.actors(kids(verb, "dobj")) if noun.dep_ == "oprd" else v.subjects(verb)
    if noun.lemma_.lower() in WORDS.membership_nouns:
        # "a member of the PMF" joins a force; "a member of BRICS" or of the UN does not
        absorbed = [e for e in absorbed if e.kind in ("armed_group", "pmc")]
        targets = [e for e in targets if e.kind in _ARMED_BODIES]
    yield from v.pairs("INTEGRATION", absorbed, targets, verb, [], False)


def _wholes(v: SentenceView, noun: Token) -> list[Entity]:
    """What a part noun is part of: "a faction of the PMF", or an armed body naming it
    ("a PMF faction", "an IRGC unit"; a demonym's state is no whole: "a Syrian faction")."""
    named = v.actors(prep_objects(noun, {"of"}))
    if named:
        return named
    return [e for e in v.actors([c for c in kids(noun, "compound", "nmod") if c.i < noun.i])
            if e.kind in _ARMED_BODIES]


def _entity_in(v: SentenceView, entity: Entity, heads: list[Token]) -> bool:
    return any(e.id == entity.id for e in v.actors(heads))


def _through_container(noun: Token) -> Token:
    """'a round of talks', 'a wave of strikes': the container stands where the act would."""
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and (
            noun.head.head.lemma_.lower() in WORDS.container_nouns):
        return noun.head.head
    return noun


def _sides_between(v: SentenceView, between: list[Token]
                   ) -> tuple[list[Entity], list[Entity]] | None:
    """The actors named before and after the first "and" of a "between" phrase, read by
    position when the parse did not split them; None unless both sides name some."""
    if len(between) != 1:
        return None
    phrase = between[0]
    start, end = phrase.head.i + 1, phrase.right_edge.i + 1
    cut = next((t.i for t in phrase.doc[start:end] if t.lower_ == "and"), None)
    if cut is None:
        return None
    left: list[Entity] = []
    right: list[Entity] = []
    for m in v.sm.mentions:
        if start <= m.start and m.end <= end and not m.is_item and not m.demonym:
            side = left if m.end <= cut else right
            if all(e.id != m.entity.id for e in left + right):
                side.append(m.entity)
    return (left, right) if left and right else None


def _inherited_subjects(v: SentenceView, noun: Token) -> list[Entity]:
    """The doer of a nominal trigger governed by a verb: 'Iran sends shipments'."""
    noun = _through_container(noun)
    head = noun.head
    if noun.dep_ in ("dobj", "attr", "oprd") and head.pos_ in ("VERB", "AUX"):
        if head.lemma_.lower() in WORDS.judging_verbs:
            return []  # "Washington condemned the pact": the judge is no party to it
        return v.subjects(head)
    involved = involvement_verb(head.head) if noun.dep_ == "pobj" and head.dep_ == "prep" else None
    if involved is not None:
        # "denied any involvement in the supply of weapons to the RSF"
        return v.subjects(involved)
    if noun.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX"):
        if head.head.lemma_.lower() in WORDS.blame_verbs and kids(head.head, "dobj"):
            return v.actors(kids(head.head, "dobj"))  # "blamed X for the attack"
        return v.subjects(head.head)
    owner = head.head
    if noun.dep_ == "pobj" and head.lower_ == "for" and owner.lemma_.lower() in (
            WORDS.responsibility_nouns) and owner.dep_ == "dobj":
        return v.subjects(owner.head)  # "claimed responsibility for the attack on X"
    if noun.dep_ == "conj":
        return _inherited_subjects(v, head) if head.pos_ == "NOUN" else []
    return []


def _accusing_state(v: SentenceView, noun: Token) -> list[Entity]:
    """The state that accuses another of an invasion or aggression it names no target for
    ("Zaire accuses Rwanda of invasion"): the accuser is the invaded."""
    if noun.dep_ != "pobj" or noun.head.lower_ != "of":
        return []
    verb = noun.head.head
    if verb.lemma_.lower() not in WORDS.charge_verbs:
        return []
    return [e for e in v.subjects(verb) if e.kind == "state"]


def _blamed_attack(v: SentenceView, noun: Token) -> tuple[list[Entity], list[Entity]]:
    """An attack whose target is not named, blamed on someone: "Washington blamed Kataib
    Hezbollah for the attack", "Iran blamed the strike on Israel", "holds Israel
    responsible for the attack", "accused the RSF of the attack". The blamer is the
    attacked: (attackers, blamer), or two empty lists."""
    noun = _through_container(noun)
    if noun.dep_ == "pobj" and noun.head.lower_ in ("for", "of"):
        holder = noun.head.head  # the verb, "responsible", or the accused (parsed "of")
        verb = holder.head if holder.lower_ == "responsible" or (
            holder.dep_ == "dobj" and holder.pos_ in ("NOUN", "PROPN")) else holder
        blamed = [holder] if holder.dep_ == "dobj" else kids(holder, "nsubj")
        attackers = v.actors(blamed + kids(verb, "dobj"))
        verbs = WORDS.charging_verbs if noun.head.lower_ == "of" else WORDS.blaming_verbs
    elif noun.dep_ == "dobj":
        verb = noun.head
        attackers = v.actors(prep_objects(verb, {"on"}))
        verbs = WORDS.blaming_verbs
    else:
        return [], []
    if verb.lemma_.lower() not in verbs or v.is_passive(verb) or not attackers:
        return [], []
    return attackers, v.subjects(verb)


# A verb of these types relates its subjects to someone else, not to each other.
_OUTSIDER_TYPES = frozenset({"ARMS_TRANSFER", "DEMAND", "FUNDING", "SUPPORT", "TRAINING"})


def _third_party_verb(v: SentenceView, noun: Token) -> bool:
    """Does the verb that governs the noun make its subjects outsiders to the noun's act
    ("supported the army in the war", "brokered the truce", "urged them to respect the
    ceasefire")? Those who wage the war or sign the truce are its sides."""
    noun = _through_container(noun)
    verb = noun.head.head if noun.dep_ == "pobj" else noun.head
    lemma = verb.lemma_.lower()
    if lemma in WORDS.third_party_verbs or lemma in WORDS.judging_verbs:
        return True
    return any(t.claim_type in _OUTSIDER_TYPES for t in v.lex.verbs.get(lemma, ()))


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
