"""Score the extractor on every evaluation set the repository knows, one line each.

    python bench/eval_sets.py [--json]

Sets: the shared development set (when ../shared is beside the repository), the own
tuning set (tests/data/extraction), and the held-out set (tests/data/heldout), whose
second half (h16-h30) is never used for tuning. Copy the output into EVALUATION.md when
a change moves it, so review shows what the change did.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from proxygraph.evaluate import evaluate_docs, load_jsonl, score_claims
from proxygraph.extract import extract_path

ROOT = Path(__file__).resolve().parents[1]


def sets() -> list[tuple[str, Path, Path, set[str] | None]]:
    out: list[tuple[str, Path, Path, set[str] | None]] = []
    shared = ROOT.parent / "shared" / "corpus"
    if (shared / "gold" / "seeds.jsonl").exists():
        out.append(("dev (shared seeds)", shared / "gold" / "seeds.jsonl", shared / "docs", None))
    data = ROOT / "tests" / "data"
    out.append(("own tuning set", data / "extraction" / "gold.jsonl",
                data / "extraction" / "texts", None))
    heldout = data / "heldout"
    names = sorted(p.name for p in (heldout / "texts").glob("*.txt"))
    out.append(("held-out h01-h15 (tuned on)", heldout / "gold.jsonl", heldout / "texts",
                {n for n in names if int(n[1:3]) <= 15}))
    out.append(("held-out h16-h30 (blind)", heldout / "gold.jsonl", heldout / "texts",
                {n for n in names if int(n[1:3]) > 15}))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    rows = []
    for label, gold_path, docs, only in sets():
        if only is None:
            scores = evaluate_docs(gold_path, docs, extract_path)
        else:
            gold = [g for g in load_jsonl(gold_path) if g["doc"] in only]
            pred = []
            for name in sorted(only):
                for claim in extract_path(docs / name):
                    pred.append(claim.to_dict())
            scores = score_claims(gold, pred)
        top, att = scores.overall, scores.attributes
        rows.append({"set": label, "gold": top.gold, "pred": top.pred, "tp": top.tp,
                     "p": round(top.precision, 3), "r": round(top.recall, 3),
                     "f1": round(top.f1, 3), "status": round(att.status_acc, 3),
                     "certainty": round(att.certainty_acc, 3), "time": round(att.time_acc, 3)})
    if args.json:
        print(json.dumps(rows, indent=2))
        return
    print(f"| {'set':28} | gold | pred |  P    |  R    |  F1   | status | certainty | time  |")
    print(f"|{'-' * 30}|------|------|-------|-------|-------|--------|-----------|-------|")
    for r in rows:
        print(f"| {r['set']:28} | {r['gold']:4} | {r['pred']:4} | {r['p']:.3f} | {r['r']:.3f} | "
              f"{r['f1']:.3f} | {r['status']:.3f}  | {r['certainty']:.3f}     | {r['time']:.3f} |")


if __name__ == "__main__":
    main()
