"""Check a gold claim file against the gold format before it is used for scoring.

    python scripts/check_gold.py GOLD.jsonl TEXTS_DIR

Checks every line: valid JSON, exactly the 13 keys in order, type/status/certainty/
precision from the ontology, ISO dates with end >= start, entity lists of strings,
a `quote` that is a verbatim substring of its document, no repeated claim. Prints one
line per problem and a summary; exits 1 when anything is wrong.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from datetime import date
from pathlib import Path

from proxygraph.ontology import ONTOLOGY

KEYS = ["doc", "type", "subject", "object", "items", "via", "route", "time", "quantity",
        "status", "certainty", "attribution", "quote"]


def _names_ok(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(n, str) and n.strip() for n in value)


def check_line(row: dict, texts: Path) -> list[str]:
    problems: list[str] = []
    if list(row) != KEYS:
        problems.append(f"keys {list(row)} are not exactly {KEYS}")
        return problems
    if row["type"] not in ONTOLOGY.claim_types:
        problems.append(f"unknown type {row['type']!r}")
    if row["status"] not in ONTOLOGY.statuses:
        problems.append(f"unknown status {row['status']!r}")
    if row["certainty"] not in ONTOLOGY.certainties:
        problems.append(f"unknown certainty {row['certainty']!r}")
    if not _names_ok(row["subject"]) or not row["subject"]:
        problems.append("subject must be a non-empty list of names")
    if not _names_ok(row["object"]):
        problems.append("object must be a list of names")
    if not _names_ok(row["route"]):
        problems.append("route must be a list of strings")
    for key in ("items", "via", "attribution"):
        if not isinstance(row[key], list) or not all(_names_ok(e) and e for e in row[key]):
            problems.append(f"{key} must be a list of non-empty name lists")
    time = row["time"]
    if time is not None:
        try:
            start = date.fromisoformat(time["start"])
            end = time.get("end")
            if end is not None and date.fromisoformat(end) < start:
                problems.append("time end before start")
            if time.get("precision") not in ONTOLOGY.time_precisions:
                problems.append(f"unknown precision {time.get('precision')!r}")
        except (KeyError, TypeError, ValueError) as exc:
            problems.append(f"bad time {time!r} ({exc})")
    doc = texts / row["doc"]
    if not doc.is_file():
        problems.append(f"no document {doc}")
    elif row["quote"] not in doc.read_text(encoding="utf-8"):
        problems.append(f"quote not verbatim in {row['doc']}: {row['quote']!r}")
    return problems


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    gold, texts = Path(argv[0]), Path(argv[1])
    bad = 0
    seen: Counter[tuple] = Counter()
    lines = gold.read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            print(f"{gold}:{number}: not JSON ({exc})")
            bad += 1
            continue
        problems = check_line(row, texts)
        if not problems:
            key = (row["doc"], row["type"], tuple(row["subject"]), tuple(row["object"]),
                   row["status"], row["quote"])
            seen[key] += 1
            if seen[key] == 2:
                problems.append("repeats an earlier claim (doc, type, pair, status, quote)")
        for problem in problems:
            print(f"{gold}:{number}: {problem}")
        bad += bool(problems)
    total = sum(1 for line in lines if line.strip())
    print(f"{total} claims, {bad} with problems")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
