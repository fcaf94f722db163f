"""Pausing Python's cyclic garbage collector while a large structure is built.

Building a model, its graphs or its analysis allocates hundreds of thousands of objects that all stay
alive. Each collection the allocations trigger meanwhile walks every tracked object, the loaded model
included: at 100,000 nodes one full collection takes about a second, and an unpaused build triggers
several. Paused, the new objects are examined once, after the build.
"""

from __future__ import annotations

import functools
import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


@contextmanager
def paused() -> Iterator[None]:
    """Turn the collector off for the `with` block, then back on if it was on.

    Turning it back on, it examines the block's new objects at once, with the middle generation: what a
    block builds lives long (a model, its graphs, its analysis), and a young collection would only pass it
    on to be examined again by the next middle one. This way each object is examined once before it
    reaches the oldest generation.

    The library never freezes or disables the collector for good: it runs inside notebooks and the
    long-running preview server, where cyclic garbage must still be reclaimed. A one-shot command may
    (see `tocmodel.cli`).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
            gc.collect(1)


def while_paused(function: Callable[P, R]) -> Callable[P, R]:
    """Decorate a function that builds a large structure so that it runs with the collector paused."""

    @functools.wraps(function)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with paused():
            return function(*args, **kwargs)

    return wrapper
