"""A family's `trigger_tokens` (the rule runner asks the family only about those tokens)
never leaves out a token the family fires on, and names none in a sentence without its
words."""

from __future__ import annotations

import pytest

from proxygraph.extract.arguments import SentenceMentions
from proxygraph.extract.families import active_components
from proxygraph.extract.mentions import find_mentions
from proxygraph.extract.nlp import parse
from proxygraph.extract.view import SentenceView

TEXT = (
    "Iranian weapons reached the Houthis through Oman. "
    "Hamas relies on Iran for weapons and money. "
    "Rockets from Iran destined for Hezbollah were seized. "
    "The Wagner units report directly to the Russian Defence Ministry. "
    "The Africa Corps, a new formation under the command of the Russian Defence Ministry, "
    "arrived in Mali. "
    "Two Hezbollah fighters were killed in an Israeli strike. "
    "Iran's support for Hamas grew, and the PMF became brigades of the Iraqi army. "
    "Hamas thanked Iran for its support. "
    "Turkey said the SDF must disarm. "
    "Hamas receives its instructions from Iran. "
    "Ethiopia has about 3,000 troops in Somalia. "
    "Only Russian instructors are present in Mali. "
    "The M23 took Goma from the FARDC in January. "
    "The weather was calm on Tuesday."
)
QUIET = "The weather was calm on Tuesday."


def _views() -> list[SentenceView]:
    views = []
    for _, doc in parse(TEXT):
        mentions = find_mentions(doc)
        for sent in doc.sents:
            views.append(SentenceView(SentenceMentions(
                sent, [m for m in mentions if sent.start <= m.start < sent.end])))
    return views


_FAMILIES = [f for f in active_components().families if hasattr(f, "trigger_tokens")]


@pytest.mark.parametrize("family", _FAMILIES, ids=lambda f: f.name)
def test_trigger_tokens_hold_every_firing_token(family: object) -> None:
    fired = 0
    for view in _views():
        wanted = family.trigger_tokens(view)  # type: ignore[attr-defined]
        for tok in view.sm.tokens:
            if list(family.candidates(view, tok)):  # type: ignore[attr-defined]
                fired += 1
                assert tok.i in wanted, (family.name, tok.text)  # type: ignore[attr-defined]
        if view.sm.sent.text.strip() == QUIET:
            assert not list(wanted)
    if family.name != "epithets":  # (the epithets' text is in test_extract_arrays.py)
        assert fired, family.name  # type: ignore[attr-defined]
