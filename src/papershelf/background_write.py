"""One large write to an SQLite database, done by a forked process while this one goes on.

A cold build of 100,000 papers spends about a second storing the parsed
papers in the index, time in which it could already render the views on the
other core.  The caller closes its own connection first (SQLite connections
must not cross a fork), the forked process opens one of its own, runs the
write in one transaction and exits; `BackgroundWrite.wait` reports its
failure as the write itself would have.  Interrupted, the transaction rolls
back and the index stays as it was.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from pathlib import Path


def can_fork() -> bool:
    """Whether a write can go to a process of its own, and run on another core."""
    return hasattr(os, "fork") and (os.cpu_count() or 1) > 1


class BackgroundWrite:
    def __init__(self, path: Path, connect: Callable[[Path], sqlite3.Connection], write: Callable):
        """Start ``write(connection)`` in a forked process, on a connection ``connect(path)`` opens."""
        reading, writing = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:  # the forked process: never returns
            os.close(reading)
            status = 1
            try:
                db = connect(path)
                try:
                    write(db)
                finally:
                    db.close()
                status = 0
            except BaseException as exc:  # noqa: BLE001 - every failure goes back to the parent
                os.write(writing, f"{exc.__class__.__name__}\n{exc}".encode("utf-8", "replace"))
            finally:
                os._exit(status)
        os.close(writing)
        self._reading = reading

    def wait(self) -> None:
        """Wait for the write to end; raise `sqlite3.Error` if it failed."""
        with os.fdopen(self._reading, "rb") as pipe:
            report = pipe.read().decode("utf-8", "replace")
        _, status = os.waitpid(self.pid, 0)
        if os.waitstatus_to_exitcode(status) != 0:
            kind, _, message = report.partition("\n")
            error = getattr(sqlite3, kind, None)
            if not (isinstance(error, type) and issubclass(error, sqlite3.Error)):
                error = sqlite3.Error
            raise error(message or f"the index was not written (the writing process ended with {status})")
