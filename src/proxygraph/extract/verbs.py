"""Verb rules: verbs with a frame from the lexicon (X trains Y, Y was armed by X, X clashed
with Y, X was absorbed into Y), in actives, passives, relative clauses and verb lists; the
"giving" verbs typed by what is given (provide weapons / funds / troops) are in `giving.py`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from spacy.tokens import Token

from proxygraph.extract.candidates import Candidate, is_return_noun, kids, prep_objects
from proxygraph.extract.collectives import recruits
from proxygraph.extract.families import rule_family
from proxygraph.extract.giving import fused_receivers, giving_claims, with_gerund_objects
from proxygraph.extract.inducements import pay_phrases, recruited_by_governing_verb
from proxygraph.extract.lexicon import VerbTrigger
from proxygraph.extract.production_aid import (
    helped_party,
    mentions_product,
    production_complement,
)
from proxygraph.extract.sides import fight_companions, located_targets, shipping_targets
from proxygraph.extract.themes import (
    commodities_only,
    is_item_phrase,
    names_forces,
    origins,
    theme_types,
)
from proxygraph.extract.wordsets import WORDS
from proxygraph.model import Entity

if TYPE_CHECKING:
    from proxygraph.extract.view import SentenceView

_FORCE_KINDS = ("state_organ", "pmc")  # forces a state sends (entity kinds, not vocabulary)
_SERVED_KINDS = ("state", "state_organ", "armed_group")  # who a hired company serves


@rule_family("verb_frames", roles=("verb",))
class VerbFrames:
    """Verbs with a frame from lexicon.yaml; giving verbs typed by what is given."""

    def candidates(self, v: SentenceView, tok: Token | None) -> Iterator[Candidate]:
        if tok is None or v.names_capability(tok):
            return
        lemma = v.verb_lemma(tok)
        if lemma in v.lex.giving_verbs:
            produced = list(giving_claims(v, tok, lemma))
            if produced:
                yield from produced
                return
        yield from _framed_verb(v, tok, lemma)


def _framed_verb(v: SentenceView, verb: Token, lemma: str) -> Iterator[Candidate]:
    needs = v.lex.verb_requires_prep.get(lemma)
    if needs:
        near = [*verb.children, *(g for o in kids(verb, "dobj") for g in o.children)]
        # ("called Erdogan on Tuesday": a day is no one called on)
        if not any(c.dep_ in ("prep", "prt") and c.lower_ in needs and not _a_time(c)
                   for c in near):
            if lemma in WORDS.phoning_verbs and _phoned(v, verb):
                # "Rubio called Munir and Doval": a telephone call (CONTACT)
                yield from _framed(v, verb, VerbTrigger("CONTACT", "patient"))
            return
    triggers = v.lex.verbs.get(lemma, ())
    if not triggers and lemma in WORDS.abduction_verbs and _taken_to_serve(verb):
        # "abducts children to serve as porters and fighters": taken to serve, recruited
        triggers = (VerbTrigger("RECRUITMENT", "patient"),)
    idiom = v.lex.verb_object_idioms.get(lemma)
    if idiom:
        for obj in kids(verb, "dobj"):
            if obj.lemma_.lower() in idiom:
                # "traded fire with" is a clash; "traded accusations" is nothing.
                ctype = idiom[obj.lemma_.lower()]
                triggers = (VerbTrigger(ctype, "partner"),) if ctype else ()
    for trigger in triggers:
        yield from _framed(v, verb, trigger)


def _a_time(prep: Token) -> bool:
    """A preposition whose object is a date or a time ("on Tuesday")."""
    return any(o.dep_ == "pobj" and o.ent_type_ in ("DATE", "TIME") for o in prep.children)


def _phoned(v: SentenceView, verb: Token) -> bool:
    """The verb's object is someone called, not named ("called the attack a crime", "called
    Hamas terrorists", "called Hezbollah 'a serious force'", which the parser may read as
    an apposition) nor told to act ("called Iran to account")."""
    objects = kids(verb, "dobj")
    if not v.actors(objects) or kids(verb, "oprd", "xcomp", "ccomp"):
        return False
    return not any(
        c.dep_ == "appos" and (c.left_edge.i > 0 and c.doc[c.left_edge.i - 1].is_quote
                               or any(d.lower_ in ("a", "an") for d in c.children))
        for o in objects for c in o.children)


def _taken_to_serve(verb: Token) -> bool:
    """The verb has a purpose of serving: "to serve as fighters", "to fight for it"."""
    return any(c.dep_ in ("xcomp", "advcl") and c.lemma_.lower() in WORDS.service_verbs
               and _infinitive(c) for c in verb.children)


def _bids(verb: Token) -> bool:
    """The verb takes "to" and a verb: "told Kyiv to stop", "instructed UN forces to remain"."""
    return any(c.dep_ == "xcomp" and _infinitive(c) for c in verb.children)


def _infinitive(clause: Token) -> bool:
    """The clause's verb follows "to": "to stop", "to serve"."""
    return any(a.dep_ == "aux" and a.lower_ == "to" for a in clause.children)


