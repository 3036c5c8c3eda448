"""The learned layer's cross-validation bench: its pieces on two documents (the whole run
parses the corpus train part and takes minutes, so CI checks only this)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

import learned_cv  # noqa: E402  (bench/learned_cv.py)

from proxygraph.extract import implied, learned  # noqa: E402


def test_the_learned_layer_only_adds_to_the_rules_claims() -> None:
    docs = learned_cv.corpus_docs(["train-a"])[:2]
    paths = [p for p, _ in docs]
    gold = [g for _, gs in docs for g in gs]
    rules = learned_cv.predict(paths, None)
    both = learned_cv.predict(paths, learned.load_model())
    assert rules
    assert {p["id"] for p in rules} <= {p["id"] for p in both}
    added = learned_cv.added_by_type(gold, rules, both)
    assert sum(n["tp"] + n["fp"] for n in added.values()) == len(both) - len(rules)
    # each type's counts, and no total among them, add up to the whole score
    counts = learned_cv.type_counts(gold, both, {p.name for p in paths})
    whole = learned_cv.score_claims(gold, both).overall
    assert "ALL" not in counts
    assert sum(tp for tp, _ in counts.values()) == whole.tp
    assert sum(n for _, n in counts.values()) == whole.pred


def test_predict_restores_the_packaged_models() -> None:
    before, before_implied = learned.load_model, implied.load_implied_model
    learned_cv.predict([], None)
    assert learned.load_model is before
    assert implied.load_implied_model is before_implied


def test_per_type_thresholds_pick_each_types_best_f1() -> None:
    # two folds; CLASH is better at the low threshold, TRADE only adds wrong claims there
    fold = {0.3: {"CLASH": (6, 8), "TRADE": (1, 6), "PRODUCTION": (2, 2)},
            0.6: {"CLASH": (4, 5), "TRADE": (1, 1), "PRODUCTION": (2, 2)}}
    chosen = learned_cv.per_type_thresholds([fold, fold], 40)
    assert chosen == {"CLASH": 0.3, "TRADE": 0.6}  # (PRODUCTION is no pair type)
