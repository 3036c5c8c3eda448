"""A vectorised stand-in for the model's attribute ruler: the same annotations, far less CPU.

spaCy's AttributeRuler matches its patterns with a Matcher whose IN and REGEX predicates
run in Python token by token, then sets attributes through a Span and a Token per match:
about 13 us a token, a tenth of the pinned model's parse. Its output is a pure function of
each token's TAG, LOWER, DEP and IS_SPACE (and of its neighbours' for multi-token
patterns), the later pattern winning attribute by attribute. `compile_patterns` turns the
loaded ruler's own patterns into tables over classes of those values; the component looks a
batch of docs up in them with numpy and writes the result back with `Doc.from_array`.

A pattern feature the compiler does not know (operators, other token attributes or
predicates, extension attributes, attributes to set other than TAG/POS/MORPH/LEMMA/DEP)
raises UnsupportedPattern, and `use_fast_attributes` keeps the stock ruler: a different
model can never silently get different annotations.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from spacy.attrs import (
    DEP,
    ENT_IOB,
    ENT_TYPE,
    HEAD,
    IS_SPACE,
    LEMMA,
    LOWER,
    MORPH,
    POS,
    SENT_START,
    TAG,
)
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc
from spacy.tokens._retokenize import normalize_token_attrs
from spacy.util import minibatch
from spacy.vocab import Vocab

FACTORY = "proxygraph_fast_attributes"
STOCK_NAME = "attribute_ruler"
# The matched attributes, in the order of the table's dimensions (IS_SPACE last, two classes).
_STRING_ATTRS = ("TAG", "LOWER", "DEP")
_MATCHED = [TAG, LOWER, DEP, IS_SPACE]
# Token-level attributes only: the stock ruler also writes an attribute to the token's
# Lexeme, which for these ids is a no-op, but not for lexical ones (NORM, flags, ...).
_SETTABLE = (TAG, POS, MORPH, LEMMA, DEP)
_MAX_CELLS = 4_000_000
_MAX_CACHE = 200_000
_log = logging.getLogger(__name__)


# The annotations a stand-in for a stock component must leave exactly as the stock
# pipeline makes them (the tests and bench/attribute_ruler.py, bench/lemmatizer.py check).
ANNOTATIONS = [TAG, POS, MORPH, LEMMA, DEP, HEAD, ENT_IOB, ENT_TYPE, SENT_START]


def differing_tokens(a: Doc, b: Doc) -> int:
    """How many tokens of two parses of one text differ in any of ANNOTATIONS."""
    return int((a.to_array(ANNOTATIONS) != b.to_array(ANNOTATIONS)).any(axis=1).sum())


class UnsupportedPattern(ValueError):
    """A ruler pattern whose effect this compiler cannot reproduce exactly."""


@dataclass
class _Dim:
    """Classes of one string attribute: one per value a pattern names, then one per
    combination of the REGEX results for any other value."""

    name: str
    known: dict[int, str] = field(default_factory=dict)
    regexes: list[str] = field(default_factory=list)

    def freeze(self, vocab: Vocab) -> None:
        self.strings = vocab.strings
        self.hashes = np.array(sorted(self.known), dtype=np.uint64)
        self.compiled = [re.compile(rx) for rx in self.regexes]
        self.size = len(self.hashes) + 2 ** len(self.regexes)
        self._bits_of: dict[int, int] = {}

    def test(self, pred: tuple[str, Any]) -> np.ndarray:
        """The predicate's truth for each class."""
        kind, arg = pred
        strings = [self.known[int(h)] for h in self.hashes]
        unknown = np.arange(2 ** len(self.regexes))
        if kind == "REGEX":
            rx, bit = re.compile(arg), self.regexes.index(arg)
            return np.concatenate([[bool(rx.search(s)) for s in strings],
                                   (unknown >> bit) & 1 == 1]).astype(bool)
        members = {arg} if kind == "==" else arg
        known = np.array([int(h) in members for h in self.hashes], dtype=bool)
        if kind == "NOT_IN":
            return np.concatenate([~known, np.ones(len(unknown), bool)])
        return np.concatenate([known, np.zeros(len(unknown), bool)])

    def classes(self, values: np.ndarray) -> np.ndarray:
        n_known = len(self.hashes)
        if n_known:
            idx = np.minimum(np.searchsorted(self.hashes, values), n_known - 1)
            hit = self.hashes[idx] == values
            cls = np.where(hit, idx, n_known)
        else:
            hit, cls = np.zeros(len(values), bool), np.zeros(len(values), np.int64)
        if self.compiled:
            other = ~hit
            if other.any():
                uniq, inverse = np.unique(values[other], return_inverse=True)
                bits = np.array([self._bits(h) for h in uniq.tolist()], dtype=np.int64)
                cls[other] += bits[inverse.reshape(-1)]
        return cls

    def _bits(self, value: int) -> int:
        bits = self._bits_of.get(value)
        if bits is None:
            if len(self._bits_of) > _MAX_CACHE:
                self._bits_of.clear()
            text = self.strings[value]
            bits = sum(1 << j for j, rx in enumerate(self.compiled) if rx.search(text))
            self._bits_of[value] = bits
        return bits