def _framed(v: SentenceView, verb: Token, trig: VerbTrigger) -> Iterator[Candidate]:
    ctype, frame = trig.claim_type, trig.frame
    lemma = v.arrays.lemma[verb.i]  # (the verb's own lemma, read once: asked below often)
    if ctype in ("TRAINING", "SUPPORT") and lemma in WORDS.order_sense_verbs and (
            _bids(verb)):
        ctype = "DEMAND"  # "instructed UN forces to remain": an order, not a course
    elif ctype == "DEMAND" and lemma in WORDS.order_sense_verbs and not any(
            c.dep_ in ("xcomp", "ccomp") for c in verb.children):
        return  # "recruits were instructed by RDF personnel": taught, not ordered
    if ctype == "DEMAND" and lemma in WORDS.bidding_verbs and not _bids(verb):
        return  # "told reporters that ...": said, not bidden
    if ctype == "DEMAND" and lemma in WORDS.warning_verbs and (
            prep_objects(verb, {"about", "of"})
            or any(c.lower_ == "advance" for c in verb.subtree)):
        # "warned them about the unrest", "warned in advance": information given. ("warned
        # Israel that it would pay" stays: without the "that" clause train loses 3 of 9
        # right claims for 8 fewer claims, the same precision)
        return
    if frame == "absorbed":
        yield from _integration(v, verb, ctype)
        return
    if frame == "container":
        yield from _members(v, verb, ctype)
        return
    subjects = v.subjects(verb)
    if not subjects and ctype == "SUPPORT" and v.is_passive(verb):
        # "the SNA, backed by Turkish drones": the state whose weapons back it
        subjects = origins(v, prep_objects(verb, {"by"}))
    objects: list[Entity] = []
    theme: list[Token] = []
    patients = v.patients(verb)
    if frame == "recipient":
        objects = v.actors(kids(verb, "dative") + prep_objects(verb, {"to", "for"}))
        if not objects:
            objects = fused_receivers(v, patients)  # "sold the junta Bayraktar drones"
        patient_actors = v.actors(patients)
        # "Hezbollah fighters equipped with X": the modified noun of a passive
        # participle receives, even when it is a word for troops
        receiver = (
            verb.dep_ == "acl" and v.is_passive(verb) and (theme_types(v, patients) == ["SUPPORT"])
        )
        # "armed Hezbollah fighters", "supplied Houthi units with drones": the object of
        # arming, or of a verb that names what is given with "with", is who receives
        given_with = prep_objects(verb, {"with"})
        armed = lemma in WORDS.arming_verbs or bool(given_with)
        if patient_actors and (receiver or armed or not is_item_phrase(v, patients)):
            objects = patient_actors + objects
            theme = with_gerund_objects(given_with)  # "the Houthis, armed with Iranian X"
        else:
            theme = patients + given_with
        if not objects:  # "shipped millions of shells to Russia": hung on the theme
            objects = v.actors([o for t in theme for o in prep_objects(t, {"to", "for"})])
        if not objects:  # "smuggled in parts from Iran to Hamas": hung on an adjunct
            objects = v.actors(
                [
                    o
                    for a in prep_objects(verb, {"in", "by", "via"})
                    for o in prep_objects(a, {"to"})
                ]
            )
        if not subjects and v.is_passive(verb):
            # only where the sender is unexpressed: "Iranian drones were delivered to X"
            # "shipped in pieces from Iran": "from" may hang on another adjunct
            sources = prep_objects(verb, {"from"}) or [
                o
                for adjunct in prep_objects(verb, {"in", "by", "via", "through"})
                for o in prep_objects(adjunct, {"from"})
            ]
            subjects = v.actors(sources) or origins(v, theme)
        if ctype == "ARMS_TRANSFER" and (
            commodities_only(v, theme) or theme_types(v, theme) == ["TRADE"]
        ):
            ctype = "TRADE"  # "sold oil to Syria" (guide 13)
        elif ctype == "ARMS_TRANSFER" and theme and theme_types(v, theme) == ["SUPPORT"]:
            ctype = "SUPPORT"  # "airlifted troops to Syria": sending troops (guide 4)
    elif frame == "patient":
        objects = v.actors(patients)
        # "deployed 1,000 soldiers and police in Mozambique": unnamed troops are sent too
        troops = not objects and any(names_forces(v, p) for p in patients)
        if (
            lemma in WORDS.deploy_verbs
            and (objects or troops)
            and all(not o.resolved or o.kind in _FORCE_KINDS for o in objects)
        ):
            # "deployed Afghan fighters to Syria (to fight for Assad)", "deployed Africa
            # Corps contingents to Niger": the force is what is sent; the supported side is
            # where or for whom it fights
            destinations = prep_objects(verb, {"to", "in"}) or [
                o for p in patients for o in prep_objects(p, {"to"})]  # "contingents to Niger"
            objects = (v.served(verb) or v.actors(destinations)
                       or (objects if any(o.resolved for o in objects) else []))
        if ctype == "RECRUITMENT":
            # "recruited young men"; "recruits among Tajiks and Uzbeks"
            patients = patients or prep_objects(verb, {"among"})
            objects = recruits(patients, objects or v.actors(patients), v.sm)
            if lemma in WORDS.hiring_verbs:
                # "Mali hired the Wagner Group", "hired a private security firm": a company
                # hired is paid, and serves the hirer; people hired are recruited
                firms = [o for o in objects if _is_firm(o)]
                yield from v.pairs("FUNDING", subjects, firms, verb, [], False)
                if any(s.kind in _SERVED_KINDS for s in subjects):
                    yield from v.pairs("SUPPORT", firms, subjects, verb, [], False)
                objects = [o for o in objects if not _is_firm(o)]
            # "recruited fighters with salaries of $300 a month": paid too (not "recruited
            # Georgians from Abkhazia with money": a state is where recruits come from)
            paid = pay_phrases(v, verb) if objects else []
            if paid:
                people = [o for o in objects if o.kind != "state"]
                yield from v.pairs("FUNDING", subjects, people, verb, paid, False)
        if ctype == "DEMAND" and not objects:
            objects = _asked(v, verb)
        if ctype == "FUNDING" and not objects:
            # "recruited Azande youths, paying them 30,000 CFA francs a month"
            objects = [o for o in recruited_by_governing_verb(v, verb) if o.kind != "state"]
        if not objects:
            # not "financed groups on the territory of Benin": a place is no beneficiary
            objects = v.actors(kids(verb, "dative") + [
                o for o in prep_objects(verb, {"for", "to", "on"})
                if o.lemma_.lower() not in WORDS.settlement_nouns])
        # ("armed the RUF in exchange for diamonds": what comes back is no theme)
        theme = [t for t in prep_objects(verb, {"on", "with", "in"}) if not is_return_noun(t)]
        helped = (objects or v.actors(helped_party(verb))) if (
            ctype == "SUPPORT" and lemma in WORDS.help_verbs) else []
        if helped and production_complement(v, verb) is not None:
            # "helped Hezbollah set up facilities to convert rockets", "assist Pyongyang in
            # developing satellites": help to make things is PRODUCTION helper -> helped
            # (guide 14), not support
            yield from v.pairs("PRODUCTION", subjects, helped, verb, theme, False)
            return
        if ctype == "SUPPORT":
            # "backed the royalists with money and weapons": the support and each kind of
            # thing it came as (guide 1: one claim per type)
            given = prep_objects(verb, {"with"})
            for kind in theme_types(v, given):
                if kind in _GIVEN_AS_SUPPORT:
                    yield from v.pairs(kind, subjects, objects, verb, given, False)
    elif frame == "partner":
        hostile = {"with", "against", "on", "into", "at", "upon", "toward", "towards"}
        if ctype != "CLASH":
            hostile = {"with"}  # "met Assad at the Kremlin": a place, not a partner
        elif lemma in WORDS.object_only_clash_verbs:
            hostile = set()  # "engaged with", "pursued talks with": no fighting
            if any(t.lemma_.lower() in WORDS.unannotated_topics for t in verb.subtree):
                return  # "hit Iran with sanctions"
            # "engaging mercenaries" hires them
            patients = [p for p in patients if p.lemma_.lower() not in WORDS.hired_nouns]
        # "coordinated their operations with X": the operations are no partner, even
        # though "their" names an actor (an attack's target may be "Hezbollah's
        # positions", though)
        # ... nor is what was given ("received U.S. and Qatari funding": no meeting)
        things = [
            p for p in patients if not v.actors([p]) or (ctype != "CLASH" and (
                _only_possessed(v, p) or v.arrays.lemma[p.i] in v.lex.themes))
        ]
        partners = [p for p in patients if p not in things]
        if lemma == "intercept":
            # "intercepted Iranian missiles" fights their side; "intercepted the dhow" or a
            # shipment is an interdiction, no clash (guide 6)
            things, partners = [], [p for p in partners
                                    if v.arrays.lemma[p.i] in WORDS.operated_weapons]
        if ctype == "CONTACT" and lemma in WORDS.hosting_verbs and _hosted_talks(v, patients):
            return  # "Oman hosted five rounds of US-Iran talks": the talks' sides met, not Oman
        if ctype == "CONTACT" and lemma in WORDS.hosting_verbs and _given_refuge(v, patients):
            # "Qatar has hosted Hamas since 2012", "hosts Hamas's political bureau": refuge
            # is support (guide 5); "hosted a Hamas delegation" stays a meeting
            ctype, things = "SUPPORT", []
            partners = patients
        if ctype == "CLASH" and lemma in WORDS.fight_verbs:
            # "fought with the army against the TPLF", "the North Koreans fought with the
            # Russians in Kursk": fighting with someone is on their side (guide 5); "weeks
            # of fighting with junta troops", a noun, stays a clash (train gold: 34 of the
            # verb's 34 "with" actors are allies)
            hostile = hostile - {"with"}
        hostile_objects = prep_objects(verb, hostile)
        if ctype == "CLASH":
            # "intercepted by Israel with the help of the US": a helper, not a target
            hostile_objects = [t for t in hostile_objects
                               if t.lemma_.lower() not in WORDS.help_nouns]
        objects = v.actors(partners + hostile_objects)
        if ctype == "SUPPORT":  # (refuge) a state hosting its own troops shelters no one
            objects = [o for o in objects if all(o.affiliation != s.id for s in subjects)]
        if ctype == "CLASH" and lemma in WORDS.capture_verbs:
            # "retook the town from X": X is fought; the town taken is a place (guide 19)
            held_by = v.actors(prep_objects(verb, {"from"}))
            objects = held_by or objects
        on_patient = hostile - {"with"} if ctype == "CLASH" else {"with"}
        exchanged = {o for objs in v.lex.verb_object_idioms.values() for o in objs}
        targets = prep_objects(verb, hostile)
        for thing in things:
            # "fired (a swarm of) missiles at Israel", "coordinated their operations with
            # the Quds Force", "traded fire with X": the partner hangs on the thing
            preps = hostile if thing.lemma_.lower() in exchanged else on_patient
            objects += v.actors(prep_objects(thing, preps))
            targets += prep_objects(thing, preps)
        if ctype == "CLASH" and not objects:
            objects = located_targets(v, targets + things, subjects) or shipping_targets(
                v, targets + things)
        if ctype == "CLASH":
            # "fought the ADF jointly with the FARDC": the FARDC fights the ADF too
            joint = v.actors(_joint_partners(verb))
            if joint:
                allied = {e.id for e in joint}
                objects = [o for o in objects if o.id not in allied]
                yield from v.pairs("CLASH", joint, objects, verb, [], False)
            # "fought alongside the Syrian army" is SUPPORT (guide 5)
            beside = {"alongside", "with"} if lemma in WORDS.fight_verbs else {"alongside"}
            allies, helpers = fight_companions(v, verb, beside)
            yield from v.pairs("SUPPORT", subjects, allies + joint, verb, [], False)
            yield from v.pairs("SUPPORT", helpers, subjects, verb, [], False)
    elif frame == "none":
        # "producing missiles for Russia": for whom, on the verb or on what is made
        objects = v.actors(prep_objects(verb, {"for"})) or v.actors(
            [o for p in patients for o in prep_objects(p, {"for"})])
        theme = patients
        if ctype == "PRODUCTION" and (not mentions_product(v, verb) or any(
                v.arrays.lemma[p.i] in WORDS.light_verb_objects for p in kids(verb, "dobj"))):
            return  # ("made wide use of armed drones", "made an offer of drones")
        helper = _helping_verb(verb)
        if helper is not None:
            # "helped Sudan build the complex", "helped Russia set up a factory to build
            # drones": the helper makes it with the helped (the annotation guide's reading)
            # the clause right under the helping verb: its subject may be the helped
            first = next((t for t in (verb, *verb.ancestors)
                          if t.head.i == helper.i and t.i != helper.i), verb)
            helped = v.actors(kids(first, "nsubj") + kids(helper, "dobj"))
            if helped:
                subjects, objects = v.subjects(helper), helped
        elif ctype == "PRODUCTION" and subjects and not objects:
            # "built the factory with Iran's help", "builds the JF-17 with Chinese
            # assistance": the helper produces with the producer
            aid = [n for n in prep_objects(verb, {"with"})
                   if n.lemma_.lower() in WORDS.help_nouns]
            helpers = [e for n in aid for e in v.noun_subjects(n)]
            if helpers:
                subjects, objects = helpers, subjects
    if frame in ("recipient", "patient") and not objects:
        objects = v.shared_objects(verb)
    if verb.dep_ == "acl" and v.is_passive(verb) and all(not o.resolved for o in objects):
        return  # "militias backed by Iran": an unnamed label implies nothing (guide 6)
    # "Russia and Iran signed/met", "A and B clashed"; but not "A and B attacked"
    # "A and B clashed" fought each other; "A and B fought a coalition of groups" fought
    # someone else, named or not
    # "A and B received Iranian support", "A and B hosted the talks": a guest or a host
    # is someone else, never the other subject
    # "A and B fought each other": the reciprocal object names the subjects again
    mutual = any(_each_other(o) for o in kids(verb, "dobj"))
    # ("South Africa and Malawi are fighting alongside our army": on one side)
    reciprocal = frame == "partner" and lemma not in WORDS.one_way_contact_verbs and (
        ctype != "CLASH" or mutual or (lemma in v.lex.reciprocal_clash_verbs
                                       and not kids(verb, "dobj")
                                       and not prep_objects(verb, {"alongside", "against"}))
    )
    yield from v.pairs(ctype, subjects, objects, verb, theme, reciprocal)


