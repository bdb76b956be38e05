"""Speed tricks for a short-lived process, and the one switch that allows them.

A cold build of 100,000 papers is several seconds of work on two cores, and
these tricks make it so:

- **A second core by fork** (`ForkedCall`): a forked process starts at once
  with everything this one holds, runs one function, sends back its result (or
  exception) pickled through a pipe and exits without running this process's
  exit handlers.  Lighter than a multiprocessing pool (a few milliseconds, not
  tens).  Reading, storing the cache and rendering each hand half of their
  work, or all of it, to one.
- **A paused collector** (`gc_paused`): bulk work makes millions of small
  objects and no reference cycles, so the cyclic collector frees nothing there
  but walks them all (a fifth of a cold build).  What a paused block leaves
  alive is frozen (`gc.freeze`) when it ends, or the collector's first run
  would walk it (a second at 100,000 papers).
- **Work taken from both ends** (`TwoEnds`): two processes that share a list
  of work (the site's pages) take chunks of it from either end until they meet,
  so both end together however fast each one runs (a fixed half left either
  one idle for up to 10 s of a 100 s build on this machine).
- **Removing in the background** (`removed_in_background`): a site built
  again whole leaves its last version, 240,000 files at 100,000 papers, to
  delete: a process of its own does that (15 s) while the command ends.
- **No freeing at exit** (`keep_until_exit`): freeing 100,000 papers' objects
  one by one costs half a second that a process about to end need not spend;
  the command line keeps them alive and ends with ``os._exit``.

All of them are off unless `enable` is called, which only the command line does
(``papershelf.cli.main``).  A program that uses papershelf as a library, such
as a threaded web server, gets plain, correct behaviour: forking a threaded
process is unsafe, and ``gc.disable`` and ``gc.freeze`` act on every thread.
"""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
import shutil
import signal
from collections.abc import Callable, Iterator

_enabled = False
_kept: list = []  # what keep_until_exit was given, while enabled


def enable() -> None:
    """Allow the tricks for the rest of this process: for a command that ends the process after it."""
    global _enabled
    _enabled = True


def disable() -> None:
    """Back to plain behaviour (tests switch the tricks on and off)."""
    global _enabled
    _enabled = False
    _kept.clear()


def enabled() -> bool:
    return _enabled


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic collection inside the block (when enabled); the collector is as it was afterwards."""
    if not _enabled or not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()  # what the block kept (papers, cells) is long-lived: see the module's docstring
        gc.enable()


def keep_until_exit(*objects) -> None:
    """Leave ``objects`` alive until the process ends (when enabled: the command line ends it with os._exit)."""
    if _enabled:
        _kept.extend(objects)


def can_fork() -> bool:
    """Whether work may be handed to a forked process that runs on another core."""
    return _enabled and hasattr(os, "fork") and (os.cpu_count() or 1) > 1


@contextlib.contextmanager
def meanwhile(function: Callable, *args) -> Iterator[Callable[[], object]]:
    """``function(*args)`` started on another core while the block runs (when enabled); the block
    gets a callable that gives the result (computed there and then, when not enabled)."""
    if not can_fork():
        yield lambda: function(*args)
        return
    with ForkedCall(function, *args) as call:
        yield call.result


class TwoEnds:
    """Chunks of ``range(count)`` for two processes, one forked after this is made: the first
    takes them from the front, the second from the back, until they meet. The two ends live in
    memory both processes share (an anonymous shared map), taken in turn by a byte passed through
    a pipe (no named semaphore, which some systems lack); made and used in one process, the
    front takes every chunk. A context manager: its pipe is closed at the end."""

    def __init__(self, count: int, chunk: int):
        import mmap

        self.chunk = chunk
        self._ends = mmap.mmap(-1, 16)  # shared with a process forked after: the front and the back
        self._ends[:] = (0).to_bytes(8, "little") + count.to_bytes(8, "little")
        self._turn = os.pipe() if can_fork() else None  # one byte in it: whoever reads it may take
        if self._turn is not None:
            os.write(self._turn[1], b"t")

    def take(self, from_back: bool = False) -> range | None:
        """The next chunk from one end; None when none is left."""
        if self._turn is not None:
            os.read(self._turn[0], 1)
        try:
            front = int.from_bytes(self._ends[:8], "little")
            back = int.from_bytes(self._ends[8:], "little")
            if front >= back:
                return None
            if from_back:
                taken = range(max(front, back - self.chunk), back)
                back = taken.start
            else:
                taken = range(front, min(back, front + self.chunk))
                front = taken.stop
            self._ends[:] = front.to_bytes(8, "little") + back.to_bytes(8, "little")
            return taken
        finally:
            if self._turn is not None:
                os.write(self._turn[1], b"t")

    def __enter__(self) -> TwoEnds:
        return self

    def __exit__(self, *exc) -> None:
        if self._turn is not None:
            for end in self._turn:
                os.close(end)
            self._turn = None
        self._ends.close()


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
    except Exception as exc:
        data = pickle.dumps((False, _as_text(outcome[1] if not outcome[0] else exc)))
    with os.fdopen(pipe, "wb") as handle:
        handle.write(data)


def _as_text(failure: BaseException) -> ChildProcessError:
    """A failure that cannot be pickled, as the text that can travel back instead."""
    return ChildProcessError(f"{failure.__class__.__name__}: {failure}")


def removed_in_background(folder: os.PathLike) -> None:
    """Delete ``folder`` (already out of the way, under a name of its own): in a process of its
    own when enabled (forked twice, so that no one need wait for it), else here and now."""
    if can_fork():
        child = os.fork()
        if child == 0:  # pragma: no cover - the forked processes
            try:
                if os.fork() == 0:
                    os.setsid()
                    quiet = os.open(os.devnull, os.O_RDWR)  # no one waits for this one's output
                    for fd in (0, 1, 2):
                        os.dup2(quiet, fd)
                    os.closerange(3, os.sysconf("SC_OPEN_MAX"))
                    shutil.rmtree(folder, ignore_errors=True)
            finally:
                os._exit(0)
        os.waitpid(child, 0)
        return
    shutil.rmtree(folder, ignore_errors=True)
