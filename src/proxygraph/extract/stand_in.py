"""A faster twin of one of the model's components, put in its place under the same name.

The entity recognizer (`fast_ner.py`) and the lemmatizer (`fast_lemmas.py`) each have a
twin that reproduces the stock component from the stock component itself; either is used
only when its check accepts the stock one, so an unexpected model keeps spaCy's own.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from spacy.language import Language


def use_stand_in(nlp: Language, stock_name: str, factory: str, check: Callable[[Any], object],
                 refused: type[Exception], what: str, log: logging.Logger) -> bool:
    """Replace the pipe `stock_name` with one `factory` makes, given the stock pipe to
    reproduce (`set_stock`); keep the stock pipe, with a warning naming `what` it is,
    when `check` refuses it (raises `refused`). False when nothing was replaced."""
    if stock_name not in nlp.pipe_names:
        return False
    stock = nlp.get_pipe(stock_name)
    try:
        check(stock)
    except refused as exc:
        log.warning("keeping spaCy's %s: %s", what, exc)
        return False
    twin: Any = nlp.replace_pipe(stock_name, factory)
    twin.set_stock(stock)
    return True
