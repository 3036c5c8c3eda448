"""Implied parties: a sentence that names one party of a relation the report stated before
and leaves the other to the reader.

"Rwanda arms the M23. ... The Group considers that these systems were supplied by the
RDF." The second sentence states the ARMS_TRANSFER to the M23 again (guide 1) without
naming the M23: real reports do this all the time ("Havana responded by sending
reinforcements", "Moscow denied sending the aircraft"). For every actor a sentence names,
every counterpart the report's earlier claims gave that actor in the same role (or, for a
type the actor has no claim of in that role, the party the report's claims of that type
paired most often: "Prague has supplied dozens of the systems" in a report on arms for
Ukraine), and every claim type the sentence's trigger words name, a small classifier
(`implied.json`, trained with the relation layer by `python -m
proxygraph.extract.train_relations`) decides whether the sentence states that relation
again. Registered as the echo rule `implied_party`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from proxygraph.extract.arrays import DocArrays, arrays
from proxygraph.extract.candidates import Candidate, pair_key
from proxygraph.extract.families import echo_rule
from proxygraph.extract.learned import PAIR_TYPES, RelationModel, read_model
from proxygraph.extract.lexicon import load_lexicon
from proxygraph.extract.mentions import Mention
from proxygraph.extract.pair_features import (
    ancestor_indexes,
    mention_head,
    sentence_trigger_types,
)
from proxygraph.extract.wordsets import WORDS
from proxygraph.model import Claim, Document, Entity
from proxygraph.ontology import ONTOLOGY

if TYPE_CHECKING:
    from proxygraph.extract.arguments import SentenceMentions
    from proxygraph.extract.pipeline import AnalysedSentence

IMPLIED_FILE = "implied.json"
IMPLIED = "implied"  # the model's one class: the sentence states the pair's relation
_ANCESTORS = 8  # how far up from a mention its governing trigger is looked for


@dataclass(frozen=True)
class ImpliedPair:
    """One candidate: `named` (in the sentence) and `counterpart` (from earlier claims)."""

    ctype: str
    named: Mention
    counterpart: Entity
    named_is_subject: bool
    trigger: int  # token index of the sentence's first word naming `ctype`
    features: tuple[str, ...]

    @property
    def subject(self) -> Entity:
        return self.named.entity if self.named_is_subject else self.counterpart

    @property
    def object(self) -> Entity:
        return self.counterpart if self.named_is_subject else self.named.entity


@cache
def load_implied_model() -> RelationModel | None:
    return read_model(IMPLIED_FILE)


@cache
def _denial_words() -> frozenset[str]:
    return frozenset({*load_lexicon().cues["status"]["deny"], *WORDS.denial_verbs})


def _path(head: int, trigger: int, a: DocArrays) -> str:
    """The dependency labels from the mention up to the trigger (at most three), or "-"
    when the trigger does not govern it."""
    labels, i = [], head
    for _ in range(3):
        if i == trigger:
            return ">".join(labels) or "self"
        labels.append(a.dep[i] if a.dep[i] != "pobj" else f"pobj:{a.lower[a.head[i]]}")
        if a.head[i] == i:
            break
        i = a.head[i]
    return ">".join(labels) if i == trigger else "-"


def _object_slot(trigger: int, sm: SentenceMentions, a: DocArrays) -> str:
    """What the trigger's object is: an actor, a thing given, something else, or nothing
    ("sending reinforcements" leaves the receiver unsaid)."""
    for c in a.children[trigger]:
        if a.dep[c] in ("dobj", "dative"):
            m = sm.by_token.get(c)
            if m is not None:
                return "item" if m.is_item else "actor"
            return "thing"
    return "none"


def _subject_slot(trigger: int, sm: SentenceMentions, a: DocArrays) -> str:
    """Who the trigger's subject is: an actor the sentence names, a name the registry lacks
    ("Rep. Kim Do-hyun met Shoigu"), something else ("the envoy"), or nobody ("sending
    troops")."""
    for c in a.children[trigger]:
        if a.dep[c] in ("nsubj", "nsubjpass"):
            m = sm.by_token.get(c)
            if m is not None and not m.is_item:
                return "actor"
            return "name" if a.pos[c] == "PROPN" else "thing"
    return "none"


def _counterparts(entity_id: str, named: set[str], before: Sequence[Sequence[Claim]]
                  ) -> dict[tuple[bool, str], list[tuple[int, Claim, Entity]]]:
    """(the entity is the subject, counterpart id) -> [(sentences ago, claim, counterpart)],
    oldest first, over the earlier claims with a counterpart this sentence does not name."""
    out: dict[tuple[bool, str], list[tuple[int, Claim, Entity]]] = {}
    # a pipeline.ClaimHistory gives the actor's own claims; any other list is walked
    indexed = getattr(before, "by_party", None)
    earlier = (indexed.get(entity_id, ()) if indexed is not None
               else [(n, c) for n, claims in enumerate(before) for c in claims])
    for n, c in earlier:
        if c.object is None:
            continue
        if c.subject.id == entity_id:
            is_subject, other = True, c.object
        elif c.object.id == entity_id:
            is_subject, other = False, c.subject
        else:
            continue
        if other.id in named or other.kind == "item":
            continue
        out.setdefault((is_subject, other.id), []).append((len(before) - n, c, other))
    return out


def _type_counterparts(before: Sequence[Sequence[Claim]], types: set[str]
                       ) -> dict[tuple[str, bool], list[tuple[int, Claim, Entity]]]:
    """(type, the named actor would be the subject) -> [(sentences ago, claim, the party it
    would be paired with)], oldest first, over the earlier claims of the sentence's types."""
    out: dict[tuple[str, bool], list[tuple[int, Claim, Entity]]] = {}
    # a pipeline.ClaimHistory gives each type's claims; any other list is walked
    indexed = getattr(before, "by_type", None)
    earlier = (sorted((e for t in types for e in indexed.get(t, ())), key=lambda e: e[:2])
               if indexed is not None
               else [(n, k, c) for n, claims in enumerate(before)
                     for k, c in enumerate(claims) if c.type in types])
    for n, _, c in earlier:
        if c.object is not None:
            out.setdefault((c.type, True), []).append((len(before) - n, c, c.object))
            out.setdefault((c.type, False), []).append((len(before) - n, c, c.subject))
    return out


def _borrowed(entity_id: str, named: set[str],
              own: dict[tuple[bool, str], list[tuple[int, Claim, Entity]]],
              by_type: dict[tuple[str, bool], list[tuple[int, Claim, Entity]]]
              ) -> dict[tuple[str, tuple[bool, str]], list[tuple[int, Claim, Entity]]]:
    """For a type and role the actor has no earlier claim in, the party the report's
    earlier claims of that type paired most often in the other role (the latest on a tie),
    with those claims: (type, (is subject, party id)) -> [(sentences ago, claim, party)]."""
    mine = {(c.type, is_subject) for (is_subject, _), stated in own.items()
            for _, c, _ in stated}
    out: dict[tuple[str, tuple[bool, str]], list[tuple[int, Claim, Entity]]] = {}
    for (ctype, is_subject), stated in by_type.items():
        if (ctype, is_subject) in mine:
            continue
        counts: Counter[str] = Counter()
        latest: dict[str, int] = {}
        for k, (_, c, other) in enumerate(stated):
            if (other.id not in named and other.kind != "item"
                    and entity_id not in (c.subject.id, c.object.id if c.object else None)):
                counts[other.id] += 1
                latest[other.id] = k
        if counts:
            best = max(counts, key=lambda o: (counts[o], latest[o]))
            out[ctype, (is_subject, best)] = [s for s in stated if s[2].id == best]
    return out


def _triggers(sm: SentenceMentions, types: set[str], a: DocArrays) -> dict[str, list[int]]:
    """Type -> the sentence's words naming it, a verb's lemma only as a verb and a noun's
    only as a noun ("denied the ship entry" ships nothing)."""
    table = _types_by_word()
    out: dict[str, list[int]] = {t: [] for t in types}
    for i in range(sm.sent.start, sm.sent.end):
        found = table.get((a.lemma[i], a.pos[i]))
        if found is not None:
            for t in found & types:
                out[t].append(i)
    return out


@cache
def _types_by_word() -> dict[tuple[str, str], frozenset[str]]:
    """(lemma, part of speech) -> the claim types the word names as a trigger: a verb's
    from the verb lexicon, a noun's (or proper noun's) from the noun and theme lexicons."""
    lex = load_lexicon()
    out: dict[tuple[str, str], frozenset[str]] = {}
    for lemma, triggers in lex.verbs.items():
        found = frozenset(t.claim_type for t in triggers)
        if found:
            out[lemma, "VERB"] = found
    for lemma in {*lex.nouns, *lex.themes}:
        found = frozenset(table[lemma] for table in (lex.nouns, lex.themes) if lemma in table)
        out[lemma, "NOUN"] = out[lemma, "PROPN"] = found
    return out


def implied_pairs(sm: SentenceMentions, here: Sequence[Claim],
                  before: Sequence[Sequence[Claim]]) -> list[ImpliedPair]:
    """Every candidate of the sentence with its features (training reads them too)."""
    sent = sm.sent
    a = arrays(sent.doc)
    lemmas = a.lemma[sent.start:sent.end]
    types = sentence_trigger_types(sent) & set(PAIR_TYPES)
    actors = [m for m in sm.mentions if not m.is_item]
    if not types or not actors or not before:
        return []
    named = {m.entity.id for m in actors}
    triggers = _triggers(sm, types, a)
    types = {t for t in types if triggers[t]}
    denial = not _denial_words().isdisjoint(lemmas)
    # a type the sentence already gives the named actor, in the same role, has its other
    # party in the sentence ("Iran has armed the Houthis" after "Iran arms Hezbollah")
    filled = {(c.type, True, c.subject.id) for c in here} | {
        (c.type, False, c.object.id) for c in here if c.object is not None}
    out: list[ImpliedPair] = []
    seen: set[tuple[str, bool, str, str]] = set()
    by_type = _type_counterparts(before, types)
    for m in actors:
        counterparts = _counterparts(m.entity.id, named, before)
        # ("Prague has supplied dozens of the systems": Prague's first claim; the report
        # armed Ukraine before)
        borrowed = {} if m.demonym else _borrowed(m.entity.id, named, counterparts, by_type)
        if not counterparts and not borrowed:
            continue
        head = mention_head(m, sm.tokens).i
        above = set(ancestor_indexes(head, a.head)[1:_ANCESTORS + 1])
        per_role = Counter(is_subject for is_subject, _ in counterparts)
        sources = [(k, stated, sorted(types), "party") for k, stated in counterparts.items()]
        sources += [(k, stated, [ctype], "type") for (ctype, k), stated in borrowed.items()]
        for (is_subject, other_id), stated, ctypes, source in sources:
            gap, _, other = stated[-1]
            earlier_types = sorted({c.type for _, c, _ in stated})
            role = "s" if is_subject else "o"
            for ctype in ctypes:
                key = (ctype, is_subject, m.entity.id, other_id)
                symmetric = ONTOLOGY.is_symmetric(ctype)
                if key in seen or (ctype, is_subject, m.entity.id) in filled or (
                        symmetric and (ctype, not is_subject, m.entity.id) in filled):
                    continue
                seen.add(key)
                first = triggers[ctype][0]
                kids = {a.dep[k] for k in a.children[first]}
                under = any(t in above for t in triggers[ctype])
                direct = a.head[head] in triggers[ctype]
                features = (
                    f"T={ctype}", f"role={role}", f"T|role={ctype}|{role}",
                    f"dep={a.dep[head]}|{role}", f"under={under}",
                    f"under|role={under}|{role}|{a.dep[head]}", f"tpos={a.pos[first]}",
                    f"tlem={a.lemma[first]}|{role}", f"nc={min(per_role[is_subject], 3)}",
                    f"gap={min(gap, 4)}", f"kinds={m.entity.kind}|{other.kind}|{role}",
                    f"others={min(len(named) - 1, 2)}", f"here={min(len(here), 2)}",
                    f"inhist={ctype in earlier_types}", f"nhist={min(len(stated), 3)}",
                    f"tagent={'agent' in kids}", f"tdobj={'dobj' in kids}|{role}",
                    f"tdative={'dative' in kids}|{role}", f"tprep={'prep' in kids}|{role}",
                    f"direct={direct}|{a.dep[head]}|{role}", f"deny={denial}|{role}",
                    f"first={actors[0] is m}", f"path={_path(head, first, a)}|{role}",
                    f"tobj={_object_slot(first, sm, a)}|{ctype}",
                    f"src={source}", f"src|T={source}|{ctype}", f"src|role={source}|{role}",
                    f"src|tobj={source}|{_object_slot(first, sm, a)}|{role}",
                    f"tsubj={_subject_slot(first, sm, a)}|{role}",
                    *(f"ht={t}" for t in earlier_types),
                    *(f"ht|T={t}|{ctype}" for t in earlier_types))
                out.append(ImpliedPair(ctype, m, other, is_subject, first, features))
    return out


@echo_rule("implied_party")
def implied_party(document: Document, item: AnalysedSentence, here: Sequence[Claim],
                  before: Sequence[Sequence[Claim]]) -> Iterator[Claim]:
    """"Havana responded by sending reinforcements": a relation the report stated before,
    stated again with one party left to the reader, when the classifier is sure enough."""
    model = load_implied_model()
    if model is None:
        return
    pairs = implied_pairs(item.sm, here, before)
    if not pairs:
        return
    done = {pair_key(c.type, c.subject, c.object) for c in here}
    tokens = arrays(item.sent.doc).tokens
    for pair, found in zip(pairs, model.accepted_probabilities([list(p.features)
                                                                for p in pairs]), strict=True):
        if IMPLIED not in found:
            continue
        candidate = Candidate(pair.ctype, pair.subject, pair.object, tokens[pair.trigger])
        claim = item.claim_for(document, candidate)
        if claim is None:
            continue
        key = pair_key(claim.type, claim.subject, claim.object)
        if key not in done:
            done.add(key)
            yield claim
