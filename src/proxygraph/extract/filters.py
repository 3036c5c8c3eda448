"""Post-filters: claim-level consistency after the rule families and the learned layer,
registered by name and run in the order `components.yaml` declares.

Candidate filters say whether to drop a candidate before its claim is built; claim
filters take the built claim and return it (possibly retyped) or None.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING

from proxygraph.extract.candidates import Candidate, first_conjunct, prep_objects
from proxygraph.extract.families import candidate_filter, claim_filter
from proxygraph.extract.lexicon import load_lexicon
from proxygraph.extract.mentions import national_army
from proxygraph.extract.nlp import span_text
from proxygraph.extract.wordsets import WORDS
from proxygraph.gazetteer import capitals
from proxygraph.ids import claim_id
from proxygraph.model import Claim, Document, Entity
from proxygraph.registry import normalize

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

# Relations between peers: a person and the state or group he belongs to are one side in
# them (funding or ordering one's own side is another matter).
_PEER_TYPES = frozenset({"AGREEMENT", "CONTACT", "COORDINATION", "SUPPORT", "TRAINING"})


def _member_of(a: Entity, b: Entity) -> bool:
    return (a.kind == "person" and a.affiliation == b.id) or (
        b.kind == "person" and b.affiliation == a.id)


def _national_army_of(organ: Entity, state: Entity) -> bool:
    return (state.kind == "state" and organ.affiliation == state.id
            and national_army(state) == organ)


@candidate_filter("own_side")
def own_side(cand: Candidate) -> bool:
    """A clash between a state and its own organ ("Russian forces" vs Russia) is a misread
    of two mentions of one side, not a fight; nor does a state support, fund or arm its
    own national army in the sense of the ontology."""
    obj = cand.object
    if obj is None:
        return False
    if cand.type in _PEER_TYPES and _member_of(cand.subject, obj):
        return True  # "Abiy Ahmed and Ethiopia signed": the leader acts for his own side
    if _national_army_of(cand.subject, obj) or _national_army_of(obj, cand.subject):
        return True  # "Rwanda says its forces ...", "Uganda pays for its own troops"
    if cand.type != "CLASH":
        return False
    if cand.subject.affiliation == obj.id or obj.affiliation == cand.subject.id:
        return True
    # "American soldiers" killed in an attack are not the United States' enemy
    return obj.kind == "collective" and any(
        obj.name.lower().startswith(f"{d.lower()} ") for d in cand.subject.demonyms)


@candidate_filter("people_killed")
def people_killed(cand: Candidate) -> bool:
    """"has killed 46,000 Palestinians", "three Syrians were wounded": the people a
    clash kills or wounds are its victims (guide 16), not their state as a party."""
    obj = cand.object
    trigger = cand.trigger
    if cand.type != "CLASH" or obj is None or obj.kind != "state" or (
            trigger.lemma_.lower() not in WORDS.casualty_verbs):
        return False
    from proxygraph.extract.mentions import default_index

    index = default_index()
    victims = [t for t in trigger.children if t.dep_ in ("dobj", "nsubjpass")]
    return any(t.tag_ in ("NNPS", "NNS") and getattr(index.demonym_of(t.text), "id", None)
               == obj.id for t in victims)


@candidate_filter("capital_place")
def capital_place(cand: Candidate) -> bool:
    """"An Israeli strike on Beirut", "a base near Mogadishu": a capital attacked or
    fought near is where the fight is (guide 19), unless the sentence names its state
    otherwise too."""
    obj = cand.object
    if cand.type != "CLASH" or obj is None:
        return False
    sentence = cand.trigger.sent
    text = span_text(sentence)  # (`Span.text` rebuilds it from every token)
    as_subject = _only_as_capital(cand.subject, text)
    if as_subject and all(_in_place_phrase(t) for t in _words_of(as_subject, sentence)):
        return True  # "a strike on Beirut killed X": Beirut is where, not who
    named = _only_as_capital(obj, text)
    if not named:
        return False
    # "struck Bamako", "attack Kyiv": the capital as the verb's own object stands for the
    # state
    if any(t.dep_ == "dobj" and t.head.i == cand.trigger.i and t.text in named
           for t in cand.trigger.children):
        return False
    # "Islamabad and Tehran exchanged strikes", "Kyiv was hit": a capital that is a clause's
    # subject acts or is acted on as the state
    return not any(first_conjunct(t).dep_ in ("nsubj", "nsubjpass")
                   for t in _words_of(named, sentence))


def _only_as_capital(entity: Entity, sentence: str) -> list[str]:
    """The forms of a state the sentence uses, when each is its capital; else none."""
    if entity.kind != "state":
        return []
    forms = _capital_forms((entity.name, *entity.aliases, *entity.demonyms))
    named = [f for f, capital in forms if _says(sentence, f)]
    return named if named and all(capital for f, capital in forms if f in named) else []


@lru_cache(maxsize=4096)
def _capital_forms(forms: tuple[str, ...]) -> tuple[tuple[str, bool], ...]:
    """Each form of a state with whether it is a capital (normalised once per state)."""
    return tuple(dict.fromkeys((f, normalize(f) in capitals()) for f in forms))


def _words_of(forms: list[str], sentence: Span) -> list[Token]:
    """The tokens that end the forms' occurrences in the sentence."""
    last_words = {f.split()[-1] for f in forms}
    return [t for t in sentence if t.text in last_words]


