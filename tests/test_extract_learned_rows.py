"""The learned layers' fast paths decide what the plain ones decide: features kept as the
model's rows are the rows of the feature strings training reads, the governing word's
conjuncts are spaCy's, and the implied-party triggers read a word as its part of speech
allows."""

from __future__ import annotations

from proxygraph.extract.arrays import arrays
from proxygraph.extract.implied import _triggers
from proxygraph.extract.learned import load_model
from proxygraph.extract.lexicon import load_lexicon
from proxygraph.extract.pair_features import (
    SentenceWords,
    _conjuncts,
    _pair_path,
    ancestor_indexes,
    index_path,
    indexed_pair_features,
    indexed_pairs,
    sentence_trigger_types,
    trigger_types,
)
from proxygraph.extract.pipeline import AnalysedSentence, analysed_sentences
from proxygraph.ingest import read_text_stream

TEXT = (
    "Iran-backed militias and Hezbollah, Tehran's proxy in Lebanon, held talks with Hamas "
    "and the Houthis in Beirut, while Russia and Belarus armed, trained and funded Syrian "
    "fighters, officials in Washington said.\n\n"
    "Qatar did not send weapons to the Taliban, Saudi Arabia and the UAE, but it paid "
    "salaries of Hamas officials between 2018 and 2021."
)


def _sentences() -> list[AnalysedSentence]:
    return list(analysed_sentences(read_text_stream(TEXT.encode(), "t.txt")))


def test_features_kept_as_rows_are_the_rows_of_the_feature_strings() -> None:
    model = load_model()
    assert model is not None
    rows = model.matrix[1]
    lex = load_lexicon()
    compared = 0
    for item in _sentences():
        as_strings, as_rows = SentenceWords(lex), SentenceWords(lex, rows.get)
        for a, b, ha, hb, path in indexed_pairs(item.sm):
            strings = indexed_pair_features(item.sm, a, b, path, ha, hb, as_strings)
            coded = indexed_pair_features(item.sm, a, b, path, ha, hb, as_rows)
            # the same known features in the same order (unknown ones count for nothing)
            assert [r for r in map(rows.get, strings) if r] == [r for r in coded if r]
            assert model.accepted_rows([coded]) == model.accepted_probabilities([strings])
            compared += 1
    assert compared >= 20


def test_conjuncts_by_index_are_spacys() -> None:
    seen = 0
    for item in _sentences():
        a = arrays(item.sent.doc)
        for tok in item.sent:
            assert _conjuncts(tok.i, a) == [t.i for t in tok.conjuncts]
            seen += bool(tok.conjuncts)
    assert seen >= 5  # "armed, trained and funded", "Hamas and the Houthis", ...


def test_implied_triggers_take_verbs_as_verbs_and_nouns_as_nouns() -> None:
    lex = load_lexicon()
    for item in _sentences():
        a, sent = arrays(item.sent.doc), item.sent
        types = {"ARMS_TRANSFER", "FUNDING", "TRAINING", "CONTACT", "SUPPORT"}
        expected: dict[str, list[int]] = {t: [] for t in types}
        for i in range(sent.start, sent.end):
            if a.pos[i] == "VERB":
                named = {t.claim_type for t in lex.verbs.get(a.lemma[i], ())}
            elif a.pos[i] in ("NOUN", "PROPN"):
                named = {table[a.lemma[i]] for table in (lex.nouns, lex.themes)
                         if a.lemma[i] in table}
            else:
                named = set()
            for t in named & types:
                expected[t].append(i)
        assert _triggers(item.sm, types, a) == expected
    assert any(_triggers(item.sm, {"ARMS_TRANSFER"}, arrays(item.sent.doc))["ARMS_TRANSFER"]
               for item in _sentences())


def test_a_path_read_backwards_is_the_path_of_the_reversed_pair() -> None:
    for item in _sentences():
        a, sent = arrays(item.sent.doc), item.sent
        chains = {i: ancestor_indexes(i, a.head) for i in range(sent.start, sent.end)}
        paths: dict = {}
        for i in range(sent.start, sent.end):
            for j in range(sent.start, sent.end):
                # (j, i) was made before (i, j) whenever j < i: derived from it
                assert _pair_path(i, j, chains, paths, a.head) == index_path(chains[i],
                                                                              chains[j])


def test_sentence_trigger_types_are_those_of_its_lemmas() -> None:
    for item in _sentences():
        a, sent = arrays(item.sent.doc), item.sent
        assert sentence_trigger_types(sent) == trigger_types(a.lemma[sent.start:sent.end])
        assert sentence_trigger_types(sent) is sentence_trigger_types(sent)  # kept
    assert sentence_trigger_types(_sentences()[0].sent)  # "armed", "trained", "talks"
