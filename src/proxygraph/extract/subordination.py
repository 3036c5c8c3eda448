"""Subordination rules: one force placed under another (INTEGRATION, guide 4).

- "X, a new formation under the direct control of Y" / "X operates under the command of Y";
- "X reports directly to Y" / "X answers to Y";
- "X, a formation under Y" / "X, a force answering to Y".
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from spacy.tokens import Token

from proxygraph.extract.candidates import Candidate, kids, prep_objects
from proxygraph.extract.families import rule_family
from proxygraph.extract.wordsets import WORDS
from proxygraph.model import Entity

if TYPE_CHECKING:
    from proxygraph.extract.view import SentenceView

# Entity kinds (the ontology's, not vocabulary): forces that can be subordinated, and the
# bodies they can be subordinated to.
_FORCE_KINDS = ("armed_group", "state_organ", "pmc")
_COMMAND_KINDS = ("state", "state_organ", "armed_group", "pmc")


@rule_family("subordination", roles=("verb", "noun"))
class Subordination:
    """A chain of command: "reports to X" (verbs), "under the command of X" (nouns)."""

    def candidates(self, v: SentenceView, tok: Token | None) -> Iterator[Candidate]:
        if tok is None:
            return
        # (asked of every verb and noun: the trigger word is read from the arrays first)
        lemma = v.arrays.lemma[tok.i]
        if v.is_verb(tok):
            if lemma in v.lex.subordination_verbs:
                yield from _reports_to(v, tok)
        elif lemma in v.lex.command_nouns:
            yield from _under_command(v, tok)
        elif lemma in WORDS.subordinate_body_nouns and tok.dep_ == "appos":
            yield from _body_under(v, tok)

    def trigger_tokens(self, v: SentenceView) -> range | tuple[()]:
        """Every token of a sentence that holds one of the family's trigger words, else
        none (most sentences, told by set tests on the sentence's words)."""
        a, start, end = v.arrays, v.sm.sent.start, v.sm.sent.end
        words = a.lemma[start:end]
        if (v.lex.subordination_verbs.isdisjoint(words)
                and v.lex.command_nouns.isdisjoint(words) and "under" not in words):
            return ()
        return range(start, end)


def _subordinated(v: SentenceView, absorbed: list[Entity], commanders: list[Entity],
                  trigger: Token) -> Iterator[Candidate]:
    absorbed = [e for e in absorbed if e.kind in _FORCE_KINDS]
    commanders = [e for e in commanders if e.kind in _COMMAND_KINDS]
    yield from v.pairs("INTEGRATION", absorbed, commanders, trigger, [], False)


def _under_command(v: SentenceView, noun: Token) -> Iterator[Candidate]:
    """'under the (direct) control/command of Y' hung on a force or on its verb."""
    if noun.lemma_.lower() not in v.lex.command_nouns or noun.dep_ != "pobj":
        return
    prep = noun.head
    if prep.lower_ != "under":
        return
    # "under the command of Y", "under Y's command", "under FARDC command"
    commanders = v.actors(kids(noun, "poss", "compound") + prep_objects(noun, {"of"}))
    if not commanders:
        return
    host = prep.head
    if host.pos_ in ("NOUN", "PROPN"):
        absorbed = v.actors([host])  # "X, a new formation under the control of Y"
    elif host.pos_ == "VERB" and not v.lex.verb_gives(host.lemma_.lower(), "INTEGRATION"):
        # "X operates under the command of Y", "fought under FARDC command"
        absorbed = v.subjects(host)
    else:
        return  # "placed under": the INTEGRATION verb rule has it
    yield from _subordinated(v, absorbed, commanders, noun)


def _body_under(v: SentenceView, body: Token) -> Iterator[Candidate]:
    """"The Africa Corps, a formation under the Russian Ministry of Defence": the force the
    apposition describes is placed under the body it names."""
    commanders = v.actors(prep_objects(body, {"under"}))
    if commanders:
        yield from _subordinated(v, v.actors([body.head]), commanders, body)


def _reports_to(v: SentenceView, verb: Token) -> Iterator[Candidate]:
    """'X reports directly to Y': a chain of command, not a news report; "X, a formation
    answering to Y"."""
    if verb.lemma_.lower() not in v.lex.subordination_verbs or kids(
            verb, "ccomp", "dobj", "xcomp"):
        return
    described = verb.tag_ == "VBG" and verb.dep_ == "acl" and verb.head.dep_ == "appos" and (
        verb.head.lemma_.lower() in WORDS.subordinate_body_nouns)
    if (verb.tag_ not in ("VBZ", "VBP") and not described) or prep_objects(
            verb, {"on", "about", "that"}):
        return  # a standing chain of command; "reported to Iran on the talks" informs
    commanders = v.actors(prep_objects(verb, {"to"}))
    # ("a formation answering to Y": the force the apposition describes)
    doers = v.actors([verb.head.head]) if described else v.subjects(verb)
    if commanders:
        yield from _subordinated(v, doers, commanders, verb)