def _in_place_phrase(token: Token) -> bool:
    """'on Beirut', 'near Mogadishu': not 'by' or 'from' Tehran, which name a doer."""
    first = first_conjunct(token)
    return first.dep_ == "pobj" and first.head.lower_ not in ("by", "from", "of")


def _says(text: str, form: str) -> bool:
    # (a plain substring test first: most forms of a state are not in the sentence)
    return form in text and _word_pattern(form).search(text) is not None


@lru_cache(maxsize=4096)
def _word_pattern(form: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(form)}(?!\w)")


@candidate_filter("venue_capital")
def venue_capital(cand: Candidate) -> bool:
    """ "the Minsk agreements", "the Doha talks", "the Astana process": a capital naming a
    meeting or an accord is where it was held, not a party to it (guide 19), unless the
    sentence names its state otherwise too."""
    sentence = cand.trigger.sent
    text = None
    for party in (cand.subject, cand.object):
        if party is None or party.kind != "state":
            continue
        text = text if text is not None else span_text(sentence)
        named = _only_as_capital(party, text)
        if named and all(_names_an_event(t) for t in _words_of(named, sentence)):
            return True
    return False


def _names_an_event(token: Token) -> bool:
    """ "Minsk" in "the Minsk Protocol", "Doha" in "the Doha talks": a modifier of a word
    for a meeting or an accord."""
    doc = token.doc
    if any(0 <= j < len(doc) and doc[j].text in ("-", "–", "—")
           for j in (token.i - 1, token.i + 1)):
        return False  # "the Tehran-Moscow pact", "Kinshasa-M23 talks": the parties
    head = token.head
    while head.dep_ == "compound" and head.head.i != head.i:
        head = head.head  # "the Minsk II agreement"
    return token.dep_ in ("compound", "nmod", "amod") and (
        head.lemma_.lower() in WORDS.venue_event_nouns)


@candidate_filter("exchanged_goods")
def exchanged_goods(cand: Candidate) -> bool:
    """ "Exchanged oil, grain and weapons" is TRADE only (undirected), not ARMS_TRANSFER."""
    return cand.type == "ARMS_TRANSFER" and cand.trigger.lemma_.lower() in WORDS.exchange_verbs


@candidate_filter("attacked_site")
def attacked_site(cand: Candidate) -> bool:
    """ "Commandos raided a missile production site", "hit a defence plant": a plant that
    is attacked says nothing about who produces there."""
    if cand.type != "PRODUCTION":
        return False
    lexicon = load_lexicon()
    tok = cand.trigger
    for _ in range(3):
        if tok.head.i == tok.i:
            return False
        tok = tok.head
        if tok.pos_ == "VERB":
            return lexicon.verb_gives(tok.lemma_.lower(), "CLASH")
    return False


@candidate_filter("hosted_troops")
def hosted_troops(cand: Candidate) -> bool:
    """ "Belarus hosts Russian troops", "Niger received Russian instructors", "Iran hosts
    millions of Afghan refugees": receiving forces, a people or orders is no meeting
    (CONTACT is for delegations and leaders)."""
    if cand.type != "CONTACT" or cand.trigger.lemma_.lower() not in WORDS.hosting_verbs:
        return False
    lex = load_lexicon()
    objects = [c for c in cand.trigger.children if c.dep_ == "dobj"]
    if any(o.lower_ in WORDS.order_nouns for o in objects):
        return True  # "received orders from X": a demand (orders.py), no meeting
    # "hosts millions of Afghan refugees", "hosts 100,000 Malians": the people counted
    objects += [g for o in objects if o.lemma_.lower() in WORDS.count_words or o.like_num
                for g in prep_objects(o, {"of"})]
    return any(
        o.lemma_.lower() in lex.military_heads or o.lemma_.lower() in lex.group_nouns
        or o.tag_ == "NNPS"  # a people ("Malians", "Syrians"), not its state
        for o in objects
    )


@candidate_filter("recruited_state")
def recruited_state(cand: Candidate) -> bool:
    """People are recruited, states are not: in "recruiting Syrians" or "recruited women
    from Uganda" the state names where the recruits come from, no party."""
    return cand.type == "RECRUITMENT" and cand.object is not None and (
        cand.object.kind == "state")


@candidate_filter("state_absorbed")
def state_absorbed(cand: Candidate) -> bool:
    """A state is not made part of an armed group or of another state: "Syria is the
    backbone of the resistance" says where it stands, not that it was absorbed (train,
    0.25.0: 1 right of 25 such claims into a group, 0 of 19 into a state)."""
    return cand.type == "INTEGRATION" and cand.subject.kind == "state" and (
        cand.object is not None and cand.object.kind in ("armed_group", "state"))


@claim_filter("commodities")
def commodities(document: Document, claim: Claim) -> Claim | None:
    """Commodities are traded, not armed (guide 13): an ARMS_TRANSFER of only commodities
    is TRADE, and a mixed one keeps only its materiel as items."""
    if claim.type != "ARMS_TRANSFER" or not claim.items:
        return claim
    goods = load_lexicon().commodities
    materiel = tuple(i for i in claim.items if i.id not in goods)
    if len(materiel) == len(claim.items):
        return claim
    if materiel:
        return replace(claim, items=materiel)
    return replace(
        claim,
        type="TRADE",
        id=claim_id(
            document.sha256,
            claim.evidence.start,
            "TRADE",
            claim.subject.id,
            claim.object.id if claim.object else None,
            claim.extractor["version"],
            denied=claim.status == "denied",
        ),
    )