@dataclass
class Tables:
    """The compiled ruler: per attribute to set, the winning pattern group (+1, 0 for none)
    of each table cell, the value each group sets, and the multi-token patterns."""

    dims: list[_Dim]
    winner: dict[int, np.ndarray]
    values: dict[int, np.ndarray]
    # (group + 1, one cell mask per token, target token, attributes set)
    multi: list[tuple[int, list[np.ndarray], int, list[int]]]


def compile_patterns(vocab: Vocab, groups: Iterable[dict[str, Any]]) -> Tables:
    """Tables equivalent to an AttributeRuler holding `groups` (its `.patterns`)."""
    dims = [_Dim(name) for name in _STRING_ATTRS]
    parsed = []  # (group number, attributes to set, [(token specs, target)])
    for number, group in enumerate(groups, start=1):
        if set(group) - {"patterns", "attrs", "index"}:
            raise UnsupportedPattern(f"pattern group keys {sorted(group)}")
        if "_" in group["attrs"]:
            raise UnsupportedPattern("extension attributes are not supported")
        attrs = normalize_token_attrs(vocab, group["attrs"])
        if set(attrs) - set(_SETTABLE):
            raise UnsupportedPattern(f"attributes to set {sorted(group['attrs'])}: "
                                     "only TAG, POS, MORPH, LEMMA, DEP")
        index = group.get("index", 0)
        alternatives = []
        for pattern in group["patterns"]:
            specs = [_token_spec(vocab, dims, token) for token in pattern]
            target = index if index >= 0 else len(specs) + index
            if not 0 <= target < len(specs):
                raise UnsupportedPattern(f"index {index} outside a pattern of {len(specs)}")
            alternatives.append((specs, target))
        parsed.append((number, attrs, alternatives))
    if len(parsed) >= np.iinfo(np.int16).max:
        raise UnsupportedPattern(f"{len(parsed)} pattern groups: too many")
    for dim in dims:
        dim.known.setdefault(0, "")  # the missing value ('' hashes to 0)
        dim.freeze(vocab)
    shape = (*(dim.size for dim in dims), 2)
    if int(np.prod(shape)) > _MAX_CELLS:
        raise UnsupportedPattern(f"a table of {shape} cells: too many distinct values")
    winner = {a: np.zeros(shape, np.int16) for a in _SETTABLE}
    values = {a: np.zeros(len(parsed) + 1, np.uint64) for a in _SETTABLE}
    multi = []
    used: set[int] = set()
    # Group by group in order, so a later group overwrites an earlier one's cells: the
    # stock ruler applies its matches sorted by group, attribute by attribute.
    for number, attrs, alternatives in parsed:
        for attr, value in attrs.items():
            values[attr][number] = value
            used.add(attr)
        for specs, target in alternatives:
            cells = [_cells(dims, spec) for spec in specs]
            if len(cells) == 1:
                for attr in attrs:
                    winner[attr][cells[0]] = number
                continue
            masks = []
            for where in cells:
                mask = np.zeros(shape, bool)
                mask[where] = True
                masks.append(mask.reshape(-1))
            multi.append((number, masks, target, list(attrs)))
    kept = [a for a in _SETTABLE if a in used]
    return Tables(dims, {a: winner[a].reshape(-1) for a in kept},
                  {a: values[a] for a in kept}, multi)


def _token_spec(vocab: Vocab, dims: list[_Dim], token: dict[Any, Any]) -> list[list]:
    """One pattern token as predicates per dimension (the last one IS_SPACE's)."""
    spec: list[list] = [[] for _ in range(len(dims) + 1)]
    for key, value in token.items():
        name = key.upper() if isinstance(key, str) else key
        if name == "IS_SPACE":
            if not isinstance(value, bool):
                raise UnsupportedPattern(f"IS_SPACE {value!r}: only true or false")
            spec[-1].append(("==", int(value)))
            continue
        if name not in _STRING_ATTRS:
            raise UnsupportedPattern(f"pattern key {key!r}: only {_STRING_ATTRS} and IS_SPACE")
        dim = dims[_STRING_ATTRS.index(name)]
        spec[_STRING_ATTRS.index(name)].extend(_predicates(vocab, dim, key, value))
    return spec


def _predicates(vocab: Vocab, dim: _Dim, key: str, value: Any) -> list[tuple[str, Any]]:
    """A string attribute's predicates, hashed as the Matcher hashes them."""
    if isinstance(value, str):
        hashed = vocab.strings.add(value)
        dim.known[hashed] = value
        return [("==", hashed)]
    if not isinstance(value, dict) or not value:
        raise UnsupportedPattern(f"{key} {value!r}: only a string, IN, NOT_IN or REGEX")
    preds: list[tuple[str, Any]] = []
    for op, arg in value.items():
        if op in ("IN", "NOT_IN") and isinstance(arg, list) and all(
                isinstance(s, str) for s in arg):
            members = set()
            for s in arg:
                members.add(get_string_id(s))
                dim.known[get_string_id(s)] = s
            preds.append((op, frozenset(members)))
        elif op == "REGEX" and isinstance(arg, str):
            if arg not in dim.regexes:
                dim.regexes.append(arg)
            preds.append((op, arg))
        else:
            raise UnsupportedPattern(f"{key} predicate {op!r}: only IN, NOT_IN, REGEX")
    return preds


