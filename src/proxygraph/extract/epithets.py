"""Epithet rules: relations stated inside a noun phrase rather than by a verb.

X-backed Y, pro-X Y, Y backed by X, X's proxies A and B, A (an X proxy), X is Y's sponsor.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from spacy.tokens import Token

from proxygraph.extract.arguments import actors_in_phrase
from proxygraph.extract.candidates import Candidate, kids, prep_objects
from proxygraph.extract.families import rule_family
from proxygraph.extract.lexicon import Lexicon
from proxygraph.extract.mentions import is_label_collective
from proxygraph.extract.modifiers import hyphen_before, is_backing_modifier
from proxygraph.extract.nlp import span_text
from proxygraph.extract.themes import theme_types
from proxygraph.extract.wordsets import WORDS
from proxygraph.model import Entity

if TYPE_CHECKING:
    from proxygraph.extract.view import SentenceView


@rule_family("epithets", roles=("token",))
class Epithets:
    """X-backed Y, pro-X Y, X's proxies A and B, X is Y's sponsor (standing roles)."""

    def candidates(self, v: SentenceView, tok: Token | None) -> Iterator[Candidate]:
        return _label_candidates(v, tok) if tok is not None else iter(())

    def trigger_tokens(self, v: SentenceView) -> set[int]:
        """The sentence's tokens `_label_candidates` can fire on (a backing word, "pro",
        or one of its nouns): most sentences have none, and no token is read twice."""
        a, sent = v.arrays, v.sm.sent
        nouns = _trigger_nouns(v.lex)
        backing = v.lex.backing_participles
        start, end = sent.start, sent.end
        if (nouns.isdisjoint(a.lemma[start:end]) and backing.keys().isdisjoint(a.lower[start:end])
                and "pro" not in span_text(sent).lower()):
            return set()  # the common case, in three quick tests
        return {i for i in range(start, end)
                if a.lemma[i] in nouns or (word := a.lower[i]) in backing or word == "pro"
                or word.startswith("pro-")}


_TRIGGER_NOUNS: dict[int, tuple[Lexicon, frozenset[str]]] = {}  # by lexicon (unhashable)


def _trigger_nouns(lex: Lexicon) -> frozenset[str]:
    found = _TRIGGER_NOUNS.get(id(lex))
    if found is None or found[0] is not lex:
        nouns = (frozenset(lex.agent_nouns) | WORDS.source_nouns | lex.client_nouns
                 | WORDS.affiliate_nouns)
        found = _TRIGGER_NOUNS[id(lex)] = (lex, nouns)
    return found[1]


def _label_candidates(v: SentenceView, tok: Token) -> Iterator[Candidate]:
    """X-backed Y, pro-X Y, X's proxies A and B, X is Y's sponsor. (A new trigger word must
    pass `Epithets.trigger_tokens` too.)"""
    if is_backing_modifier(tok, v.lex):
        yield from _backed(v, tok)
    elif (tok.dep_ in _PREDICATES or _object_of_as(tok)) and (
            tok.lower_ in v.lex.backing_participles):
        yield from _backed_predicate(v, tok)
    lemma = tok.lemma_.lower()
    if lemma in v.lex.agent_nouns and tok.pos_ == "NOUN":
        yield from _agent_noun(v, tok, v.lex.agent_nouns[lemma])
    elif lemma in WORDS.source_nouns and tok.pos_ == "NOUN":
        # "Russia is a key source of weapons for the Syrian army": typed by what flows
        for ctype in theme_types(v, prep_objects(tok, {"of"})):
            if ctype != "SUPPORT":
                yield from _agent_noun(v, tok, ctype)
    if lemma in v.lex.client_nouns and lemma not in v.lex.weak_client_nouns:
        yield from _clients(v, tok)
    elif lemma in WORDS.affiliate_nouns and tok.pos_ == "NOUN":
        yield from _clients(v, tok, "INTEGRATION")


def _backed(v: SentenceView, mod: Token) -> Iterator[Candidate]:
    word = mod.lower_
    affiliate = word in WORDS.affiliate_participles
    if word in v.lex.weak_participles and not affiliate:
        return
    ctype = v.lex.backing_participles.get(word, "SUPPORT")
    if word in WORDS.control_participles and (
            mod.head.lemma_.lower() in WORDS.controlled_place_nouns):
        return  # "Houthi-controlled areas": who holds a place, not whom it backs
    sponsors = _sponsor_of(v, mod)
    if affiliate:
        # "the al-Qaeda-affiliated JNIM": a branch of a jihadist network is a component of
        # it; being affiliated with a state says nothing (guide 5)
        sponsors = [s for s in sponsors if s.kind == "armed_group"]
        ctype = "INTEGRATION"
    if not sponsors:
        return
    target = mod.head
    members = [e for e in actors_in_phrase(target, v.sm, v.lex)
               if not is_label_collective(e, v.lex.backing_participles)
               and all(e.id != s.id for s in sponsors)]
    whole = {e.id for e in v.actors(prep_objects(target, {"of"}))}
    if all(not e.resolved for e in members) or all(e.id in whole for e in members):
        # "Kata'ib Hezbollah, an Iran-backed militia" / "... is an Iran-backed militia";
        # "Kata'ib Hezbollah, the Iran-backed Iraqi faction" is that group, not a group of
        # Iraqi factions; "KSS, an Iran-backed faction of the PMF" is KSS, not the whole
        members = [e for e in _described_by(v, target)
                   if e.resolved and all(e.id != s.id for s in sponsors)] or members
    if not members and ctype == "ARMS_TRANSFER":
        members = [e for e in _users_of(v, target) if all(e.id != s.id for s in sponsors)]
    for sponsor in sponsors:
        for member in members:
            if affiliate:
                if member.kind == "armed_group" and v.sm.at(target) is not None and (
                        v.sm.at(target).entity.id == member.id):  # not its conjuncts
                    yield Candidate(ctype, member, sponsor, mod, label=True)
            else:
                yield Candidate(ctype, sponsor, member, mod, label=True)


_PREDICATES = ("acomp", "advcl", "oprd", "xcomp")  # "is Iran-backed", "seen as Iran-aligned"


def _object_of_as(word: Token) -> bool:
    """"described as China-backed": the parser makes the epithet the object of "as"."""
    return word.dep_ == "pobj" and word.head.lower_ == "as" and word.head.head.pos_ == "VERB"


def _backed_predicate(v: SentenceView, word: Token) -> Iterator[Candidate]:
    """'Kata'ib Hezbollah is Iran-backed', '... are widely described as Iran-aligned':
    the epithet said of the clause's subject is the same standing relation."""
    if not hyphen_before(word.i, v.arrays):
        return  # "the militia is backed by Iran" is the verb frames' passive
    if word.lower_ in v.lex.weak_participles:
        return  # "Iran-linked" says nothing (guide 5)
    verb = word.head.head if _object_of_as(word) else word.head
    if word.dep_ == "advcl" and not any(c.lower_ == "as" for c in word.children):
        return  # only "described as", "seen as", "regarded as"
    sponsors = _sponsor_of(v, word)
    described = v.actors(kids(verb, "nsubjpass")) or v.subjects(verb)
    ctype = v.lex.backing_participles.get(word.lower_, "SUPPORT")
    for sponsor in sponsors:
        for member in described:
            if member.resolved and member.id != sponsor.id:
                # the clause's cues hold ("..., officials say": medium); a participle is
                # read as done, the epithet as standing
                yield Candidate(ctype, sponsor, member, verb)


