"""The cache: every parsed paper of a library, cached in SQLite under ``<library>/.papershelf/``.

A row per metadata file holds its size, mtime and content hash beside the
parsed paper (or the located error), the size and mtime as statted when it
was read.  `Cache.refresh` stats every file it holds a row for and re-parses
only those that were added or changed; a file whose size and mtime match is
trusted unless it was modified within `RACY_NS` of being indexed
(the "racy clean" case git knows), and one whose stat changed but whose hash
did not is not parsed again.  Removed files lose their rows.

The cache is disposable.  A cache of another version, or a file that is not
a database, is rebuilt silently; deleting the folder is always safe.  SQLite's
write-ahead log and a busy timeout let a build and a search run at once, each
write being one transaction.  A large write (a cold build's) goes to a forked
process (`speed.ForkedCall`): the connection waits for it when next used.
A library in a read-only folder (no write permission bits, whoever the user)
is read without a cache.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import marshal
import os
import re
import sqlite3
import stat
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from papershelf.core.errors import PaperFileError
from papershelf.core.model import Paper, from_tuple
from papershelf.core.notices import warn
from papershelf.core.speed import ForkedCall, can_fork
from papershelf.library.file_stats import as_signatures, differing, packed, unpacked
from papershelf.library.layout import CACHE_DIR, cache_folder
from papershelf.library.reading import ERROR, PAPER, SAME, FileReading, error_from_tuple, read_files
from papershelf.library.schema import is_keyword_name

DB_FILE = "index.sqlite3"  # the name it has always had: an older cache is replaced, not left beside it
# Bump when what the cache stores changes: a cache of another version is rebuilt.
SCHEMA_VERSION = "14"
RACY_NS = 2_000_000_000
BUSY_TIMEOUT_S = 30
LARGE_CACHE_KIB = 256 * 1024  # SQLite's page cache for a large write (see large_page_cache), at most
# From this many rows a write goes to a forked process, and the caller
# goes on meanwhile: a cold build renders while the papers are stored.
BACKGROUND_FROM = 1500
STATS_KEY = "stats"  # the meta key of `_stats_record`
JSON_LIST = "(SELECT value FROM json_each(?))"  # the paths of a JSON list, in a query
# The databases attached beside DB_FILE (search.tables names them), with their logs.
ATTACHED_FILES = "search-text-*.sqlite3*"

_TABLES = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value BLOB);
CREATE TABLE IF NOT EXISTS files (
    id INTEGER PRIMARY KEY AUTOINCREMENT,  -- never reused: a changed file's paper gets a new id
    path TEXT NOT NULL UNIQUE,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    hash BLOB NOT NULL,
    indexed_ns INTEGER NOT NULL,
    used BLOB NOT NULL,      -- marshal: (the keyword names the text mentions, FileReading.repeated)
    paper BLOB,              -- marshal: the Paper's fields, or NULL
    error BLOB,              -- marshal: the PaperFileError's fields, or NULL
    checksum BLOB NOT NULL   -- of path, used, paper and error (see _row_checksum)
);
"""
# The columns a paper's row is decoded from (`paper_of_row`).
PAPER_COLUMNS = ("path", "used", "paper", "error", "checksum")
CHECKSUM_BYTES = 8


@dataclass
class Refresh:
    """What `Cache.refresh` found."""

    vocabulary: tuple[str, ...]
    parsed: int = 0  # files parsed again
    removed: int = 0
    generation: int = 0  # a new value with every change written to the cache (see _new_generation)


class Read(NamedTuple):
    """The papers of a library's files, the errors of those that did not parse, and the fields
    each file gives twice where it may give them once (`FileReading.repeated`), by path."""

    papers: list[Paper]
    errors: list[PaperFileError]
    repeated: dict[str, tuple]


class CacheDamaged(Exception):
    """What the cache holds does not verify (a checksum, a value that does not decode): the files
    are read again, never the damaged rows."""


class CacheUnavailable(Exception):
    """The library's folder cannot hold a cache (read-only, or not a folder SQLite can use)."""


