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
from array import array
from collections.abc import Sequence

from papershelf.core.speed import ForkedCall, can_fork

Signature = tuple[int, int]  # (size, mtime_ns)
UNTRUSTED: Signature = (-1, -1)  # what no stat gives: recorded, it always differs
# From this many paths a second process checks half of them (its fork costs a few milliseconds).
SPLIT_FROM = 20_000
_ABSENT = -2  # the size of a packed signature that records no file (no stat gives it)


def packed(recorded: Sequence[Signature | None]) -> bytes:
    """Signatures as one value (size and mtime of each as 8-byte integers) for a record: loaded
    in a millisecond, where 100,000 (size, mtime) tuples take 50 ms to unmarshal."""
    return _flat(recorded).tobytes()


def _flat(recorded: Sequence[Signature | None]) -> array:
    flat = array("q")
    for signature_ in recorded:
        flat.extend(signature_ if signature_ is not None else (_ABSENT, 0))
    return flat


def unpacked(data: bytes) -> array:
    """What `packed` gave, for `differing`."""
    flat = array("q")
    flat.frombytes(data)
    return flat


def as_signatures(flat: array) -> list[Signature | None]:
    """The signatures of `unpacked` as tuples (None for no file)."""
    pairs = iter(flat)
    return [(size, mtime) if size != _ABSENT else None for size, mtime in zip(pairs, pairs)]


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


def differing(root: str | os.PathLike, paths: Sequence[str], recorded: Sequence[Signature | None] | array) -> list[int]:
    """The indexes of ``paths`` (relative to ``root``, with "/") whose (size, mtime_ns) is not the
    one ``recorded`` for it (None recorded: the path was absent; or all of them `unpacked`); in
    increasing order."""
    root = os.fspath(root)
    flat = recorded if isinstance(recorded, array) else _flat(recorded)
    if len(paths) * 2 != len(flat):
        raise ValueError("as many signatures as paths are needed")
    if len(paths) >= SPLIT_FROM and can_fork():
        middle = len(paths) // 2
        with ForkedCall(_differing, root, paths[middle:], flat[2 * middle :], middle) as second:
            first = _differing(root, paths[:middle], flat[: 2 * middle], 0)
            return first + second.result()
    return _differing(root, paths, flat, 0)


def _differing(root: str, paths: Sequence[str], flat: array, offset: int) -> list[int]:
    found: list[int] = []
    stat = os.stat
    fd = os.open(root, os.O_RDONLY | os.O_DIRECTORY)
    pairs = iter(flat)
    try:
        for index, path, size, mtime in zip(range(offset, offset + len(paths)), paths, pairs, pairs):
            try:
                info = stat(path, dir_fd=fd)
            except (OSError, ValueError):  # ValueError: a NUL in the path
                if size != _ABSENT:
                    found.append(index)
                continue
            if info.st_mtime_ns != mtime or info.st_size != size:  # _ABSENT never matches a size
                found.append(index)
    finally:
        os.close(fd)
    return found