def _users_of(v: SentenceView, materiel: Token) -> list[Entity]:
    """Who holds "US-supplied missiles": the one that fires or uses them (the subject of
    the verb they are the object of) or owns them ("Ukraine's US-supplied missiles")."""
    if "ARMS_TRANSFER" not in theme_types(v, [materiel]):
        return []
    owners = v.actors(kids(materiel, "poss"))
    if owners:
        return owners
    verb = materiel.head
    if materiel.dep_ == "dobj" and verb.pos_ in ("VERB", "AUX"):
        return [e for e in v.subjects(verb) if e.kind != "item"]
    return []


def _sponsor_of(v: SentenceView, mod: Token) -> list[Entity]:
    doc = mod.doc
    found: list[Entity] = []
    probes = [c for c in mod.subtree if c.i != mod.i]
    if mod.lower_ == "pro" and mod.i + 2 < len(doc):
        probes.append(doc[mod.i + 2])
    if mod.i >= 2 and doc[mod.i - 1].text in ("-", "–"):
        probes.append(doc[mod.i - 2])
    for tok in probes:
        m = v.sm.at(tok)
        if m is not None and not m.is_item and all(e.id != m.entity.id for e in found):
            if tok.dep_ == "poss" and tok.head.i == mod.head.i:
                continue
            found.append(m.entity)
    if mod.lower_ in WORDS.state_sponsor_participles and not found:
        # "Russia's state-sponsored Wagner Group": the possessor is the sponsor.
        poss = kids(mod.head, "poss")
        if any(t.lower_ == "state" for t in mod.subtree):
            found = v.actors(poss)
    return found