def _asked(v: SentenceView, verb: Token) -> list[Entity]:
    """Who is asked when no one is the verb's object: the subject of a bare-verb "that"
    clause ("requested that the Security Council lift the embargo"; not "warned that Iran
    would attack"), else the one a thing is asked from ("demanded ammunition from the
    Defence Ministry")."""
    clauses = [c for c in kids(verb, "ccomp") if c.tag_ == "VB" and not any(
        a.dep_ == "aux" and a.lower_ not in ("should", "must") for a in c.children)]
    asked = v.actors([s for c in clauses for s in kids(c, "nsubj")])
    if asked or not kids(verb, "dobj"):
        return asked
    return v.actors(prep_objects(verb, {"from"}))


def _each_other(tok: Token) -> bool:
    """ "each other", "one another": a reciprocal pronoun (the parser hangs "each" or "one"
    on "other" or "another")."""
    words = {tok.lower_, *(c.lower_ for c in tok.children)}
    return words in ({"each", "other"}, {"one", "another"})


def _hosted_talks(v: SentenceView, patients: list[Token]) -> bool:
    """What was hosted is talks or a meeting (or rounds of them) whose sides the phrase
    names itself ("US-Iran talks", "talks between A and B"): the host is no side."""
    for p in patients:
        heads = [p]
        if v.arrays.lemma[p.i] in WORDS.container_nouns:
            heads = prep_objects(p, {"of"})  # "five rounds of talks"
        for head in heads:
            if v.lex.nouns.get(v.arrays.lemma[head.i]) in ("CONTACT", "AGREEMENT") and (
                    v.actors([head]) or prep_objects(head, {"between"})):
                return True
    return False


