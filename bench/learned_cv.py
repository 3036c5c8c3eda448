"""What the learned layer adds on documents it was not trained on, by cross-validation.

    python bench/learned_cv.py [--folds 4] [--threshold 0.5 ...] [--c 1.0 ...]

The shipped model is trained on the corpus train part, so scoring it there flatters it,
and the blind part may not be read while changing it. This bench splits the corpus train
documents into folds by document; for each fold it trains the relation model on every
other tuning document (the own set, held-out h01-h15 and the other folds), and the
implied-party model likewise, runs the whole extractor with those models on the fold's
documents, and scores the union of the folds against the gold, beside the rules alone
(neither model). Each threshold and regularisation strength given
is one more row; the rows share the parse of the training pairs.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

from proxygraph.evaluate import load_jsonl, pair_matches, score_claims
from proxygraph.extract import extract_path, implied, learned
from proxygraph.extract import train_relations as tr
from proxygraph.extract.implied import IMPLIED

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "data" / "corpus"


def corpus_docs(parts: list[str]) -> list[tuple[Path, list[dict[str, Any]]]]:
    out = []
    for part in (CORPUS / name for name in parts):
        gold = load_jsonl(part / "gold.jsonl")
        for path in sorted((part / "texts").glob("*.txt")):
            out.append((path, [g for g in gold if g["doc"] == path.name]))
    return out


def predict(paths: list[Path], model: learned.RelationModel | None,
            implied_model: learned.RelationModel | None = None) -> list[dict[str, Any]]:
    """Extract with `model` and `implied_model` standing in for the packaged relation and
    implied-party models (None: rules alone)."""
    original, original_implied = learned.load_model, implied.load_implied_model
    learned.load_model = lambda: model  # type: ignore[assignment]
    implied.load_implied_model = lambda: implied_model  # type: ignore[assignment]
    try:
        pred = []
        for path in paths:
            for claim in extract_path(path):
                record = claim.to_dict()
                record["doc"] = path.name
                pred.append(record)
        return pred
    finally:
        learned.load_model = original  # type: ignore[assignment]
        implied.load_implied_model = original_implied  # type: ignore[assignment]


def added_by_type(gold: list[dict[str, Any]], base: list[dict[str, Any]],
                  pred: list[dict[str, Any]]) -> dict[str, Counter]:
    """Per type: claims the model added that match a gold claim, and those that do not."""
    seen = {(p["doc"], p["id"]) for p in base}
    out: dict[str, Counter] = {}
    for p in pred:
        if (p["doc"], p["id"]) in seen:
            continue
        hit = any(g["doc"] == p["doc"] and g["type"] == p["type"] and pair_matches(g, p)
                  for g in gold)
        out.setdefault(p["type"], Counter())["tp" if hit else "fp"] += 1
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=4)
    parser.add_argument("--threshold", type=float, nargs="*", default=[0.5])
    parser.add_argument("--c", type=float, nargs="*", default=[tr.REGULARISATION_C])
    parser.add_argument("--by-type", action="store_true")
    every_part = sorted(p.name for p in CORPUS.glob("train-*") if (p / "gold.jsonl").exists())
    parser.add_argument("--parts", nargs="*", default=every_part,
                        help="corpus train parts scored by folds (default: all)")
    parser.add_argument("--also-train", nargs="*", default=[],
                        help="more corpus train parts the models always train on")
    args = parser.parse_args()
    started = time.perf_counter()
    docs = corpus_docs(args.parts)
    every = tr.tuning_sets
    # the model trains on the chosen corpus parts only, beside the other tuning sets
    tr.tuning_sets = lambda: [s for s in every()  # type: ignore[assignment]
                              if "corpus" not in s[0].parts
                              or s[0].parent.name in {*args.parts, *args.also_train}]
    rows = tr.collect()
    implied_rows = tr.collect(tr.document_implied)
    print(f"{len(rows)} training pairs, {len(implied_rows)} implied-party candidates, "
          f"{len(docs)} corpus train documents "
          f"({time.perf_counter() - started:.0f} s)", file=sys.stderr)
    gold = [g for _, gs in docs for g in gs]
    paths = [p for p, _ in docs]
    base = predict(paths, None)
    s = score_claims(gold, base).overall
    print(f"rules alone            P {s.precision:.3f} R {s.recall:.3f} F1 {s.f1:.3f} "
          f"pred {s.pred}")
    for c in args.c:
        tr.REGULARISATION_C = c
        fold_models = []
        for k in range(args.folds):
            held = {p.name for p in paths[k::args.folds]}
            raw = tr.fit([r for r in rows if r[0] not in held])
            own = tr.fit([r for r in implied_rows if r[0] not in held], (IMPLIED,))
            fold_models.append((held, raw, learned.RelationModel(
                "cv", tr.IMPLIED_THRESHOLD, own["bias"], own["weights"])))
        for threshold in args.threshold:
            pred: list[dict[str, Any]] = []
            for held, raw, implied_model in fold_models:
                model = learned.RelationModel("cv", threshold, raw["bias"], raw["weights"])
                pred += predict([p for p in paths if p.name in held], model, implied_model)
            s = score_claims(gold, pred).overall
            print(f"C {c:<5} threshold {threshold:.2f} P {s.precision:.3f} R {s.recall:.3f} "
                  f"F1 {s.f1:.3f} pred {s.pred}")
            if args.by_type:
                for ctype, n in sorted(added_by_type(gold, base, pred).items()):
                    print(f"    {ctype:14} +{n['tp']} right, +{n['fp']} wrong")
    print(f"({time.perf_counter() - started:.0f} s)", file=sys.stderr)


if __name__ == "__main__":
    main()