def writable(directory: Path) -> bool:
    """Whether papershelf may write into ``directory``: permission bits, not just access (root passes that)."""
    try:
        mode = directory.stat().st_mode
    except OSError:
        return False
    return bool(mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)) and os.access(directory, os.W_OK)


class Cache:
    def __init__(self, root: Path, db: sqlite3.Connection, path: Path | None = None):
        self.root = root
        self._db: sqlite3.Connection | None = db
        self.path = path  # the database file; None for a cache in memory
        self._writing: ForkedCall | None = None  # a large write going on in another process
        self._second: sqlite3.Connection | None = None
        # Databases attached beside this one ({schema: file, or None for one in memory}): the
        # search tables' text (see search.tables), attached again to every connection made.
        self._attached: dict[str, Path | None] = {}
        # Set by a refresh that parsed every file: the papers are at hand, no need to read them back.
        self._all_read: list[FileReading] | None = None
        self._ids: dict[str, int] | None = None  # set by refresh: see row_ids
        # What other modules work out from the tables and keep while the cache is open
        # (facets.facet_columns), each stored with what tells when it is out of date.
        self.memo: dict = {}

    @classmethod
    def open(cls, root: Path | str) -> Cache:
        """The cache of the library at ``root``, created or rebuilt as needed."""
        root = Path(root)
        if not writable(root):
            raise CacheUnavailable(f"{root} is read-only")
        try:
            folder = cache_folder(root)
            return cls(root, _connect(folder / DB_FILE), folder / DB_FILE)
        except (OSError, sqlite3.Error) as exc:
            raise CacheUnavailable(str(exc)) from None

    @classmethod
    def in_memory(cls, root: Path | str) -> Cache:
        """A cache that lives only as long as this process: for a library that cannot hold one."""
        db = sqlite3.connect(":memory:", isolation_level=None)
        _recreate(db)
        return cls(Path(root), db)

    @property
    def db(self) -> sqlite3.Connection:
        """The connection; after a write gone to another process, once that write is done."""
        if self._writing is not None:
            writing, self._writing = self._writing, None
            try:
                ids = writing.result()
            finally:
                self._db = _connect_current(self.path)
                for schema, path in self._attached.items():
                    _attach(self._db, schema, path)
            if self._ids is None:
                self._ids = ids
        return self._db

    def close(self) -> None:
        if self._second is not None:
            self._second.close()
        if self._writing is not None:
            with contextlib.suppress(sqlite3.Error):  # a failed write leaves the cache as it was
                self.db  # noqa: B018 - waits for the write
        self._db.close()

    def second_connection(self) -> sqlite3.Connection | None:
        """A read-only connection of its own to the database, for reading in another thread.

        None for a cache in memory, which no other connection can see.
        """
        if self.path is not None and self._second is None:
            self._second = sqlite3.connect(
                f"{self.path.absolute().as_uri()}?mode=ro",
                uri=True,
                timeout=BUSY_TIMEOUT_S,
                isolation_level=None,
                check_same_thread=False,
            )
            for schema, path in self._attached.items():
                _attach(self._second, schema, path, read_only=True)
        return self._second

    def attach(self, schema: str, path: Path | None) -> None:
        """Attach the database at ``path`` (None: a new one in memory) as ``schema`` to this cache's
        connections, in place of what was attached as ``schema`` before; outside a transaction.
        A file that is not there is not created: sqlite3.OperationalError, and nothing attached."""
        if schema in self._attached and self._attached[schema] == path:
            return
        connections = [(self.db, False)] + ([(self._second, True)] if self._second is not None else [])
        if self._attached.pop(schema, False) is not False:
            for db, _ in connections:
                db.execute(f"DETACH DATABASE {schema}")
        done = []
        try:
            for db, read_only in connections:
                _attach(db, schema, path, read_only)
                done.append(db)
        except sqlite3.Error:
            for db in done:
                db.execute(f"DETACH DATABASE {schema}")
            raise
        self._attached[schema] = path

    def __enter__(self) -> Cache:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- the meta table -----------------------------------------------------------------

    def get(self, key: str, default=None):
        return _meta_value(self.db, key, default)

    def put(self, key: str, value) -> None:
        _put(self.db, key, value)

    # -- papers --------------------------------------------------------------------------

    def refresh(
        self,
        paths: list[str],
        keywords: Iterable[str] | None,
        progress: Callable[[int, int], None] | None = None,
    ) -> Refresh:
        """Bring the cache up to date with the files at ``paths`` (every metadata file of the
        library, relative to its root, with "/").

        ``keywords`` is the config's vocabulary, or None to use every valid keyword
        name the files mention.  A change of vocabulary re-parses every file.
        """
        with self.snapshot():  # as one write left them
            record, stored_vocabulary, generation = (self.get(key) for key in (STATS_KEY, "vocabulary", "generation"))
        changed = self._changed_by_record(paths, keywords, record, stored_vocabulary)
        if changed is not None and not changed:
            self._ids = None  # read when asked for: see row_ids
            return Refresh(stored_vocabulary, 0, 0, generation or 0)
        # The keyword names each file uses count only when the config does not list the keywords.
        used_column = "used" if keywords is None else "NULL"
        query = f"SELECT path, size, mtime_ns, hash, indexed_ns, {used_column}, id, paper IS NOT NULL FROM files"
        rows, ids = {}, {}
        if changed is not None:  # the record vouches for every other file: only these rows are read
            query += f" WHERE path IN {JSON_LIST}"
            found = self.db.execute(query, (json.dumps(sorted(changed)),))
        else:
            found = self.db.execute(query)
        for path, size, mtime_ns, digest, indexed_ns, used, row_id, is_paper in found:
            rows[path] = (size, mtime_ns, digest, indexed_ns, used)
            if is_paper:
                ids[path] = row_id
        considered = paths if changed is None else [path for path in paths if path in changed]
        vocabulary, readings = _read_changed(self.root, considered, rows, keywords, stored_vocabulary, progress)
        if changed is None:
            removed = rows.keys() - set(paths)
            recorded = {path: (row[0], row[1], row[3] - row[1] <= RACY_NS) for path, row in rows.items()}
        else:
            removed = set(record[0]) - set(paths)
            signatures = as_signatures(unpacked(record[1]))
            recorded = {path: (*signature, False) for path, signature in zip(record[0], signatures)}
            recorded.update((path, (row[0], row[1], row[3] - row[1] <= RACY_NS)) for path, row in rows.items())
        parsed = [r for r in readings.values() if r.outcome != SAME]
        generation = _new_generation() if parsed or removed else (generation or 0)
        # Written even when nothing changed if the record of the stats did not serve (see _changed_by_record).
        self._write(paths, recorded, readings, removed, vocabulary, generation)
        if self._writing is not None or changed is not None:
            ids = None  # given by a write gone to another process once done, else read when asked: row_ids
        else:
            for path in removed:
                ids.pop(path, None)
            if parsed:
                for reading in parsed:
                    ids.pop(reading.path, None)
                query = f"SELECT path, id FROM files WHERE paper IS NOT NULL AND path IN {JSON_LIST}"
                ids.update(self.db.execute(query, (json.dumps([r.path for r in parsed]),)))
        self._ids = ids
        if len(parsed) == len(paths):
            self._all_read = [readings[path] for path in paths]
        return Refresh(vocabulary, len(parsed), len(removed), generation)

    def _changed_by_record(self, paths: list[str], keywords, record, vocabulary) -> set[str] | None:
        """The paths added, removed or changed since the last refresh, by the record of every file's
        stat (`_stats_record`): a stat of each file, not a row read; a file modified too close to
        its reading for its stat to vouch for it (racy) counts as changed.  None when the record
        cannot say (none, or a vocabulary to work out from the files or that changed)."""
        if record is None or keywords is None or tuple(keywords) != vocabulary:
            return None
        held, signatures, racy = record
        try:
            signatures = unpacked(signatures)
        except (TypeError, ValueError):  # not a whole number of signatures: the record cannot say
            return None
        if len(signatures) != 2 * len(held):
            return None
        if held == paths:
            return {paths[index] for index in differing(self.root, paths, signatures)}.union(racy)
        recorded = dict(zip(held, as_signatures(signatures)))
        kept = [path for path in paths if path in recorded]
        changed = {kept[index] for index in differing(self.root, kept, [recorded[path] for path in kept])}
        return changed | set(paths).symmetric_difference(held) | set(racy)

    def _write(self, paths: list[str], recorded: dict, readings: dict, removed: set, vocabulary, generation) -> None:
        now = time.time_ns()
        stats = _stats_record(paths, recorded, readings, now)

        def write(db: sqlite3.Connection) -> None:
            # The rows are made here: in a forked process, when there are many (0.4 s at 100k).
            new_rows, touched = [], []
            for reading in readings.values():
                if reading.outcome == SAME:
                    touched.append((reading.size, reading.mtime_ns, now, reading.path))
                    continue
                paper = marshal.dumps(reading.value) if reading.outcome == PAPER else None
                error = marshal.dumps(reading.value) if reading.outcome == ERROR else None
                used = marshal.dumps((reading.used, reading.repeated))
                checksum = _row_checksum(reading.path, used, paper, error)
                new_rows.append(
                    (reading.path, reading.size, reading.mtime_ns, reading.digest, now, used, paper, error, checksum)
                )
            with large_page_cache(db), _transaction(db):
                db.executemany("DELETE FROM files WHERE path = ?", [(p,) for p in removed])
                db.executemany(
                    "INSERT OR REPLACE INTO files"
                    " (path, size, mtime_ns, hash, indexed_ns, used, paper, error, checksum)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    new_rows,
                )
                db.executemany("UPDATE files SET size = ?, mtime_ns = ?, indexed_ns = ? WHERE path = ?", touched)
                _put(db, "vocabulary", vocabulary)
                _put(db, "generation", generation)
                _put(db, STATS_KEY, stats)

        parsed = sum(1 for reading in readings.values() if reading.outcome != SAME)
        if parsed >= BACKGROUND_FROM and self.path is not None and can_fork():
            self._db.close()  # a connection must not cross a fork: reopened once the write is done
            self._writing = ForkedCall(_write_on_a_connection_of_its_own, self.path, write)
        else:
            write(self.db)

    def transaction(self):
        return _transaction(self.db)

    @contextlib.contextmanager
    def snapshot(self):
        """Read in one transaction: every statement sees the same state, whatever others write."""
        self.db.execute("BEGIN")
        try:
            yield
        finally:
            self.db.execute("COMMIT")

    def papers(self) -> Read:
        """Every indexed paper and every file's error, in path order, and the fields files repeat."""
        if self._all_read is not None:
            return papers_of(self._all_read)
        read = Read([], [], {})
        for row in self.db.execute(f"SELECT {', '.join(PAPER_COLUMNS)} FROM files ORDER BY path"):
            values = _verified(*row)
            if row[2] is not None:
                read.papers.append(from_tuple(values))
                repeated = _loads(row[1])[1]
                if repeated:
                    read.repeated[row[0]] = repeated
            else:
                read.errors.append(error_from_tuple(values))
        return read

    def paper(self, path: str) -> Paper | None:
        """The paper indexed for the file at ``path``, or None."""
        row = self.db.execute(f"SELECT {', '.join(PAPER_COLUMNS)} FROM files WHERE path = ?", (path,)).fetchone()
        return paper_of_row(row) if row and row[2] is not None else None

    def has_errors(self) -> bool:
        return self.db.execute("SELECT 1 FROM files WHERE error IS NOT NULL LIMIT 1").fetchone() is not None

    def row_ids(self) -> dict[str, int]:
        """The id of each file's paper, by path: a file gets a new id whenever its paper changes."""
        db = self.db  # first: a write gone to another process gives them when it is done
        if self._ids is None:
            self._ids = _row_ids(db)
        return self._ids


