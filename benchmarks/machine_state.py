"""What the machine was like while a benchmark ran: figures on this kind of virtual machine vary
by a factor of two or three from hour to hour, so each table says how fast it was.

- **Its speed**: the seconds a plain Python loop of 10^7 additions takes, in a function. It
  took 0.36-0.57 s on 2026-12-02. The same loop at module level, as the earlier notes timed
  it, takes about twice as long: from 0.5 s in a good hour to 1.7 s in a slow one.
- **The kernel's cache of file names** (dentries, ``/proc/sys/fs/dentry-state``). This
  machine's kernel is booted with a hash table of 131,072 buckets for them
  (``dhash_entries=131072``). After a day of benchmarks it held 3.2 million names, 25 to a
  bucket: a stat of a file in a 100,000-paper library then took 8-9 µs instead of 2.9 µs,
  and a build with nothing to do took 1.6 s instead of 1.0 s. The names of deleted files
  leave the cache; ``echo 2 > /proc/sys/vm/drop_caches`` (as root) empties it of the rest.
"""

from __future__ import annotations

import os
import platform
import time
from pathlib import Path

DENTRY_STATE = Path("/proc/sys/fs/dentry-state")


def model() -> str:
    name = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.is_file():
        names = [line.split(":", 1)[1].strip() for line in cpuinfo.read_text().splitlines() if "model name" in line]
        name = names[0] if names else name
    return f"{name}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}"


def loop_seconds() -> float:
    """The seconds a plain loop of 10^7 additions takes here now."""
    start = time.perf_counter()
    total = 0
    for number in range(10**7):
        total += number
    return time.perf_counter() - start


def cached_names() -> int | None:
    """How many file names (dentries) the kernel holds, where it says."""
    try:
        return int(DENTRY_STATE.read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return None


def state() -> str:
    """The machine's speed and its cache of names now, in one line."""
    names = cached_names()
    held = f", {names:,} file names cached by the kernel" if names is not None else ""
    return f"a 10^7-step Python loop took {loop_seconds():.2f} s{held}"
