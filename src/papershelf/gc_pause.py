"""Pausing Python's cyclic garbage collector during bulk work.

Reading, indexing and rendering 100,000 papers creates millions of small
objects (tuples, strings, papers, table cells) and no reference cycles, so the
collector never frees anything there; but every full collection walks all of
them, which took a fifth of a cold build.  Reference counting still frees
everything as usual while the collector is paused.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic collection inside the block; the collector is as it was afterwards."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
