"""One writer at a time per library: a lock that builds, fmt, check --fix and the importers hold.

The lock is ``.papershelf/writer.lock``, taken with ``flock``: the system
releases it when its holder ends, however it ends (``kill -9`` included), so a
dead writer never blocks the next.  The holder writes its pid in it, for the
message of whoever waits.  Readers (search, list, export) take no lock: the
cache's transactions keep them from seeing half a write.  A library whose
folder cannot hold the lock (read-only) is not written to by papershelf anyway.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import time
from collections.abc import Iterator
from pathlib import Path

from papershelf.core.errors import PapershelfError
from papershelf.library.layout import cache_folder

LOCK_FILE = "writer.lock"
WAIT_SECONDS = 60.0
POLL_SECONDS = 0.05


@contextlib.contextmanager
def writer_lock(root: Path | str, wait: float = WAIT_SECONDS) -> Iterator[None]:
    """Hold the library's writer lock inside the block, waiting up to ``wait`` seconds for it."""
    try:
        fd = os.open(cache_folder(Path(root)) / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError:
        yield  # a folder that cannot hold the lock cannot be written either: the write reports it
        return
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "?"
                    raise PapershelfError(
                        f"another papershelf command (pid {holder}) is writing {root}; waited {wait:g} s for it"
                    ) from None
                time.sleep(POLL_SECONDS)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
