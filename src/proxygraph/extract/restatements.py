"""A relation the report stated before, stated again with both parties named.

"Iran has armed the Houthis since 2015. ... The Houthis' drones come from Iran, whose
support the group no longer hides." Reports restate; each statement is its own claim
(guide 1). When a sentence names both parties of a relation an earlier sentence stated
and carries a trigger word of that relation's type, but the rules and the learned layer
read nothing of that type between them, this echo rule states it again, with the earlier
claim's status and certainty, on this sentence.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from proxygraph.extract.arrays import DocArrays, arrays
from proxygraph.extract.candidates import pair_key
from proxygraph.extract.echoes import restated
from proxygraph.extract.families import echo_rule
from proxygraph.extract.pair_features import (
    ancestor_indexes,
    index_path,
    sentence_trigger_types,
    types_by_lemma,
)
from proxygraph.model import Claim, Document
from proxygraph.ontology import ONTOLOGY

if TYPE_CHECKING:
    from proxygraph.extract.pipeline import AnalysedSentence


@echo_rule("pair_echo")
def pair_echo(document: Document, item: AnalysedSentence, here: Sequence[Claim],
              before: Sequence[Sequence[Claim]]) -> Iterator[Claim]:
    """Earlier claims whose two parties this sentence names again, with a trigger word of
    their type, that this sentence has no claim of that type between."""
    places: dict[str, list[int]] = {}
    heads: dict[int, int] = {}  # a mention's start -> its head token
    doc = item.sent.doc
    for m in item.sm.mentions:
        if not m.is_item:
            places.setdefault(m.entity.id, []).append(m.start)
            heads[m.start] = doc[m.start:m.end].root.i
    if len(places) < 2 or not sentence_trigger_types(item.sent):
        return
    a = arrays(item.sent.doc)
    table = types_by_lemma()
    triggers = [(i, table[a.lemma[i]]) for i in range(item.sent.start, item.sent.end)
                if a.lemma[i] in table]
    done = {pair_key(c.type, c.subject, c.object) for c in here}
    for claims in before:
        for claim in claims:
            if (claim.object is None or claim.subject.id not in places
                    or claim.object.id not in places):
                continue
            key = pair_key(claim.type, claim.subject, claim.object)
            if key in done or not _trigger_between(
                    claim.type, places[claim.subject.id], places[claim.object.id], triggers,
                    ONTOLOGY.is_symmetric(claim.type), heads, a):
                continue
            done.add(key)
            yield restated(document, item, claim)


def _trigger_between(ctype: str, first: list[int], second: list[int],
                     triggers: list[tuple[int, frozenset[str]]], either_way: bool,
                     heads: dict[int, int], a: DocArrays) -> bool:
    """A word of `ctype` between a mention of the subject and a later mention of the
    object ("Iran ... armed ... the Houthis"), or either way round for a symmetric type,
    on the parse's path between the two (or governing a word on it): a word of another
    clause relates other parties."""
    for i in first:
        for j in second:
            if j < i and not either_way:
                continue  # ("the Houthis, armed by Iran": a passive the rules would read)
            low, high = min(i, j), max(i, j)
            words = [k for k, types in triggers if low < k < high and ctype in types]
            if words and _on_path(words, heads[i], heads[j], a):
                return True
    return False


def _on_path(words: list[int], one: int, other: int, a: DocArrays) -> bool:
    """Is one of the words on the dependency path between two tokens, or the head of a
    word on it ("sent weapons to": "weapons" hangs on the path's verb)?"""
    up, common, down = index_path(ancestor_indexes(one, a.head), ancestor_indexes(other, a.head))
    if common is None:
        return False
    path = {*up, common, *down}
    return any(w in path or a.head[w] in path for w in words)
