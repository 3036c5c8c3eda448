"""Flow rules: materiel as the subject of a motion verb ("Iranian weapons reached the
Houthis", "UAE arms reaching the RSF through Chad", "Russian shells flowing to X").
The items' stated origin is the sender when no sender is named (guide 7). And dependence:
"Hamas relies on Iran for weapons", "Hezbollah depends on Iranian funding", "Russia's
reliance on Iran's support": the relied-on actor gives to the dependent one.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from spacy.tokens import Token

from proxygraph.extract.candidates import Candidate, kids, prep_objects
from proxygraph.extract.families import rule_family
from proxygraph.extract.themes import origins, theme_types
from proxygraph.extract.wordsets import WORDS

if TYPE_CHECKING:
    from proxygraph.extract.view import SentenceView


@rule_family("flows", roles=("verb", "noun"))
class Flows:
    """Materiel reaching someone; reliance on someone for what they give."""

    def candidates(self, v: SentenceView, tok: Token | None) -> Iterator[Candidate]:
        if tok is None:
            return
        # (asked of every verb and noun: the trigger words are read from the arrays first)
        a, i = v.arrays, tok.i
        if v.is_verb(tok) and a.lemma[i] in v.lex.flow_verbs:
            yield from _flow(v, tok)
        if a.lower[i] in WORDS.destination_participles:
            yield from _destined(v, tok)
        if a.lemma[i] in _RELY_WORDS:
            yield from _reliance(v, tok)

    def trigger_tokens(self, v: SentenceView) -> range | tuple[()]:
        """Every token of a sentence that holds one of the family's trigger words, else
        none (most sentences, told by set tests on the sentence's words)."""
        a, start, end = v.arrays, v.sm.sent.start, v.sm.sent.end
        if (v.lex.flow_verbs.isdisjoint(a.lemma[start:end])
                and _RELY_WORDS.isdisjoint(a.lemma[start:end])
                and WORDS.destination_participles.isdisjoint(a.lower[start:end])):
            return ()
        return range(start, end)


_RELY_WORDS = WORDS.rely_verbs | WORDS.rely_nouns


def _flow(v: SentenceView, verb: Token) -> Iterator[Candidate]:
    if verb.lemma_.lower() not in v.lex.flow_verbs:
        return
    # "UAE arms reaching the RSF" / "Iranian weapons reached the Houthis"
    reduced = verb.dep_ == "acl" and verb.tag_ == "VBG"
    moving = [verb.head] if reduced else kids(verb, "nsubj")
    if not moving and verb.dep_ == "xcomp":
        moving = kids(verb.head, "nsubj")  # "Iranian weapons continue to reach X"
    if not moving or theme_types(v, moving) != ["ARMS_TRANSFER"]:
        return
    if verb.lemma_.lower() == "find":
        # "found their way to X"
        if not any(o.lemma_.lower() == "way" for o in kids(verb, "dobj")):
            return
        ends = [o for w in kids(verb, "dobj") for o in prep_objects(w, {"to", "into"})]
    else:
        ends = kids(verb, "dobj") + prep_objects(verb, WORDS.destination_preps)
    senders = origins(v, moving)
    recipients = [e for e in v.actors(ends) if e.kind != "item"]
    if verb.lemma_.lower() in WORDS.arrival_verbs and not prep_objects(verb, WORDS.route_preps):
        # "Iranian missiles reached Israel" is an attack: without a route, only an armed
        # group is a plausible recipient
        recipients = [e for e in recipients if e.kind in ("armed_group", "pmc")]
    yield from v.pairs("ARMS_TRANSFER", senders, recipients, verb, moving, False)


def _destined(v: SentenceView, tok: Token) -> Iterator[Candidate]:
    """'Iranian missile parts bound for the Houthis', 'weapons from Iran destined for X',
    'the rockets were intended for Hezbollah': the shipment's origin sends to X."""
    if tok.lower_ not in WORDS.destination_participles:
        return
    if tok.dep_ in ("acl", "amod") and tok.head.pos_ in ("NOUN", "PROPN"):
        moving = [tok.head]
    elif tok.dep_ == "ROOT" or tok.pos_ in ("VERB", "AUX", "ADJ"):
        moving = kids(tok, "nsubjpass", "nsubj") or kids(tok.head, "nsubj")
    else:
        return
    if not moving or theme_types(v, moving) != ["ARMS_TRANSFER"]:
        return
    ends = prep_objects(tok, WORDS.destination_participle_preps)
    recipients = [e for e in v.actors(ends) if e.kind != "item"]
    # "a cargo of rockets from Iran intended for X": the container's origin
    senders = origins(v, moving) or [e for e in v.actors(prep_objects(moving[0], {"from"}))
                                     if e.kind == "state"]
    yield from v.pairs("ARMS_TRANSFER", senders, recipients, tok, moving, False)


def _reliance(v: SentenceView, tok: Token) -> Iterator[Candidate]:
    """'X relies on Y for weapons' / 'X depends on Y's funding' / 'X's reliance on Y';
    'X relies on Y' alone is support."""
    lemma = tok.lemma_.lower()
    if lemma in WORDS.rely_verbs and tok.pos_ == "VERB":
        dependents = v.subjects(tok)
    elif lemma in WORDS.rely_nouns and tok.pos_ == "NOUN":
        dependents = v.actors(kids(tok, "poss"))
    else:
        return
    relied = prep_objects(tok, {"on", "upon"})
    wanted = prep_objects(tok, {"for"}) or [
        o for r in relied for o in prep_objects(r, {"for"})]
    if wanted:
        # "relies on Iran for weapons and money"
        givers, theme = v.actors(relied), wanted
    else:
        # "depends on Iranian funding", "on Iran's drones": the giver modifies the thing
        givers = [e for r in relied for e in v.noun_subjects(r)]
        theme = [r for r in relied if v.sm.at(r) is None or v.sm.at(r).is_item]
    types = theme_types(v, theme)
    if not types and not wanted and lemma != "lean":
        # "Kinshasa has relied on Wazalendo militias and Burundian troops": support ("China
        # leaned on the rebels" is pressure)
        givers, types = v.actors(relied), ["SUPPORT"]
    for ctype in types:
        yield from v.pairs(ctype, givers, dependents, tok, theme, False)