class BackgroundQuery(threading.Thread):
    """A query run in a thread on the cache's second connection, while this one does other work.

    SQLite lets go of the GIL while it steps, so both cores work.  The other
    connection reads in its own transaction: its rows are used only if it saw
    the same ``version`` (a function of a connection) as this one (otherwise, and
    for a cache in memory, the query runs here).  The only thread papershelf
    starts: it lives inside its ``with`` block.
    """

    def __init__(self, cache: Cache, statement: tuple[str, list], version: Callable[[sqlite3.Connection], object]):
        super().__init__(daemon=True)
        self.cache, self.statement, self.version = cache, statement, version
        self.connection = cache.second_connection()
        self.result: tuple | None = None  # (the version seen, rows), or None if not run there

    def __enter__(self) -> BackgroundQuery:
        if self.connection is not None:
            self.start()
        return self

    def __exit__(self, *exc) -> None:
        if self.connection is not None:
            self.join()

    def run(self) -> None:
        db = self.connection
        try:
            db.execute("BEGIN")
            try:
                self.result = (self.version(db), db.execute(*self.statement).fetchall())
            finally:
                db.execute("COMMIT")
        except sqlite3.Error:
            pass  # the query runs again here, where an error is reported

    def rows(self) -> list:
        if self.result is not None and self.result[0] == self.version(self.cache.db):
            return self.result[1]
        return self.cache.db.execute(*self.statement).fetchall()


