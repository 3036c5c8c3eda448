"""A stand-in for the model's entity recognizer: the same entities, decoded in a few batches.

spaCy's greedy NER decoder (`Parser._parseC`, run without the GIL) asks each of the 74
moves whether it is valid, for every state at every step; in the 3.8 wheels each of those
C calls takes and drops the GIL two or three times (Cython's exception checks), a mutex
round trip each: ~18% of the whole parse of the pinned model went there.

This component decodes with the stock component's own model and the same arithmetic, in
another order. A state of the BILUO system is only (token, open entity or none), and the
features the model reads of it (nF = 3: the token, the open entity's first token, the
token before when an entity is open) follow from that. With no entity open they depend on
the token alone, so every token's "closed" scores come from one batch; an entity opened at
token e has the states (e+1, e), (e+2, e), ... whatever it went through, so the scores of
every possible continuation are one more batch. The rows are summed, biased, maxed out and
multiplied by the same spaCy and thinc routines (`precompute_hiddens.predict`, the upper
layer's BLIS gemm), whose results per row do not depend on which other rows share the
batch. The choice is the stock one: the first best-scoring move among the valid ones, with
validity as BiluoPushDown's rules give it for docs without preset entities. The entities
go on the doc as `BiluoPushDown.set_annotations` puts them.

Refused at build time (`UnsupportedRecognizer`, the stock component stays): another class,
beam search, another transition system or feature set, unseen classes, postprocess hooks,
move names it does not know. A batch with a preset entity annotation or a NaN score is
handed to the stock component.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import numpy as np
from spacy.attrs import ENT_IOB, ENT_TYPE, IS_SPACE, SENT_START
from spacy.language import Language
from spacy.pipeline import EntityRecognizer
from spacy.pipeline._parser_internals.ner import BiluoPushDown
from spacy.tokens import Doc, Span
from spacy.util import minibatch
from spacy.vocab import Vocab

from proxygraph.extract.stand_in import use_stand_in

FACTORY = "proxygraph_fast_ner"
STOCK_NAME = "ner"
_READ = [SENT_START, IS_SPACE, ENT_IOB, ENT_TYPE]
_BEGIN, _IN, _LAST, _UNIT, _OUT = range(5)
_KINDS = {"B": _BEGIN, "I": _IN, "L": _LAST, "U": _UNIT, "O": _OUT}
_NO_LABEL = -1
# Continuations scored ahead per opened entity; a longer one is scored on demand.
_AHEAD = 12
_log = logging.getLogger(__name__)


class UnsupportedRecognizer(ValueError):
    """An entity recognizer whose output this component cannot promise to reproduce."""


@dataclass(frozen=True)
class Moves:
    """The transition system's moves in class order: kind, label index, label string."""

    kind: np.ndarray  # (n_moves,) one of _BEGIN.._OUT
    label: np.ndarray  # (n_moves,) index into labels, _NO_LABEL for "U-" and "O"
    labels: tuple[str, ...]
    inside: np.ndarray  # (n_labels,) the I move of each label
    last: np.ndarray  # (n_labels,) the L move of each label

    @classmethod
    def read(cls, names: list[str]) -> Moves:
        kinds, label_of, labels = [], [], {}
        for name in names:
            kind, _, text = name.partition("-")
            if kind not in _KINDS or (kind == "O") != (name == "O"):
                raise UnsupportedRecognizer(f"move {name!r}")
            kinds.append(_KINDS[kind])
            label_of.append(labels.setdefault(text, len(labels)) if text else _NO_LABEL)
        kind, label = np.array(kinds), np.array(label_of)
        if ((kind != _UNIT) & (kind != _OUT) & (label == _NO_LABEL)).any():
            raise UnsupportedRecognizer("a B, I or L move without a label")
        inside, last = (np.full(len(labels), -1) for _ in range(2))
        for j, (k, lab) in enumerate(zip(kinds, label_of, strict=True)):
            if k == _IN:
                inside[lab] = j
            elif k == _LAST:
                last[lab] = j
        if (inside < 0).any() or (last < 0).any():
            raise UnsupportedRecognizer("a label without both its I and L moves")
        return cls(kind, label, tuple(labels), inside, last)


