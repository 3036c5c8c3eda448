"""Words per second of `proxygraph extract` against bare spaCy `nlp.pipe` on the same texts.

    python bench/extract_speed.py [--repeat N] [FILES...]

Without files it uses the bundled sample reports. Prints both rates and their ratio
(target: extract >= 0.9 of bare parse speed). Figures, not a test.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from proxygraph.cli.extract_cmds import sample_documents
from proxygraph.extract import extract_document
from proxygraph.extract.nlp import chunks, load_nlp
from proxygraph.ingest import read_document
from proxygraph.model import Document


def bare_parse(docs: list[Document]) -> None:
    nlp = load_nlp()
    for doc in docs:
        for _ in nlp.pipe(piece for _, piece in chunks(doc.text)):
            pass


def full_extract(docs: list[Document]) -> None:
    for doc in docs:
        extract_document(doc)


def timed(fn, docs: list[Document], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn(docs)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--copies", type=int, default=5, help="repeat the corpus N times")
    args = parser.parse_args()
    docs = [read_document(p) for p in args.files] if args.files else sample_documents()
    docs = docs * args.copies
    words = sum(len(d.text.split()) for d in docs)
    load_nlp()
    full_extract(docs[:1])  # warm the registry and lexicon caches
    bare = timed(bare_parse, docs, args.repeat)
    full = timed(full_extract, docs, args.repeat)
    print(f"documents: {len(docs)}  words: {words}")
    print(f"bare spaCy nlp.pipe : {words / bare:10.0f} words/s ({bare:.2f} s)")
    print(f"proxygraph extract  : {words / full:10.0f} words/s ({full:.2f} s)")
    print(f"ratio extract/bare  : {bare / full:10.2f}  (target >= 0.90)")


if __name__ == "__main__":
    main()