class Uncached:
    """`Cache`'s reading without the database: every file is read, nothing is kept."""

    def __init__(self, root: Path):
        self.root = root
        self._read = Read([], [], {})

    def refresh(self, paths: list[str], keywords, progress=None) -> Refresh:
        vocabulary, readings = _read_changed(self.root, paths, {}, keywords, None, progress)
        self._read = papers_of(readings[path] for path in paths)
        return Refresh(vocabulary, len(readings))

    def papers(self) -> Read:
        return self._read


def papers_of(readings: Iterable[FileReading]) -> Read:
    """The papers and the errors of parsed files, in the order given, and the fields they repeat."""
    read = Read([], [], {})
    for reading in readings:
        if reading.outcome == PAPER:
            read.papers.append(from_tuple(reading.value))
            if reading.repeated:
                read.repeated[reading.path] = reading.repeated
        else:
            read.errors.append(error_from_tuple(reading.value))
    return read


def _stats_record(paths: list[str], recorded: dict, readings: dict, now: int) -> tuple:
    """(paths, their (size, mtime_ns) `packed`, the paths whose row a stat cannot vouch for): what the
    files table holds of them after a refresh, in one value that loads in milliseconds where the
    table's rows take a third of a second at 100,000 files.  Written in the transaction that
    writes the table, so the two always agree.  ``recorded``: (size, mtime_ns, racy) of each
    path not read now, as the table holds it."""
    signatures, racy = [], []
    for path in paths:
        reading = readings.get(path)
        if reading is not None:
            signature, is_racy = (reading.size, reading.mtime_ns), now - reading.mtime_ns <= RACY_NS
        else:
            size, mtime_ns, is_racy = recorded[path]
            signature = (size, mtime_ns)
        signatures.append(signature)
        if is_racy:
            racy.append(path)
    return (paths, packed(signatures), racy)


