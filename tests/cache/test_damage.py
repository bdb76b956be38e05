"""The files are the truth: a damaged cache is rebuilt, never believed, and never makes output wrong."""

from __future__ import annotations

import logging
import os
import random
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import EXAMPLE, PROJECT
from papershelf.cache.loader import LibraryReader, load_library
from papershelf.cache.store import CACHE_DIR, DB_FILE
from papershelf.core.views import VIEW_FILES
from papershelf.render import build, partial
from papershelf.search import engine, listing
from papershelf.search.query import Filters

QUERIES = ("quant*", "pruning OR sparse", '"large language"')


def plain_views(root: Path) -> dict[str, bytes]:
    """What a build writes when there is no cache at all."""
    with LibraryReader(root, use_index=False) as reader:
        library = reader.load()
    return {name: text.encode("utf-8") for name, text in build.render(library, library.config.style).items()}


def views(root: Path) -> dict[str, bytes]:
    return {name: (root / name).read_bytes() for name in VIEW_FILES}


def searches(root: Path) -> list:
    found = [[(h.paper.source, h.paper.title) for h in engine.run(root, q, limit=None).hits] for q in QUERIES]
    found.append([h.paper.source for h in listing.run(root, Filters(has_code=True)).hits])
    return found


def uncached_searches(root: Path, scratch: Path) -> list:
    copy = scratch / "uncached"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(root, copy, ignore=shutil.ignore_patterns(CACHE_DIR))
    found = searches(copy)
    return found


def edit_a_title(root: Path, rng: random.Random) -> None:
    path = rng.choice(sorted((root / "meta").rglob("*.prototxt")))
    text = path.read_text("utf-8")
    path.write_text(text.replace('title: "', f'title: "Edited {rng.randrange(1000)} ', 1), "utf-8")


@pytest.fixture
def built(tmp_path) -> Path:
    """The example library, built and searched: its cache holds papers, search tables and page states."""
    root = tmp_path / "library"
    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns(CACHE_DIR))
    build.run(root)
    searches(root)
    return root


def damage(path: Path, rng: random.Random) -> str:
    """Flip bytes, truncate, overwrite with garbage or delete ``path``; what was done."""
    data = bytearray(path.read_bytes())
    how = rng.choice(["flip", "flip", "truncate", "garbage", "delete"])
    if how == "delete":
        path.unlink()
    elif how == "truncate":
        path.write_bytes(bytes(data[: rng.randrange(len(data))]))
    elif how == "garbage":
        start = rng.randrange(len(data))
        data[start : start + 4096] = os.urandom(min(4096, len(data) - start))
        path.write_bytes(bytes(data))
    else:
        for _ in range(rng.randint(1, 3)):
            data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
        path.write_bytes(bytes(data))
    return how


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(30))
def test_random_damage_to_a_cache_file_never_changes_what_commands_give(built, tmp_path, seed):
    rng = random.Random(seed)
    cache_files = sorted(p for p in (built / CACHE_DIR).iterdir() if p.name != ".gitignore")
    target = rng.choice(cache_files)
    how = damage(target, rng)
    edit_a_title(built, rng)
    build.run(built)
    assert views(built) == plain_views(built), (target.name, how)
    assert searches(built) == uncached_searches(built, tmp_path), (target.name, how)
    assert not build.run(built).written  # and the rebuilt cache serves the next build


def test_a_row_that_decodes_but_does_not_verify_is_not_believed(built, caplog):
    """One bit of a paper's row changed inside the cache, still valid data: its checksum gives it away."""
    with sqlite3.connect(built / CACHE_DIR / DB_FILE) as db:
        path, blob = db.execute("SELECT path, paper FROM files WHERE paper IS NOT NULL LIMIT 1").fetchone()
        changed = bytearray(blob)
        changed[len(blob) // 2] ^= 0x01
        db.execute("UPDATE files SET paper = ? WHERE path = ?", (bytes(changed), path))
    with caplog.at_level(logging.WARNING, logger="papershelf"):
        papers = load_library(built).papers
    with LibraryReader(built, use_index=False) as reader:
        assert papers == reader.load().papers
    warnings = [record.getMessage() for record in caplog.records]
    assert len(warnings) == 1 and "was damaged" in warnings[0] and "does not match its checksum" in warnings[0]
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="papershelf"):
        assert load_library(built).papers == papers
    assert not caplog.records  # rebuilt once: the next command finds nothing wrong


def test_a_damaged_page_state_means_a_full_render(built):
    state = next((built / CACHE_DIR).glob("pages-*.marshal"))
    assert partial.load(state) is not None
    data = bytearray(state.read_bytes())
    data[-10] ^= 0x20
    state.write_bytes(bytes(data))
    assert partial.load(state) is None
    edit_a_title(built, random.Random(2))
    result = build.run(built)
    assert result.rendered and not result.partly
    assert views(built) == plain_views(built)


def test_the_command_says_so_in_one_line_and_carries_on(built):
    (built / CACHE_DIR / DB_FILE).write_bytes(b"not a database at all" * 200)
    for suffix in ("-wal", "-shm"):
        (built / CACHE_DIR / f"{DB_FILE}{suffix}").unlink(missing_ok=True)
    done = subprocess.run(
        [sys.executable, "-m", "papershelf", "search", "quant*", "-L", str(built)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() and "Traceback" not in done.stderr
    assert done.stderr.count("papershelf: warning: the cache in") == 1, done.stderr
    assert "was damaged (file is not a database); rebuilding it from the files" in done.stderr


def test_temporary_files_of_a_killed_build_are_removed_by_the_next(built):
    dead = 2**22 + 12345  # above the default pid_max: no process has it
    leftovers = [
        built / f".README.md.{dead}.k3j5h2l9.tmp",
        built / CACHE_DIR / f".pages-0123456789abcdef.marshal.{dead}.abc_1234.tmp",
        built / "meta" / "2023" / f".sparsegpt.prototxt.{dead}.zz9zz9zz.tmp",
    ]
    live = built / f".README.md.{os.getpid()}.abcdefgh.tmp"  # a writer still at work
    for path in [*leftovers, live]:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("half a view")
    build.run(built)
    assert not any(path.exists() for path in leftovers)
    assert live.exists()


@pytest.mark.slow
def test_commands_at_once_on_a_cold_library_leave_a_cache_that_answers_right(tmp_path):
    """build, search and export together on a cold library, in rounds: afterwards every command
    answers what a cache-less one does (the search tables once pointed at rows that were gone)."""
    sys.path.insert(0, str(PROJECT / "benchmarks"))
    from generate_library import generate

    root = tmp_path / "library"
    generate(root, 2500, seed=5)
    command = [sys.executable, "-m", "papershelf"]
    for _ in range(3):
        shutil.rmtree(root / CACHE_DIR, ignore_errors=True)
        running = [
            subprocess.Popen([*command, *args, "-L", str(root)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            for args in (["build"], ["search", "learning"], ["export", "--format", "json"])
        ]
        for process in running:
            _, stderr = process.communicate(timeout=120)
            assert b"Traceback" not in stderr, stderr.decode()
    assert searches(root) == uncached_searches(root, tmp_path)
    assert views(root) == plain_views(root)
