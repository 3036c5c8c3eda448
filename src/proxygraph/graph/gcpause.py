"""Pause the cyclic garbage collector while a graph or an analysis allocates.

Building a graph makes hundreds of thousands of small objects (statements, edges, keys)
and none of them form reference cycles, so they are freed by reference counting alone.
With the collector on, each allocation burst triggers full collections that walk every
live object: measured at 100k claims, a third of a build and half of a dense what-if.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


@contextmanager
def paused_gc() -> Iterator[None]:
    """The collector off inside, back to its previous state after (nesting is safe)."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def without_gc(fn: Callable[P, R]) -> Callable[P, R]:
    """Run `fn` inside `paused_gc()`."""
    @wraps(fn)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        with paused_gc():
            return fn(*args, **kwargs)
    return run