def _untrusted(root: Path, paths: list[str], rows: dict) -> set[str]:
    """The paths whose row does not vouch for the file: none, a size or mtime that differs, or
    a file modified within `RACY_NS` of being indexed (another change in that tick would not show)."""
    held = [path for path in paths if (row := rows.get(path)) is not None and row[3] - row[1] > RACY_NS]
    recorded = [(rows[path][0], rows[path][1]) for path in held]
    untrusted = set(paths).difference(held)
    untrusted.update(held[index] for index in differing(root, held, recorded))
    return untrusted


def _read_changed(
    root: Path, paths: list[str], rows: dict, keywords, stored_vocabulary, progress
) -> tuple[tuple[str, ...], dict[str, FileReading]]:
    """The vocabulary, and the reading of each file the rows do not vouch for.

    Files are parsed with the vocabulary expected (the config's, else the one
    stored); when the vocabulary turns out to be another, every file is parsed
    again with it.
    """
    expected = tuple(keywords) if keywords is not None else stored_vocabulary
    untrusted = _untrusted(root, paths, rows)
    jobs = [(path, row[2] if (row := rows.get(path)) else None) for path in paths if path in untrusted]
    readings = {r.path: r for r in read_files(root, jobs, expected, progress)}
    if keywords is not None:
        vocabulary = tuple(keywords)
    else:
        used: set[str] = set()
        for path in paths:
            reading = readings.get(path)
            used.update(_loads(rows[path][4])[0] if reading is None or reading.outcome == SAME else reading.used)
        # A name that cannot be a keyword stays out, and the file using it gets a located error.
        vocabulary = tuple(sorted(name for name in used if is_keyword_name(name)))
    if vocabulary != expected or (rows and vocabulary != stored_vocabulary):
        jobs = [(path, None) for path in paths]
        readings = {r.path: r for r in read_files(root, jobs, vocabulary, progress)}
    return vocabulary, readings


