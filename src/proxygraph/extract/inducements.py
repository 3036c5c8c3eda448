"""Pay offered to the recruited: "recruited young men from the south, offering monthly
stipends of $500", "lures fighters by promising salaries", "recruited fighters with salaries
of $300 a month".

A recruiter's offer of money is FUNDING recruiter -> recruited (guide 1: one claim per
type). The giving verb ("offering", "promising", "paying") names no receiver of its own:
the receiver is whom the verb it hangs on takes in.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from proxygraph.extract.collectives import recruits
from proxygraph.model import Entity

if TYPE_CHECKING:
    from proxygraph.extract.view import SentenceView


def recruited_by_governing_verb(v: SentenceView, giving: Token) -> list[Entity]:
    """The people the recruitment verb above a giving verb takes in, or []."""
    head = giving.head
    if giving.dep_ == "pcomp" and head.dep_ == "prep" and head.lower_ == "by":
        head = head.head  # "recruits fighters by offering salaries"
    elif giving.dep_ not in ("advcl", "conj", "xcomp"):
        return []
    if head.i == giving.i or head.pos_ != "VERB" or not v.lex.verb_gives(
            v.arrays.lemma[head.i], "RECRUITMENT"):
        return []
    patients = v.patients(head)
    return recruits(patients, v.actors(patients), v.sm)


_PAY_PREPS = frozenset({"with", "through", "for"})


def pay_phrases(v: SentenceView, verb: Token) -> list[Token]:
    """The money a recruiting verb names its recruits were taken in with: "with salaries of
    $300", "(including) through payments of 100,000 CFA francs", "for $500 a month"."""
    a = v.arrays
    preps = [c for c in verb.children if c.dep_ == "prep"]
    # "including through payments": the preposition hangs on "including"
    preps += [g for c in preps if c.lower_ in ("including", "notably")
              for g in c.children if g.dep_ == "prep"]
    found = []
    for p in preps:
        if p.lower_ not in _PAY_PREPS:
            continue
        for o in p.children:
            if o.dep_ == "pobj" and (v.lex.themes.get(a.lemma[o.i]) == "FUNDING"
                                     or o.ent_type_ == "MONEY"):
                found.append(o)
    return found
