"""Dense features of a pair of actor mentions: rows of the parser's contextual vectors.

spaCy's tok2vec gives every token a vector of what it and its few neighbours look like
(`Doc.tensor`, 96 numbers in the pinned model), which the tagger and parser read and
nothing else did. For a pair, `pair_vector` joins the named `PARTS` of it: the vectors of
the two mentions' head tokens, of the word that governs the pair, the mean of the words
between the two mentions, and the product of the two heads. Training
(`train_relations.py`) and inference (`learned.py`) call the same function.

A Doc without a tensor (one built by hand, a stand-in pipeline without tok2vec) gives
None: the model then scores the pair with its sparse features alone, the dense block
weighing as much as it does for an average pair of the training data.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from spacy.tokens import Doc

from proxygraph.extract.arrays import arrays

# a: the subject's head token, b: the object's, gov: the pair's governing word (the lowest
# common ancestor, or the head above it when it is one of the pair), between: the mean of
# the tokens between the mentions (zeros when they touch), ab: a * b element-wise
PARTS = ("a", "b", "gov", "between", "ab")


def doc_tensor(doc: Doc) -> np.ndarray | None:
    """The Doc's token vectors (one row per token), or None when it has none."""
    tensor = doc.tensor
    if not isinstance(tensor, np.ndarray) or tensor.ndim != 2 or len(tensor) != len(doc):
        return None  # (a Doc built from words has an empty tensor; cupy is never used)
    return tensor


def governing_index(lca: int | None, ia: int, ib: int, head: list[int]) -> int:
    """The word a pair hangs on: the common ancestor unless it is one of the two heads,
    else that head's own head (learned._trigger by index)."""
    if lca is not None and lca not in (ia, ib):
        return lca
    i = lca if lca is not None else ia
    return head[i]


def pair_vector(tensor: np.ndarray, parts: Sequence[str], ia: int, ib: int, gov: int,
                a_span: tuple[int, int], b_span: tuple[int, int]) -> np.ndarray:
    """The pair's dense features, `parts` in order, as float64 (`ia`, `ib`: the mentions'
    head tokens; `gov`: `governing_index`; the spans: each mention's (start, end))."""
    out = []
    for part in parts:
        if part == "a":
            out.append(tensor[ia])
        elif part == "b":
            out.append(tensor[ib])
        elif part == "gov":
            out.append(tensor[gov])
        elif part == "ab":
            out.append(tensor[ia] * tensor[ib])
        elif part == "between":
            lo, hi = sorted((ia, ib))
            between = [i for i in range(lo + 1, hi) if not (
                a_span[0] <= i < a_span[1] or b_span[0] <= i < b_span[1])]
            out.append(tensor[between].mean(axis=0) if between
                       else np.zeros(tensor.shape[1], dtype=tensor.dtype))
        else:
            raise ValueError(f"unknown dense part {part!r}")
    return np.concatenate(out).astype(np.float64)


def sentence_vectors(doc: Doc, parts: Sequence[str],
                     pairs: Sequence[tuple[int, int, int | None, tuple[int, int],
                                           tuple[int, int]]]) -> np.ndarray | None:
    """`pair_vector` of each (head a, head b, common ancestor, span a, span b) as the rows
    of one array, or None when the Doc has no tensor."""
    tensor = doc_tensor(doc)
    if tensor is None or not parts:
        return None
    head = arrays(doc).head
    width = tensor.shape[1] * len(parts)
    if not pairs:
        return np.zeros((0, width))
    return np.stack([pair_vector(tensor, parts, ia, ib, governing_index(lca, ia, ib, head),
                                 sa, sb) for ia, ib, lca, sa, sb in pairs])
