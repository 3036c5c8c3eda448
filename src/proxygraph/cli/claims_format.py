"""How `claims` prints: JSON Lines and CSV streamed row by row, a table for people.

Rows arrive as the JSON the store hands out (`SqlStore.iter_claim_json`), so an export of
a million claims never holds them all nor validates each one again.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from typing import IO, Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from proxygraph.credibility import CREDIBILITY_MEANING, RELIABILITY_MEANING
from proxygraph.spreadsheet import guarded

FORMATS = ("table", "jsonl", "csv")
CSV_FIELDS = ("id", "type", "subject", "subject_id", "object", "object_id", "items", "via",
              "place", "route", "time_start", "time_end", "time_precision", "status",
              "certainty", "reliability", "credibility", "review_state", "lifecycle",
              "origin", "supersedes", "doc", "extractor_version", "extractor_component",
              "evidence")
EVIDENCE_WIDTH = 160


def shorten(text: str, width: int = EVIDENCE_WIDTH) -> str:
    """`text` cut at the last word boundary before `width`, with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= width:
        return text
    cut = text[:width - 1]
    space = cut.rfind(" ")
    if space > width // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:.-") + "…"


def legend() -> str:
    """One line saying what a grade such as C2 means."""
    grades = ", ".join(f"{g} {m}" for g, m in RELIABILITY_MEANING.items())
    cred = ", ".join(f"{n} {m}" for n, m in CREDIBILITY_MEANING.items())
    return (f"grade = source reliability ({grades}) + information credibility ({cred}); "
            "`proxygraph claims --id ID --explain` shows why")


def _names(entities: Iterable[dict[str, Any]] | None) -> str:
    return "; ".join(str(e.get("name", "")) for e in entities or ())


def row(claim: dict[str, Any]) -> dict[str, str]:
    """A stored claim's dict (StoredClaim.to_dict shape) as flat text fields."""
    time = claim.get("time") or {}
    obj = claim.get("object") or {}
    review = claim.get("review") or {}
    return {
        "id": claim["id"], "type": claim["type"], "subject": claim["subject"]["name"],
        "subject_id": claim["subject"]["id"], "object": obj.get("name", ""),
        "object_id": obj.get("id", ""), "items": _names(claim.get("items")),
        "via": _names(claim.get("via")), "place": "; ".join(claim.get("place") or ()),
        "route": "; ".join(claim.get("route") or ()),
        "time_start": time.get("start") or "", "time_end": time.get("end") or "",
        "time_precision": time.get("precision") or "" if time else "",
        "status": claim["status"], "certainty": claim["certainty"],
        "reliability": str(claim.get("reliability", "")),
        "credibility": str(claim.get("credibility", "")),
        "review_state": review.get("state", ""), "lifecycle": review.get("lifecycle", ""),
        "origin": review.get("origin", ""), "supersedes": review.get("supersedes") or "",
        "doc": claim["doc"], "extractor_version": str(claim["extractor"].get("version", "")),
        "extractor_component": claim["extractor"].get("component", ""),
        "evidence": claim["evidence"]["sentence"],
    }


def write_jsonl(lines: Iterable[str], out: IO[str]) -> int:
    n = 0
    for line in lines:
        out.write(line + "\n")
        n += 1
    return n


def csv_row(claim: dict[str, Any]) -> dict[str, str]:
    """`row` with every cell safe to open in a spreadsheet (spreadsheet.py)."""
    return {k: guarded(v) for k, v in row(claim).items()}


def write_csv(lines: Iterable[str], out: IO[str]) -> int:
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    n = 0
    for line in lines:
        writer.writerow(csv_row(json.loads(line)))
        n += 1
    return n


def claims_table(claims: Iterator[dict[str, Any]]) -> tuple[Table, int]:
    table = Table(show_lines=False)
    for col in ("id", "type", "subject", "object", "items", "time", "status", "grade",
                "review"):
        table.add_column(col, overflow="fold", no_wrap=col in ("id", "grade"))
    table.add_column("evidence", overflow="fold", ratio=1)
    n = 0
    for claim in claims:
        r = row(claim)
        time = r["time_start"] + (f"..{r['time_end']}" if r["time_end"] != r["time_start"]
                                  else "")
        review = r["review_state"] if r["lifecycle"] == "active" else r["lifecycle"]
        # Text cells: report text like "[1]" or "[/b]" must not be read as Rich markup.
        table.add_row(*(Text(cell) for cell in (
            r["id"], r["type"], r["subject"], r["object"], r["items"], time,
            f"{r['status']}/{r['certainty']}", f"{r['reliability']}{r['credibility']}",
            review, shorten(r["evidence"]))))
        n += 1
    return table, n


def print_table(claims: Iterator[dict[str, Any]], console: Console) -> int:
    table, n = claims_table(claims)
    console.print(table)
    if n:
        console.print(legend(), markup=False, highlight=False, soft_wrap=True)
    return n
