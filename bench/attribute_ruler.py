"""The fast attribute ruler against spaCy's own: identical annotations, and the time each takes.

    python bench/attribute_ruler.py [--check] [--rounds N] [--copies N]

`--check` parses every text of the evaluation sets (tests/data/corpus/*/texts,
tests/data/extraction, tests/data/heldout) and the bundled samples, in the chunks and
batches `extract/nlp.py` makes, with the stock pipeline (`spacy.load` of the pinned model)
and with `load_nlp()`'s, and prints per set the tokens compared and the tokens whose TAG,
POS, MORPH, LEMMA, DEP, HEAD, ENT_IOB, ENT_TYPE or SENT_START differ (expected: 0). It
prints counts only, never text.

Without `--check` it times, on the sample reports, in alternating rounds (CPU seconds):
the whole bare parse with the stock pipeline against the pipeline with the fast ruler, and
the two rulers alone on the same parsed docs (copies). Figures, not a test.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from proxygraph.cli.extract_cmds import sample_documents
from proxygraph.extract.fast_attributes import FACTORY, STOCK_NAME, differing_tokens
from proxygraph.extract.nlp import MODEL_NAME, _batches, chunks, load_nlp
from proxygraph.ingest import read_document

DATA = Path(__file__).resolve().parents[1] / "tests" / "data"


def text_sets() -> Iterator[tuple[str, list[str]]]:
    """(set name, its texts): the corpus parts, the own sets, the samples."""
    folders = [*sorted(DATA.glob("corpus/*/texts")), DATA / "extraction" / "texts",
               DATA / "heldout" / "texts"]
    for folder in folders:
        files = sorted(p for p in folder.iterdir() if p.is_file())
        yield str(folder.relative_to(DATA)), [read_document(p).text for p in files]
    yield "samples", [doc.text for doc in sample_documents()]


def parsed(nlp: Language, texts: list[str]) -> Iterator[Doc]:
    """The texts' chunks, parsed batch by batch as extract/nlp.py parses them."""
    for text in texts:
        for batch in _batches(chunks(text)):
            yield from nlp.pipe(piece for _, piece in batch)


def check() -> int:
    stock, fast = spacy.load(MODEL_NAME), load_nlp()
    if fast.get_pipe_meta(STOCK_NAME).factory != FACTORY:
        print("load_nlp() kept the stock attribute ruler: nothing to compare", file=sys.stderr)
        return 1
    total_tokens = total_diff = 0
    for name, texts in text_sets():
        tokens = diff = 0
        for a, b in zip(parsed(stock, texts), parsed(fast, texts), strict=True):
            if a.text != b.text:
                raise SystemExit("chunks differ between the two runs")
            tokens += len(a)
            diff += differing_tokens(a, b)
        print(f"{name:28} texts {len(texts):4}  tokens {tokens:8}  differing {diff}")
        total_tokens, total_diff = total_tokens + tokens, total_diff + diff
    print(f"{'all':28} {'':10}  tokens {total_tokens:8}  differing {total_diff}")
    return 1 if total_diff else 0


def timed(runs: dict[str, Callable[[], float]], rounds: int) -> dict[str, list[float]]:
    """Each run's CPU seconds (as it reports them), in alternating rounds (the order flips
    every round, so machine noise falls on both alike)."""
    out: dict[str, list[float]] = {name: [] for name in runs}
    for n in range(rounds):
        for name in (list(runs) if n % 2 == 0 else list(runs)[::-1]):
            out[name].append(runs[name]())
    return out


def report(title: str, times: dict[str, list[float]], words: int = 0) -> None:
    (a, ta), (b, tb) = times.items()
    ratios = sorted(x / y for x, y in zip(ta, tb, strict=True))
    print(title)
    for name, secs in times.items():
        rate = f"  {words / statistics.median(secs):8.0f} words/s" if words else ""
        print(f"  {name:12} {statistics.median(secs):8.4f} s median "
              f"({min(secs):.4f}-{max(secs):.4f}){rate}")
    print(f"  {a}/{b} time: {statistics.median(ratios):.2f} median, "
          f"{ratios[0]:.2f}-{ratios[-1]:.2f} range")


