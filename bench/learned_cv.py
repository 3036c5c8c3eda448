"""What the learned layer adds on documents it was not trained on, by cross-validation.

    python bench/learned_cv.py [--folds 4] [--threshold 0.5 ...] [--c 1.0 ...] [--per-type]

The shipped model is trained on the corpus train part, so scoring it there flatters it,
and the blind part may not be read while changing it. This bench splits the corpus train
documents into folds by document; for each fold it trains the relation model on every
other tuning document (the own set, held-out h01-h15 and the other folds), and the
implied-party model likewise, runs the whole extractor with those models on the fold's
documents, and scores the union of the folds against the gold, beside the rules alone
(neither model). Each threshold and regularisation strength given
is one more row; the rows share the parse of the training pairs. `--per-type` adds a row
where each fold's claim types take, of the thresholds given, those with the best F1 on
the other folds (the fold's own gold does not choose them, though it trained the models
that scored the others).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

from proxygraph.evaluate import ALL, load_jsonl, pair_matches, score_claims
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


def report(label: str, gold: list[dict[str, Any]], base: list[dict[str, Any]],
           pred: list[dict[str, Any]], by_type: bool) -> None:
    s = score_claims(gold, pred).overall
    print(f"{label} P {s.precision:.3f} R {s.recall:.3f} F1 {s.f1:.3f} pred {s.pred}")
    if by_type:
        for ctype, n in sorted(added_by_type(gold, base, pred).items()):
            print(f"    {ctype:14} +{n['tp']} right, +{n['fp']} wrong")


def type_counts(gold: list[dict[str, Any]], pred: list[dict[str, Any]], held: set[str]
                ) -> dict[str, tuple[int, int]]:
    """Each type's (true positives, predictions) on the documents `held`."""
    scores = score_claims([g for g in gold if g["doc"] in held], pred)
    return {str(t.type): (t.tp, t.pred) for t in scores.types if t.type != ALL}


def per_type_thresholds(counts: list[dict[float, dict[str, tuple[int, int]]]],
                        n_gold: int) -> dict[str, float]:
    """The threshold of each type that gives the best F1 summed over the folds `counts`
    describes (fold -> threshold -> type -> (tp, pred)), by coordinate ascent from the
    lowest threshold: scoring counts each type's claims apart, so a type's claims depend
    on its own threshold only (up to the implied-party model, which reads them)."""
    grid = sorted(counts[0])
    totals = {t: Counter() for t in grid}  # threshold -> "tp TYPE"/"pred TYPE" -> n
    for fold in counts:
        for t in grid:
            for ctype, (tp, n) in fold[t].items():
                totals[t][f"tp {ctype}"] += tp
                totals[t][f"pred {ctype}"] += n
    types = sorted({ctype for fold in counts for by_t in fold.values() for ctype in by_t})
    chosen = dict.fromkeys(types, grid[0])

    def f1(choice: dict[str, float]) -> float:
        tp = sum(totals[t][f"tp {c}"] for c, t in choice.items())
        pred = sum(totals[t][f"pred {c}"] for c, t in choice.items())
        return 2 * tp / (pred + n_gold) if pred + n_gold else 0.0

    for _ in range(3):
        for ctype in types:
            # (ties: the higher threshold, which adds fewer claims)
            chosen[ctype] = max(grid, key=lambda t: (f1({**chosen, ctype: t}), t))
    return {c: t for c, t in chosen.items() if c in learned.PAIR_TYPES}


def fmt(thresholds: dict[str, float]) -> str:
    return " ".join(f"{t}={v:.2f}" for t, v in sorted(thresholds.items()))


def _held_out(k: int, folds: int, parts: list[str], by_part: bool,
              paths: list[Path]) -> set[str]:
    """The documents fold `k` holds out: every `folds`-th document, or every `folds`-th
    part's documents."""
    if not by_part:
        return {p.name for p in paths[k::folds]}
    held_parts = set(sorted(parts)[k::folds])
    return {p.name for p in paths if p.parent.parent.name in held_parts}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=4)
    parser.add_argument("--threshold", type=float, nargs="*", default=[0.5])
    parser.add_argument("--c", type=float, nargs="*", default=[tr.REGULARISATION_C])
    parser.add_argument("--by-type", action="store_true")
    parser.add_argument("--per-type", action="store_true",
                        help="one more row: each fold's types at the thresholds (of those "
                             "given) best on the other folds")
    every_part = sorted(p.name for p in CORPUS.glob("train-*") if (p / "gold.jsonl").exists())
    parser.add_argument("--parts", nargs="*", default=every_part,
                        help="corpus train parts scored by folds (default: all)")
    parser.add_argument("--also-train", nargs="*", default=[],
                        help="more corpus train parts the models always train on")
    parser.add_argument("--fold-by-part", action="store_true",
                        help="hold out whole parts (each part is one writer's), not every "
                             "k-th document: closer to text the models never saw")
    args = parser.parse_args()
    started = time.perf_counter()
    docs = corpus_docs(args.parts)
    every = tr.tuning_sets
    # the model trains on the chosen corpus parts only, beside the other tuning sets
    tr.tuning_sets = lambda hold_out=None: [s for s in every()  # type: ignore[assignment]
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
            held = _held_out(k, args.folds, args.parts, args.fold_by_part, paths)
            raw = tr.fit([r for r in rows if r[0] not in held])
            own = tr.fit([r for r in implied_rows if r[0] not in held], (IMPLIED,))
            fold_models.append((held, raw, learned.RelationModel(
                "cv", tr.IMPLIED_THRESHOLD, own["bias"], own["weights"])))
        # per fold and threshold: each type's (tp, pred) on the fold's documents
        counts: list[dict[float, dict[str, tuple[int, int]]]] = [{} for _ in fold_models]
        for threshold in args.threshold:
            pred: list[dict[str, Any]] = []
            for k, (held, raw, implied_model) in enumerate(fold_models):
                model = learned.RelationModel("cv", threshold, raw["bias"], raw["weights"])
                fold_pred = predict([p for p in paths if p.name in held], model, implied_model)
                counts[k][threshold] = type_counts(gold, fold_pred, held)
                pred += fold_pred
            report(f"C {c:<5} threshold {threshold:.2f}", gold, base, pred, args.by_type)
        if args.per_type:
            pred = []
            for k, (held, raw, implied_model) in enumerate(fold_models):
                # the types' thresholds are chosen on the other folds only
                chosen = per_type_thresholds([n for j, n in enumerate(counts) if j != k],
                                             sum(g["doc"] not in held for g in gold))
                print(f"    fold {k}: {fmt(chosen)}")
                model = learned.RelationModel("cv", max(args.threshold), raw["bias"],
                                              raw["weights"], chosen)
                pred += predict([p for p in paths if p.name in held], model, implied_model)
            report(f"C {c:<5} per-type thresholds", gold, base, pred, args.by_type)
            print(f"    on every fold: {fmt(per_type_thresholds(counts, len(gold)))}")
    print(f"({time.perf_counter() - started:.0f} s)", file=sys.stderr)


if __name__ == "__main__":
    main()
