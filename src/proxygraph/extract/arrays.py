"""The token attributes of one parsed chunk as plain lists, read from spaCy once.

spaCy makes a new `Token` object on every `doc[i]`, `.head` or `.children` access and looks
a string up on every `.dep_` or `.lemma_` read (~40-300 ns each); the rules read the same
few attributes of the same tokens many times over. Each list is built on first use and
kept while the Doc is in use: the parse is final once `repairs.repair` has run.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, Generic, TypeVar, overload

import numpy as np
from spacy.attrs import (
    DEP,
    HEAD,
    IDX,
    IS_ALPHA,
    IS_PUNCT,
    IS_SPACE,
    LEMMA,
    LOWER,
    ORTH,
    POS,
    SPACY,
    TAG,
)
from spacy.tokens import Doc, Span, Token

_T = TypeVar("_T")


class lazy(Generic[_T]):
    """`functools.cached_property` without its lock (Python 3.11 takes one on every first
    read, and a chunk's lists are each read first once per chunk): the value is computed on
    first read and stored in the instance, which later reads find without a call."""

    def __init__(self, func: Callable[[Any], _T]) -> None:
        self.func = func
        self.__doc__ = func.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, instance: None, owner: type | None = None) -> lazy[_T]: ...
    @overload
    def __get__(self, instance: object, owner: type | None = None) -> _T: ...
    def __get__(self, instance: object, owner: type | None = None) -> Any:
        if instance is None:
            return self
        value = instance.__dict__[self.name] = self.func(instance)
        return value


class DocArrays:
    """Per-token lists of one Doc, indexed by token index."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        # results of pure functions of the parse, kept with the lists (key: a tuple that
        # starts with the function's name)
        self.kept: dict[tuple[object, ...], object] = {}

    @lazy
    def _columns(self) -> list[list[int]]:
        """Every attribute the lists below decode, read from spaCy in one call."""
        if not len(self.doc):
            return [[] for _ in _ATTRS]
        array = self.doc.to_array(_ATTRS)
        columns: list[list[int]] = array.T.tolist()
        # heads as token indexes: spaCy gives offsets, negative ones as unsigned 64-bit
        # numbers, which the signed view reads back
        k = _ATTRS.index(HEAD)
        columns[k] = (array[:, k].view(np.int64) + np.arange(len(array))).tolist()
        return columns

    def _strings(self, attr: int, table: dict[int, str] | None = None) -> list[str]:
        ids = self._columns[_ATTRS.index(attr)]
        table = _STRINGS if table is None else table
        try:
            return list(map(table.__getitem__, ids))
        except KeyError:  # a string not seen before: decode it once
            strings = self.doc.vocab.strings
            if len(table) > _MAX_STRINGS:
                table.clear()
            found: dict[int, str] = {}  # (read from here: another thread may clear table)
            for x in ids:
                if x not in found:
                    text = table.get(x)
                    if text is None:
                        text = strings[x] if table is _STRINGS else strings[x].lower()
                        table[x] = text
                    found[x] = text
            return [found[x] for x in ids]

    def _flags(self, attr: int) -> list[bool]:
        return list(map(bool, self._columns[_ATTRS.index(attr)]))

    @lazy
    def tokens(self) -> list[Token]:
        return list(self.doc)

    @lazy
    def ents(self) -> list[Span]:
        """The named entities (`Doc.ents` builds every Span anew per call)."""
        return list(self.doc.ents)

    @lazy
    def text(self) -> list[str]:
        return self._strings(ORTH)

    @lazy
    def lower(self) -> list[str]:
        return self._strings(LOWER)

    @lazy
    def lemma(self) -> list[str]:
        """Lower-cased lemmas: the form every word list is matched against."""
        return self._strings(LEMMA, _LOWER_STRINGS)

    @lazy
    def dep(self) -> list[str]:
        return self._strings(DEP)

    @lazy
    def tag(self) -> list[str]:
        return self._strings(TAG)

    @lazy
    def pos(self) -> list[str]:
        return self._strings(POS)

    @lazy
    def idx(self) -> list[int]:
        """Each token's character offset in the Doc."""
        return self._columns[_ATTRS.index(IDX)]

    @lazy
    def is_punct(self) -> list[bool]:
        return self._flags(IS_PUNCT)

    @lazy
    def is_space(self) -> list[bool]:
        return self._flags(IS_SPACE)

    @lazy
    def is_alpha(self) -> list[bool]:
        return self._flags(IS_ALPHA)

    @lazy
    def whitespace(self) -> list[str]:
        """What follows each token: `Token.whitespace_`."""
        return list(map(("", " ").__getitem__, map(bool, self._columns[_ATTRS.index(SPACY)])))

    @lazy
    def head(self) -> list[int]:
        """Each token's head index (a root is its own head)."""
        return self._columns[_ATTRS.index(HEAD)]

    @lazy
    def children(self) -> list[list[int]]:
        """Each token's children in text order, as `Token.children` gives them."""
        out: list[list[int]] = [[] for _ in range(len(self.doc))]
        for i, head in enumerate(self.head):
            if head != i:
                out[head].append(i)
        return out


_ATTRS = [ORTH, LOWER, LEMMA, DEP, TAG, POS, IDX, IS_PUNCT, IS_SPACE, IS_ALPHA, SPACY, HEAD]
# Decoded strings by hash, shared by all Docs (spaCy decodes a new str on every read);
# lemmas apart, lower-cased. Bounded on an endless stream of new words.
_STRINGS: dict[int, str] = {}
_LOWER_STRINGS: dict[int, str] = {}
_MAX_STRINGS = 500_000


def arrays(doc: Doc) -> DocArrays:
    """The Doc's arrays, built on first use and kept while the Doc is among the last few
    this thread used (kept apart from the Doc: a reference from the Doc to its own tokens
    would be a cycle, which only the garbage collector frees, in long pauses)."""
    last: DocArrays | None = getattr(_LOCAL, "last", None)
    if last is not None and last.doc is doc:
        return last  # the rules ask thousands of times per chunk: the quick path
    recent: dict[int, DocArrays] | None = getattr(_LOCAL, "recent", None)
    if recent is None:
        recent = _LOCAL.recent = {}
    found = recent.get(id(doc))
    if found is None or found.doc is not doc:
        found = DocArrays(doc)
        recent[id(doc)] = found  # holds the Doc: its id is not reused while kept
        if len(recent) > _KEEP:
            del recent[next(iter(recent))]  # the oldest
    _LOCAL.last = found
    return found


# A document's chunks are analysed one after another: two suffice (and Docs kept longer
# grow old enough to need the slow full garbage collection). Per thread: the web app
# extracts in threads.
_KEEP = 2
_LOCAL = threading.local()
