"""Help toward making things: "helped Hezbollah set up facilities to convert rockets",
"assist North Korea in developing satellites", "helping the North with drone production".

The annotation guide (14) reads helping another build as PRODUCTION helper -> helped, not
SUPPORT. A helping verb aids production when what it governs, through its complements and
prepositions (never a relative clause on the helped, nor a clause with a subject of its
own that is not the helped), makes something: a production verb, a production noun
("drone production", "an assembly line"), or a facility set up to make or convert things.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from proxygraph.extract.wordsets import WORDS

if TYPE_CHECKING:
    from proxygraph.extract.view import SentenceView

# Dependencies the search follows down from the helping verb: its complements, the
# prepositions of its means ("with", "in"), their objects, and what those govern.
_FOLLOWED = frozenset({"xcomp", "ccomp", "advcl", "prep", "pcomp", "pobj", "dobj", "acl",
                       "compound", "conj", "prt", "amod"})
# How deep the search goes (help -> set -> facilities -> convert: three steps).
_MAX_DEPTH = 4


def production_complement(v: SentenceView, helper: Token) -> Token | None:
    """The word under a helping verb that makes its help a help to produce, or None."""
    helped = {t.i for t in helped_party(helper)}
    frontier = [(c, 1) for c in helper.children if c.dep_ in _FOLLOWED]
    while frontier:
        tok, depth = frontier.pop()
        lemma = v.arrays.lemma[tok.i]
        if tok.pos_ == "VERB" and any(c.dep_ in ("nsubj", "nsubjpass") and c.i not in helped
                                      for c in tok.children):
            continue  # "helped Iraq while Iranian engineers built ...": another's clause
        if tok.pos_ == "VERB" and v.lex.verb_gives(lemma, "PRODUCTION"):
            return tok
        if tok.pos_ == "VERB" and lemma in WORDS.conversion_verbs and mentions_product(v, tok):
            return tok  # "improving the accuracy of its missiles", not "its tactics"
        if tok.pos_ in ("NOUN", "PROPN") and v.lex.nouns.get(lemma) == "PRODUCTION":
            return tok
        if depth < _MAX_DEPTH:
            frontier += [(c, depth + 1) for c in tok.children if c.dep_ in _FOLLOWED]
    return None


def helped_party(helper: Token) -> list[Token]:
    """Who is helped: the helping verb's object, or the subject of the clause it governs
    ("helped Hezbollah set up ...", where the parser makes Hezbollah that clause's subject)."""
    objects = [c for c in helper.children if c.dep_ in ("dobj", "dative")]
    if objects:
        return objects
    return [s for c in helper.children if c.dep_ in ("ccomp", "xcomp")
            for s in c.children if s.dep_ == "nsubj"]


def mentions_product(v: SentenceView, trigger: Token) -> bool:
    """What the trigger governs names a weapon or a made thing ("unguided rockets", "a
    drone factory"); the trigger itself counts only as a noun ("production")."""
    a = v.arrays  # (the words of the subtree read by index)
    for i in (t.i for t in trigger.subtree):
        m = v.sm.by_token.get(i)
        product = (m is not None and m.is_item) or a.lemma[i] in WORDS.product_words
        if product and (i != trigger.i or a.pos[i] == "NOUN"):
            return True
    return False