def _cells(dims: list[_Dim], spec: list[list]) -> tuple[np.ndarray, ...]:
    """The table cells a token spec matches, as an open mesh (np.ix_)."""
    axes = []
    for dim, preds in zip([*dims, None], spec, strict=True):
        size = dim.size if dim is not None else 2
        truth = np.ones(size, bool)
        for pred in preds:
            truth &= dim.test(pred) if dim is not None else np.arange(2) == pred[1]
        axes.append(np.flatnonzero(truth))
    return np.ix_(*axes)


class BatchComponent:
    """A pipeline component that annotates docs a batch at a time (`_apply`), for both
    `nlp(text)` and `nlp.pipe(texts)`."""

    def _apply(self, batch: list[Doc]) -> None:
        raise NotImplementedError

    def __call__(self, doc: Doc) -> Doc:
        self._apply([doc])
        return doc

    def pipe(self, docs: Iterable[Doc], *, batch_size: int = 128) -> Iterator[Doc]:
        for batch in minibatch(docs, size=batch_size):
            self._apply(batch)
            yield from batch


class FastAttributeRuler(BatchComponent):
    """Applies compiled Tables to docs, a batch at a time in `pipe`."""

    def __init__(self, vocab: Vocab, name: str = FACTORY) -> None:
        self.vocab = vocab
        self.name = name
        self.tables: Tables | None = None

    def set_patterns(self, groups: Iterable[dict[str, Any]]) -> None:
        """Compile an AttributeRuler's `.patterns`; raises UnsupportedPattern."""
        self.tables = compile_patterns(self.vocab, groups)

    def _apply(self, batch: list[Doc]) -> None:
        tables = self.tables
        if tables is None:
            raise ValueError(f"{self.name}: no patterns compiled (call set_patterns)")
        docs = [doc for doc in batch if len(doc)]
        if not docs or not tables.winner:
            return
        setting = list(tables.winner)
        arrays = [doc.to_array(_MATCHED + setting) for doc in docs]
        table = np.concatenate(arrays) if len(arrays) > 1 else arrays[0]
        cell = np.zeros(len(table), np.int64)
        for j, dim in enumerate(tables.dims):
            cell = cell * dim.size + dim.classes(table[:, j])
        cell = cell * 2 + table[:, len(tables.dims)].astype(np.int64)
        winner = {attr: grid[cell] for attr, grid in tables.winner.items()}
        if tables.multi:
            self._multi(tables, docs, cell, winner)
        out = np.empty((len(table), len(setting)), np.uint64)
        for j, attr in enumerate(setting):
            won = winner[attr]
            out[:, j] = np.where(won > 0, tables.values[attr][won], table[:, len(_MATCHED) + j])
        start = 0
        for doc in docs:
            doc.from_array(setting, out[start:start + len(doc)])
            start += len(doc)

    @staticmethod
    def _multi(tables: Tables, docs: list[Doc], cell: np.ndarray,
               winner: dict[int, np.ndarray]) -> None:
        """Multi-token patterns, matched at every start whose tokens share a doc; a later
        group than a token's single-token winner takes the attribute over."""
        n = len(cell)
        doc_of = np.repeat(np.arange(len(docs)), [len(doc) for doc in docs])
        for number, masks, target, attrs in tables.multi:
            width = len(masks)
            if width > n:
                continue
            starts = doc_of[:n - width + 1] == doc_of[width - 1:]
            for k, mask in enumerate(masks):
                starts &= mask[cell[k:n - width + 1 + k]]
            hits = np.flatnonzero(starts) + target
            if hits.size:
                for attr in attrs:
                    winner[attr][hits] = np.maximum(winner[attr][hits], number)


@Language.factory(FACTORY)
def make_fast_attributes(nlp: Language, name: str) -> FastAttributeRuler:
    """An empty component: `use_fast_attributes` fills it from the stock ruler."""
    return FastAttributeRuler(nlp.vocab, name)


def use_fast_attributes(nlp: Language) -> bool:
    """Put the fast component in place of the stock attribute ruler, under the same name,
    compiled from that ruler's own patterns; keeps the stock one if a pattern is refused."""
    if STOCK_NAME not in nlp.pipe_names:
        return False
    stock = nlp.get_pipe(STOCK_NAME)
    try:
        tables = compile_patterns(nlp.vocab, stock.patterns)
    except UnsupportedPattern as exc:
        _log.warning("keeping spaCy's attribute ruler: %s", exc)
        return False
    fast = nlp.replace_pipe(STOCK_NAME, FACTORY)
    fast.tables = tables
    return True