def _given_refuge(v: SentenceView, patients: list[Token]) -> bool:
    """The hosted are an armed group or a foreign force itself, its seat or its people
    ("the TTP", "Hamas's political bureau", "the US Fifth Fleet", "Russian troops", "JNIM
    figures"), not its envoys ("a Hamas delegation") nor a people ("Afghan refugees")."""
    if not patients:
        return False
    for p in patients:
        m = v.sm.at(p)
        if m is not None:
            if not _a_force(m.entity):
                return False
            continue
        owners = [o.entity for c in [*p.children, *prep_objects(p, {"of"})]
                  if (o := v.sm.at(c)) is not None]
        lemma = v.arrays.lemma[p.i]
        if lemma in WORDS.hosted_member_nouns:
            if not any(o.kind in ("armed_group", "pmc") for o in owners):
                return False  # "hosted both leaders", "hosted Iranian leaders": a meeting
        elif lemma not in WORDS.refuge_nouns or not any(
                _a_force(o) or o.kind == "state" for o in owners):
            return False
    return True


def _helping_verb(verb: Token) -> Token | None:
    """The verb of helping whose complement holds `verb`, at most three clauses up:
    "helped Sudan build", "helped Russia set up a factory to build drones"."""
    tok = verb
    for _ in range(3):
        if tok.dep_ not in ("ccomp", "xcomp", "acl", "relcl", "advcl") or tok.head.i == tok.i:
            return None
        if tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ != "to"
                                       for c in tok.children):
            return None  # "helped the Houthis while Iranian engineers built": no purpose
        tok = tok.head
        if tok.pos_ == "VERB" and tok.lemma_.lower() in WORDS.help_verbs:
            return tok
    return None


