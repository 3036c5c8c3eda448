"""A cached stand-in for the model's lemmatizer: the same lemmas, far fewer Python calls.

spaCy's rule lemmatizer is called once per token from Python (`token.lemma_ = ...`),
~2 us a token even when its own cache answers. What it returns is a pure function of the
token's ORTH, POS and MORPH (its cache key; the uncached early returns, for spaces and
base forms, read only those too) given its mode and tables, and it only writes a token
whose LEMMA is still unset unless `overwrite` is on. This component keeps a per-process
map (ORTH, POS, MORPH) -> lemma, runs the stock lemmatizer's own code for each key it has
not seen (on the token at hand, so the result is the stock one by construction), and
writes a batch's lemmas with `Doc.from_array`.

A key not seen yet is not cheap in the stock lemmatizer either: rule mode tests each
candidate form against a `lemma_index` table held as lists (57,528 nouns), ~0.2 ms a new
key, ~13 us a token over a fresh process's first 40,000. So those keys are asked of a twin
of the stock lemmatizer whose index tables are frozensets: `rule_lemmatize` only tests membership
and emptiness of them, so its answers are the same; this is done only while spaCy's
`rule_lemmatize` is the source read for it (RULE_LEMMATIZE_SHA256), else the stock
lemmatizer itself answers.

Only spaCy's own Lemmatizer and EnglishLemmatizer in "rule" or "lookup" mode are taken:
another class or an overridden method might read other token attributes, so
`use_fast_lemmas` refuses it (UnsupportedLemmatizer) and the stock component stays.
"""

from __future__ import annotations

import hashlib
import inspect
import logging
from typing import cast

import numpy as np
from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.language import Language
from spacy.lookups import Lookups, Table
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc
from spacy.vocab import Vocab

from proxygraph.extract.fast_attributes import BatchComponent
from proxygraph.extract.stand_in import use_stand_in

FACTORY = "proxygraph_fast_lemmas"
STOCK_NAME = "lemmatizer"
_READ = [ORTH, POS, MORPH, LEMMA]
# Classes whose lemmatize methods read only the token's text, POS and MORPH.
_CLASSES = (Lemmatizer, EnglishLemmatizer)
_MODES = {"rule": Lemmatizer.rule_lemmatize, "lookup": Lemmatizer.lookup_lemmatize}
_MAX_CACHE = 200_000
# sha256 of the source of spaCy 3.8's Lemmatizer.rule_lemmatize, read for the set twin
RULE_LEMMATIZE_SHA256 = "dde726af5978c7773311757a6748e6adf09f6e470c83c3cc5524236a140461ca"
_log = logging.getLogger(__name__)


class UnsupportedLemmatizer(ValueError):
    """A lemmatizer whose output this component cannot promise to reproduce."""


def check_lemmatizer(stock: object) -> Lemmatizer:
    """`stock` if its lemmas depend only on (ORTH, POS, MORPH); else UnsupportedLemmatizer."""
    if type(stock) not in _CLASSES:
        raise UnsupportedLemmatizer(f"lemmatizer class {type(stock).__name__}")
    stock = cast(Lemmatizer, stock)
    method = _MODES.get(stock.mode)
    if method is None:
        raise UnsupportedLemmatizer(f"lemmatizer mode {stock.mode!r}")
    bound = getattr(stock.lemmatize, "__func__", None)
    overridden = {"is_base_form", "rule_lemmatize", "lookup_lemmatize"} & set(vars(stock))
    if bound is not method or overridden:
        raise UnsupportedLemmatizer("the lemmatizer's methods are overridden on the instance")
    try:
        stock._validate_tables()
    except ValueError as exc:
        raise UnsupportedLemmatizer(f"lemmatizer tables: {exc}") from exc
    return stock


