"""Giving verbs typed by what is given: "provided weapons / funds / intelligence / troops
to X", "X received drones from Y", "North Korean soldiers were sent to Kursk". The verb
family (`verbs.py`) tries these first for a lexicon giving verb.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from spacy.tokens import Token

from proxygraph.extract.candidates import Candidate, kids, prep_objects, with_conjuncts
from proxygraph.extract.inducements import recruited_by_governing_verb
from proxygraph.extract.mentions import default_index
from proxygraph.extract.themes import is_item_phrase, origins, theme_types
from proxygraph.extract.wordsets import WORDS
from proxygraph.model import Entity

if TYPE_CHECKING:
    from proxygraph.extract.view import SentenceView


def with_gerund_objects(heads: list[Token]) -> list[Token]:
    """The things given, with the object of a gerund the model read as a verb on them:
    "passed satellite targeting data to X", "provided the Houthis with satellite targeting
    data" (the parser reads "targeting" as a verb taking "data"; the data are given)."""
    return heads + [o for t in heads for g in kids(t, "acl") if g.tag_ == "VBG"
                    for o in kids(g, "dobj")]


def fused_receivers(v: SentenceView, patients: list[Token]) -> list[Entity]:
    """ "Iran sent the Houthis missiles", "Turkey sold the junta Bayraktar drones": the
    model reads the two objects as one phrase, the receiver a modifier of the things
    given. An actor opening an item phrase right after its "the" receives them ("Houthi
    missiles" without "the" stay the Houthis' own), and so does one opening a phrase of
    aid or shelter ("gave the LNA covert military assistance", "the ELN safe haven")."""
    out: list[Entity] = []
    doc = v.sm.sent.doc
    for head in patients:
        lemma = head.lemma_.lower()
        aid = lemma in WORDS.help_nouns or lemma in WORDS.shelter_nouns
        if head.i < 2 or not (aid or is_item_phrase(v, [head])) or (
                not aid and theme_types(v, [head], conjuncts=False) == ["SUPPORT"]):
            continue  # ("sent the Wagner fighters home": the fighters are what is sent)
        first = head.left_edge
        if first.lower_ != "the" or first.i + 1 >= head.i:
            continue
        m = v.sm.at(doc[first.i + 1])
        last = doc[m.end - 1] if m is not None else head
        if (m is None or m.is_item or m.demonym or m.end > head.i
                or head not in last.ancestors or last.dep_ not in ("compound", "nmod", "amod")):
            continue
        out.append(m.entity)
    return out


def giving_claims(v: SentenceView, verb: Token, lemma: str) -> Iterator[Candidate]:
    receiving = lemma in v.lex.receiving_verbs
    # ("passed satellite targeting data to X": "to X" hangs on "targeting"; see below)
    patients = with_gerund_objects(v.patients(verb))
    if not patients:
        # "passing targeting information to X": read as "passing" + a gerund complement
        patients = [
            o
            for g in kids(verb, "xcomp")
            if g.tag_ == "VBG" and not kids(g, "aux")
            for o in kids(g, "dobj")
        ]
    theme = patients
    recipients: list[Entity] = []
    if not receiving:
        direct = v.actors(patients)
        passive = v.is_passive(verb)
        given_with = prep_objects(verb, {"with"})
        # "provided the Houthis with data" / "the Houthis were provided with data"; but in
        # "soldiers were sent to Kursk" the passive subject is what is given.
        if (
            direct
            and not is_item_phrase(v, patients)
            and (not passive or given_with)
        ):
            recipients = direct  # "provided the Houthis with targeting data"
            theme = with_gerund_objects(given_with)
        recipients = recipients + v.actors(kids(verb, "dative") + prep_objects(verb, {"to", "for"}))
        if not recipients:
            recipients = fused_receivers(v, patients)  # "gave the RSF drones and money"
        if not recipients:
            # "budgeted $2.6 billion for the PMF": the parser hangs the recipient on the
            # amount; "shared data with the IDF": sharing is with the recipient.
            recipients = v.actors(
                [o for t in theme for o in prep_objects(t, {"to", "for"})]
                + [
                    o
                    for t in theme
                    if t.dep_ == "dobj" and t.head.tag_ == "VBG" and t.head.dep_ in ("acl", "xcomp")
                    for o in prep_objects(t.head, {"to", "for"})
                ]
            )
        if not recipients and lemma in v.lex.with_recipient_verbs:
            recipients = v.actors(
                prep_objects(verb, {"with"}) + [o for t in theme for o in prep_objects(t, {"with"})]
            )
        recipients = recipients or v.stray_recipients(verb) or (  # hung astray by the parser
            v.stray_recipients(verb, "with") if lemma in v.lex.with_recipient_verbs else [])
    types = theme_types(v, theme)
    if not types:
        default = [
            t.claim_type for t in v.lex.verbs.get(lemma, ()) if t.claim_type == "ARMS_TRANSFER"
        ]
        if not default:
            return
        types = default
    if not receiving and not recipients:
        recipients = v.shared_objects(verb)
    if not receiving and not recipients and "FUNDING" in types:
        recipients = recruited_by_governing_verb(v, verb)  # "recruited X, offering $500"
    if receiving:
        # "received drones from Iran": the parser often hangs "from" on the theme
        # "from" on a conjunct of the theme ("received money and arms from X"); "from its
        # founding" is a time, not a giver
        objects = v.subjects(verb)
        receivers = {e.id for e in objects}
        subjects = [e for e in v.actors(prep_objects(verb, {"from"})) if e.id not in receivers]
        subjects = subjects or v.actors(
            [o for t in with_conjuncts(theme) for o in prep_objects(t, {"from"})])
        # "receives rockets and drones that are shipped from Iran": the giver on a clause
        # of what is received, or on a word the parser took for a second object
        # ("smuggled overland from Iran": "overland" read as the verb's object)
        subjects = subjects or v.actors(
            [o for t in with_conjuncts(theme) for c in kids(t, "relcl", "acl")
             for o in prep_objects(c, {"from"})]
            + [o for t in kids(verb, "dobj") if t not in theme
               for o in prep_objects(t, {"from"})])
    else:
        subjects = v.subjects(verb)
        objects = recipients
    if not subjects and (receiving or v.is_passive(verb)):
        subjects = origins(v, theme, made_in=receiving)  # "received Iranian drones" (guide 7)
        parts = with_conjuncts(theme)
        givers = [origins(v, [p], False) for p in parts] if len(subjects) > 1 else []
        if len(parts) > 1 and givers and all(givers):
            # "received American training and Saudi funding": each its own giver
            mutual = lemma in v.lex.with_recipient_verbs and not receiving
            for part, own in zip(parts, givers, strict=True):
                for ctype in theme_types(v, [part], False) or types:
                    yield from v.pairs(ctype, own, objects, verb, [part], mutual)
            return
    if not subjects and not receiving and v.is_passive(verb):
        subjects = _senders_of_troops(v, theme)
    # "Iran and Russia exchanged intelligence": the partners give to each other
    mutual = lemma in v.lex.with_recipient_verbs and not receiving
    for ctype in types:
        yield from v.pairs(ctype, subjects, objects, verb, theme, mutual)


def _senders_of_troops(v: SentenceView, theme: list[Token]) -> list[Entity]:
    """'North Korean soldiers were sent to Kursk': the state whose forces are sent."""
    registry = default_index().registry
    out: list[Entity] = []
    for entity in v.actors(theme):
        state = registry.affiliate(entity) if entity.kind == "state_organ" else None
        if state is not None and state.kind == "state" and all(e.id != state.id for e in out):
            out.append(state)
    return out