def check_recognizer(stock: object) -> EntityRecognizer:
    """`stock` if this component reproduces its entities; else UnsupportedRecognizer."""
    if type(stock) is not EntityRecognizer:
        raise UnsupportedRecognizer(f"class {type(stock).__name__}")
    if stock.cfg.get("beam_width") != 1:
        raise UnsupportedRecognizer("beam search")
    if type(stock.moves) is not BiluoPushDown:
        raise UnsupportedRecognizer(f"transition system {type(stock.moves).__name__}")
    if list(stock.postprocesses):
        raise UnsupportedRecognizer("postprocess hooks")
    model = stock.model
    if not model.attrs.get("has_upper") or model.attrs.get("unseen_classes"):
        raise UnsupportedRecognizer("no upper layer, or unseen classes")
    lower = model.layers[1]
    if lower.get_dim("nF") != 3 or lower.get_dim("nP") < 2:
        raise UnsupportedRecognizer("features other than (token, entity start, previous)")
    return stock


def move_names(stock: EntityRecognizer) -> list[str]:
    """The recognizer's moves in class order ("B-ORG", ..., "U-", "O")."""
    return [stock.moves.get_class_name(i) for i in range(stock.moves.n_moves)]


class FastEntityRecognizer:
    """Runs the stock recognizer's model and decodes its moves a batch at a time."""

    def __init__(self, vocab: Vocab, name: str = FACTORY) -> None:
        self.vocab = vocab
        self.name = name
        self.stock: EntityRecognizer | None = None
        self.moves: Moves | None = None

    def set_stock(self, stock: object) -> None:
        """Take the recognizer to reproduce; raises UnsupportedRecognizer."""
        stock = check_recognizer(stock)
        self.moves = Moves.read(move_names(stock))
        self.stock = stock

    def __call__(self, doc: Doc) -> Doc:
        self._apply([doc])
        return doc

    def pipe(self, docs: Iterable[Doc], *, batch_size: int = 256) -> Iterator[Doc]:
        # The stock parser's batching: each batch sorted by length, parsed in quarters.
        for batch in minibatch(docs, size=batch_size):
            in_order = list(batch)
            by_length = sorted(in_order, key=len)
            for sub in minibatch(by_length, size=max(batch_size // 4, 2)):
                self._apply(list(sub))
            yield from in_order

    def _apply(self, docs: list[Doc]) -> None:
        stock, moves = self.stock, self.moves
        if stock is None or moves is None:
            raise ValueError(f"{self.name}: no recognizer to reproduce (call set_stock)")
        if not any(len(doc) for doc in docs):
            return  # the stock component sets nothing on empty docs either
        arrays = [doc.to_array(_READ) for doc in docs]
        table = np.concatenate(arrays).astype(np.int64)
        if table[:, 2:].any() or stock.model.attrs.get("unseen_classes"):
            # preset entities (or labels learnt since): the stock rules have more cases
            stock.set_annotations(docs, stock.predict(docs))
            return
        ents = _decode(stock, moves, docs, table)
        if ents is None:
            stock.set_annotations(docs, stock.predict(docs))
            return
        for doc, spans in zip(docs, ents, strict=True):
            if not len(doc):
                continue
            spans = [
                Span(doc, start, end, label=moves.labels[lab], kb_id=doc[start].ent_kb_id)
                for start, end, lab in spans
            ]
            # every token had no entity annotation: "outside" is BiluoPushDown's
            # "unmodified" followed by its missing -> O pass
            doc.set_ents(spans, default="outside")


def _decode(
    stock: EntityRecognizer, moves: Moves, docs: list[Doc], table: np.ndarray
) -> list[list[tuple[int, int, int]]] | None:
    """Each doc's entities (start, end, label index) as the stock greedy decoder finds
    them, or None for a NaN score."""
    lengths = [len(doc) for doc in docs]
    n = len(table)
    starts = np.cumsum([0, *lengths])
    doc_end = np.repeat(starts[1:], lengths)
    after = np.append(table[1:, 0] == 1, False)  # the next token starts a sentence
    inside_ok = (np.arange(n) < doc_end - 1) & ~after
    space = table[:, 1] != 0
    step = stock.model.predict(docs)
    try:
        scorer = _Scorer(step, moves, inside_ok)
        ids = np.full((n, 3), -1, np.int32)
        ids[:, 0] = np.arange(n)
        closed = scorer.scores(ids)
        if closed is None:
            return None
        valid = np.zeros(closed.shape, bool)
        valid[:, moves.kind == _BEGIN] = (inside_ok & ~space)[:, None]
        valid[:, (moves.kind == _UNIT) & (moves.label != _NO_LABEL)] = ~space[:, None]
        valid[:, moves.kind == _OUT] = True
        choice = np.where(valid, closed, -np.inf).argmax(axis=1)
        if not valid[np.arange(n), choice].all():
            return None  # every valid move scored -inf: the stock loop picks otherwise
        chosen_kind = moves.kind[choice]
        opened = np.flatnonzero(chosen_kind == _BEGIN)
        if not scorer.ahead(opened, moves.label[choice[opened]]):
            return None
        events = np.flatnonzero(chosen_kind != _OUT).tolist()
        kinds, labels = chosen_kind.tolist(), moves.label[choice].tolist()
        out: list[list[tuple[int, int, int]]] = []
        k = 0
        for d in range(len(docs)):
            start, end = int(starts[d]), int(starts[d + 1])
            spans: list[tuple[int, int, int]] = []
            t = start
            while k < len(events) and events[k] < end:
                e = events[k]
                k += 1
                if e < t:
                    continue  # inside an entity: not a closed state
                if kinds[e] == _UNIT:
                    spans.append((e - start, e - start + 1, labels[e]))
                    t = e + 1
                    continue
                last = scorer.follow(e, labels[e])
                if last is None:
                    return None
                spans.append((e - start, last - start + 1, labels[e]))
                t = last + 1
            out.append(spans)
        return out
    finally:
        step.clear_memory()


class _Scorer:
    """Scores states with the step model's own layers and follows opened entities."""

    def __init__(self, step: object, moves: Moves, inside_ok: np.ndarray) -> None:
        self.state2vec = step.state2vec
        upper = step.vec2scores
        self.ops = upper.ops
        self.weights, self.bias = upper.get_param("W"), upper.get_param("b")
        self.moves = moves
        self.inside_ok = inside_ok
        # per opened entity start: the tokens after it whose "go on?" is decided
        self.goes_on: dict[int, list[bool]] = {}

    def scores(self, ids: np.ndarray) -> np.ndarray | None:
        hidden = self.state2vec.predict(ids)
        scores = self.ops.gemm(hidden, self.weights, trans2=True)
        scores += self.bias
        return None if np.isnan(scores).any() else scores

    def ahead(self, opened: np.ndarray, labels: np.ndarray, depth: int = _AHEAD) -> bool:
        """Score the first `depth` continuations of entities opened at `opened`: at token
        t > e the state's features are (t, e, t - 1), its valid moves I and L of the
        entity's label, I only where `inside_ok`. Where I is not valid L is the one move,
        whatever its score, so nothing past it is scored."""
        rows, owners, label_rows = [], [], []
        ok = self.inside_ok
        for e, lab in zip(opened.tolist(), labels.tolist(), strict=True):
            t = e + 1 + len(self.goes_on.get(e, ()))
            stop = t
            while stop < len(ok) and stop - t < depth and ok[stop]:
                stop += 1
            for u in range(t, stop):
                rows.append((u, e, u - 1))
                owners.append(e)
                label_rows.append(lab)
            self.goes_on.setdefault(e, [])
        if not rows:
            return True
        scores = self.scores(np.array(rows, np.int32))
        if scores is None:
            return False
        lab = np.array(label_rows)
        i_move, l_move = self.moves.inside[lab], self.moves.last[lab]
        s_in = scores[np.arange(len(rows)), i_move]
        s_last = scores[np.arange(len(rows)), l_move]
        # the stock choice: the first valid move in class order unless a later one scores
        # strictly higher
        go = np.where(i_move < l_move, ~(s_last > s_in), s_in > s_last).tolist()
        for e, g in zip(owners, go, strict=True):
            self.goes_on[e].append(g)
        return True

    def follow(self, e: int, lab: int) -> int | None:
        """The last token of the entity opened at e."""
        decided = self.goes_on[e]
        t = e + 1
        while True:
            j = t - e - 1
            if j == len(decided):
                if not self.inside_ok[t]:
                    return t  # L is the only valid move
                if not self.ahead(np.array([e]), np.array([lab])):
                    return None
                continue
            if not decided[j]:
                return t
            t += 1


@Language.factory(FACTORY, assigns=["doc.ents", "token.ent_iob", "token.ent_type"])
def make_fast_ner(nlp: Language, name: str) -> FastEntityRecognizer:
    """An empty component: `use_fast_ner` gives it the stock recognizer."""
    return FastEntityRecognizer(nlp.vocab, name)


def use_fast_ner(nlp: Language) -> bool:
    """Put the fast component in place of the stock recognizer, under the same name; keeps
    the stock one if it is a recognizer this component cannot reproduce."""
    return use_stand_in(nlp, STOCK_NAME, FACTORY, check_recognizer, UnsupportedRecognizer,
                        "entity recognizer", _log)
