"""A build killed at any point (kill -9), or stopped by a full disk, leaves every view whole."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from helpers import PROJECT
from papershelf.cache.loader import LibraryReader
from papershelf.core.views import VIEW_FILES
from papershelf.render import build

sys.path.insert(0, str(PROJECT / "benchmarks"))
from generate_library import generate  # noqa: E402


def plain_views(root: Path) -> dict[str, str]:
    with LibraryReader(root, use_index=False) as reader:
        library = reader.load()
    return build.render(library, library.config.style)


def temporary_files(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*.tmp"))


@pytest.mark.slow
def test_a_build_killed_at_any_point_is_made_whole_by_the_next(tmp_path):
    root = tmp_path / "library"
    generate(root, 3000, seed=7)
    expected = plain_views(root)
    for delay in (0.05, 0.15, 0.3, 0.5, 0.8):
        shutil.rmtree(root / ".papershelf", ignore_errors=True)
        for name in VIEW_FILES:
            (root / name).unlink(missing_ok=True)
        command = [sys.executable, "-m", "papershelf", "build", "-L", str(root)]
        running = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
        )
        time.sleep(delay)
        with_children = os.getpgid(running.pid)
        os.killpg(with_children, signal.SIGKILL)  # the command and the process it forked
        running.wait()
        time.sleep(0.1)
        build.run(root)
        assert {name: (root / name).read_text("utf-8") for name in VIEW_FILES} == expected, delay
        assert temporary_files(root) == [], delay


def _small_tmpfs(folder: Path, size: str) -> bool:
    folder.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)], capture_output=True)
    return done.returncode == 0


@pytest.mark.slow
def test_a_full_disk_is_one_line_naming_the_file_and_leaves_the_views_as_they_were(tmp_path):
    disk = tmp_path / "disk"
    if os.geteuid() != 0 or not _small_tmpfs(disk, "3m"):
        pytest.skip("needs to mount a small tmpfs (root)")
    try:
        root = disk / "library"
        generate(root, 60, seed=3)
        first = build.run(root)
        assert first.built
        before = {name: (root / name).read_bytes() for name in VIEW_FILES}
        filler = disk / "filler"
        with open(filler, "wb", buffering=0) as handle:  # fill what is left, to the last block
            try:
                while True:
                    handle.write(b"x" * 4096)
            except OSError:
                pass
        shutil.rmtree(root / ".papershelf")  # no record: a full render, in another style: every view changes
        os.truncate(filler, max(0, filler.stat().st_size - 64 * 1024))  # room for the cache, not the views
        done = subprocess.run(
            [sys.executable, "-m", "papershelf", "build", "-L", str(root), "--style", "efficientpaper"],
            capture_output=True,
            text=True,
        )
        assert done.returncode == 2, done.stderr
        assert done.stderr.startswith("papershelf: cannot write "), done.stderr
        assert str(root) in done.stderr or ".papershelf" in done.stderr, done.stderr  # it names the file
        assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1, done.stderr
        assert {name: (root / name).read_bytes() for name in VIEW_FILES} == before
        assert temporary_files(root) == []
    finally:
        subprocess.run(["umount", str(disk)], capture_output=True)