def answering(stock: Lemmatizer) -> Lemmatizer:
    """Who answers the keys not seen yet: a twin of `stock` with its `lemma_index` lists
    as frozensets when that gives the same answers, else `stock` itself."""
    index = stock.lookups.get_table("lemma_index", None) if stock.mode == "rule" else None
    if not index or not _rule_lemmatize_is_known():
        return stock
    twin = type(stock)(stock.vocab, stock.model, stock.name, mode=stock.mode,
                       overwrite=stock.overwrite)
    lookups = Lookups()
    for name in stock.lookups.tables:
        lookups.set_table(name, stock.lookups.get_table(name))
    sets = Table(name="lemma_index")
    for key, forms in index.items():
        sets[key] = frozenset(forms) if isinstance(forms, list | tuple | set) else forms
    lookups.set_table("lemma_index", sets)
    twin.lookups = lookups
    twin._validate_tables()
    return twin


def _rule_lemmatize_is_known() -> bool:
    try:
        source = inspect.getsource(Lemmatizer.rule_lemmatize)
    except (OSError, TypeError):
        return False
    return hashlib.sha256(source.encode()).hexdigest() == RULE_LEMMATIZE_SHA256


class FastLemmatizer(BatchComponent):
    """Writes the stock lemmatizer's lemmas from a cache, a batch at a time in `pipe`."""

    def __init__(self, vocab: Vocab, name: str = FACTORY) -> None:
        self.vocab = vocab
        self.name = name
        self.stock: Lemmatizer | None = None
        self.answers: Lemmatizer | None = None  # asked the keys not in the cache
        self.cache: dict[tuple[int, int, int], int] = {}

    def set_stock(self, stock: object) -> None:
        """Take the lemmatizer to reproduce; raises UnsupportedLemmatizer."""
        self.stock = check_lemmatizer(stock)
        self.answers = answering(self.stock)
        self.cache.clear()

    def _apply(self, batch: list[Doc]) -> None:
        stock, answers = self.stock, self.answers
        if stock is None or answers is None:
            raise ValueError(f"{self.name}: no lemmatizer to reproduce (call set_stock)")
        docs = [doc for doc in batch if len(doc)]
        if not docs:
            return
        if self.vocab.in_memory_zone:
            # Lemma strings added in a memory zone are dropped at its end: cached hashes
            # would outlive them, so the stock component (or its twin) does the work there.
            for doc in docs:
                answers(doc)
            return
        arrays = [doc.to_array(_READ) for doc in docs]
        table = np.concatenate(arrays) if len(arrays) > 1 else arrays[0]
        lemma = table[:, 3].copy()
        todo = np.arange(len(table)) if stock.overwrite else np.flatnonzero(lemma == 0)
        if not todo.size:
            return
        keys = list(zip(table[todo, 0].tolist(), table[todo, 1].tolist(),
                        table[todo, 2].tolist(), strict=True))
        cache = self.cache
        found = [cache.get(key) for key in keys]
        if None in found:
            starts = np.cumsum([0] + [len(doc) for doc in docs])
            if len(cache) + len(keys) > _MAX_CACHE:
                cache.clear()
                answers.cache.clear()
            for k, value in enumerate(found):
                if value is None:
                    value = cache.get(keys[k])
                if value is None:
                    at = int(todo[k])
                    d = int(np.searchsorted(starts, at, side="right")) - 1
                    token = docs[d][at - int(starts[d])]
                    value = self.vocab.strings.add(answers.lemmatize(token)[0])
                    cache[keys[k]] = value
                found[k] = value
        lemma[todo] = np.array(found, dtype=np.uint64)
        start = 0
        for doc in docs:
            doc.from_array([LEMMA], lemma[start:start + len(doc)])
            start += len(doc)


@Language.factory(FACTORY, assigns=["token.lemma"])
def make_fast_lemmas(nlp: Language, name: str) -> FastLemmatizer:
    """An empty component: `use_fast_lemmas` gives it the stock lemmatizer."""
    return FastLemmatizer(nlp.vocab, name)


def use_fast_lemmas(nlp: Language) -> bool:
    """Put the fast component in place of the stock lemmatizer, under the same name; keeps
    the stock one if it is a lemmatizer this component cannot reproduce."""
    return use_stand_in(nlp, STOCK_NAME, FACTORY, check_lemmatizer, UnsupportedLemmatizer,
                        "lemmatizer", _log)
