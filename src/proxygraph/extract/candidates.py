"""The candidate record the rules produce, and the dependency-tree helpers they share."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from spacy.tokens import Token

from proxygraph.model import Entity

if TYPE_CHECKING:  # the mixins' host types; imported for annotations only
    from proxygraph.extract.arguments import SentenceMentions
    from proxygraph.extract.lexicon import Lexicon


@dataclass
class Candidate:
    """A claim before its attributes: type, the two sides, and where it was found."""

    type: str
    subject: Entity
    object: Entity | None
    trigger: Token
    label: bool = False  # from an epithet: no time of its own, occurred, high
    theme: list[Token] = field(default_factory=list)  # heads of what is given


def kids(tok: Token, *deps: str) -> list[Token]:
    return [c for c in tok.children if c.dep_ in deps]


def prep_objects(tok: Token, words: set[str]) -> list[Token]:
    """Objects of the token's prepositions among `words` (also conjoined prepositions)."""
    out: list[Token] = []
    for prep in kids(tok, "prep", "agent", "dative"):
        if prep.lower_ not in words:
            continue
        for pobj in kids(prep, "pobj", "pcomp"):
            if pobj.lemma_.lower() in ("behalf", "side"):
                continue  # "on Hamas's behalf", "on the side of": for, not against
            out.append(pobj)
            if pobj.dep_ == "pcomp":  # "with targeting data": the gerund's object
                out.extend(kids(pobj, "dobj"))
        for conj_prep in kids(prep, "conj"):
            if conj_prep.lower_ in words:
                out.extend(kids(conj_prep, "pobj"))
    return out


def with_conjuncts(tokens: list[Token]) -> list[Token]:
    out: list[Token] = []
    for tok in tokens:
        out.append(tok)
        out.extend(t for t in tok.conjuncts if t.i > tok.i)
    return out


class RuleBase:
    """What the rule mixins (nominals, epithets, flows, sides, subordination) use from
    SentenceRules, which composes them and implements these."""

    sm: SentenceMentions
    lex: Lexicon

    def actors(self, heads: list[Token]) -> list[Entity]:
        raise NotImplementedError

    def subjects(self, verb: Token, depth: int = 0) -> list[Entity]:
        raise NotImplementedError

    def noun_subjects(self, noun: Token) -> list[Entity]:
        raise NotImplementedError

    def patients(self, verb: Token) -> list[Token]:
        raise NotImplementedError

    def is_passive(self, verb: Token) -> bool:
        raise NotImplementedError

    def origins(self, theme: list[Token]) -> list[Entity]:
        raise NotImplementedError

    def theme_types(self, heads: list[Token]) -> list[str]:
        raise NotImplementedError

    def _shipping_targets(self, heads: list[Token]) -> list[Entity]:
        raise NotImplementedError

    def _pairs(self, ctype: str, subjects: list[Entity], objects: list[Entity], trigger: Token,
               theme: list[Token], symmetric_fallback: bool,
               label: bool = False) -> Iterator[Candidate]:
        raise NotImplementedError
