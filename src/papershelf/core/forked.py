"""Calling a function in a forked process: the way papershelf uses the second core.

The process starts at once with everything this one holds in memory, so
nothing is sent to it; it runs the function, sends back the result (or the
exception) pickled through a pipe and exits without running this process's
exit handlers.  Lighter than a multiprocessing pool, which starts three helper
threads: a few milliseconds instead of tens, which counts in a build of a
second.  Reading, rendering and storing the index of a large library each
hand half of their work, or all of it, to one.
"""

from __future__ import annotations

import os
import pickle
import signal
from collections.abc import Callable


def can_fork() -> bool:
    """Whether work handed to a forked process can run on another core."""
    return hasattr(os, "fork") and (os.cpu_count() or 1) > 1


class ForkedCall:
    """``function(*args)`` running in a forked process; `result` waits for it."""

    def __init__(self, function: Callable, *args):
        reading, writing = os.pipe()
        pid = os.fork()
        if pid == 0:  # the forked process: never returns
            os.close(reading)
            try:
                _send(writing, function, args)
            finally:
                os._exit(0)
        os.close(writing)
        self.pid = pid  # the forked process
        self._running = True
        self._reading = reading

    def result(self):
        """The function's return value; the exception it raised is raised here."""
        with os.fdopen(self._reading, "rb") as pipe:
            data = pipe.read()
        self._reap()
        try:
            succeeded, value = pickle.loads(data)
        except Exception:  # nothing came back (the process was killed), or not in a form to read
            raise ChildProcessError("the second process ended without a result") from None
        if succeeded:
            return value
        raise value

    def close(self) -> None:
        """Give up on the result, if not had yet: the process is stopped."""
        if self._running:
            os.close(self._reading)
            os.kill(self.pid, signal.SIGKILL)
            self._reap()

    def __enter__(self) -> ForkedCall:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _reap(self) -> None:
        os.waitpid(self.pid, 0)
        self._running = False


def _send(pipe: int, function: Callable, args: tuple) -> None:
    try:
        outcome = (True, function(*args))
    except BaseException as exc:  # noqa: BLE001 - every failure goes back, to be raised there
        outcome = (False, exc)
    try:
        data = pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception as exc:  # what cannot travel goes back as text
        failure = outcome[1] if not outcome[0] else exc
        data = pickle.dumps((False, ChildProcessError(f"{failure.__class__.__name__}: {failure}")))
    with os.fdopen(pipe, "wb") as handle:
        handle.write(data)
