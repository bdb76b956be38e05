"""The second core: a call in a forked process gives back its value or its exception."""

from __future__ import annotations

import os
import threading
import time

import pytest

from papershelf.core.errors import PapershelfError
from papershelf.core.speed import ForkedCall

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")


def test_the_value_comes_back_from_memory_the_process_inherited():
    inherited = {"papers": list(range(1000))}  # not sent: the forked process has it already
    with ForkedCall(lambda: (os.getpid(), sum(inherited["papers"]))) as call:
        pid, total = call.result()
    assert pid != os.getpid() and total == 499500


def test_an_exception_is_raised_here():
    def fail():
        raise PapershelfError("a README part is not UTF-8 text")

    with ForkedCall(fail) as call, pytest.raises(PapershelfError, match="not UTF-8"):
        call.result()


def test_an_exception_that_cannot_travel_comes_back_as_its_text():
    def fail():
        raise ValueError(threading.Lock())  # a lock cannot be pickled

    with ForkedCall(fail) as call, pytest.raises(ChildProcessError, match="ValueError: <unlocked _thread.lock"):
        call.result()


def test_giving_up_stops_the_process():
    with ForkedCall(time.sleep, 600) as call:
        pass
    with pytest.raises(ProcessLookupError):  # stopped and reaped, not left sleeping
        os.kill(call.pid, 0)
