"""Pay offered to the recruited: "recruited young men from the south, offering monthly
stipends of $500", "lures fighters by promising salaries".

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
