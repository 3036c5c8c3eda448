"""The shortcuts of the extractor's fast paths give what the slow reads give: the per-chunk
token arrays equal spaCy's Token attributes, and the cheap pre-tests never rule out a text
or a token the full test would accept."""

from __future__ import annotations

import pytest

from proxygraph.extract import timex
from proxygraph.extract.arguments import SentenceMentions
from proxygraph.extract.arrays import arrays
from proxygraph.extract.epithets import Epithets, _label_candidates
from proxygraph.extract.mentions import find_mentions
from proxygraph.extract.nlp import doc_text, parse
from proxygraph.extract.view import SentenceView

TEXT = (
    "Iran-backed militias, the pro-Iranian Kata'ib Hezbollah among them, fired drones at "
    "U.S. bases in Syria on Jan. 28, 2024, officials said.\n\n"
    "Russia's military, a key backer of Haftar's forces, has armed and trained the "
    "Wagner Group's successors since the early 2000s \u2014 and Tehran's proxies Hamas and "
    "the Houthis rely on Iran for weapons."
)


def _docs() -> list:
    return [doc for _, doc in parse(TEXT)]


def test_arrays_equal_token_attributes() -> None:
    for doc in _docs():
        a = arrays(doc)
        assert a is arrays(doc)  # built once per Doc
        for tok in doc:
            i = tok.i
            assert (a.text[i], a.lower[i], a.lemma[i], a.dep[i], a.tag[i], a.pos[i]) == (
                tok.text, tok.lower_, tok.lemma_.lower(), tok.dep_, tok.tag_, tok.pos_)
            assert (a.idx[i], a.is_punct[i], a.is_space[i], a.is_alpha[i], a.whitespace[i]) == (
                tok.idx, tok.is_punct, tok.is_space, tok.is_alpha, tok.whitespace_)
            assert a.head[i] == tok.head.i
            assert a.children[i] == [c.i for c in tok.children]
            assert a.tokens[i] == tok
        assert [(e.start, e.end, e.label_) for e in a.ents] == [
            (e.start, e.end, e.label_) for e in doc.ents]
        assert doc_text(doc) == doc.text  # the text kept from parsing


def test_epithet_trigger_tokens_hold_every_firing_token() -> None:
    fired = 0
    for doc in _docs():
        mentions = find_mentions(doc)
        for sent in doc.sents:
            view = SentenceView(SentenceMentions(sent, [m for m in mentions
                                                        if sent.start <= m.start < sent.end]))
            wanted = Epithets().trigger_tokens(view)
            for tok in sent:
                if list(_label_candidates(view, tok)):
                    fired += 1
                    assert tok.i in wanted, tok.text
    assert fired  # the text has epithets ("Iran-backed", "pro-Iranian", "proxies")


@pytest.mark.parametrize("text", [
    "", "no date here", "in 2024", "last Year", "SUMMER", "the ſpring", "Dec.", "decade",
    "three weeks after", "a centurY ago", "the second half", "x" * 50, "\u00e9t\u00e9 2023",
    "Quarterly", "ſeaſon", "MONTHS", "ﬁve days",
])
def test_time_pretest_agrees_with_the_expression(text: str) -> None:
    assert timex._maybe_time(text) == (timex._MAYBE_TIME.search(text) is not None)
    for words, pattern in ((timex._OFFSET_WORDS, timex._HAS_OFFSET),
                           (timex._SEASON_WORDS, timex._HAS_SEASON),
                           (timex._MONTH_WORDS, timex._HAS_MONTH),
                           (("year",), timex._HAS_YEAR_WORD)):
        assert timex._has(text, words, pattern) == (pattern.search(text) is not None)


def test_skipped_patterns_cannot_match_without_their_words() -> None:
    # each pattern the pre-test may skip matches only texts holding one of its words
    samples = ["2024-03-05", "March 3-5, 2024", "3 - 5 May 2024", "spring 2023", "mid-2022",
               "the end of 2021", "Q3 2020", "the 1990s", "the 2000's", "early 2010S"]
    for pattern, words in timex._NEEDS_ONE_OF.items():
        for text in samples:
            if pattern.search(text):
                assert any(w in text.lower() for w in words), (pattern.pattern[:30], text)


def test_threads_extract_what_one_thread_does() -> None:
    # the arrays of recent Docs are kept per thread (the web app extracts in threads)
    from concurrent.futures import ThreadPoolExecutor

    from proxygraph.extract import extract_text

    expected = [c.to_dict() for c in extract_text(TEXT)]
    assert expected
    with ThreadPoolExecutor(4) as pool:
        runs = list(pool.map(lambda _: [c.to_dict() for c in extract_text(TEXT)], range(8)))
    assert all(run == expected for run in runs)
