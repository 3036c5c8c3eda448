"""Troops kept in another state: "Ethiopia has about 3,000 troops in Somalia", "some 1,500
Russian troops are stationed in Transnistria", "US forces based in Iraq", "Russia keeps
bases in Syria", "Russian instructors are present in Mali", "Cuban advisers embedded in
Venezuela's military".

Sending troops is SUPPORT (guide 4), and so is keeping them there: a state's forces held
in another state support it (SUPPORT the forces' owner -> the host). The host must be a
state named after "in" or "on"; a place ("in South Kivu") is where, not whom (guide 19).
Forces embedded in a body, or present at its sites, support that body.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from proxygraph.extract.candidates import Candidate, kids, prep_objects
from proxygraph.extract.families import rule_family
from proxygraph.extract.themes import names_forces
from proxygraph.extract.view import SentenceView
from proxygraph.extract.wordsets import WORDS
from proxygraph.model import Entity


@rule_family("stationed", roles=("token",))
class Stationed:
    """Forces a state keeps, has stationed or has present in another state."""

    def candidates(self, v: SentenceView, tok: Token | None) -> Iterator[Candidate]:
        if tok is None:
            return
        lemma = v.arrays.lemma[tok.i]
        if lemma in WORDS.presence_words:
            yield from _presence(v, tok)
        elif not v.is_verb(tok):
            return
        elif lemma in WORDS.keeping_verbs:
            # "Ethiopia has 3,000 troops in Somalia": the keeper's forces, held there
            troops = [o for o in kids(tok, "dobj") if names_forces(v, o)
                      or v.arrays.lemma[o.i] in WORDS.base_nouns]  # "has bases in Syria"
            if troops and not any(_doing(t) for t in troops):
                hosts = _hosts(v, [tok, *troops])
                yield from _support(v, v.subjects(tok), hosts, tok)
        elif lemma in WORDS.stationing_verbs:
            # "1,500 Russian troops are stationed in Transnistria", "US forces based in Iraq"
            troops = kids(tok, "nsubjpass") + ([tok.head] if tok.dep_ == "acl" else [])
            troops = [t for t in troops if names_forces(v, t)]
            if troops:
                hosts = _hosts(v, [tok])
                if lemma in WORDS.embedding_verbs:  # "embedded in Venezuela's military"
                    hosts += _sites(v, tok, {"in", "with"})
                yield from _support(v, v.actors(troops), hosts, tok)
        elif lemma in WORDS.troop_arrival_verbs or lemma in WORDS.intervention_verbs:
            # "a contingent of Russian instructors arrived in Ouagadougou", "Wagner
            # arrived in Mali in 2021": forces or a military company arriving in a state;
            # "Russia intervened in Syria": a state (or its forces) intervening there
            if prep_objects(tok, {"against"}):
                return  # "intervened against Hezbollah in Beirut"
            keepers = v.subjects(tok) if lemma in WORDS.intervention_verbs else v.actors(
                [t for t in kids(tok, "nsubj") if _armed_people(v, t)
                 or any(e.kind == "pmc" for e in v.actors([t]))])
            # (not "arrived in southern Lebanon": a region is where they went, guide 19)
            whole = [o for o in prep_objects(tok, {"in"}) if not kids(o, "amod")]
            hosts = [e for e in v.actors(whole) if e.kind == "state"]
            yield from _support(v, keepers, hosts, tok)

    def trigger_tokens(self, v: SentenceView) -> range | tuple[()]:
        a, start, end = v.arrays, v.sm.sent.start, v.sm.sent.end
        words = a.lemma[start:end]
        if (WORDS.keeping_verbs.isdisjoint(words) and WORDS.stationing_verbs.isdisjoint(words)
                and WORDS.presence_words.isdisjoint(words)
                and WORDS.troop_arrival_verbs.isdisjoint(words)
                and WORDS.intervention_verbs.isdisjoint(words)):
            return ()
        return range(start, end)


def _presence(v: SentenceView, tok: Token) -> Iterator[Candidate]:
    """ "Russian instructors are present in Mali", "the instructors present in Mali",
    "Iranian advisers were present at Kata'ib Hezbollah's workshops". Negation ("are not
    present") comes from the trigger's status as for any claim."""
    if tok.pos_ not in ("ADJ", "VERB"):  # not "the present"
        return
    if tok.dep_ == "acomp":  # "instructors are present in Mali"
        troops = kids(tok.head, "nsubj")
    elif tok.dep_ in ("amod", "acl") and tok.i > tok.head.i:  # "instructors present in"
        troops = [tok.head]
    else:
        troops = kids(tok, "nsubj")  # the parser's "instructors present(VERB) in Mali"
    troops = [t for t in troops if _armed_people(v, t)]
    hosts = _hosts(v, [tok]) + _sites(v, tok, {"at"})
    yield from _support(v, v.actors(troops), hosts, tok)


def _armed_people(v: SentenceView, tok: Token) -> bool:
    """Troops, or the experts a state sends ("instructors", "advisers", "technicians")."""
    return names_forces(v, tok) or v.arrays.lemma[tok.i] in v.lex.state_agent_heads


def _sites(v: SentenceView, tok: Token, preps: set[str]) -> list[Entity]:
    """The bodies whose sites or ranks the forces are at or in: "at Kata'ib Hezbollah's
    workshops", "in Venezuela's military" (any actor but a place)."""
    found = v.actors([o for o in prep_objects(tok, preps)])
    return [e for e in found if e.kind not in ("place", "item", "person")]


def _doing(troops: Token) -> bool:
    """ "troops in eastern Congo fighting alongside the M23", "supporting the army": what
    they do there is the claim (the verb rules read it), not support of the host."""
    return any(c.dep_ == "acl" and c.tag_ == "VBG" for c in troops.subtree)


def _hosts(v: SentenceView, heads: list[Token]) -> list[Entity]:
    """The states named after "in" or "on" on any of `heads`."""
    found = v.actors([o for h in heads for o in prep_objects(h, {"in", "on"})])
    return [e for e in found if e.kind == "state"]


def _support(v: SentenceView, keepers: list[Entity], hosts: list[Entity],
             tok: Token) -> Iterator[Candidate]:
    keepers = [k for k in keepers if k.kind in ("state", "state_organ", "pmc")]
    if not keepers or not hosts:
        return
    # ("Russian troops deployed in Ukraine shelled Kharkiv": forces fighting the host)
    fought = {frozenset((c.subject.id, c.object.id)) for claims in v.verb_claims.values()
              for c in claims if c.type == "CLASH" and c.object is not None}
    for host in hosts:
        owners = [k for k in keepers if host.id not in (k.id, k.affiliation)
                  and frozenset((k.id, host.id)) not in fought]
        yield from v.pairs("SUPPORT", owners, [host], tok, [], False)