def _write_on_a_connection_of_its_own(path: Path, write: Callable[[sqlite3.Connection], None]) -> dict[str, int]:
    """``write`` done, and then `Cache.row_ids` as it left them: read here, in the background, they
    are not read by the build that waits for them (a tenth of a second at 100,000 papers)."""
    db = _connect_current(path)
    try:
        write(db)
        return _row_ids(db)
    finally:
        db.close()


def _row_ids(db: sqlite3.Connection) -> dict[str, int]:
    return dict(db.execute("SELECT path, id FROM files WHERE paper IS NOT NULL"))


def _meta_value(db: sqlite3.Connection, key: str, default=None):
    """A value of the meta table, read on any connection to the cache (see `Cache.get`)."""
    row = db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    if row is None:
        return default
    data, checksum = row[0][:-CHECKSUM_BYTES], row[0][-CHECKSUM_BYTES:]
    if _checksum(key.encode("utf-8"), data) != checksum:
        raise CacheDamaged(f"the value of {key!r} does not match its checksum")
    return _loads(data)


def _put(db: sqlite3.Connection, key: str, value) -> None:
    data = marshal.dumps(value)
    db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, data + _checksum(key.encode("utf-8"), data)))


def paper_of_row(row: tuple) -> Paper:
    """The paper of a row of `PAPER_COLUMNS`, verified against its checksum."""
    return from_tuple(_verified(*row))


def _verified(path: str, used: bytes, paper: bytes | None, error: bytes | None, checksum: bytes) -> tuple:
    """The decoded fields of a paper or error row, once its checksum says it is as written."""
    if _row_checksum(path, used, paper, error) != checksum:
        raise CacheDamaged(f"the row of {path} does not match its checksum")
    return _loads(paper if paper is not None else error)


def _row_checksum(path: str, used: bytes, paper: bytes | None, error: bytes | None) -> bytes:
    return _checksum(path.encode("utf-8"), used, paper or b"", b"E" if error is not None else b"P", error or b"")


def _checksum(*parts: bytes) -> bytes:
    digest = hashlib.blake2b(digest_size=CHECKSUM_BYTES)
    for part in parts:
        digest.update(len(part).to_bytes(4, "little"))
        digest.update(part)
    return digest.digest()


def _loads(data):
    """marshal.loads, a value that does not decode being damage."""
    try:
        return marshal.loads(data)
    except (EOFError, ValueError, TypeError) as exc:
        raise CacheDamaged(f"a value does not decode ({exc})") from None


def _new_generation() -> int:
    """A value no other write of this cache has had: two processes that write at once from the same
    state must not leave one generation for two contents (what the search tables follow)."""
    return int.from_bytes(os.urandom(7), "little")


@contextlib.contextmanager
def _transaction(db: sqlite3.Connection):
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


