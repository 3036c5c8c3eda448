"""Gratitude rules: thanks for what someone gave ("Hamas thanked Iran for its support",
"Venezuela thanks Russia, China and Cuba for their solidarity", "expressed gratitude to
Turkey for its assistance to the army"). Statements thank their backers far more often
than they name the backing as a verb; the thanked gave the thing thanked for, to whom
the thing names ("support to the Somali National Army") or else to the one thanking.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from proxygraph.extract.candidates import Candidate, kids, prep_objects
from proxygraph.extract.families import rule_family
from proxygraph.extract.themes import theme_types
from proxygraph.extract.view import SentenceView
from proxygraph.extract.wordsets import WORDS
from proxygraph.model import Entity


@rule_family("gratitude", roles=("verb", "noun"))
class Gratitude:
    """Thanks for support, solidarity, assistance: the thanked gave it."""

    def candidates(self, v: SentenceView, tok: Token | None) -> Iterator[Candidate]:
        if tok is None:
            return
        lemma = v.arrays.lemma[tok.i]
        if lemma in WORDS.thanking_verbs and tok.pos_ == "VERB":
            # "thanked Iran for its support": the thanked is the verb's object
            yield from _thanks(v, tok, kids(tok, "dobj"), v.subjects(tok))
        elif lemma in WORDS.thanking_nouns and kids(tok, "dobj"):
            # "Venezuela thanks the governments of ...": the verb read as a plural noun
            thankers = v.actors([c for c in tok.children if c.i < tok.i
                                 and c.dep_ in ("nsubj", "npadvmod", "compound")])
            yield from _thanks(v, tok, kids(tok, "dobj"), thankers)
        elif lemma in WORDS.thanking_nouns and tok.pos_ == "NOUN":
            # "expressed (its) gratitude to Turkey for ...": the thanked follows "to"
            verb = tok.head if tok.dep_ == "dobj" else None
            thankers = v.subjects(verb) if verb is not None else []
            yield from _thanks(v, tok, prep_objects(tok, {"to"}), thankers)

    def trigger_tokens(self, v: SentenceView) -> range | tuple[()]:
        a, start, end = v.arrays, v.sm.sent.start, v.sm.sent.end
        words = a.lemma[start:end]
        if WORDS.thanking_verbs.isdisjoint(words) and WORDS.thanking_nouns.isdisjoint(words):
            return ()
        return range(start, end)


def _thanks(v: SentenceView, tok: Token, thanked_heads: list[Token],
            thankers: list[Entity]) -> Iterator[Candidate]:
    reasons = prep_objects(tok, {"for"})
    if not reasons and tok.dep_ == "dobj":
        reasons = prep_objects(tok.head, {"for"})  # "expressed gratitude ... for"
    if not reasons:
        # "thanks the governments of Russia and Cuba for ...": the parser may hang "for"
        # on the last name thanked
        reasons = [o for h in thanked_heads for t in h.subtree if t.i != h.i
                   for o in prep_objects(t, {"for"})]
    if not reasons:
        return
    givers = [_state_of(e) for e in v.actors(thanked_heads)]
    if not givers:
        return
    types = [t for t in theme_types(v, reasons) if t != "PRODUCTION"]
    if not types:
        # "for its cooperation": a claim type's own noun, of what one gives another
        types = list(dict.fromkeys(t for r in reasons
                                   if (t := v.lex.nouns.get(r.lemma_.lower())) in _GIVEN))
    if not types and any(r.lemma_.lower() in WORDS.solidarity_nouns for r in reasons):
        types = ["SUPPORT"]  # "for their firm solidarity", "for standing with us"
    if not types:
        return
    # "for its support to the Somali National Army": the thing names who got it
    named = v.actors([o for r in reasons for o in prep_objects(r, {"to", "for"})])
    # a thanking person speaks for the body they belong to; one the registry does not
    # place ("the Force Commander, Major General X") names no receiver
    receivers = [r for e in named or thankers
                 if (r := SentenceView.affiliation(e, _BODIES)).kind != "person"]
    for ctype in types:
        yield from v.pairs(ctype, givers, receivers, tok, reasons, False)


_GIVEN = frozenset({"SUPPORT", "ARMS_TRANSFER", "FUNDING", "TRAINING", "INTELLIGENCE",
                    "COORDINATION"})
_BODIES = ("state", "state_organ", "armed_group", "pmc")


def _state_of(entity: Entity) -> Entity:
    """A head of state or minister thanked or thanking acts for the state (guide 8)."""
    return SentenceView.affiliation(entity, ("state",))
