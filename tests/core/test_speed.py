"""The speed tricks of core.speed: on for the command line only, off (and correct) for the library API;
a call in a forked process gives back its value or its exception."""

import gc
import os
import shutil
import threading
import time

import pytest

from helpers import EXAMPLE
from papershelf.cache.loader import load_library
from papershelf.cache.store import CACHE_DIR
from papershelf.core import speed
from papershelf.core.errors import PapershelfError
from papershelf.core.speed import ForkedCall, gc_paused
from papershelf.core.views import VIEW_FILES
from papershelf.render import build


def test_what_a_paused_block_keeps_is_out_of_the_collectors_sight(speedups):
    assert gc.isenabled()
    frozen = gc.get_freeze_count()
    with gc_paused():
        assert not gc.isenabled()
        kept = [[n] for n in range(1000)]
    assert gc.isenabled()
    assert gc.get_freeze_count() >= frozen + len(kept)  # the first collection does not walk them
    cycle = []
    cycle.append(cycle)
    del cycle
    assert gc.collect() >= 1  # what is made afterwards is collected as usual


def test_off_by_default_the_collector_runs_and_nothing_forks(tmp_path, monkeypatch):
    """The library API, as a threaded server calls it: no fork and no paused collector, whatever the size."""
    assert not speed.enabled() and not speed.can_fork()
    frozen = gc.get_freeze_count()
    with gc_paused():
        assert gc.isenabled()
    assert gc.get_freeze_count() == frozen

    def no_fork():
        raise AssertionError("forked with the speed tricks off")

    monkeypatch.setattr(os, "fork", no_fork)
    from papershelf.cache import store
    from papershelf.library import reading

    monkeypatch.setattr(build, "PARALLEL_FROM", 1)
    monkeypatch.setattr(reading, "PARALLEL_FROM", 1)
    monkeypatch.setattr(store, "BACKGROUND_FROM", 1)
    root = tmp_path / "example"
    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns(CACHE_DIR))
    assert build.run(root, tmp_path / "out").rendered


def test_builds_from_several_threads_at_once_write_what_one_build_writes(tmp_path):
    expected = build.render(load_library(EXAMPLE), "papershelf")
    roots = []
    for n in range(4):
        root = tmp_path / f"library-{n}"
        shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns(CACHE_DIR, *VIEW_FILES))
        roots.append(root)
    failures = []

    def build_one(root):
        try:
            build.run(root)
        except Exception as exc:  # reported below: a thread's exception would pass unseen
            failures.append(exc)

    threads = [threading.Thread(target=build_one, args=(root,)) for root in roots]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures
    for root in roots:
        for name in VIEW_FILES:
            assert (root / name).read_text("utf-8") == expected[name], (root, name)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_the_command_line_switches_them_on(tmp_path):
    import subprocess
    import sys

    code = "import papershelf.cli as c, papershelf.core.speed as s; c.app = lambda: print(s.enabled()); c.main()"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0 and done.stdout == "True\n"


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_the_value_comes_back_from_memory_the_process_inherited():
    inherited = {"papers": list(range(1000))}  # not sent: the forked process has it already
    with ForkedCall(lambda: (os.getpid(), sum(inherited["papers"]))) as call:
        pid, total = call.result()
    assert pid != os.getpid() and total == 499500


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_an_exception_is_raised_here():
    def fail():
        raise PapershelfError("a README part is not UTF-8 text")

    with ForkedCall(fail) as call, pytest.raises(PapershelfError, match="not UTF-8"):
        call.result()


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_an_exception_that_cannot_travel_comes_back_as_its_text():
    def fail():
        raise ValueError(threading.Lock())  # a lock cannot be pickled

    with ForkedCall(fail) as call, pytest.raises(ChildProcessError, match="ValueError: <unlocked _thread.lock"):
        call.result()


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_giving_up_stops_the_process():
    with ForkedCall(time.sleep, 600) as call:
        pass
    with pytest.raises(ProcessLookupError):  # stopped and reaped, not left sleeping
        os.kill(call.pid, 0)


def test_two_processes_taking_chunks_from_both_ends_take_each_once(speedups):
    """The second process, forked after the ends were made, takes from the back what the first
    does not take from the front: together every chunk once, the first's a run from the start."""
    from papershelf.core.speed import TwoEnds

    def taken_from_back(ends):
        found = []
        while (taken := ends.take(from_back=True)) is not None:
            found.append(taken)
            time.sleep(0.001)
        return found

    with TwoEnds(1000, 7) as ends, ForkedCall(taken_from_back, ends) as second:
        front = []
        while (taken := ends.take()) is not None:
            front.append(taken)
            time.sleep(0.001)  # each chunk's work
        back = second.result()
    assert front and back  # both took a share
    numbers = [n for chunk in front + back for n in chunk]
    assert sorted(numbers) == list(range(1000))
    assert [n for chunk in front for n in chunk] == list(range(len(numbers) - sum(map(len, back))))


def test_without_the_tricks_the_front_takes_every_chunk():
    from papershelf.core.speed import TwoEnds

    with TwoEnds(10, 4) as ends:
        assert [ends.take(), ends.take(), ends.take(), ends.take()] == [range(0, 4), range(4, 8), range(8, 10), None]
    with TwoEnds(10, 4) as ends:
        assert [ends.take(from_back=True), ends.take(), ends.take()] == [range(6, 10), range(0, 4), range(4, 6)]
