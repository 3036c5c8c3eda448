"""The learned layer's dense features: rows of the parser's token vectors per pair, one
product per sentence deciding as a plain loop does, and Docs without vectors scored by
their sparse features alone."""

from __future__ import annotations

import numpy as np
import pytest

from proxygraph.extract.arrays import arrays
from proxygraph.extract.dense_features import (
    PARTS,
    doc_tensor,
    governing_index,
    pair_vector,
    sentence_vectors,
)
from proxygraph.extract.learned import DenseWeights, RelationModel, learned_candidates, load_model
from proxygraph.extract.lexicon import load_lexicon
from proxygraph.extract.nlp import load_nlp
from proxygraph.extract.pair_features import SentenceWords, indexed_pair_features, indexed_pairs
from proxygraph.extract.pipeline import AnalysedSentence, analysed_sentences
from proxygraph.ingest import read_text_stream

TEXT = (
    "Iran-backed militias and Hezbollah held talks with Hamas and the Houthis in Beirut, "
    "while Russia and Belarus armed, trained and funded Syrian fighters.\n\n"
    "Qatar did not send weapons to the Taliban, but it paid salaries of Hamas officials."
)


def _sentences(text: str = TEXT) -> list[AnalysedSentence]:
    return list(analysed_sentences(read_text_stream(text.encode(), "t.txt")))


def _pair_keys(item: AnalysedSentence) -> list[tuple]:
    return [(ha.i, hb.i, path[1], (a.start, a.end), (b.start, b.end))
            for a, b, ha, hb, path in indexed_pairs(item.sm)]


def test_a_pair_vector_is_its_parts_rows_of_the_tensor() -> None:
    item = next(i for i in _sentences() if len(indexed_pairs(i.sm)) >= 6)
    doc = item.sent.doc
    tensor = doc_tensor(doc)
    assert tensor is not None and tensor.shape == (len(doc), 96)
    keys = _pair_keys(item)
    vectors = sentence_vectors(doc, PARTS, keys)
    assert vectors is not None and vectors.shape == (len(keys), 96 * len(PARTS))
    assert vectors.dtype == np.float64
    head = arrays(doc).head
    for (ia, ib, lca, sa, sb), row in zip(keys, vectors, strict=True):
        a, b, gov, between, ab = np.split(row, len(PARTS))
        assert np.array_equal(a, tensor[ia]) and np.array_equal(b, tensor[ib])
        assert np.array_equal(ab, tensor[ia] * tensor[ib])
        assert gov.tolist() == tensor[governing_index(lca, ia, ib, head)].tolist()
        inside = [i for i in range(min(ia, ib) + 1, max(ia, ib))
                  if not (sa[0] <= i < sa[1] or sb[0] <= i < sb[1])]
        expected = tensor[inside].mean(axis=0) if inside else np.zeros(96)
        assert np.allclose(between, expected)
    # a subset of the parts, in the order asked
    two = sentence_vectors(doc, ("b", "a"), keys)
    assert two is not None and np.array_equal(two[:, :96], vectors[:, 96:192])
    with pytest.raises(ValueError):
        pair_vector(tensor, ("nope",), 0, 1, 0, (0, 1), (1, 2))


def test_the_governing_word_is_above_the_pair() -> None:
    head = [1, 1, 1]  # 0 and 2 hang on 1, the root
    assert governing_index(1, 0, 2, head) == 1
    assert governing_index(1, 1, 2, head) == 1  # the ancestor is a head: its own head (root)
    assert governing_index(None, 0, 2, head) == 1


def test_a_doc_without_a_tensor_gives_no_vectors() -> None:
    from spacy.tokens import Doc

    doc = Doc(load_nlp().vocab, words=["Iran", "armed", "Hamas"])
    assert doc_tensor(doc) is None
    assert sentence_vectors(doc, PARTS, [(0, 2, 1, (0, 1), (2, 3))]) is None
    assert sentence_vectors(doc, (), []) is None


def _dense_model(base: RelationModel, seed: int = 7) -> RelationModel:
    """`base` with random dense weights over the heads, big enough to change decisions."""
    rng = np.random.default_rng(seed)
    parts = ("a", "b", "gov")
    dense = DenseWeights(parts, tuple(rng.normal(0, 0.5, 96 * len(parts))),
                         {t: tuple(rng.normal(0, 0.15, 96 * len(parts))) for t in base.bias})
    return RelationModel(base.version, base.threshold, base.bias, base.weights,
                         base.thresholds, dense)


def _packaged() -> RelationModel:
    model = load_model()
    assert model is not None
    return model


