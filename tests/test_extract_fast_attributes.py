"""The fast attribute ruler gives exactly the stock ruler's annotations, and refuses what it
cannot reproduce (then load_nlp keeps the stock ruler)."""

from __future__ import annotations

from typing import Any

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from proxygraph.extract.fast_attributes import (
    FACTORY,
    STOCK_NAME,
    FastAttributeRuler,
    UnsupportedPattern,
    compile_patterns,
    differing_tokens,
    use_fast_attributes,
)
from proxygraph.extract.nlp import MODEL_NAME, load_nlp

# Own text touching the model's special patterns: be/have/do forms, negation, there is,
# pronoun case by dependency, determiners as pronouns, colloquial contractions, spaces.
TEXTS = [
    "There is no evidence that Iran armed them, but officials say it is likely.",
    "I think you're wrong: they've sent drones, and we'll see whether it helps.",
    "They gave it to me, and I gave you nothing; nothin' changed after that.",
    "Y'all gonna tell him? We gotta go. Let's wait, c'mon, it ain't over.",
    "He didn't fund the group.  He does, however, train them.\n\nThat was then.",
    "Those who did it were caught; this is what they do. Who's funding whom?",
    "Am I late? I'm not. Are you? You aren't, either. Is it true? It's not.",
    "The militia, which Russia funds, has had support since 2014 -- so did Hamas.",
    "Whether or not the drones arrived, Tehran has denied it.\n  Reports differ.",
    "If Moscow gets its way, the group got weapons and gets paid; but it won't.",
    "Do they have them? They do. Have they used them? They have, unless told.",
    "Each of these is armed; all were trained there, both say, while some left.",
    "- Hezbollah: funded by Iran since 1982.\n- Houthis: armed, trained; 'we'd deny it'.",
    "What did she say? That which was given is gone, whilst this one stays till May.",
    "It rained. It's been raining. You'd think it'd stop; I'd hoped so, tho it didn't.",
    "Neither side has admitted to that, yet both blame the other for it, as ever.",
    "Officials said on Monday that 3,000 fighters had crossed into Syria via Iraq.",
]


@pytest.fixture(scope="module")
def pipelines() -> tuple[Language, Language]:
    return spacy.load(MODEL_NAME), load_nlp()


def test_load_nlp_uses_the_fast_ruler_under_the_stock_name(
        pipelines: tuple[Language, Language]) -> None:
    stock, fast = pipelines
    assert fast.pipe_names == stock.pipe_names
    assert stock.get_pipe_meta(STOCK_NAME).factory == "attribute_ruler"
    assert fast.get_pipe_meta(STOCK_NAME).factory == FACTORY


def test_same_annotations_as_the_stock_pipeline(pipelines: tuple[Language, Language]) -> None:
    stock, fast = pipelines
    tokens = differing = 0
    # nlp.pipe batches them all (the fast ruler's batch path) and nlp() one by one
    for a, b in zip(stock.pipe(TEXTS), fast.pipe(TEXTS), strict=True):
        tokens += len(a)
        differing += differing_tokens(a, b)
    for text in TEXTS:
        a, b = stock(text), fast(text)
        tokens += len(a)
        differing += differing_tokens(a, b)
    assert tokens > 300
    assert differing == 0
    # the texts exercise what the ruler changes: lemmas and POS the tagger alone lacks
    doc = fast("We gonna say there is nothin' there, y all?")
    assert [t.lemma_ for t in doc][1:3] == ["go", "to"]  # "gon" "na": a two-token pattern
    assert (doc[5].pos_, doc[6].lemma_, doc[9].lemma_) == ("VERB", "nothing", "you")