def _agent_noun(v: SentenceView, noun: Token, ctype: str) -> Iterator[Candidate]:
    source = noun.lemma_.lower() in WORDS.source_nouns
    preps = {"for", "to"} if source else {"of", "for", "to"}
    heads = kids(noun, "poss") + prep_objects(noun, preps)
    # "the Houthis' patrons": the model may read a plural possessive as a modifier
    heads += [c for c in kids(noun, "nmod") if c.i + 1 < noun.i
              and noun.doc[c.i + 1].text in ("'", "’")]
    if source:  # "a source of funding for Hamas": the recipient may hang on the theme
        heads += [o for t in prep_objects(noun, {"of"}) for o in prep_objects(t, preps)]
    clients = v.actors(heads)
    sponsors = _described_by(v, noun)
    inside = not sponsors and bool(clients)
    if inside:
        # "the Houthis' Iranian patrons": the sponsor named inside the noun phrase, a
        # standing role whatever the clause says of them
        sponsors = [m.entity for c in noun.children if c.dep_ in ("amod", "compound")
                    and c.i < noun.i and (m := v.sm.at(c)) is not None and not m.is_item
                    and (m.demonym or m.entity.kind == "state")]
    if not sponsors:
        return
    types = [ctype]
    if any(c.lemma_.lower() in WORDS.financial_modifiers for c in noun.children):
        types.append("FUNDING")
    for t in types:
        yield from v.pairs(t, sponsors, clients, noun, [], False, label=inside)


def _clients(v: SentenceView, noun: Token, ctype: str = "SUPPORT") -> Iterator[Candidate]:
    """'Iran's proxies, Hezbollah and Hamas' / 'Iranian proxies such as Kata'ib Hezbollah';
    with INTEGRATION, "JNIM, al-Qaeda's affiliate in the Sahel": the member joins the
    network (only an armed group has affiliates in that sense)."""
    head = noun.head if noun.dep_ in ("compound", "amod") else noun
    owner_heads = kids(head, "poss")
    if not owner_heads:
        # "Iranian proxies"; but in "the Quds Force's Iraqi proxy" the adjective is the
        # proxy's own nationality
        owner_heads = [c for c in head.children
                       if c.dep_ in ("amod", "compound") and c.i != noun.i]
    patrons = [e for e in v.actors(owner_heads)
               if e.kind in ("state", "state_organ", "armed_group", "pmc")]
    if not patrons and head is noun and head.dep_ in ("appos", "attr"):
        # "Hezbollah, a proxy of Iran," / "Hamas is a proxy of Tehran"
        patrons = [e for e in v.actors(prep_objects(head, {"of"}))
                   if e.kind in ("state", "state_organ", "armed_group", "pmc")]
    if not patrons:
        return
    members = [e for e in actors_in_phrase(head, v.sm, v.lex)
               if e.resolved and all(e.id != p.id for p in patrons)]
    following = head.doc[head.i + 1] if head.i + 1 < v.sm.sent.end else None
    if not members and following is not None and following.head.i == head.head.i and (
            following.dep_ == head.dep_ and v.sm.at(following) is not None):
        members = [e for e in v.actors([following]) if e.resolved]  # parsed as siblings
    if not members:
        members = [e for e in _described_by(v, head)
                   if e.resolved and all(e.id != p.id for p in patrons)]
    if ctype == "INTEGRATION":
        for patron in (p for p in patrons if p.kind == "armed_group"):
            for member in members:
                yield Candidate(ctype, member, patron, noun, label=True)
        return
    for patron in patrons:
        for member in members:
            yield Candidate("SUPPORT", patron, member, noun, label=True)


def _described_by(v: SentenceView, noun: Token) -> list[Entity]:
    """Who a predicate noun describes: "Hezbollah, an Iranian proxy," / "Hezbollah is
    an Iranian proxy" / "Kata'ib Hezbollah is one of Iran's proxies"."""
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.pos_ in (
            "NUM", "NOUN", "PRON"):
        noun = noun.head.head  # "one of", "part of", "among"
    if noun.dep_ == "appos":
        return v.actors([noun.head])
    if noun.dep_ == "attr" and noun.head.lemma_ in WORDS.copulas:
        return v.subjects(noun.head)
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
            return v.actors(kids(verb, "nsubjpass"))
        return v.subjects(verb)
    return []
