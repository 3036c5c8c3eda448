"""The rule stage: the enabled rule families (`components.yaml`) over one sentence, in
their declared order, and the learned layer wrapped as one more family.

Per token, in text order: a verb (or a word the parser mistook for one) gets the
candidates of the families that read verbs, computed first for every verb so that a noun
family can see what the verb governing it already said; any other noun that names no
mention gets the families that read nouns; then every token gets the families that read
every token. The sentence-level families run last and see all of that in `view.found`.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from proxygraph.extract.arguments import SentenceMentions
from proxygraph.extract.candidates import Candidate, pair_key
from proxygraph.extract.families import Components, active_components, rule_family
from proxygraph.extract.learned import learned_candidates
from proxygraph.extract.lexicon import Lexicon
from proxygraph.extract.view import SentenceView

__all__ = ["LearnedLayer", "sentence_candidates"]

_MAYBE_VERB = ("VERB", "NOUN", "ADJ")  # the parts of speech `SentenceView.is_verb` accepts


def sentence_candidates(
    sm: SentenceMentions, lex: Lexicon | None = None, components: Components | None = None
) -> list[Candidate]:
    """Every candidate claim the enabled families propose for one sentence, in order."""
    components = components or active_components()
    view = SentenceView(sm, lex)
    roles = components.roles
    verb_families, noun_families, token_families = roles["verb"], roles["noun"], roles["token"]
    tokens = sm.tokens
    pos, by_token = view.arrays.pos, sm.by_token
    # a family may name the only tokens it can fire on (`trigger_tokens`): most sentences
    # hold none of a family's words, and then it is not asked at all
    only = {f: f.trigger_tokens(view)
            for f in dict.fromkeys((*verb_families, *noun_families, *token_families))
            if hasattr(f, "trigger_tokens")}
    verbs_wanted = [(f, only.get(f)) for f in verb_families]
    nouns_wanted = [(f, only.get(f)) for f in noun_families]
    wanted = [(f, only.get(f)) for f in token_families]
    verb_claims: dict[int, list[Candidate]] = {}
    for i, tok in enumerate(tokens, start=sm.sent.start):
        if pos[i] in _MAYBE_VERB and view.is_verb(tok):  # (is_verb is False for the rest)
            verb_claims[i] = [c for f, fires in verbs_wanted if fires is None or i in fires
                              for c in _stamped(f.name, f.candidates(view, tok))]
    view.verb_claims = verb_claims
    found = view.found
    for i, tok in enumerate(tokens, start=sm.sent.start):
        claims = verb_claims.get(i)
        if claims is not None:
            found.extend(claims)
        elif pos[i] in ("NOUN", "PROPN") and i not in by_token:  # a possible noun trigger
            for family, fires in nouns_wanted:
                if fires is None or i in fires:
                    found.extend(_stamped(family.name, family.candidates(view, tok)))
        for family, fires in wanted:
            if fires is None or i in fires:
                found.extend(_stamped(family.name, family.candidates(view, tok)))
    for family in roles["sentence"]:
        found.extend(_stamped(family.name, family.candidates(view, None)))
    return found


def _stamped(family: str, candidates: Iterator[Candidate]) -> Iterator[Candidate]:
    """The candidates, each marked with the family that proposed it (kept on the claim, so
    an analyst sees which component said so); one a family passed on keeps its first mark."""
    for cand in candidates:
        if not cand.source:
            cand.source = family
        yield cand


@rule_family("learned", roles=("sentence",))
class LearnedLayer:
    """The relation classifier (learned.py) over actor pairs the rules left alone."""

    def candidates(self, view: SentenceView, tok: Token | None) -> Iterator[Candidate]:
        known = {pair_key(c.type, c.subject, c.object) for c in view.found}
        yield from learned_candidates(view.sm, known)
