"""What a plural description names: "the two countries", "all three juntas", "these
groups", "either side" of the report's war, and "they" after conjoined actors.

`pair_references` maps the head word of each such description to the actors it stands for
(guide 17: a description of named actors is those actors); the rule families read a
phrase headed there as those actors (`view.SentenceView.actors`).
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from proxygraph.extract.anaphora import ACTOR_KINDS, DocumentContext, named_actors
from proxygraph.extract.arguments import is_pronoun
from proxygraph.extract.arrays import arrays
from proxygraph.extract.mentions import Mention
from proxygraph.extract.wordsets import WORDS
from proxygraph.model import Entity


def pair_references(sent: Span, mentions: list[Mention], ctx: DocumentContext
                     ) -> dict[int, tuple[Entity, ...]]:
    """'The two countries', 'both leaders', 'the three juntas', 'these groups': the actors
    of that kind named just before, in this sentence or the last, as many as the
    description counts (guide 17: a description of named actors is those actors); and a
    plural pronoun whose antecedent is one of conjoined actors (`_conjoined_antecedents`)."""
    out = _conjoined_antecedents(sent, mentions)
    a = arrays(sent.doc)
    lemmas = a.lemma
    if WORDS.pair_nouns.keys().isdisjoint(lemmas[sent.start:sent.end]):
        return out  # (most sentences: one set test in C)
    for i in range(sent.start, sent.end):
        kinds = WORDS.pair_nouns.get(lemmas[i])
        if kinds is None:
            continue
        tok = a.tokens[i]
        either = _names_either_side(tok)
        if tok.tag_ != "NNS" and not either:
            continue
        size = 2 if either else _reference_size(tok)
        if size == 0:
            continue
        doers = _doers_of(tok)
        here = named_actors([m for m in mentions if m.end <= tok.i
                              and not doers.intersection(range(m.start, m.end))],
                             sent, kinds)
        doing = {m.entity.id for m in mentions if doers.intersection(range(m.start, m.end))}
        before = [] if here else [e for e in ctx.last_actors if e.kind in kinds]
        if either:
            # "Zakharova said Russia does not send arms to either side": the doer's own
            # ministry and spokeswoman are no side
            here = [e for e in here if e.id not in doing and e.affiliation not in doing]
        for named in (here, before):
            if len(named) == size or (size < 0 and len(named) >= 2):
                out[tok.i] = tuple(named)
        if tok.i not in out and size == _SAME_HEAD and tok.lower_ in ctx.collectives:
            # "Iran armed Iraqi militias ... the militias": the collective so named
            out[tok.i] = (ctx.collectives[tok.lower_],)
        if tok.i not in out and not here and size >= 2:
            # the last sentences together, when they name exactly as many
            recent = list({e.id: e for sent_actors in ctx.earlier_actors
                           for e in sent_actors if e.kind in kinds}.values())
            if len(recent) == size:
                out[tok.i] = tuple(recent)
        if tok.i not in out and either:
            # only a named third party's act ("Iran denied arming either side"): in
            # "neither side confirmed the meeting" the sides may be any two just named
            sides = ctx.belligerents(but=doing) if doing else ()
            if sides:
                out[tok.i] = sides
        of = tok.head
        if tok.i in out and of.lower_ == "of" and of.head.lower_ in WORDS.war_side_heads:
            out[of.head.i] = out[tok.i]  # "either of the warring parties": the phrase's head
    return out


def _names_either_side(tok: Token) -> bool:
    """ "Either side", "neither party", "both sides", "the warring parties": the two sides
    of a war, named or not in the sentences just before."""
    if tok.lemma_.lower() not in WORDS.war_side_nouns:
        return False
    return any(c.lower_ in WORDS.war_side_determiners for c in tok.children
               if c.dep_ in ("det", "predet", "amod", "preconj"))


def _conjoined_antecedents(sent: Span, mentions: list[Mention]) -> dict[int, tuple[Entity, ...]]:
    """"Saudi Arabia and the UAE denied that they had shared data": the pronoun resolved to
    the first of conjoined actors of this sentence stands for all of them."""
    out: dict[int, tuple[Entity, ...]] = {}
    doc = sent.doc
    if not any(doc[m.start].lower_ in ("they", "them") for m in mentions if m.end == m.start + 1):
        return out
    at = {i: m for m in mentions for i in range(m.start, m.end)}
    for m in mentions:
        if m.end != m.start + 1 or doc[m.start].lower_ not in ("they", "them"):
            continue
        antecedent = next((x for x in mentions if x.end <= m.start and x.entity.id == m.entity.id
                           and not is_pronoun(doc[x.start])), None)
        if antecedent is None:
            continue
        group = [antecedent.entity]
        for c in doc[antecedent.end - 1].conjuncts:
            other = at.get(c.i)
            if (other is not None and not other.is_item and not other.demonym
                    and other.entity.kind in ACTOR_KINDS
                    and all(e.id != other.entity.id for e in group)):
                group.append(other.entity)
        if len(group) > 1:
            out[m.start] = tuple(group)
    return out


_COUNTS = {"two": 2, "both": 2, "three": 3, "four": 4, "five": 5}


def _doers_of(tok: Token) -> set[int]:
    """The tokens of the subject of the verb a description hangs on: "U.S. envoy Amos
    Hochstein urged both sides" names no side in its subject."""
    verb = tok
    for _ in range(5):  # ("supplied arms to any of the warring parties": five steps up)
        if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
            break
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX"):
        return set()
    for _ in range(4):  # "Russia is likely to keep supplying both sides": the controller's
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects or verb.dep_ not in ("xcomp", "conj", "acomp") or verb.head.i == verb.i:
            break
        verb = verb.head
    return {t.i for c in subjects for t in c.subtree}


def _reference_size(tok: Token) -> int:
    """How many actors a plural description names: 2 for "the two countries", 3 for "the
    three juntas", -1 (two or more) for "these groups", `_SAME_HEAD` (two or more, or the
    collective named with that word) for "the militias"; 0 when it names none."""
    for c in tok.children:
        if c.dep_ in ("nummod", "det", "predet") and c.lower_ in _COUNTS:
            return _COUNTS[c.lower_]
        if c.dep_ == "det" and c.lower_ in ("these", "those"):
            return -1
    if (tok.lemma_.lower() in WORDS.plural_group_nouns
            and [(c.dep_, c.lower_) for c in tok.children] == [("det", "the")]):
        return _SAME_HEAD  # "the militias": the groups just named, or one named so
    return 0


# "the factions", "the militias" with no other word: two or more groups just named, or the
# one collective named with that word ("Iraqi militias")
_SAME_HEAD = -2
