"""Train the learned relation layer and the implied-party model from the tuning sets.

    pip install -e '.[dev]'           # brings scikit-learn
    python -m proxygraph.extract.train_relations [--out PATH] [--cv] [--only implied]
                                                 [--hold-out GLOB]

Reads every tuning set (tests/data/extraction, tests/data/heldout h01-h15, and the
train-* parts of tests/data/corpus; never a blind part), runs the extractor's own parse,
mentions and anaphora over each document, labels every ordered pair of actor mentions in
a sentence with the gold claim types whose quote lies in that sentence and whose parties
the pair names, and fits one logistic regression per type (liblinear, fixed order:
deterministic). Weights under 0.01 are dropped; the result is `relations.json` beside this
module. Then the implied-party model (implied.py): the extractor's claims sentence by
sentence, every candidate `implied_pairs` makes labelled by the gold claims of its
sentence, one logistic regression, `implied.json`. `--cv` first prints precision/recall
by held-out document folds for a few thresholds and picks the threshold with the best F1.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from collections.abc import Callable, Sequence
from fnmatch import fnmatch
from pathlib import Path
from typing import Any

from proxygraph.evaluate import gold_names, load_jsonl, normalize_name
from proxygraph.extract.implied import IMPLIED, IMPLIED_FILE, implied_pairs, implied_party
from proxygraph.extract.learned import MODEL_FILE, PAIR_TYPES, load_model
from proxygraph.extract.pair_features import mention_pairs, pair_features
from proxygraph.extract.pipeline import AnalysedSentence, analysed_sentences, sentence_claims
from proxygraph.ontology import ONTOLOGY

ROOT = Path(__file__).resolve().parents[3]
DATA = ROOT / "tests" / "data"
THRESHOLDS = (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7)
# Chosen by bench/learned_cv.py on the corpus train part (252 documents, 4 folds): claim
# F1 0.429 / 0.430 / 0.427 / 0.425 at thresholds 0.35 / 0.4 / 0.45 / 0.5 (rules alone
# 0.386); precision falls 0.014 from 0.5 to 0.4.
DEFAULT_THRESHOLD = 0.4
# The implied-party model (implied.py), by its own 4-fold CV on train a..w: candidate P / R
# 0.41 / 0.24 at 0.3, 0.49 / 0.17 at 0.4. A claim right with probability p raises F1 when p
# exceeds half the F1 (~0.23 here), so the lower threshold finds more than it costs.
IMPLIED_THRESHOLD = 0.3
# Each type's own threshold, written to the weights file beside DEFAULT_THRESHOLD. None:
# `bench/learned_cv.py --per-type` (each fold's types at the thresholds best on the other
# folds, 924 documents) gave F1 0.459 (P 0.615), no better than 0.3 for every type (0.459,
# P 0.622); 0.4 is 0.456 at P 0.647.
TYPE_THRESHOLDS: dict[str, float] = {}
MIN_WEIGHT = 0.01
# Inverse regularisation strength. 4-fold document CV, pair F1 at threshold 0.5: C=0.3
# 0.359, C=1 0.384, C=3 0.402; C=3 doubled the weights file and did not move the
# extractor's F1, so the smaller model stays.
REGULARISATION_C = 1.0


def tuning_sets(hold_out: str | None = None) -> list[tuple[Path, Path, set[str] | None]]:
    """(gold, texts folder, documents or None for all) of every set training may read, but
    the corpus parts whose folder name matches `hold_out` (a glob: kept unread to measure
    the model on)."""
    out: list[tuple[Path, Path, set[str] | None]] = [
        (DATA / "extraction" / "gold.jsonl", DATA / "extraction" / "texts", None)]
    heldout = DATA / "heldout"
    early = {p.name for p in (heldout / "texts").glob("*.txt") if int(p.name[1:3]) <= 15}
    out.append((heldout / "gold.jsonl", heldout / "texts", early))
    for part in sorted((DATA / "corpus").glob("train-*")):
        if (part / "gold.jsonl").exists() and not (hold_out and fnmatch(part.name, hold_out)):
            out.append((part / "gold.jsonl", part / "texts", None))
    return out


def _names(mention: Any) -> set[str]:
    entity = mention.entity
    return {normalize_name(n) for n in (entity.name, *entity.aliases, mention.text)}


def _located(document: Any, gold: list[dict[str, Any]]) -> list[tuple[int, dict[str, Any]]]:
    """(character offset, claim) of each gold claim whose quote the text holds."""
    return [(at, g) for g in gold if (at := document.text.find(g["quote"])) >= 0]


def _stated_in(item: AnalysedSentence, located: list[tuple[int, dict[str, Any]]]
               ) -> list[dict[str, Any]]:
    """The gold claims whose quote starts in the sentence."""
    start = item.offset + item.sent.start_char
    end = item.offset + item.sent.end_char
    return [g for at, g in located if start <= at < end]


def _names_pair(g: dict[str, Any], first: set[str], second: set[str]) -> bool:
    """The gold claim's parties are `first` then `second` (either way for symmetric types)."""
    subject, obj = gold_names(g["subject"]), gold_names(g["object"])
    return bool((subject & first and obj & second) or (
        ONTOLOGY.is_symmetric(g["type"]) and subject & second and obj & first))


