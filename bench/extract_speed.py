"""Words per second of `proxygraph extract` against bare spaCy `nlp.pipe` on the same texts.

    python bench/extract_speed.py [--rounds N] [--copies N] [FILES...]

Without files it uses the bundled sample reports. The two are timed in alternating rounds
(CPU time, so other processes on this 2-core machine count less) and the median ratio is
printed with its range (issue 8's target: extract >= 0.9 of bare parse speed), then the
first round's on its own (caches cold, as in a fresh process). Figures, not a test.

The bare baseline is the **stock** pipeline: `spacy.load` of the pinned model with all its
own components (not `load_nlp()`, whose faster attribute ruler would speed the baseline
too), over the same chunks; extraction uses `load_nlp()` as always.
"""

from __future__ import annotations

import argparse
import statistics
import time
from functools import cache
from pathlib import Path

import spacy
from spacy.language import Language

from proxygraph.cli.extract_cmds import sample_documents
from proxygraph.extract import extract_document
from proxygraph.extract.nlp import MODEL_NAME, chunks, load_nlp
from proxygraph.ingest import read_document
from proxygraph.model import Document


@cache
def stock_nlp() -> Language:
    """The pinned model exactly as spaCy loads it: the baseline's pipeline."""
    return spacy.load(MODEL_NAME)


def bare_parse(docs: list[Document]) -> None:
    nlp = stock_nlp()
    for doc in docs:
        for _ in nlp.pipe(piece for _, piece in chunks(doc.text)):
            pass


def full_extract(docs: list[Document]) -> None:
    for doc in docs:
        extract_document(doc)


def alternated(docs: list[Document], rounds: int) -> tuple[list[float], list[float]]:
    """Seconds of bare parse and of extraction, measured in alternating rounds (A B A B ...)
    so machine noise falls on both alike; CPU time beside wall time."""
    bare, full = [], []
    for n in range(rounds):
        order = ((bare_parse, bare), (full_extract, full))
        for fn, out in (order if n % 2 == 0 else order[::-1]):
            start = time.process_time()
            fn(docs)
            out.append(time.process_time() - start)
    return bare, full


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--rounds", type=int, default=6, help="alternating A/B rounds")
    parser.add_argument("--copies", type=int, default=3, help="repeat the corpus N times")
    args = parser.parse_args()
    docs = [read_document(p) for p in args.files] if args.files else sample_documents()
    docs = docs * args.copies
    words = sum(len(d.text.split()) for d in docs)
    stock_nlp()
    load_nlp()
    full_extract(docs[:1])  # warm the registry and lexicon caches
    bare, full = alternated(docs, args.rounds)
    ratios = sorted(b / f for b, f in zip(bare, full, strict=True))
    print(f"documents: {len(docs)}  words: {words}  rounds: {args.rounds} (CPU seconds)")
    print(f"bare spaCy nlp.pipe : {words / statistics.median(bare):10.0f} words/s (median)")
    print(f"proxygraph extract  : {words / statistics.median(full):10.0f} words/s (median)")
    print(f"ratio extract/bare  : {statistics.median(ratios):10.2f} median, "
          f"{ratios[0]:.2f}-{ratios[-1]:.2f} range  (target >= 0.90)")
    # the first round meets every text's words for the first time in both pipelines (as a
    # fresh process does): the lemmatizers' caches are cold
    print(f"first round (cold)  : {bare[0] / full[0]:10.2f} extract/bare, "
          f"bare {bare[0]:.3f} s, extract {full[0]:.3f} s")


if __name__ == "__main__":
    main()
