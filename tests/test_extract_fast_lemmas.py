"""The cached lemmatizer gives exactly the stock lemmatizer's lemmas, and refuses what it
cannot promise to reproduce (then load_nlp keeps the stock lemmatizer)."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language
from spacy.lookups import Lookups
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc, Token

from proxygraph.extract import fast_lemmas
from proxygraph.extract.fast_attributes import differing_tokens
from proxygraph.extract.fast_lemmas import (
    FACTORY,
    STOCK_NAME,
    FastLemmatizer,
    UnsupportedLemmatizer,
    answering,
    check_lemmatizer,
    use_fast_lemmas,
)
from proxygraph.extract.nlp import MODEL_NAME, load_nlp

# Own text touching the English rule paths: plural and singular nouns (base form), proper
# nouns (kept as written), verb forms, comparatives, exceptions (went, mice, better),
# spaces, and forms the attribute ruler lemmatises first (be, gonna, 's), which a
# non-overwriting lemmatizer must leave alone.
TEXTS = [
    "The militias went north; their leaders were better armed than the Houthis.",
    "Iran's drones struck Kyiv twice.  Officials in Kyiv blamed Tehran's suppliers.",
    "Mice, geese and the children's toys: the cities' shelters held the refugees.",
    "We gonna see whether they're funding them, said the Ministry of Foreign Affairs.",
    "He fired the rockets, was firing them again, and fires more whenever told.",
    "The biggest, broadest and worst attacks came after the talks had failed.\n\nAgain.",
    "UNITED NATIONS -- The Security Council's resolutions, adopted in 2014, lapsed.",
    "Reports: Hezbollah's fighters trained Syrians; analysts' estimates vary widely.",
]


@pytest.fixture(scope="module")
def pipelines() -> tuple[Language, Language]:
    return spacy.load(MODEL_NAME), load_nlp()


def test_load_nlp_uses_the_fast_lemmatizer_under_the_stock_name(
        pipelines: tuple[Language, Language]) -> None:
    stock, fast = pipelines
    assert fast.pipe_names == stock.pipe_names
    assert stock.get_pipe_meta(STOCK_NAME).factory == "lemmatizer"
    assert fast.get_pipe_meta(STOCK_NAME).factory == FACTORY


def test_same_annotations_as_the_stock_pipeline(pipelines: tuple[Language, Language]) -> None:
    stock, fast = pipelines
    fast.get_pipe(STOCK_NAME).cache.clear()
    tokens = differing = 0
    # twice through nlp.pipe (cache cold, then warm), then one doc at a time
    for _ in range(2):
        for a, b in zip(stock.pipe(TEXTS), fast.pipe(TEXTS), strict=True):
            tokens += len(a)
            differing += differing_tokens(a, b)
    for text in TEXTS:
        a, b = stock(text), fast(text)
        tokens += len(a)
        differing += differing_tokens(a, b)
    assert tokens > 350
    assert differing == 0
    lemmas = [t.lemma_ for t in fast("The militias went north, gonna see the Houthis.")]
    assert lemmas[1:3] == ["militia", "go"]
    assert lemmas[5:7] == ["go", "to"]  # set by the attribute ruler, left alone
    assert lemmas[-2] == "Houthis"  # a proper noun keeps its case and its s


def _lookups() -> Lookups:
    lookups = Lookups()
    lookups.add_table("lemma_rules", {
        "noun": [["s", ""], ["ies", "y"], ["es", ""]],
        "verb": [["ed", ""], ["ed", "e"], ["ing", ""], ["s", ""]],
        "adj": [["er", ""], ["est", ""]],
    })
    lookups.add_table("lemma_index", {"noun": ["city", "drone", "box"],
                                      "verb": ["arm", "fire"], "adj": ["big"]})
    lookups.add_table("lemma_exc", {"verb": {"went": ["go"]}, "noun": {"mice": ["mouse"]},
                                    "adj": {"better": ["good"]}})
    lookups.add_table("lemma_lookup", {"went": "go", "Drones": "drone", "mice": ["mouse"]})
    return lookups


def _synthetic_docs(nlp: Language) -> list[Doc]:
    rows = [
        (["Drones", "fired", "at", "cities", "  ", "Boxes"],
         ["NOUN", "VERB", "ADP", "NOUN", "SPACE", "PROPN"],
         ["Number=Plur", "Tense=Past|VerbForm=Fin", "", "Number=Plur", "", "Number=Plur"],
         ["", "", "", "", "", ""]),
        (["mice", "went", "better", "fired", "firing", "armed", "zorbed"],
         ["NOUN", "VERB", "ADJ", "ADJ", "VERB", "VERB", "VERB"],
         ["Number=Plur", "Tense=Past|VerbForm=Fin", "Degree=Cmp", "Degree=Pos",
          "Aspect=Prog|Tense=Pres|VerbForm=Part", "Tense=Past|VerbForm=Part",
          "Tense=Past|VerbForm=Fin"],
         ["", "", "", "", "", "preset", ""]),
        (["fired", "Drones", "drone", "fires", "X1s"],
         ["VERB", "NOUN", "NOUN", "VERB", "NOUN"],
         ["VerbForm=Inf", "Number=Plur", "Number=Sing", "Tense=Pres|VerbForm=Fin",
          "Number=Plur"],
         ["", "", "", "", ""]),
    ]
    return [Doc(nlp.vocab, words=w, pos=p, morphs=m, lemmas=lem) for w, p, m, lem in rows]


@pytest.mark.parametrize("mode", ["rule", "lookup"])
@pytest.mark.parametrize("overwrite", [False, True])
def test_synthetic_tables_match_the_stock_lemmatizer(mode: str, overwrite: bool) -> None:
    nlp = spacy.blank("en")
    stock = nlp.add_pipe("lemmatizer", config={"mode": mode, "overwrite": overwrite})
    stock.initialize(lookups=_lookups())
    fast = FastLemmatizer(nlp.vocab)
    fast.set_stock(stock)
    expected = [stock(doc) for doc in _synthetic_docs(nlp)]
    for _ in range(2):  # cache cold, then warm
        got = list(fast.pipe(_synthetic_docs(nlp), batch_size=2))
        for a, b in zip(expected, got, strict=True):
            assert [t.lemma_ for t in a] == [t.lemma_ for t in b]
    lemmas = [t.lemma_ for t in got[1]]
    assert lemmas[5] == ("preset" if not overwrite else "arm" if mode == "rule" else "armed")
    if mode == "rule":
        assert [t.lemma_ for t in got[0]] == ["drone", "fire", "at", "city", "  ", "Boxes"]
        assert lemmas[:3] == ["mouse", "go", "good"]
        assert [t.lemma_ for t in got[2]][:2] == ["fired", "drone"]  # VerbForm=Inf: base


def test_inside_a_memory_zone_the_stock_lemmatizer_works_and_nothing_is_cached() -> None:
    nlp = spacy.blank("en")
    stock = nlp.add_pipe("lemmatizer", config={"mode": "rule"})
    stock.initialize(lookups=_lookups())
    fast = FastLemmatizer(nlp.vocab)
    fast.set_stock(stock)
    with nlp.memory_zone():
        got = [[t.lemma_ for t in fast(doc)] for doc in _synthetic_docs(nlp)]
        assert got == [[t.lemma_ for t in stock(doc)] for doc in _synthetic_docs(nlp)]
    assert fast.cache == {}
    assert got[1][:3] == ["mouse", "go", "good"]


class _OwnLemmatizer(Lemmatizer):
    def is_base_form(self, token: Token) -> bool:
        return token.is_title


def _rule_lemmatizer(lookups: Lookups | None = None) -> Lemmatizer:
    stock = Lemmatizer(spacy.blank("en").vocab, None, mode="rule")
    stock.lookups = lookups if lookups is not None else _lookups()
    return stock


def test_refuses_what_it_cannot_reproduce() -> None:
    vocab = spacy.blank("en").vocab
    check_lemmatizer(_rule_lemmatizer())  # the base class in rule mode: accepted
    with pytest.raises(UnsupportedLemmatizer, match="class _OwnLemmatizer"):
        check_lemmatizer(_OwnLemmatizer(vocab, None, mode="rule"))
    with pytest.raises(UnsupportedLemmatizer, match="class FrenchLemmatizer"):
        check_lemmatizer(spacy.blank("fr").add_pipe("lemmatizer", config={"mode": "rule"}))
    patched = _rule_lemmatizer()
    patched.is_base_form = lambda token: True  # type: ignore[method-assign]
    with pytest.raises(UnsupportedLemmatizer, match="overridden"):
        check_lemmatizer(patched)
    swapped = _rule_lemmatizer()
    swapped.lemmatize = swapped.lookup_lemmatize
    with pytest.raises(UnsupportedLemmatizer, match="overridden"):
        check_lemmatizer(swapped)
    with pytest.raises(UnsupportedLemmatizer, match="tables"):
        check_lemmatizer(_rule_lemmatizer(Lookups()))  # no lemma_rules
    with pytest.raises(UnsupportedLemmatizer, match="class object"):
        check_lemmatizer(object())


def test_a_refused_lemmatizer_stays(caplog: pytest.LogCaptureFixture) -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("lemmatizer", config={"mode": "rule"})  # never initialised: no tables
    assert use_fast_lemmas(nlp) is False
    assert nlp.get_pipe_meta(STOCK_NAME).factory == "lemmatizer"
    assert "keeping spaCy's lemmatizer" in caplog.text
    assert use_fast_lemmas(spacy.blank("en")) is False  # no lemmatizer at all
    accepted = spacy.blank("en")
    accepted.add_pipe("lemmatizer", config={"mode": "rule"}).initialize(lookups=_lookups())
    assert use_fast_lemmas(accepted) is True
    assert accepted.get_pipe_meta(STOCK_NAME).factory == FACTORY
    doc = accepted(Doc(accepted.vocab, words=["mice"], pos=["NOUN"], morphs=["Number=Plur"]))
    assert doc[0].lemma_ == "mouse"


def test_new_keys_are_answered_by_a_twin_with_index_sets(
        pipelines: tuple[Language, Language]) -> None:
    fast = pipelines[1].get_pipe(STOCK_NAME)
    # the installed spaCy's rule_lemmatize is the one read for the twin: else the stock
    # lemmatizer answers (still exact, ~0.2 ms a new key)
    assert fast.answers is not fast.stock
    index = fast.answers.lookups.get_table("lemma_index")
    stock_index = fast.stock.lookups.get_table("lemma_index")
    assert {k: frozenset(v) for k, v in stock_index.items()} == dict(index.items())
    assert all(isinstance(v, frozenset) for v in index.values())
    assert all(isinstance(v, list) for v in stock_index.values())  # the stock one untouched


def test_without_the_known_source_the_stock_lemmatizer_answers(
        monkeypatch: pytest.MonkeyPatch) -> None:
    rule = _rule_lemmatizer()
    assert answering(rule) is not rule
    lookup = Lemmatizer(rule.vocab, None, mode="lookup")
    lookup.lookups = _lookups()
    assert answering(lookup) is lookup  # lookup mode reads no index
    monkeypatch.setattr(fast_lemmas, "RULE_LEMMATIZE_SHA256", "0" * 64)
    assert answering(rule) is rule
