"""Pausing Python's cyclic garbage collector during bulk work, and not freeing at the end.

Reading, indexing and rendering 100,000 papers creates millions of small
objects (tuples, strings, papers, table cells) and no reference cycles, so the
collector never frees anything there; but every full collection walks all of
them, which took a fifth of a cold build.  Reference counting still frees
everything as usual while the collector is paused.  What a paused block leaves
alive is frozen (`gc.freeze`) when it ends: the collector's first run after it
would otherwise walk all of it, a second at 100,000 papers.

Freeing those objects one by one at the end of a build costs half a second
at 100,000 papers, which a process about to exit need not spend (as a
compiler that does not free its memory before exiting).  The command line
asks for that with `keep_until_exit`; a program using papershelf as a library
frees everything as usual.
"""

from __future__ import annotations

import contextlib
import gc
import os
import sys
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
            gc.freeze()  # what the block kept (papers, cells) is long-lived: see the module's docstring
            gc.enable()


_kept: list | None = None  # while the command line runs: see keep_until_exit


def keep_until_exit(*objects) -> None:
    """Leave ``objects`` alive if the process ends with `exit_without_freeing`."""
    if _kept is not None:
        _kept.extend(objects)


def exit_without_freeing(main) -> None:
    """Run ``main()`` (a click command), then end the process without freeing what it kept."""
    global _kept
    _kept = []
    try:
        main()
        code = 0
    except SystemExit as done:
        code = done.code
    if code is None:
        code = 0
    elif not isinstance(code, int):
        print(code, file=sys.stderr)
        code = 1
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