# Patterns exercising every supported feature on a blank vocab: precedence of later groups,
# IN / NOT_IN / REGEX, IS_SPACE, multi-token patterns with positive and negative index.
SYNTHETIC: list[dict[str, Any]] = [
    {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN", "MORPH": "Number=Sing"}},
    {"patterns": [[{"TAG": "NN", "LOWER": {"IN": ["drone", "rocket"]}}]],
     "attrs": {"LEMMA": "weapon", "MORPH": "Number=Sing|Kind=Arm"}},
    {"patterns": [[{"LOWER": {"REGEX": "^dr"}, "DEP": {"NOT_IN": ["nsubj", ""]}}]],
     "attrs": {"POS": "PROPN"}},
    {"patterns": [[{"LOWER": "big"}, {"TAG": "NN"}]], "attrs": {"LEMMA": "large"},
     "index": 0},
    {"patterns": [[{"LOWER": "big"}, {"TAG": "NN"}]], "attrs": {"TAG": "NNX"}, "index": -1},
    {"patterns": [[{"IS_SPACE": True}]], "attrs": {"TAG": "_SP", "POS": "SPACE"}},
    {"patterns": [[{"TAG": {"IN": ["VBD", "VBZ"]}}], [{"LOWER": "was"}]],
     "attrs": {"POS": "AUX", "DEP": "aux"}},
]


def _synthetic_docs(nlp: Language) -> list[Doc]:
    rows = [
        (["big", "drone", "drove", "home", "  "], ["JJ", "NN", "VBD", "NN", "_SP"],
         ["amod", "nsubj", "ROOT", "dobj", "dep"], [1, 2, 2, 2, 3]),
        (["Drones", "was", "big"], ["NN", "VBD", "JJ"], ["nsubj", "ROOT", "acomp"],
         [1, 1, 1]),
        (["rocket", "big"], ["NN", "JJ"], ["ROOT", "amod"], [0, 0]),
        (["drill", "site"], ["NN", "NN"], ["compound", "ROOT"], [1, 1]),  # "big" ends doc 3
    ]
    return [Doc(nlp.vocab, words=w, tags=t, deps=d, heads=h) for w, t, d, h in rows]


def test_synthetic_patterns_match_the_stock_ruler() -> None:
    nlp = spacy.blank("en")
    stock = nlp.add_pipe("attribute_ruler")
    stock.add_patterns(SYNTHETIC)
    fast = FastAttributeRuler(nlp.vocab)
    fast.set_patterns(stock.patterns)
    expected = [stock(doc) for doc in _synthetic_docs(nlp)]
    got = list(fast.pipe(_synthetic_docs(nlp), batch_size=8))
    for a, b in zip(expected, got, strict=True):
        assert [(t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_) for t in a] == \
               [(t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_) for t in b]
    first = got[0]
    assert [t.lemma_ for t in first][:2] == ["large", "weapon"]
    assert first[1].tag_ == "NNX" and first[2].pos_ == "AUX" and first[4].pos_ == "SPACE"
    assert got[3][0].pos_ == "PROPN"  # REGEX "^dr", dep compound


@pytest.mark.parametrize("group, reason", [
    ({"patterns": [[{"LOWER": "a", "OP": "?"}]], "attrs": {"POS": "DET"}}, "OP"),
    ({"patterns": [[{"ORTH": "A"}]], "attrs": {"POS": "DET"}}, "ORTH"),
    ({"patterns": [[{"POS": "DET"}]], "attrs": {"LEMMA": "a"}}, "POS"),
    ({"patterns": [[{"LOWER": {"FUZZY": "aa"}}]], "attrs": {"POS": "DET"}}, "FUZZY"),
    ({"patterns": [[{"TAG": {"IS_SUBSET": ["DT"]}}]], "attrs": {"POS": "DET"}}, "IS_SUBSET"),
    ({"patterns": [[{"LOWER": 5}]], "attrs": {"POS": "DET"}}, "LOWER"),
    ({"patterns": [[{"IS_SPACE": 1}]], "attrs": {"POS": "SPACE"}}, "IS_SPACE"),
    ({"patterns": [[{"LOWER": "a"}]], "attrs": {"NORM": "an"}}, "attributes to set"),
    ({"patterns": [[{"LOWER": "a"}]], "attrs": {"_": {"x": 1}}}, "extension"),
    ({"patterns": [[{"LOWER": "a"}, {"LOWER": "b"}]], "attrs": {"POS": "DET"}, "index": 2},
     "index"),
])
def test_refuses_what_it_cannot_reproduce(group: dict[str, Any], reason: str) -> None:
    with pytest.raises(UnsupportedPattern, match=reason):
        compile_patterns(spacy.blank("en").vocab, [group])


def test_a_refused_pattern_keeps_the_stock_ruler(caplog: pytest.LogCaptureFixture) -> None:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add_patterns([SYNTHETIC[0], {"patterns": [[{"ORTH": "A"}]], "attrs": {"POS": "DET"}}])
    assert use_fast_attributes(nlp) is False
    assert nlp.get_pipe_meta(STOCK_NAME).factory == "attribute_ruler"
    assert "keeping spaCy's attribute ruler" in caplog.text
    accepted = spacy.blank("en")
    accepted.add_pipe("attribute_ruler").add_patterns(SYNTHETIC)
    assert use_fast_attributes(accepted) is True
    assert accepted.get_pipe_meta(STOCK_NAME).factory == FACTORY