def test_the_batched_dense_score_decides_as_a_plain_loop() -> None:
    packaged = _packaged()
    models = [_dense_model(packaged)] + ([packaged] if packaged.dense is not None else [])
    lex = load_lexicon()
    for model in models:
        assert model.dense is not None
        rows = model.matrix[1]
        compared, moved = 0, 0
        for item in _sentences():
            pairs = indexed_pairs(item.sm)
            if not pairs:
                continue
            as_rows, as_strings = SentenceWords(lex, rows.get), SentenceWords(lex)
            coded = [indexed_pair_features(item.sm, a, b, p, ha, hb, as_rows)
                     for a, b, ha, hb, p in pairs]
            strings = [indexed_pair_features(item.sm, a, b, p, ha, hb, as_strings)
                       for a, b, ha, hb, p in pairs]
            vectors = sentence_vectors(item.sent.doc, model.dense.parts, _pair_keys(item))
            assert vectors is not None
            batched = model.accepted_rows(coded, vectors)
            sparse_only = model.accepted_rows(coded)
            for n, found in enumerate(batched):
                # the loop: bias + each feature's weight + sum of (x - mean) * w
                probs = model.probabilities(strings[n], vectors[n])
                expected = {t for t, p in probs.items() if p >= model.threshold_of(t)}
                assert set(found) == expected
                for t, p in found.items():
                    assert p == pytest.approx(probs[t], abs=1e-9)
                assert sparse_only[n].keys() == {
                    t for t, p in model.probabilities(strings[n]).items()
                    if p >= model.threshold_of(t)}
                moved += found.keys() != sparse_only[n].keys()
                compared += 1
        assert compared >= 20
        if model is models[0]:
            assert moved  # the random dense weights do change some decisions


def test_a_doc_without_a_tensor_is_scored_by_its_sparse_features() -> None:
    packaged = _packaged()
    model = _dense_model(packaged)
    sparse = RelationModel(packaged.version, packaged.threshold, packaged.bias,
                           packaged.weights, packaged.thresholds)

    def found(item: AnalysedSentence, m: RelationModel) -> list[tuple]:
        return [(c.type, c.subject.id, c.object.id)
                for c in learned_candidates(item.sm, set(), m)]

    items = _sentences()
    with_tensor = [found(i, model) for i in items]
    without_dense = [found(i, sparse) for i in items]
    for item in items:
        item.sent.doc.tensor = np.zeros((0,), dtype="float32")  # as Doc(vocab, words) has
    without_tensor = [found(i, model) for i in items]
    assert without_tensor == without_dense
    assert any(without_dense)
    assert with_tensor != without_dense  # (the tensor was read while there)


def test_dense_weights_round_trip_through_the_weights_file(tmp_path, monkeypatch) -> None:
    import json
    from importlib import resources

    from proxygraph.extract import learned

    (tmp_path / "m.json").write_text(json.dumps({
        "version": "1", "threshold": 0.4, "bias": {"CLASH": 0.0, "TRADE": 0.0},
        "weights": {"CLASH": {"a": 1.0}, "TRADE": {}},
        "dense": {"parts": ["a", "gov"], "mean": [0.5, 0.0],
                  "weights": {"CLASH": [2.0, -1.0]}}}))
    monkeypatch.setattr(resources, "files", lambda package: tmp_path)
    model = learned.read_model("m.json")
    assert model is not None and model.dense is not None
    assert model.dense.parts == ("a", "gov")
    assert model.dense_matrix is not None
    mean, weights = model.dense_matrix
    assert mean.tolist() == [0.5, 0.0]
    assert weights.tolist() == [[2.0, 0.0], [-1.0, 0.0]]  # a type without dense weighs 0
    # (1.5 - 0.5) * 2 + 1 * -1 = 1 for CLASH: p 0.73; 0 for TRADE
    probs = model.probabilities([], np.array([1.5, 1.0]))
    assert probs["CLASH"] == pytest.approx(0.7311, abs=1e-4) and probs["TRADE"] == 0.5
    assert model.accepted_rows([[]], np.array([[1.5, 1.0]])) == [
        {"CLASH": pytest.approx(0.7311, abs=1e-4), "TRADE": 0.5}]


def test_training_fits_and_stores_the_dense_block() -> None:
    pytest.importorskip("sklearn")
    from proxygraph.extract import train_relations as tr

    rng = np.random.default_rng(3)
    rows = []
    for n in range(200):
        vector = rng.normal(1.0, 2.0, 96 * len(PARTS))
        positive = vector[0] > 1.0  # the first column of "a" decides the label
        rows.append((f"d{n % 7}", ["ka=state", f"bw=w{n % 5}"],
                     {"ARMS_TRANSFER"} if positive else set(), vector))
    raw = tr.fit(rows, dense_parts=("a", "b"))
    dense = raw["dense"]
    assert dense["parts"] == ["a", "b"] and len(dense["mean"]) == 192
    column = dense["weights"]["ARMS_TRANSFER"]
    assert len(column) == 192 and column[0] > 3 * max(abs(w) for w in column[1:])
    assert abs(dense["mean"][0] - 1.0) < 0.5
    model = RelationModel.of(raw, "t", 0.5)
    high, low = np.zeros(192), np.zeros(192)
    high[0], low[0] = 5.0, -3.0
    p_high = model.probabilities(["ka=state"], high)["ARMS_TRANSFER"]
    p_low = model.probabilities(["ka=state"], low)["ARMS_TRANSFER"]
    assert p_high > 0.6 and p_low < 0.4
    # rows without vectors (the implied-party model's) make no dense block
    assert "dense" not in tr.fit([(d, f, y, None) for d, f, y, _ in rows])
    assert "dense" not in tr.fit(rows, dense_parts=())