def document_pairs(path: Path, gold: list[dict[str, Any]]) -> list[tuple[list[str], set[str]]]:
    """(features, gold types) for every ordered actor pair of every sentence of a document."""
    from proxygraph.ingest import read_document

    document = read_document(path)
    located = _located(document, gold)
    rows: list[tuple[list[str], set[str]]] = []
    for item in analysed_sentences(document):
        here = _stated_in(item, located)
        for a, b, _, _, path in mention_pairs(item.sm):
            names_a, names_b = _names(a), _names(b)
            labels = {g["type"] for g in here
                      if g["type"] in PAIR_TYPES and _names_pair(g, names_a, names_b)}
            feats, _ = pair_features(item.sm, a, b, path=path)
            rows.append((feats, labels))
    return rows


def document_implied(path: Path, gold: list[dict[str, Any]]
                     ) -> list[tuple[list[str], set[str]]]:
    """(features, {"implied"} or nothing) for every implied-party candidate of a document
    (implied.py), the earlier claims being those of the extractor without that rule."""
    from proxygraph.extract.families import active_components
    from proxygraph.ingest import read_document

    document = read_document(path)
    located = _located(document, gold)
    echoes = [r for r in active_components().echo_rules if r is not implied_party]
    rows: list[tuple[list[str], set[str]]] = []
    for item, here, before in sentence_claims(document, echo_rules=echoes):
        stated = _stated_in(item, located)
        for pair in implied_pairs(item.sm, here, before):
            named = _names(pair.named)
            other = {normalize_name(n) for n in (pair.counterpart.name,
                                                 *pair.counterpart.aliases)}
            subject, obj = (named, other) if pair.named_is_subject else (other, named)
            label = any(g["type"] == pair.ctype and _names_pair(g, subject, obj)
                        for g in stated)
            rows.append((list(pair.features), {IMPLIED} if label else set()))
    return rows


Rows = list[tuple[str, list[str], set[str]]]  # (document, features, gold classes)


def collect(read: Callable[[Path, list[dict[str, Any]]], list[tuple[list[str], set[str]]]]
            = document_pairs, hold_out: str | None = None) -> Rows:
    """`read`'s rows for every document of the tuning sets (but the parts held out)."""
    rows: Rows = []
    for gold_path, texts, only in tuning_sets(hold_out):
        gold = load_jsonl(gold_path)
        for path in sorted(texts.glob("*.txt")):
            if only is not None and path.name not in only:
                continue
            doc_gold = [g for g in gold if g["doc"] == path.name]
            rows += [(path.name, f, y) for f, y in read(path, doc_gold)]
    return rows