def _a_force(entity: Entity) -> bool:
    """An armed group, a military company or a state's armed force (not a ministry)."""
    if entity.kind in ("armed_group", "pmc"):
        return True
    return entity.kind == "state_organ" and any(
        w in entity.name.lower().split() for w in WORDS.force_name_words)


# What "backed X with ..." may give besides the backing itself
_GIVEN_AS_SUPPORT = frozenset({"ARMS_TRANSFER", "FUNDING", "TRAINING", "INTELLIGENCE"})


def _joint_partners(verb: Token) -> list[Token]:
    """The objects of a "with" that says who fought on the same side ("jointly with X",
    "together with X"), whether the parser hangs the adverb on the verb or the "with"."""
    out: list[Token] = []
    for prep in kids(verb, "prep"):
        if prep.lower_ != "with":
            continue
        before = prep.doc[prep.i - 1] if prep.i > 0 else None
        if any(c.lower_ in WORDS.joint_adverbs for c in prep.children) or (
                before is not None and before.lower_ in WORDS.joint_adverbs):
            # "together with the Syrian army and with Hezbollah": the second "with" too
            for joint in (prep, *(c for c in prep.conjuncts if c.lower_ == "with")):
                out += kids(joint, "pobj")
    return out


def _only_possessed(v: SentenceView, head: Token) -> bool:
    poss = kids(head, "poss")
    if not poss or v.sm.at(head) is not None:
        return False
    return {e.id for e in v.actors([head])} <= {e.id for e in v.actors(poss)}


