"""The index under .papershelf/: only changed files are parsed, and the cache is always disposable."""

from __future__ import annotations

import multiprocessing
import os
import shutil
import sqlite3
import stat

import pytest

from helpers import EXAMPLE, write_paper
from papershelf.cache import store as index_module
from papershelf.cache.loader import LibraryReader, load_library
from papershelf.cache.store import CACHE_DIR, DB_FILE, Cache
from papershelf.library import reading as parsing

CONFIG = '[keywords]\nquantization = "Quantization"\npruning = "Pruning"\n'


def paper_text(title: str, keyword: str = "quantization", year: int = 2023) -> str:
    return f'paper {{\n  title: "{title}"\n}}\npub {{\n  year: {year}\n}}\nkeyword {{\n  words: {keyword}\n}}\n'


@pytest.fixture
def library(tmp_path):
    root = tmp_path / "lib"
    write_paper(root, "papershelf.toml", CONFIG)
    for n in range(5):
        write_paper(root, f"meta/2023/p{n}.prototxt", paper_text(f"Paper {n}"))
    age_files(root)
    return root


def age_files(root, seconds: int = 100):
    """Date every file in meta/ ``seconds`` back, as files are that were not just written."""
    for path in (root / "meta").rglob("*.prototxt"):
        info = path.stat()
        os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns - seconds * 10**9))


def refresh(root):
    with LibraryReader(root) as reader:
        result = reader.refresh()
        return result, reader.load()


def test_second_read_parses_nothing(library):
    first, papers = refresh(library)
    assert (first.parsed, first.removed) == (5, 0)
    second, again = refresh(library)
    assert (second.parsed, second.removed, second.generation) == (0, 0, first.generation)
    assert again.papers == papers.papers
    assert (library / CACHE_DIR / DB_FILE).is_file()


def test_changed_added_and_removed_files_are_seen(library):
    refresh(library)
    write_paper(library, "meta/2023/p1.prototxt", paper_text("Paper one, renamed"))
    write_paper(library, "meta/2024/new.prototxt", paper_text("New", year=2024))
    (library / "meta/2023/p4.prototxt").unlink()
    result, loaded = refresh(library)
    assert (result.parsed, result.removed) == (2, 1)
    assert [p.title for p in loaded.papers] == ["Paper 0", "Paper one, renamed", "Paper 2", "Paper 3", "New"]


def test_a_touched_file_is_hashed_not_parsed(library):
    refresh(library)
    os.utime(library / "meta/2023/p2.prototxt")
    result, _ = refresh(library)
    assert result.parsed == 0


def test_a_change_hidden_by_the_same_size_and_mtime_is_found_when_racy(library):
    """A file rewritten within the mtime granularity of its indexing is hashed again next time."""
    path = library / "meta/2023/p3.prototxt"
    path.write_text(paper_text("Paper X"), "utf-8")  # just written: racy
    refresh(library)
    before = path.stat()
    path.write_text(paper_text("Paper Y"), "utf-8")  # same size
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    result, loaded = refresh(library)
    assert result.parsed == 1
    assert "Paper Y" in [p.title for p in loaded.papers]


def test_errors_are_cached_and_cleared(library):
    write_paper(library, "meta/2023/bad.prototxt", 'paper {\n  title: "T"\n')
    _, loaded = refresh(library)
    assert [str(e) for e in loaded.errors] == ['meta/2023/bad.prototxt:2:10: Expected "}".']
    again, loaded = refresh(library)
    assert again.parsed == 0 and len(loaded.errors) == 1
    write_paper(library, "meta/2023/bad.prototxt", paper_text("Fixed"))
    _, loaded = refresh(library)
    assert not loaded.errors


def test_a_new_keyword_in_the_config_reparses_every_file(library):
    write_paper(library, "meta/2023/moe.prototxt", paper_text("Mixture", keyword="moe"))
    _, loaded = refresh(library)
    assert "unknown keyword 'moe'" in str(loaded.errors[0])
    write_paper(library, "papershelf.toml", CONFIG + 'moe = "Mixture of experts"\n')
    result, loaded = refresh(library)
    assert result.parsed == 6 and not loaded.errors
    assert loaded.vocabulary == ("quantization", "pruning", "moe")


