"""The candidate record the rule families produce, and the dependency-tree helpers they
share."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field

from spacy.tokens import Token

from proxygraph.extract.arrays import arrays
from proxygraph.extract.wordsets import WORDS
from proxygraph.model import Entity
from proxygraph.ontology import ONTOLOGY


@dataclass
class Candidate:
    """A claim before its attributes: type, the two sides, and where it was found."""

    type: str
    subject: Entity
    object: Entity | None
    trigger: Token
    label: bool = False  # from an epithet: no time of its own, occurred, high
    theme: list[Token] = field(default_factory=list)  # heads of what is given
    source: str = ""  # the component that proposed it (set by the rule runner)


def kids(tok: Token, *deps: str) -> list[Token]:
    """The token's children whose dependency is among `deps`, in text order."""
    a = arrays(tok.doc)
    dep, tokens = a.dep, a.tokens
    return [tokens[j] for j in a.children[tok.i] if dep[j] in deps]


def is_return_noun(tok: Token) -> bool:
    """The "exchange" of "in exchange for" (or "return" of "in return for"): what follows
    it comes back to the giver (exchanges.py), so it is no theme or item of the gift."""
    return tok.lower_ in WORDS.exchange_nouns and tok.dep_ == "pobj" and tok.head.lower_ == "in"


def first_conjunct(tok: Token) -> Token:
    """The first of the coordination the token is in ("funded" of "funded, armed and
    trained"; "American" of "American and British"); the token itself when it is none."""
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    return tok


def prep_objects(tok: Token, words: Collection[str]) -> list[Token]:
    """Objects of the token's prepositions among `words` (also conjoined prepositions)."""
    a = arrays(tok.doc)  # (walked by index: the rules ask this of most verbs and nouns)
    dep, lower, children, tokens = a.dep, a.lower, a.children, a.tokens
    out: list[Token] = []
    for prep in children[tok.i]:
        if dep[prep] not in ("prep", "agent", "dative") or lower[prep] not in words:
            continue
        below = children[prep]
        for pobj in below:
            if dep[pobj] not in ("pobj", "pcomp"):
                continue
            if a.lemma[pobj] in WORDS.side_nouns and not (
                    lower[prep] in ("to", "against") and any(
                        lower[d] in WORDS.war_side_determiners for d in children[pobj])):
                continue  # "on Hamas's behalf", "on the side of": for, not against; but
                # "sent arms to either side" names the sides ("in contact with both
                # sides" is a mediator's, train gold: no claim)
            out.append(tokens[pobj])
            if dep[pobj] == "pcomp":  # "with targeting data": the gerund's object
                out.extend(tokens[j] for j in children[pobj] if dep[j] == "dobj")
        for conj_prep in below:
            if dep[conj_prep] == "conj" and lower[conj_prep] in words:
                out.extend(tokens[j] for j in children[conj_prep] if dep[j] == "pobj")
    return out


def with_conjuncts(tokens: list[Token]) -> list[Token]:
    out: list[Token] = []
    for tok in tokens:
        out.append(tok)
        out.extend(t for t in tok.conjuncts if t.i > tok.i)
    return out


def pair_key(ctype: str, subject: Entity, obj: Entity | None) -> tuple[str, str, str | None]:
    """Type and parties of a claim, in a fixed order for the symmetric types."""
    obj_id = obj.id if obj else None
    if obj_id is not None and ONTOLOGY.is_symmetric(ctype):
        a, b = sorted((subject.id, obj_id))
        return (ctype, a, b)
    return (ctype, subject.id, obj_id)


def involvement_verb(noun: Token) -> Token | None:
    """The verb whose object is a part in an act ("denied any role in", "played a part
    in", "had a hand in"): its subject is the act's doer. None for any other word."""
    if noun.lemma_.lower() not in WORDS.involvement_nouns or noun.dep_ not in ("dobj", "attr"):
        return None
    return noun.head if noun.head.pos_ in ("VERB", "AUX") else None