def _integration(v: SentenceView, verb: Token, ctype: str) -> Iterator[Candidate]:
    targets = v.actors(prep_objects(verb, {"into", "with", "under", "to"}))
    if v.is_passive(verb):
        absorbed = v.actors(v.patients(verb))
    elif kids(verb, "dobj") and verb.lemma_.lower() not in WORDS.joining_verbs:
        absorbed = v.actors(kids(verb, "dobj"))
        if not targets:
            targets = v.subjects(verb)  # "Africa Corps absorbed the Wagner units"
    else:
        absorbed = v.subjects(verb)
        if verb.lemma_.lower() in WORDS.joining_verbs:
            targets = targets or v.actors(kids(verb, "dobj"))
    yield from v.pairs(ctype, absorbed, targets, verb, [], False)


_GROUP_KINDS = ("armed_group", "pmc")


def _is_firm(e: Entity) -> bool:
    """A company: a military company or firm the registry knows, or one written as such
    ("a private security firm")."""
    if e.kind in ("pmc", "organization"):
        return True
    return e.kind == "collective" and e.name.lower().split()[-1] in WORDS.firm_nouns


def _members(v: SentenceView, verb: Token, ctype: str) -> Iterator[Candidate]:
    """"The PMF include Kata'ib Hezbollah and Badr", "a coalition that includes M23": an
    armed body's objects are its members; a state's or a delegation's are not."""
    bodies = [e for e in v.subjects(verb) if e.kind in (*_GROUP_KINDS, "organization")]
    members = [e for e in v.actors(kids(verb, "dobj")) if e.kind in _GROUP_KINDS]
    yield from v.pairs(ctype, members, bodies, verb, [], False)
