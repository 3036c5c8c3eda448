"""The batched entity recognizer against spaCy's own: identical entities, and the time each takes.

    python bench/entity_recognizer.py [--check] [--rounds N] [--copies N] [--set NAME ...]

`--check` parses every text of the corpus train parts, the own sets and the samples (the
chunks and batches of `bench/attribute_ruler.py --check`; blind parts are never read)
with the stock pipeline and with `load_nlp()`'s, and prints per set the tokens and
entities compared, the docs whose entities differ and the tokens where any of TAG, POS,
MORPH, LEMMA, DEP, HEAD, ENT_IOB, ENT_TYPE, SENT_START, ENT_KB_ID or ENT_ID differs
(expected: 0 and 0). It prints counts only, never text.

Without `--check` it times, on the sample reports (or the text sets `--set` names), in
alternating rounds (CPU seconds): the two recognizers alone on copies of the same docs
parsed up to them, then the whole bare parse with the sixth pass's pipeline (fast ruler
and lemmatizer, stock recognizer) against `load_nlp()`'s, the stock pipeline's beside
them. Figures, not a test.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import spacy
from spacy.attrs import ENT_ID, ENT_KB_ID
from spacy.language import Language

sys.path.insert(0, str(Path(__file__).resolve().parent))

from attribute_ruler import (  # noqa: E402
    DATA,
    component_alone,
    parsed,
    report,
    timed,
    whole_parse_against_stock,
)

from proxygraph.cli.extract_cmds import sample_documents  # noqa: E402
from proxygraph.extract.fast_attributes import ANNOTATIONS, use_fast_attributes  # noqa: E402
from proxygraph.extract.fast_lemmas import use_fast_lemmas  # noqa: E402
from proxygraph.extract.fast_ner import FACTORY, STOCK_NAME  # noqa: E402
from proxygraph.extract.nlp import MODEL_NAME, chunks, load_nlp  # noqa: E402
from proxygraph.ingest import read_document  # noqa: E402

_COMPARED = [*ANNOTATIONS, ENT_KB_ID, ENT_ID]


def open_sets() -> Iterator[tuple[str, list[str]]]:
    """(set name, its texts): `bench/attribute_ruler.py`'s sets without the blind corpus
    parts, whose folders are never opened here."""
    folders = [
        *sorted(DATA.glob("corpus/train-*/texts")),
        DATA / "extraction" / "texts",
        DATA / "heldout" / "texts",
    ]
    for folder in folders:
        files = sorted(p for p in folder.iterdir() if p.is_file())
        yield str(folder.relative_to(DATA)), [read_document(p).text for p in files]
    yield "samples", [doc.text for doc in sample_documents()]


def check() -> int:
    stock, fast = spacy.load(MODEL_NAME), load_nlp()
    if fast.get_pipe_meta(STOCK_NAME).factory != FACTORY:
        print("load_nlp() kept the stock recognizer: nothing to compare", file=sys.stderr)
        return 1
    total = [0, 0, 0, 0]
    for name, texts in open_sets():
        tokens = entities = docs = anything = 0
        for a, b in zip(parsed(stock, texts), parsed(fast, texts), strict=True):
            if a.text != b.text:
                raise SystemExit("chunks differ between the two runs")
            tokens += len(a)
            entities += len(a.ents)
            docs += [(e.start, e.end, e.label) for e in a.ents] != [
                (e.start, e.end, e.label) for e in b.ents
            ]
            anything += int((a.to_array(_COMPARED) != b.to_array(_COMPARED)).any(axis=1).sum())
        print(
            f"{name:28} texts {len(texts):4}  tokens {tokens:8}  entities {entities:6}  "
            f"docs with other entities {docs}  tokens differing {anything}"
        )
        total = [total[0] + tokens, total[1] + entities, total[2] + docs, total[3] + anything]
    print(
        f"{'all':28} {'':10}  tokens {total[0]:8}  entities {total[1]:6}  "
        f"docs with other entities {total[2]}  tokens differing {total[3]}"
    )
    return 1 if total[2] or total[3] else 0


def recognizer_alone(nlp: Language, pieces: list[str]) -> Callable[[], float]:
    """The pipeline's recognizer on copies of docs parsed up to it; its CPU seconds."""
    return component_alone(nlp, STOCK_NAME, pieces, batch_size=256)


def speed(rounds: int, copies: int, sets: list[str]) -> None:
    stock, fast = spacy.load(MODEL_NAME), load_nlp()
    if sets:
        texts = [t for name, ts in open_sets() if any(s in name for s in sets) for t in ts]
        if not texts:
            raise SystemExit(f"no text set named like {sets}")
    else:
        texts = [doc.text for doc in sample_documents() * copies]
    pieces = [piece for text in texts for _, piece in chunks(text)]
    words = sum(len(piece.split()) for piece in pieces)
    tokens = sum(len(doc) for doc in stock.tokenizer.pipe(pieces))
    times = timed(
        {"stock": recognizer_alone(stock, pieces), "fast": recognizer_alone(fast, pieces)},
        rounds,
    )
    report(f"the recognizer alone, {len(pieces)} chunks, {tokens} tokens (CPU s):", times)
    print(
        "  "
        + ", ".join(
            f"{name} {statistics.median(secs) / tokens * 1e6:.2f} us/token"
            for name, secs in times.items()
        )
    )
    # the sixth pass's pipeline (fast ruler and lemmatizer, stock recognizer)
    sixth = spacy.load(MODEL_NAME)
    use_fast_attributes(sixth)
    use_fast_lemmas(sixth)
    whole_parse_against_stock(stock, {"sixth pass": sixth, "load_nlp": fast}, pieces, words,
                              rounds)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare annotations")
    parser.add_argument("--rounds", type=int, default=5, help="alternating rounds")
    parser.add_argument("--copies", type=int, default=1, help="repeat the samples N times")
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="NAME",
        help="time on the text sets named like NAME (e.g. corpus/train-a) instead of the "
        "samples; repeatable; blind parts are never read",
    )
    args = parser.parse_args()
    if args.rounds < 1 or args.copies < 1:
        parser.error("--rounds and --copies must be at least 1")
    if args.check:
        sys.exit(check())
    speed(args.rounds, args.copies, args.set)


if __name__ == "__main__":
    main()
