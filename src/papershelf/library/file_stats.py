"""The size and mtime of many files at once: how the cache, the views and the search tables tell
that nothing changed.

Deciding that nothing changed means a stat of every file the answer depends
on: 100,000 metadata files, and as many note folders and notes on a list like
EfficientPaper.  A stat through ``pathlib`` costs about 10 µs, here 2.5 µs:
``os.stat`` of the relative path against the root opened once (``dir_fd``),
no path built, and the result compared at once with what was recorded, so
no tuple is made for a file that did not change.  (Opening each folder and
statting its files by name is no faster: the system call is the cost.)
When the speed tricks are on and the list is long, a forked process checks
half of it on the other core (threads do not help: the cost is the
interpreter's, under the GIL).
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from papershelf.core.speed import ForkedCall, can_fork

Signature = tuple[int, int]  # (size, mtime_ns)
UNTRUSTED: Signature = (-1, -1)  # what no stat gives: recorded, it always differs
# From this many paths a second process checks half of them (its fork costs a few milliseconds).
SPLIT_FROM = 20_000


def signature(path: str | os.PathLike) -> Signature | None:
    """A file's (size, mtime_ns), None when it is absent."""
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    return (info.st_size, info.st_mtime_ns)


def read_small(path: str, limit: int) -> tuple[Signature, bytes] | None:
    """A file's signature and bytes, by plain system calls; None when it is absent, unreadable
    or larger than ``limit`` bytes."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except (OSError, ValueError):
        return None
    try:
        info = os.fstat(fd)
        if info.st_size > limit:
            return None
        data = os.read(fd, info.st_size + 1)
    except OSError:
        return None
    finally:
        os.close(fd)
    return (info.st_size, info.st_mtime_ns), data


def signatures(root: str | os.PathLike, paths: Sequence[str]) -> list[Signature | None]:
    """`signature` of each of ``paths`` (relative to ``root``), statted as `differing` stats."""
    root = os.fspath(root)
    if len(paths) >= SPLIT_FROM and can_fork():
        middle = len(paths) // 2
        with ForkedCall(_signatures, root, paths[middle:]) as second:
            return _signatures(root, paths[:middle]) + second.result()
    return _signatures(root, paths)


def _signatures(root: str, paths: Sequence[str]) -> list[Signature | None]:
    found: list[Signature | None] = []
    append, stat = found.append, os.stat
    fd = os.open(root, os.O_RDONLY | os.O_DIRECTORY)
    try:
        for path in paths:
            try:
                info = stat(path, dir_fd=fd)
            except (OSError, ValueError):
                append(None)
            else:
                append((info.st_size, info.st_mtime_ns))
    finally:
        os.close(fd)
    return found


def differing(root: str | os.PathLike, paths: Sequence[str], recorded: Sequence[Signature | None]) -> list[int]:
    """The indexes of ``paths`` (relative to ``root``, with "/") whose (size, mtime_ns) is not the
    one ``recorded`` for it (None recorded: the path was absent); in increasing order."""
    root = os.fspath(root)
    if len(paths) >= SPLIT_FROM and can_fork():
        middle = len(paths) // 2
        with ForkedCall(_differing, root, paths[middle:], recorded[middle:], middle) as second:
            first = _differing(root, paths[:middle], recorded[:middle], 0)
            return first + second.result()
    return _differing(root, paths, recorded, 0)


def _differing(root: str, paths: Sequence[str], recorded: Sequence[Signature | None], offset: int) -> list[int]:
    found: list[int] = []
    stat = os.stat
    fd = os.open(root, os.O_RDONLY | os.O_DIRECTORY)
    try:
        for index, (path, expected) in enumerate(zip(paths, recorded, strict=True), offset):
            try:
                info = stat(path, dir_fd=fd)
            except (OSError, ValueError):  # ValueError: a NUL in the path
                if expected is not None:
                    found.append(index)
                continue
            if expected is None or info.st_mtime_ns != expected[1] or info.st_size != expected[0]:
                found.append(index)
    finally:
        os.close(fd)
    return found