@contextlib.contextmanager
def large_page_cache(db: sqlite3.Connection):
    """SQLite's page cache raised to `LARGE_CACHE_KIB` for the block: a transaction that writes
    100 MB (a first fill at 100,000 papers) otherwise spills its pages to the log on the way,
    which made the names' lists 1-2 s to write instead of 0.8."""
    (before,) = db.execute("PRAGMA cache_size").fetchone()
    db.execute(f"PRAGMA cache_size = {-LARGE_CACHE_KIB}")
    try:
        yield
    finally:
        db.execute(f"PRAGMA cache_size = {int(before)}")


def _attach(db: sqlite3.Connection, schema: str, path: Path | None, read_only: bool = False) -> None:
    """Attach ``path`` (an existing file, never created here) or a new database in memory."""
    where = ":memory:" if path is None else f"{path.absolute().as_uri()}?mode={'ro' if read_only else 'rw'}"
    db.execute(f"ATTACH DATABASE ? AS {schema}", (where,))


def _connect(path: Path) -> sqlite3.Connection:
    """A connection to a cache of this version, rebuilding one that is old or not a database."""
    try:
        return _connect_current(path)
    except sqlite3.DatabaseError as exc:
        if not is_damage(exc):
            raise
        warn("the cache in %s was damaged (%s); rebuilding it from the files", path.parent, exc)
    delete_cache(path.parent.parent)
    return _connect_current(path)


def _connect_current(path: Path) -> sqlite3.Connection:
    # As a URI, so that what it attaches can be opened without being created (`_attach`).
    db = sqlite3.connect(path.absolute().as_uri(), uri=True, timeout=BUSY_TIMEOUT_S, isolation_level=None)
    try:
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = NORMAL")
        if _version(db) != SCHEMA_VERSION:
            _recreate(db)
    except BaseException:
        db.close()
        raise
    return db


_DAMAGE_MESSAGE = re.compile(r"no such (?:table|column)|has no column|malformed|not a database|unsupported file format")


def is_damage(exc: BaseException) -> bool:
    """Whether ``exc`` says the cache is damaged (a file that is no database, a missing table, a row
    that does not verify), not merely busy or out of space."""
    if isinstance(exc, CacheDamaged):
        return True
    if isinstance(exc, UnicodeDecodeError):  # SQLite's message quoting a damaged schema's bytes
        return isinstance(exc.object, bytes) and exc.object.startswith(b"malformed database")
    if not isinstance(exc, sqlite3.DatabaseError):
        return False
    if getattr(exc, "sqlite_errorname", "") in ("SQLITE_NOTADB", "SQLITE_CORRUPT"):
        return True
    return bool(_DAMAGE_MESSAGE.search(str(exc)))


def delete_cache(root: Path) -> None:
    """Delete the cache of the library at ``root``, the page states of its builds included (the next
    command rebuilds it)."""
    folder = root / CACHE_DIR
    path = folder / DB_FILE
    for suffix in ("", "-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            os.remove(f"{path}{suffix}")
    for derived in (*folder.glob("pages-*.marshal"), *folder.glob(ATTACHED_FILES)):
        derived.unlink(missing_ok=True)


def _version(db: sqlite3.Connection) -> str | None:
    has_meta = db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'").fetchone()
    if not has_meta:
        return None
    try:
        return _meta_value(db, "schema")
    except CacheDamaged:
        return None  # not this version's: recreated


def _recreate(db: sqlite3.Connection) -> None:
    """Empty the database and create this version's tables, in one transaction."""
    db.execute("BEGIN IMMEDIATE")
    try:
        if _version(db) != SCHEMA_VERSION:  # another process may have done it meanwhile
            # Virtual tables (full-text search) first: dropping one drops its shadow tables.
            tables = db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                " ORDER BY sql NOT LIKE 'CREATE VIRTUAL%'"
            ).fetchall()
            for (name,) in tables:
                db.execute(f'DROP TABLE IF EXISTS "{name}"')
            for statement in _TABLES.split(";"):
                if statement.strip():
                    db.execute(statement)
            _put(db, "schema", SCHEMA_VERSION)
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")