def bare_parse(nlp: Language, pieces: list[str]) -> Callable[[], float]:
    """The chunks parsed in extract/nlp.py's batches; returns its CPU seconds."""
    def run() -> float:
        start = time.process_time()
        for batch in _batches(iter(enumerate(pieces))):
            for _ in nlp.pipe(piece for _, piece in batch):
                pass
        return time.process_time() - start
    return run


def component_alone(nlp: Language, name: str, pieces: list[str], *, batch_size: int = 64,
                    before_round: Callable[[Any], None] | None = None
                    ) -> Callable[[], float]:
    """The pipeline's component `name` on copies of docs parsed up to it; its CPU seconds.
    `before_round`, given the component, runs untimed before each round (to empty caches)."""
    before = nlp.pipe_names[:nlp.pipe_names.index(name)]
    with nlp.select_pipes(enable=before):
        docs = list(nlp.pipe(pieces))
    component = nlp.get_pipe(name)

    def run() -> float:
        copies = [doc.copy() for doc in docs]
        if before_round is not None:
            before_round(component)
        start = time.process_time()
        for _ in component.pipe(copies, batch_size=batch_size):
            pass
        return time.process_time() - start
    return run


def ruler_alone(nlp: Language, pieces: list[str]) -> Callable[[], float]:
    """The pipeline's attribute ruler on copies of docs parsed up to it; its CPU seconds."""
    return component_alone(nlp, STOCK_NAME, pieces)


def whole_parse_against_stock(stock: Language, variants: dict[str, Language],
                              pieces: list[str], words: int, rounds: int) -> None:
    """The bare parse of `pieces` by the stock pipeline and by each variant, alternated;
    prints the variants' times and the stock pipeline's over `variants["load_nlp"]`'s."""
    whole = timed({"stock": bare_parse(stock, pieces),
                   **{name: bare_parse(nlp, pieces) for name, nlp in variants.items()}},
                  rounds)
    stock_secs = whole.pop("stock")
    report(f"whole parse, {len(pieces)} chunks, {words} words, {rounds} rounds (CPU s):",
           whole, words)
    ratios = sorted(a / b for a, b in zip(stock_secs, whole["load_nlp"], strict=True))
    print(f"  stock        {statistics.median(stock_secs):8.4f} s median; stock/load_nlp "
          f"time {statistics.median(ratios):.2f} median, {ratios[0]:.2f}-{ratios[-1]:.2f}")


def speed(rounds: int, copies: int) -> None:
    stock, fast = spacy.load(MODEL_NAME), load_nlp()
    pieces = [piece for doc in sample_documents() * copies for _, piece in chunks(doc.text)]
    words = sum(len(piece.split()) for piece in pieces)
    tokens = sum(len(doc) for doc in stock.tokenizer.pipe(pieces))
    report(f"whole parse, {len(pieces)} chunks, {words} words, {rounds} rounds (CPU s):",
           timed({"stock": bare_parse(stock, pieces), "fast ruler": bare_parse(fast, pieces)},
                 rounds), words)
    times = timed({"stock ruler": ruler_alone(stock, pieces),
                   "fast ruler": ruler_alone(fast, pieces)}, rounds)
    report(f"the attribute ruler alone, {tokens} tokens (CPU s):", times)
    print("  " + ", ".join(f"{name} {statistics.median(secs) / tokens * 1e6:.2f} us/token"
                           for name, secs in times.items()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare annotations")
    parser.add_argument("--rounds", type=int, default=5, help="alternating rounds")
    parser.add_argument("--copies", type=int, default=1, help="repeat the samples N times")
    args = parser.parse_args()
    if args.rounds < 1 or args.copies < 1:
        parser.error("--rounds and --copies must be at least 1")
    if args.check:
        sys.exit(check())
    speed(args.rounds, args.copies)


if __name__ == "__main__":
    main()
