"""Modifiers that name a third party inside a noun phrase: the sponsor in "Iran-backed
militias" ("backed", "pro-"), the UN in "UN-recognised government", Saudi Arabia in
"Saudi-led coalition". Read from the Doc's arrays; the phrase walker and the collective
builder both skip them."""

from __future__ import annotations

from spacy.tokens import Token

from proxygraph.extract.arrays import DocArrays, arrays
from proxygraph.extract.lexicon import Lexicon


def is_backing_modifier(token: Token, lex: Lexicon) -> bool:
    """'backed' in 'Iran-backed militias' or 'pro' in 'pro-Iranian groups'."""
    return backing_modifier_at(token.i, arrays(token.doc), lex)


def backing_modifier_at(i: int, a: DocArrays, lex: Lexicon) -> bool:
    """`is_backing_modifier` of token `i`, read from the Doc's arrays."""
    text = a.lower[i]
    if text in lex.backing_participles and a.dep[i] in ("amod", "compound", "nmod", "acl"):
        return any(a.dep[c] in ("npadvmod", "compound", "nmod", "amod", "poss")
                   for c in a.children[i]) or hyphen_before(i, a)
    return text == "pro" or text.startswith("pro-")


def hyphen_before(i: int, a: DocArrays) -> bool:
    """Token `i` follows a hyphen, as 'backed' in "Iran-backed" does."""
    return i >= 2 and a.text[i - 1] in ("-", "–")


def sponsor_ends_at(end: int, a: DocArrays) -> bool:
    """A name ending before token `end` is the sponsor of a hyphenated participle:
    'Islamic State' in "Islamic State-linked insurgents", 'Iran' in "the Iran-backed
    group"."""
    return end + 1 < len(a.tag) and a.tag[end + 1] == "VBN" and hyphen_before(end + 1, a)


def hyphen_participle(i: int, a: DocArrays) -> bool:
    """'UN' and 'recognised' in "UN-recognised government", 'Saudi' in "Saudi-led coalition":
    a modifier naming a third party, not the phrase's actor (token `i`)."""
    if a.dep[i] not in ("amod", "compound", "npadvmod", "nmod"):
        return False
    if a.tag[i] == "VBN" and hyphen_before(i, a):
        return True
    if len(a.text[i]) > 1 and a.text[i][-1] in ("-", "–"):
        # "U.S.- and French-brokered ceasefire": the suspended hyphen shares the participle
        return any(a.dep[c] == "conj" and a.tag[c] == "VBN" and hyphen_before(c, a)
                   for c in a.children[i])
    if i + 2 < len(a.text) and a.text[i + 1] in ("-", "–"):
        after = i + 2
        return a.tag[after] == "VBN" or (a.lower[after].endswith("ed") and a.pos[after] == "ADJ")
    return False
