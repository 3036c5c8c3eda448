"""The cached lemmatizer against spaCy's own: identical lemmas, and the time each takes.

    python bench/lemmatizer.py [--check] [--rounds N] [--copies N] [--set NAME ...]

`--check` parses every text of the evaluation sets and the samples (the same sets, chunks
and batches as `bench/attribute_ruler.py --check`) with the stock pipeline and with
`load_nlp()`'s, and prints per set the tokens compared, the tokens whose LEMMA differs and
the tokens where any of TAG, POS, MORPH, LEMMA, DEP, HEAD, ENT_IOB, ENT_TYPE or SENT_START
differs (expected: 0 and 0). It prints counts only, never text.

Without `--check` it times, on the sample reports, in alternating rounds (CPU seconds):
the two lemmatizers alone on copies of the same docs parsed up to them (or on the text
sets `--set` names), cold (every cache emptied before each round, as in a fresh process)
and warm, then the whole bare parse with the fifth pass's pipeline (fast attribute ruler,
stock lemmatizer) against `load_nlp()`'s, the stock pipeline's beside them. Figures, not
a test.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import spacy
from spacy.attrs import LEMMA
from spacy.language import Language

sys.path.insert(0, str(Path(__file__).resolve().parent))

from attribute_ruler import (  # noqa: E402
    component_alone,
    parsed,
    text_sets,
    timed,
    whole_parse_against_stock,
)

from proxygraph.cli.extract_cmds import sample_documents  # noqa: E402
from proxygraph.extract.fast_attributes import differing_tokens, use_fast_attributes  # noqa: E402,E501
from proxygraph.extract.fast_lemmas import FACTORY, STOCK_NAME  # noqa: E402
from proxygraph.extract.nlp import MODEL_NAME, chunks, load_nlp  # noqa: E402


def check() -> int:
    stock, fast = spacy.load(MODEL_NAME), load_nlp()
    if fast.get_pipe_meta(STOCK_NAME).factory != FACTORY:
        print("load_nlp() kept the stock lemmatizer: nothing to compare", file=sys.stderr)
        return 1
    total = [0, 0, 0]
    for name, texts in text_sets():
        tokens = lemmas = anything = 0
        for a, b in zip(parsed(stock, texts), parsed(fast, texts), strict=True):
            if a.text != b.text:
                raise SystemExit("chunks differ between the two runs")
            tokens += len(a)
            lemmas += int((a.to_array([LEMMA]) != b.to_array([LEMMA])).sum())
            anything += differing_tokens(a, b)
        print(f"{name:28} texts {len(texts):4}  tokens {tokens:8}  "
              f"LEMMA differing {lemmas}  any differing {anything}")
        total = [total[0] + tokens, total[1] + lemmas, total[2] + anything]
    print(f"{'all':28} {'':10}  tokens {total[0]:8}  "
          f"LEMMA differing {total[1]}  any differing {total[2]}")
    return 1 if total[1] or total[2] else 0


def lemmatizer_alone(nlp: Language, pieces: list[str], *, cold: bool) -> Callable[[], float]:
    """The pipeline's lemmatizer on copies of docs parsed up to it; its CPU seconds."""
    def empty_caches(lemmatizer: Any) -> None:
        # as in a fresh process: every cache, the stock one's and its twin's too
        for owner in (lemmatizer, getattr(lemmatizer, "stock", None),
                      getattr(lemmatizer, "answers", None)):
            if owner is not None:
                owner.cache.clear()

    return component_alone(nlp, STOCK_NAME, pieces,
                           before_round=empty_caches if cold else None)


def speed(rounds: int, copies: int, sets: list[str]) -> None:
    stock, fast = spacy.load(MODEL_NAME), load_nlp()
    pieces = [piece for doc in sample_documents() * copies for _, piece in chunks(doc.text)]
    words = sum(len(piece.split()) for piece in pieces)
    # the lemmatizer alone on the samples, or on the texts of the named sets
    texts = [text for name, texts in text_sets() if any(s in name for s in sets)
             for text in texts]
    if sets and not texts:
        raise SystemExit(f"no text set named like {sets}")
    alone = [piece for text in texts for _, piece in chunks(text)] if sets else pieces
    tokens = sum(len(doc) for doc in stock.tokenizer.pipe(alone))
    # cold: every cache emptied before each round, as in a fresh process; warm: the
    # caches kept from the round before, as in a long run
    times = timed({"stock cold": lemmatizer_alone(stock, alone, cold=True),
                   "fast cold": lemmatizer_alone(fast, alone, cold=True),
                   "stock warm": lemmatizer_alone(stock, alone, cold=False),
                   "fast warm": lemmatizer_alone(fast, alone, cold=False)}, rounds)
    print(f"the lemmatizer alone, {len(texts) or 'sample'} texts, {tokens} tokens (CPU s):")
    for name, secs in times.items():
        print(f"  {name:12} {statistics.median(secs):8.4f} s median "
              f"({min(secs):.4f}-{max(secs):.4f})  "
              f"{statistics.median(secs) / tokens * 1e6:.2f} us/token")
    # the fifth pass's pipeline (fast ruler, stock lemmatizer) against load_nlp()'s
    ruler_only = spacy.load(MODEL_NAME)
    use_fast_attributes(ruler_only)
    whole_parse_against_stock(stock, {"ruler only": ruler_only, "load_nlp": fast}, pieces,
                              words, rounds)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare annotations")
    parser.add_argument("--rounds", type=int, default=5, help="alternating rounds")
    parser.add_argument("--copies", type=int, default=1, help="repeat the samples N times")
    parser.add_argument("--set", action="append", default=[], metavar="NAME",
                        help="time the lemmatizer alone on the text sets named like NAME "
                             "(e.g. corpus/train-a) instead of the samples; repeatable")
    args = parser.parse_args()
    if args.rounds < 1 or args.copies < 1:
        parser.error("--rounds and --copies must be at least 1")
    if args.check:
        sys.exit(check())
    speed(args.rounds, args.copies, args.set)


if __name__ == "__main__":
    main()