def test_without_keywords_config_the_files_words_are_the_vocabulary(library):
    (library / "papershelf.toml").unlink()
    _, loaded = refresh(library)
    assert loaded.vocabulary == ("quantization",)
    write_paper(library, "meta/2023/pr.prototxt", paper_text("Pruned", keyword="pruning"))
    result, loaded = refresh(library)
    assert loaded.vocabulary == ("pruning", "quantization") and not loaded.errors
    assert result.parsed == 6  # the vocabulary changed: every file again


@pytest.mark.parametrize("damage", [b"not a database at all" * 100, b""])
def test_a_damaged_index_is_rebuilt_silently(library, damage):
    _, expected = refresh(library)
    (library / CACHE_DIR / DB_FILE).write_bytes(damage)
    result, loaded = refresh(library)
    assert result.parsed == 5 and loaded.papers == expected.papers


def test_an_index_of_another_version_is_rebuilt(library, monkeypatch):
    refresh(library)
    monkeypatch.setattr(index_module, "SCHEMA_VERSION", "999")
    result, loaded = refresh(library)
    assert result.parsed == 5 and len(loaded.papers) == 5
    with Cache.open(library) as index:
        assert index.get("schema") == "999"


def test_deleting_the_folder_is_safe(library):
    refresh(library)
    shutil.rmtree(library / CACHE_DIR)
    result, loaded = refresh(library)
    assert result.parsed == 5 and len(loaded.papers) == 5


def test_the_folder_ignores_itself_in_git(library):
    refresh(library)
    assert (library / CACHE_DIR / ".gitignore").read_text("utf-8").splitlines()[-1] == "*"


def test_a_read_only_library_is_read_without_an_index(library):
    mode = library.stat().st_mode
    library.chmod(mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
    try:
        loaded = load_library(library)
    finally:
        library.chmod(mode)
    assert len(loaded.papers) == 5
    assert not (library / CACHE_DIR).exists()


def test_indexed_and_plain_reading_agree_on_the_example(tmp_path):
    root = tmp_path / "example"
    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns(CACHE_DIR))
    plain = LibraryReader(root, use_index=False).load()
    indexed = load_library(root)
    assert (root / CACHE_DIR).is_dir()
    assert indexed.papers == plain.papers and [p.source for p in indexed.papers] == [p.source for p in plain.papers]
    assert indexed.vocabulary == plain.vocabulary and indexed.layout == plain.layout


def test_two_cores_read_as_one_does(library, monkeypatch, speedups):
    for n in range(5, 40):
        write_paper(library, f"meta/2022/q{n}.prototxt", paper_text(f"Q {n}", year=2022))
    write_paper(library, "meta/2022/broken.prototxt", "paper {")
    serial = LibraryReader(library, use_index=False).load()
    monkeypatch.setattr(parsing, "PARALLEL_FROM", 1)
    monkeypatch.setattr(parsing, "CHUNK", 7)
    parallel = LibraryReader(library, use_index=False).load()
    assert parallel.papers == serial.papers and [str(e) for e in parallel.errors] == [str(e) for e in serial.errors]


def test_a_file_that_grows_between_its_stat_and_its_read_is_read_whole(library, monkeypatch):
    """One read asks for the size statted and a byte more: a longer file is read on to its end."""
    path = library / "meta/2023/p0.prototxt"
    path.write_text(paper_text("A title " + "long " * 20_000), "utf-8")  # longer than one further read
    real_fstat = os.fstat

    def stat_of_an_older_size(fd):
        info = real_fstat(fd)
        return os.stat_result((*info[:6], 10, *info[7:]))  # st_size, as when the file was 10 bytes

    monkeypatch.setattr(parsing.os, "fstat", stat_of_an_older_size)
    reading = parsing.read_file(str(library), "meta/2023/p0.prototxt", None, ("quantization",))
    assert reading.outcome == parsing.PAPER and reading.value[1].startswith("A title long long")
    assert reading.value[1].endswith("long ") and reading.size == 10


def _keep_reading(root, rounds, failures):
    try:
        for _ in range(rounds):
            assert len(load_library(root).papers) >= 5
    except Exception as exc:  # reported to the parent, which fails the test
        failures.put(repr(exc))


