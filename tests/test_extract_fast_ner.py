"""The batched entity recognizer gives exactly the stock recognizer's entities, and refuses
what it cannot promise to reproduce (then load_nlp keeps the stock recognizer)."""

from __future__ import annotations

import numpy as np
import pytest
import spacy
from spacy.attrs import ENT_ID, ENT_KB_ID
from spacy.language import Language
from spacy.tokens import Doc, Span

from proxygraph.extract import fast_ner
from proxygraph.extract.fast_attributes import ANNOTATIONS
from proxygraph.extract.fast_ner import (
    FACTORY,
    STOCK_NAME,
    FastEntityRecognizer,
    Moves,
    UnsupportedRecognizer,
    check_recognizer,
    move_names,
    use_fast_ner,
)
from proxygraph.extract.nlp import MODEL_NAME, load_nlp

# Own text touching the decoder's cases: long multi-token names (with few continuations
# scored ahead, longer than those), names at a text's end and start, one-token texts,
# whitespace tokens (no entity starts on one), sentence breaks right after a name, dates,
# money, numbers.
TEXTS = [
    "The Islamic Revolutionary Guard Corps Quds Force and the Kata'ib Hezbollah militia "
    "met in Baghdad on 3 January 2020.",
    "Iran",
    "",
    "   ",
    "The Democratic Forces for the Liberation of Rwanda and the National Coalition of "
    "Syrian Revolution and Opposition Forces signed the Treaty of Friendship, Cooperation "
    "and Mutual Assistance between the Russian Federation and the Democratic People's "
    "Republic of Korea in Pyongyang.",
    "Officials in Kyiv blamed Tehran.  \n  Moscow paid $1.2 billion for 6,000 Shahed-136 "
    "drones, Reuters reported on Tuesday.",
    "UNITED NATIONS -- The Security Council met. Wagner Group fighters left Mali.",
    "He said: Vladimir Putin. Xi Jinping. Kim Jong Un met at the Kremlin at 10 a.m.",
    "Saudi Arabia and the United Arab Emirates backed the Presidential Leadership Council",
]
_COMPARED = [*ANNOTATIONS, ENT_KB_ID, ENT_ID]


@pytest.fixture(scope="module")
def pipelines() -> tuple[Language, Language]:
    return spacy.load(MODEL_NAME), load_nlp()


def _differing(a: Doc, b: Doc) -> int:
    assert [(e.start, e.end, e.label_) for e in a.ents] == [
        (e.start, e.end, e.label_) for e in b.ents
    ]
    return int((a.to_array(_COMPARED) != b.to_array(_COMPARED)).any(axis=1).sum())


def test_load_nlp_uses_the_fast_recognizer_under_the_stock_name(
    pipelines: tuple[Language, Language],
) -> None:
    stock, fast = pipelines
    assert fast.pipe_names == stock.pipe_names
    assert stock.get_pipe_meta(STOCK_NAME).factory == "ner"
    assert fast.get_pipe_meta(STOCK_NAME).factory == FACTORY


@pytest.mark.parametrize("ahead", [fast_ner._AHEAD, 2])
def test_same_annotations_as_the_stock_pipeline(
    pipelines: tuple[Language, Language], ahead: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(fast_ner, "_AHEAD", ahead)
    stock, fast = pipelines
    tokens = entities = differing = 0
    for a, b in zip(stock.pipe(TEXTS), fast.pipe(TEXTS, batch_size=4), strict=True):
        tokens += len(a)
        entities += len(a.ents)
        differing += _differing(a, b)
    for text in TEXTS:
        a, b = stock(text), fast(text)
        differing += _differing(a, b)
    assert tokens > 120 and entities >= 30
    assert differing == 0
    longest = max(len(e) for e in fast(TEXTS[4]).ents)
    assert longest == 9 and longest > 2 + 1  # followed past what was scored ahead (at 2)


def test_scores_of_a_state_do_not_depend_on_the_rows_beside_it(
    pipelines: tuple[Language, Language],
) -> None:
    ner = pipelines[0].get_pipe(STOCK_NAME)
    docs = list(pipelines[0].pipe(TEXTS[:2] + TEXTS[4:], disable=["ner"]))
    step = ner.model.predict(docs)
    scorer = fast_ner._Scorer(step, Moves.read(move_names(ner)), np.ones(1, bool))
    n = sum(len(doc) for doc in docs)
    ids = np.full((n, 3), -1, np.int32)
    ids[:, 0] = np.arange(n)
    ids[5:, 1], ids[5:, 2] = 3, ids[5:, 0] - 1
    together = scorer.scores(ids)
    apart = np.concatenate([scorer.scores(ids[i : i + 1]) for i in range(n)])
    step.clear_memory()
    assert together is not None
    assert together.tobytes() == apart.tobytes()


def test_preset_entities_go_to_the_stock_recognizer(pipelines: tuple[Language, Language]) -> None:
    stock_nlp, fast_nlp = pipelines
    stock, fast = stock_nlp.get_pipe(STOCK_NAME), fast_nlp.get_pipe(STOCK_NAME)
    text = "Hezbollah fighters trained in Iran with the Quds Force in 2019."
    a = stock_nlp(text, disable=["ner"])
    b = fast_nlp(text, disable=["ner"])
    for doc in (a, b):
        doc.set_ents([Span(doc, 0, 1, label="ORG")], default="unmodified")
    stock(a)
    fast(b)
    assert _differing(a, b) == 0
    assert a.ents[0].text == "Hezbollah"


def test_refuses_what_it_cannot_reproduce(pipelines: tuple[Language, Language]) -> None:
    with pytest.raises(UnsupportedRecognizer):
        check_recognizer(pipelines[0].get_pipe("parser"))
    nlp = spacy.load(MODEL_NAME, exclude=["tagger", "parser", "lemmatizer"])
    nlp.get_pipe(STOCK_NAME).cfg["beam_width"] = 4
    with pytest.raises(UnsupportedRecognizer, match="beam"):
        check_recognizer(nlp.get_pipe(STOCK_NAME))
    assert not use_fast_ner(nlp)
    assert nlp.get_pipe_meta(STOCK_NAME).factory == "ner"
    with pytest.raises(UnsupportedRecognizer):
        Moves.read(["B-ORG", "I-ORG", "X-ORG", "O"])
    with pytest.raises(UnsupportedRecognizer):
        Moves.read(["B-ORG", "L-ORG", "U-ORG", "O"])  # no I move
    with pytest.raises(ValueError, match="set_stock"):
        FastEntityRecognizer(nlp.vocab)(nlp.make_doc("Iran"))