def fit(rows: Rows, classes: Sequence[str] = PAIR_TYPES) -> dict[str, Any]:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer()
    x = vec.fit_transform([dict.fromkeys(f, 1.0) for _, f, _ in rows]).tocsr()
    # liblinear takes only 32-bit sparse indices
    x.indices, x.indptr = x.indices.astype("int32"), x.indptr.astype("int32")
    names = vec.get_feature_names_out()
    bias: dict[str, float] = {}
    weights: dict[str, dict[str, float]] = {}
    for ctype in classes:
        y = [ctype in labels for _, _, labels in rows]
        if sum(y) < 3:
            continue
        clf = LogisticRegression(C=REGULARISATION_C, solver="liblinear", max_iter=1000)
        clf.fit(x, y)
        bias[ctype] = round(float(clf.intercept_[0]), 4)
        weights[ctype] = {str(names[j]): round(float(w), 4)
                          for j, w in enumerate(clf.coef_[0]) if abs(w) >= MIN_WEIGHT}
    return {"bias": bias, "weights": weights}


def cross_validate(rows: Rows, classes: Sequence[str] = PAIR_TYPES, folds: int = 4) -> float:
    from proxygraph.extract.learned import RelationModel

    docs = sorted({d for d, _, _ in rows})
    counts = {t: Counter() for t in THRESHOLDS}
    for k in range(folds):
        test_docs = set(docs[k::folds])
        train = [r for r in rows if r[0] not in test_docs]
        raw = fit(train, classes)
        model = RelationModel("cv", 0.0, raw["bias"], raw["weights"])
        for doc, feats, labels in rows:
            if doc not in test_docs:
                continue
            probs = model.probabilities(feats)
            for t in THRESHOLDS:
                predicted = {c for c, p in probs.items() if p >= t}
                counts[t]["tp"] += len(predicted & labels)
                counts[t]["pred"] += len(predicted)
                counts[t]["gold"] += len(labels)
    best, best_f1 = DEFAULT_THRESHOLD, -1.0
    for t in THRESHOLDS:
        c = counts[t]
        p = c["tp"] / c["pred"] if c["pred"] else 0.0
        r = c["tp"] / c["gold"] if c["gold"] else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        print(f"threshold {t:.2f}: pair P {p:.3f} R {r:.3f} F1 {f1:.3f}")
        if f1 > best_f1:
            best, best_f1 = t, f1
    return best


def _train(rows: Rows, classes: Sequence[str], out: Path, cv: bool,
           threshold: float | None, default: float,
           per_type: dict[str, float] | None = None) -> None:
    positives = sum(bool(labels) for _, _, labels in rows)
    print(f"{len(rows)} candidates, {positives} with a gold type, "
          f"{len({d for d, _, _ in rows})} documents")
    # a threshold given or found by --cv is every type's
    per_type = per_type if threshold is None and not cv else None
    threshold = threshold or (cross_validate(rows, classes) if cv else default)
    raw = fit(rows, classes)
    model = {"version": "1", "threshold": threshold, "trained_on": len(rows), **raw}
    if per_type:
        model["thresholds"] = {t: v for t, v in per_type.items() if t in raw["bias"]}
    out.write_text(json.dumps(model, sort_keys=True, indent=0) + "\n", "utf-8")
    print(f"threshold {threshold}; wrote {out}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path(__file__).with_name(MODEL_FILE))
    parser.add_argument("--implied-out", type=Path,
                        default=Path(__file__).with_name(IMPLIED_FILE))
    parser.add_argument("--only", choices=("relations", "implied"), default=None,
                        help="train one of the two models (default: both, in that order)")
    parser.add_argument("--cv", action="store_true", help="pick the threshold by CV")
    parser.add_argument("--threshold", type=float, default=None)
    parser.add_argument("--hold-out", metavar="GLOB", default=None,
                        help="leave out the corpus parts whose folder matches, e.g. "
                             "'train-y[k-o]', to measure the models on them")
    args = parser.parse_args(argv)
    if args.only != "implied":
        _train(collect(hold_out=args.hold_out), PAIR_TYPES, args.out, args.cv,
               args.threshold, DEFAULT_THRESHOLD, TYPE_THRESHOLDS)
        # the implied model learns over the packaged layer's claims: the one just written
        # when --out is the packaged file (the default)
        load_model.cache_clear()
    if args.only != "relations":
        _train(collect(document_implied, args.hold_out), (IMPLIED,), args.implied_out, args.cv,
               args.threshold, IMPLIED_THRESHOLD)


if __name__ == "__main__":
    main()
