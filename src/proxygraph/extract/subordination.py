"""Subordination rules: one force placed under another (INTEGRATION, guide 4).

- "X, a new formation under the direct control of Y" / "X operates under the command of Y";
- "X reports directly to Y" / "X answers to Y".

A mixin of SentenceRules, which supplies `actors`, `subjects` and `_pairs`.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from proxygraph.extract.candidates import Candidate, RuleBase, kids, prep_objects
from proxygraph.model import Entity

# Forces that can be subordinated, and the bodies they can be subordinated to.
_FORCE_KINDS = ("armed_group", "state_organ", "pmc")
_COMMAND_KINDS = ("state", "state_organ", "armed_group", "pmc")


class SubordinationRules(RuleBase):
    def _subordinated(self, absorbed: list[Entity], commanders: list[Entity],
                      trigger: Token) -> Iterator[Candidate]:
        absorbed = [e for e in absorbed if e.kind in _FORCE_KINDS]
        commanders = [e for e in commanders if e.kind in _COMMAND_KINDS]
        yield from self._pairs("INTEGRATION", absorbed, commanders, trigger, [], False)

    def under_command(self, noun: Token) -> Iterator[Candidate]:
        """'under the (direct) control/command of Y' hung on a force or on its verb."""
        if noun.lemma_.lower() not in self.lex.command_nouns or noun.dep_ != "pobj":
            return
        prep = noun.head
        if prep.lower_ != "under":
            return
        commanders = self.actors(kids(noun, "poss") + prep_objects(noun, {"of"}))
        if not commanders:
            return
        host = prep.head
        if host.pos_ in ("NOUN", "PROPN"):
            absorbed = self.actors([host])  # "X, a new formation under the control of Y"
        elif host.pos_ == "VERB" and host.lemma_.lower() not in self.lex.verbs:
            absorbed = self.subjects(host)  # "X operates under the command of Y"
        else:
            return  # "placed under": the INTEGRATION verb rule has it
        yield from self._subordinated(absorbed, commanders, noun)

    def reports_to(self, verb: Token) -> Iterator[Candidate]:
        """'X reports directly to Y': a chain of command, not a news report."""
        if verb.lemma_.lower() not in self.lex.subordination_verbs or kids(
                verb, "ccomp", "dobj", "xcomp"):
            return
        if verb.tag_ not in ("VBZ", "VBP") or prep_objects(verb, {"on", "about", "that"}):
            return  # a standing chain of command; "reported to Iran on the talks" informs
        commanders = self.actors(prep_objects(verb, {"to"}))
        if commanders:
            yield from self._subordinated(self.subjects(verb), commanders, verb)
