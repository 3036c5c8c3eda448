"""Score the extractor on every evaluation set the repository knows, one line each.

    python bench/eval_sets.py [--json] [--ceiling] [--misses SET] [--save-predictions DIR]
                              [--without FAMILY]

Sets: the shared development set (when ../shared is beside the repository), the own
tuning set (tests/data/extraction), the held-out set (tests/data/heldout, whose second half
h16-h30 is never used for tuning), and the independent corpus (tests/data/corpus): its
train-* parts are for finding failure patterns, its blind-* parts are never read while
changing the extractor. Copy the output into EVALUATION.md when a change moves it.

`--ceiling` adds the candidate ceiling: the share of gold claims whose sentence holds a
mention (registry, anaphora, spaCy entity or noun chunk) of both parties, the most a
perfect relation classifier over today's mentions could find. `--misses SET` prints the
gold claims a tuning set misses, with the claims predicted in the same document; blind
sets are refused.

`--save-predictions DIR` writes each set's predictions to DIR/<set>.jsonl without claim
ids and extractor version, so two extractor builds can be compared for identical output
(compare blind sets by sha256 only). `--without FAMILY` scores the extractor with one rule
family or post-filter disabled (see `proxygraph extract --list-rules`), to measure what
each is worth.
"""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path
from typing import Any

from proxygraph.evaluate import gold_names, load_jsonl, pair_matches, score_claims

WITHOUT_ENV = "PROXYGRAPH_EXTRACT_WITHOUT"  # extract/families.py; set before importing it
ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"


class EvalSet:
    def __init__(
        self,
        label: str,
        parts: list[tuple[Path, Path]],
        only: set[str] | None = None,
        blind: bool = False,
        collapse: bool = False,
    ) -> None:
        self.label, self.parts, self.only, self.blind = label, parts, only, blind
        self.collapse = collapse  # one claim per relation and document, as its gold counts

    def gold(self) -> list[dict[str, Any]]:
        rows = [g for gold, _ in self.parts for g in load_jsonl(gold)]
        return [g for g in rows if self.only is None or g["doc"] in self.only]

    def texts(self) -> list[Path]:
        out = []
        for _, texts in self.parts:
            out += [
                p for p in sorted(texts.glob("*.txt")) if self.only is None or p.name in self.only
            ]
        return out


def sets() -> list[EvalSet]:
    out: list[EvalSet] = []
    shared = ROOT.parent / "shared" / "corpus"
    if (shared / "gold" / "seeds.jsonl").exists():
        seeds = [(shared / "gold" / "seeds.jsonl", shared / "docs")]
        out.append(EvalSet("dev (shared seeds)", seeds))
        # its gold is annotated one claim per event per document (its NOTES.md), the
        # extractor's output one per statement; `--collapse-repeats` reads it that way
        out.append(EvalSet("dev, one claim per event", seeds, collapse=True))
    own = DATA / "extraction"
    out.append(EvalSet("own tuning set", [(own / "gold.jsonl", own / "texts")]))
    heldout = DATA / "heldout"
    names = sorted(p.name for p in (heldout / "texts").glob("*.txt"))
    part = [(heldout / "gold.jsonl", heldout / "texts")]
    out.append(
        EvalSet("held-out h01-h15 (tuned on)", part, {n for n in names if int(n[1:3]) <= 15})
    )
    out.append(
        EvalSet(
            "held-out h16-h30 (blind)", part, {n for n in names if int(n[1:3]) > 15}, blind=True
        )
    )
    corpus = DATA / "corpus"
    for prefix, label, blind in (
        ("train", "corpus train (tuning)", False),
        ("blind", "corpus blind", True),
    ):
        parts = [
            (d / "gold.jsonl", d / "texts")
            for d in sorted(corpus.glob(f"{prefix}-*"))
            if (d / "gold.jsonl").exists()
        ]
        if parts:
            out.append(EvalSet(label, parts, blind=blind))
    return out


def predict(evs: EvalSet) -> list[dict[str, Any]]:
    from proxygraph.extract import extract_path  # after --without has set the environment

    pred = []
    for path in evs.texts():  # every text, negatives included: they count against precision
        for claim in extract_path(path, collapse_repeats=evs.collapse):
            record = claim.to_dict()
            record["doc"] = path.name
            pred.append(record)
    return pred


def candidate_ceiling(evs: EvalSet) -> float:
    """Share of gold claims whose sentence mentions both parties in some form."""
    from proxygraph.extract.ceiling import sentence_names

    gold = evs.gold()
    names_by_doc = {p.name: sentence_names(p) for p in evs.texts()}
    hit = 0
    for g in gold:
        sentences = names_by_doc.get(g["doc"], [])
        quote = g.get("quote", "")
        want_s, want_o = gold_names(g.get("subject")), gold_names(g.get("object"))
        for text, names in sentences:
            if quote and quote[:40] not in text:
                continue
            if want_s & names and (not want_o or want_o & names):
                hit += 1
                break
    return hit / len(gold) if gold else 0.0