def test_concurrent_readers_and_writers_do_not_corrupt_it(library):
    refresh(library)
    failures = multiprocessing.get_context("fork").Queue()
    readers = [
        multiprocessing.get_context("fork").Process(target=_keep_reading, args=(library, 30, failures))
        for _ in range(2)
    ]
    for reader in readers:
        reader.start()
    for n in range(30):  # meanwhile, files change
        write_paper(library, f"meta/2024/c{n % 4}.prototxt", paper_text(f"Change {n}", year=2024))
        load_library(library)
    for reader in readers:
        reader.join(60)
    assert failures.empty(), failures.get()
    with sqlite3.connect(library / CACHE_DIR / DB_FILE) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert len(load_library(library).papers) == 9


def test_a_large_write_goes_to_another_process_and_all_of_it_lands(library, monkeypatch, speedups):
    monkeypatch.setattr(index_module, "BACKGROUND_FROM", 10)
    for n in range(5, 30):
        write_paper(library, f"meta/2022/q{n}.prototxt", paper_text(f"Q {n}", year=2022))
    age_files(library)
    with LibraryReader(library) as reader:
        reader.refresh()
        assert reader.cache._writing is not None  # the path under test: the write went to a forked process
        papers = reader.load().papers
        ids = reader.cache.row_ids()
    assert len(papers) == 30 and set(ids) == {paper.source for paper in papers}
    assert refresh(library)[0].parsed == 0  # all stored: nothing to read again
    with sqlite3.connect(library / CACHE_DIR / DB_FILE) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_a_failed_background_write_is_reported_and_changes_nothing(library, monkeypatch, speedups):
    refresh(library)
    for n in range(5, 30):
        write_paper(library, f"meta/2022/q{n}.prototxt", paper_text(f"Q {n}", year=2022))
    monkeypatch.setattr(index_module, "BACKGROUND_FROM", 10)

    def read_only(path):
        db = sqlite3.connect(path, isolation_level=None)
        db.execute("PRAGMA query_only = 1")
        return db

    monkeypatch.setattr(index_module, "_connect_current", read_only)
    with LibraryReader(library) as reader:
        reader.refresh()
        with pytest.raises(sqlite3.OperationalError, match="readonly database"):
            reader.cache.row_ids()
    monkeypatch.undo()
    with sqlite3.connect(library / CACHE_DIR / DB_FILE) as db:
        assert db.execute("SELECT count(*) FROM files").fetchone() == (5,)
    assert len(refresh(library)[1].papers) == 30


def test_nothing_changed_is_told_by_the_stats_record_without_reading_rows(library, monkeypatch):
    first, papers = refresh(library)
    refresh(library)  # the record of this one has no racy file
    monkeypatch.setattr(index_module, "_read_changed", lambda *a: pytest.fail("rows read"))
    result, again = refresh(library)
    assert (result.parsed, result.generation) == (0, first.generation)
    assert again.papers == papers.papers


@pytest.mark.parametrize("change", ["edit_same_size", "rename", "add", "remove", "replace_by_rename"])
def test_every_change_is_seen_after_a_record_that_vouched_for_all(library, change):
    """Old files (not racy), a record vouching for them; then one change, dated in the past too."""
    refresh(library)
    refresh(library)
    meta = library / "meta/2023"
    if change == "edit_same_size":
        (meta / "p1.prototxt").write_text(paper_text("Paper X"), "utf-8")
    elif change == "rename":
        (meta / "p1.prototxt").rename(meta / "q1.prototxt")
    elif change == "add":
        write_paper(library, "meta/2023/p9.prototxt", paper_text("Paper 9"))
    elif change == "remove":
        (meta / "p1.prototxt").unlink()
    else:
        write_paper(library, "meta/2023/tmp.txt", paper_text("Paper Z"))
        (meta / "tmp.txt").replace(meta / "p1.prototxt")
    age_files(library, 50)
    _, loaded = refresh(library)
    assert loaded.papers == load_library_plainly(library).papers


def load_library_plainly(root):
    with LibraryReader(root, use_index=False) as reader:
        return reader.load()
