"""One writer at a time per library; a writer that dies never blocks the next."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time

import pytest

from papershelf.core.errors import PapershelfError
from papershelf.library.writer_lock import writer_lock


def test_a_second_writer_waits_then_says_who_holds_the_lock(tmp_path):
    with writer_lock(tmp_path):
        started = time.monotonic()
        busy = rf"another papershelf command \(pid {os.getpid()}\) is writing"
        with pytest.raises(PapershelfError, match=busy), writer_lock(tmp_path, wait=0.3):
            pass
        assert time.monotonic() - started >= 0.3
    with writer_lock(tmp_path, wait=0):  # released: taken at once
        pass


def test_writers_in_threads_take_turns(tmp_path):
    inside, overlaps = [], []

    def write(n):
        with writer_lock(tmp_path):
            if inside:
                overlaps.append(n)
            inside.append(n)
            time.sleep(0.02)
            inside.remove(n)

    threads = [threading.Thread(target=write, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not overlaps


def test_a_killed_writer_leaves_no_lock_behind(tmp_path):
    code = (
        "import sys, time\nfrom papershelf.library.writer_lock import writer_lock\n"
        f"with writer_lock({str(tmp_path)!r}):\n    print('held', flush=True)\n    time.sleep(60)\n"
    )
    holder = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline() == "held\n"
        with pytest.raises(PapershelfError, match=f"pid {holder.pid}"), writer_lock(tmp_path, wait=0.1):
            pass
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    with writer_lock(tmp_path, wait=0.5):
        pass
