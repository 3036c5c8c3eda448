"""Ground taken from a side: "the M23 took Goma from the FARDC", "Iraqi federal forces
took control of Sinjar from the Peshmerga", "the army regained the town from the rebels".

Taking a place from someone is fighting them (CLASH, taker -> the side it was taken
from). The capture verbs of the lexicon ("retook", "wrested") say so on their own
(verbs.py); "take", "seize", "regain" do only with a place taken and a side it is taken
from: "seized a shipment from a dhow" or "took Hezbollah fighters to Syria" fight no one.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from proxygraph.extract.candidates import Candidate, kids, prep_objects
from proxygraph.extract.families import rule_family
from proxygraph.extract.view import SentenceView
from proxygraph.extract.wordsets import WORDS

_PLACE_ENTITIES = ("GPE", "LOC", "FAC")


@rule_family("territory", roles=("verb",))
class Territory:
    """A place taken from a side: the taker fought it."""

    def candidates(self, v: SentenceView, tok: Token | None) -> Iterator[Candidate]:
        if tok is None or v.arrays.lemma[tok.i] not in WORDS.taking_verbs:
            return
        if any(c.lower_ == "over" for c in kids(tok, "prt")) and not kids(tok, "dobj"):
            return  # "MINUSCA took over from MISCA": one mission replaced the other
        taken = _taken(tok)
        places = [t for t in taken if _is_place(v, t) or _controlled(v, t)]
        if not places:
            return
        # "from" on the verb, or where the parser hangs it, on the place ("took Goma from
        # the FARDC")
        losers = v.actors(prep_objects(tok, {"from"}) + [
            o for t in taken for o in prep_objects(t, {"from"})])
        if not losers:
            return
        if tok.dep_ == "acl" or kids(tok, "nsubjpass"):
            # "Sinjar, taken from the Peshmerga by Iraqi forces in 2017"
            takers = v.actors([o for a in kids(tok, "agent") for o in kids(a, "pobj")])
        else:
            takers = v.subjects(tok)
        takers = [t for t in takers if all(t.id != x.id for x in losers)]
        yield from v.pairs("CLASH", takers, losers, tok, [], False)

    def trigger_tokens(self, v: SentenceView) -> list[int]:
        a, start, end = v.arrays, v.sm.sent.start, v.sm.sent.end
        if "from" not in a.lemma[start:end]:
            return []
        return [i for i in range(start, end) if a.lemma[i] in WORDS.taking_verbs]


def _taken(verb: Token) -> list[Token]:
    """What was taken: the object, what "control of" names, or the passive subject."""
    found = kids(verb, "dobj") + kids(verb, "nsubjpass")
    if verb.dep_ == "acl":
        found.append(verb.head)
    out = []
    for t in found:
        out.append(t)
        if t.lemma_.lower() in WORDS.control_nouns:  # "took control of Sinjar"
            out += _of_objects(t)
    return out


def _controlled(v: SentenceView, tok: Token) -> bool:
    """"control of Sinjar": control of something no actor names is control of ground."""
    if tok.lemma_.lower() not in WORDS.control_nouns:
        return False
    return any((m := v.sm.at(o)) is None or m.entity.kind in ("place", "state")
               for o in _of_objects(tok))


def _of_objects(tok: Token) -> list[Token]:
    """What a noun's "of" names: Sinjar in "control of Sinjar"."""
    return [o for p in kids(tok, "prep") if p.lower_ == "of" for o in kids(p, "pobj")]


def _is_place(v: SentenceView, tok: Token) -> bool:
    """A named place, or a word for a town, an area or a military site."""
    lemma = tok.lemma_.lower()
    if lemma in WORDS.controlled_place_nouns or lemma in WORDS.military_site_nouns or (
            lemma in WORDS.taken_place_nouns):
        return True
    m = v.sm.at(tok)
    if m is not None:
        # a registered place, or a state taken ("took Kuwait from ..."); a group is no place
        return m.entity.kind in ("place", "state")
    # a name the registry does not know as an actor (the small model tags "Goma" a person
    # and "Sinjar" an organisation): taken from a side, it is ground
    word = tok.text.replace("-", "").replace("'", "")
    if not (tok.text[:1].isupper() and word.isalpha()):
        return False  # ("2014</ref>", markup the parser took for a name)
    return tok.ent_type_ in _PLACE_ENTITIES or (tok.pos_ == "PROPN" and tok.ent_type_ != "NORP")