def print_misses(evs: EvalSet, pred: list[dict[str, Any]]) -> None:
    used: set[int] = set()
    for g in evs.gold():
        found = next(
            (
                i
                for i, p in enumerate(pred)
                if i not in used
                and p["doc"] == g["doc"]
                and p["type"] == g["type"]
                and pair_matches(g, p)
            ),
            None,
        )
        if found is not None:
            used.add(found)
            continue
        print(
            f"MISS {g['doc']} {g['type']} {g['subject'][0]} -> "
            f"{(g['object'] or ['-'])[0]} [{g['status']}/{g['certainty']}] | {g['quote']}"
        )
    for i, p in enumerate(pred):
        if i not in used:
            subj = (p.get("subject") or {}).get("name")
            obj = (p.get("object") or {}).get("name", "-") if p.get("object") else "-"
            print(
                f"FP   {p['doc']} {p['type']} {subj} -> {obj} [{p['status']}/"
                f"{p['certainty']}] | {p['evidence']['sentence'][:160]}"
            )


def _comparable(record: dict[str, Any]) -> dict[str, Any]:
    """A prediction without what names the extractor build (claim id, version)."""
    out = dict(record)
    out.pop("id", None)
    out["extractor"] = {k: v for k, v in (out.get("extractor") or {}).items() if k != "version"}
    return out


def save_predictions(directory: Path, evs: EvalSet, pred: list[dict[str, Any]]) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    slug = "".join(c if c.isalnum() else "-" for c in evs.label.lower()).strip("-")
    with (directory / f"{slug}.jsonl").open("w", encoding="utf-8") as out:
        for record in pred:
            out.write(json.dumps(_comparable(record), sort_keys=True, ensure_ascii=False) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--ceiling", action="store_true", help="add the candidate ceiling")
    parser.add_argument(
        "--misses",
        metavar="SET",
        help="list misses of a tuning set (label prefix, e.g. 'corpus train')",
    )
    parser.add_argument(
        "--save-predictions",
        metavar="DIR",
        type=Path,
        help="write each set's predictions (no ids, no version) to DIR",
    )
    parser.add_argument(
        "--without",
        metavar="NAME",
        action="append",
        default=[],
        help="disable a rule family or filter (repeatable; see proxygraph extract --list-rules)",
    )
    args = parser.parse_args()
    if args.without:
        # read once when the extractor is first imported, and part of its version
        os.environ[WITHOUT_ENV] = ",".join(args.without)
    rows = []
    for evs in sets():
        if args.misses:
            if not evs.label.startswith(args.misses):
                continue
            if evs.blind:
                raise SystemExit(f"{evs.label} is blind: its misses are never read")
            print_misses(evs, predict(evs))
            continue
        pred = predict(evs)
        if args.save_predictions is not None:
            save_predictions(args.save_predictions, evs, pred)
        scores = score_claims(evs.gold(), pred)
        top, att = scores.overall, scores.attributes
        row = {
            "set": evs.label,
            "gold": top.gold,
            "pred": top.pred,
            "tp": top.tp,
            "p": round(top.precision, 3),
            "r": round(top.recall, 3),
            "f1": round(top.f1, 3),
            "status": round(att.status_acc, 3),
            "certainty": round(att.certainty_acc, 3),
            "time": round(att.time_acc, 3),
        }
        if args.ceiling:
            row["ceiling"] = round(candidate_ceiling(evs), 3)
        rows.append(row)
    if args.misses:
        return
    if args.json:
        print(json.dumps(rows, indent=2))
        return
    if args.without:
        print(f"extractor without {', '.join(args.without)}")
    extra = " ceiling |" if args.ceiling else ""
    print(
        f"| {'set':28} | gold | pred |  P    |  R    |  F1   | status | certainty | time  |" + extra
    )
    print(
        f"|{'-' * 30}|------|------|-------|-------|-------|--------|-----------|-------|"
        + ("---------|" if args.ceiling else "")
    )
    for r in rows:
        cell = f"  {r['ceiling']:.3f}  |" if args.ceiling else ""
        print(
            f"| {r['set']:28} | {r['gold']:4} | {r['pred']:4} | {r['p']:.3f} | {r['r']:.3f} | "
            f"{r['f1']:.3f} | {r['status']:.3f}  | {r['certainty']:.3f}     | {r['time']:.3f} |"
            + cell
        )


if __name__ == "__main__":
    main()
