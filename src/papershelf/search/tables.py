"""The search tables, kept in step with the cache's papers.

``search_text`` is an FTS5 table over the text a user searches (title,
abbreviation, authors, institutions, venue, keywords, note text);
``search_facts`` holds what filters, sorts and facets read; ``search_names``
holds, for each author, institution and keyword by its folded key, the search
keys of its papers (a JSON list: one row a name, not one a paper's name, which
at 100,000 papers was 1.1 million rows and a third of a first sync), for the
filters.
Rows are keyed by a search key that follows the order of the files' paths
(`_keys_for`), each row naming the paper's row in ``files`` (``file_id``, which
never comes back once a file changes: AUTOINCREMENT).  Bringing the tables up
to date is a matter of file ids: drop the ones gone, add the new.  A file
edited keeps its path's key, and a new path gets a key between its
neighbours', so that matches of equal score rank in path order (row id order,
for FTS5) whatever the cache went through, as in one built anew.  Notes are
not metadata files: their size and mtime are kept (`NOTES_KEY`), and a note
that changed is indexed again.

``search_text`` lives in a database file of its own beside the cache's
(`TEXT_FILE_KEY` names it; attached as `TEXT_SCHEMA`), so that a first sync
writes it in a second process while this one writes the facts and names into
the cache: only one connection can write to a database, and each is about
half the work.  That file is written anew, without a journal, by every sync
that fills the tables from nothing, under a name no other has had; the cache
names it only once it is whole, in the transaction that writes the rest.
Later syncs write both in one transaction.  Each file holds the
tables' version (`VERSION_KEY`, `_text_is_current`): read together (`reading`),
they must agree, and a text that belongs to another state of the cache is
never used (a sync makes it anew; a reader that still finds them apart after
a writer had time to finish takes it for damage, and the cache is rebuilt).

Only ``search`` and ``list`` build these tables; ``build`` never pays for them.
"""

from __future__ import annotations

import bisect
import json
import os
import re
import sqlite3
import time
from array import array
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple

from papershelf.cache.loader import LibraryReader
from papershelf.cache.store import (
    ATTACHED_FILES,
    JSON_LIST,
    PAPER_COLUMNS,
    Cache,
    CacheDamaged,
    large_page_cache,
    paper_of_row,
)
from papershelf.core.model import Paper
from papershelf.core.names import name_key
from papershelf.core.speed import ForkedCall, can_fork, gc_paused
from papershelf.library.config import Config
from papershelf.library.file_stats import as_signatures, differing, packed, read_small, unpacked
from papershelf.library.links import LinkResolver
from papershelf.search.facets import SEPARATOR, UNIT, FacetColumns
from papershelf.search.ranking import TEXT_COLUMNS

# In the meta table: bumped by every change to the search tables, so that what is worked out
# from them (facets.FacetColumns, a ranking read on another connection) knows if it is current.
VERSION_KEY = "search_version"
# In the meta table: (search version, search keys, their note paths, their signatures `packed`).
NOTES_KEY = "search_notes"
# In the meta table: the name of search_text's database, in the cache's folder.
TEXT_FILE_KEY = "search_text_file"
TEXT_SCHEMA = "search_words"  # what search_text's database is attached as
NOTE_SUFFIXES = (".md", ".markdown", ".txt")
MAX_NOTE_BYTES = 256 * 1024
PARALLEL_FROM = 2000  # papers indexed anew from which search_text is written by a second process
# How long a reader waits for a writer to finish the other database before calling them apart damage.
AGREE_WITHIN_S = 2.0

_TABLES = """
CREATE TABLE IF NOT EXISTS search_facts (
    id INTEGER PRIMARY KEY,
    year INTEGER,
    venue TEXT,
    venue_key TEXT,
    has_code INTEGER NOT NULL,
    title_key TEXT NOT NULL,
    updated INTEGER,
    keywords TEXT,           -- for facets: the names, one spelling per key, joined by facets.SEPARATOR
    institutions TEXT,       -- for facets: "key UNIT name" (see facets.Facet), one per key, joined likewise
    path TEXT NOT NULL UNIQUE,  -- the metadata file: the search keys (id) follow its order
    file_id INTEGER NOT NULL UNIQUE,  -- the paper's row in files
    author_keys TEXT NOT NULL  -- its authors' keys in search_names, joined by facets.SEPARATOR (see _names_of)
);
CREATE TABLE IF NOT EXISTS search_names (
    kind TEXT NOT NULL,      -- author, institution or keyword
    key TEXT NOT NULL,       -- names.name_key of the name (a keyword's name in lower case)
    ids TEXT NOT NULL,       -- the search keys of its papers, a JSON list in increasing order
    PRIMARY KEY (kind, key)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS search_facts_by_year ON search_facts (year);
CREATE INDEX IF NOT EXISTS search_facts_by_venue ON search_facts (venue_key);
"""
_INDEXES = ("search_facts_by_year", "search_facts_by_venue")


def _text_tables(schema: str) -> list[str]:
    """The statements that make search_text's database (in ``schema``)."""
    return [
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {schema}.search_text USING fts5("
        f"{', '.join(TEXT_COLUMNS)}, tokenize = 'unicode61 remove_diacritics 2')",
        f"CREATE TABLE IF NOT EXISTS {schema}.text_meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL)",
    ]


@contextmanager
def open_for_search(library_dir) -> Iterator[tuple[Cache, Config]]:
    """The library's cache, refreshed and with up-to-date search tables, and its config.

    A library that cannot hold a cache (a read-only folder) is indexed in memory.
    """
    with LibraryReader(library_dir, database=True) as reader:
        reader.refresh()
        sync(reader.cache)
        yield reader.cache, reader.config


@contextmanager
def reading(cache: Cache) -> Iterator[None]:
    """Read the search tables in one transaction (`Cache.snapshot`), search_text's database
    attached and of the same version as the rest (see the module's docstring)."""
    waited = 0.0
    while True:
        name = cache.get(TEXT_FILE_KEY)
        attached = _attach_text(cache, name)
        with cache.snapshot():
            if attached and cache.get(TEXT_FILE_KEY) == name and _text_is_current(cache):
                yield
                return
        if waited >= AGREE_WITHIN_S:
            raise CacheDamaged("the search tables' text is not of the cache's state")
        time.sleep(0.01)
        waited += 0.01


def search_version(db: sqlite3.Connection) -> tuple:
    """What says which state of the search tables a connection sees (for `store.BackgroundQuery`)."""
    query = f"SELECT (SELECT value FROM meta WHERE key = ?), (SELECT value FROM {TEXT_SCHEMA}.text_meta)"
    return db.execute(query, (VERSION_KEY,)).fetchone()


def sync(cache: Cache) -> int:
    """Bring the search tables in step with the indexed papers; the number of papers (re)indexed."""
    db = cache.db
    if db.execute("SELECT 1 FROM sqlite_master WHERE name = 'search_facts'").fetchone() is None:
        with cache.transaction():
            for statement in _TABLES.split(";"):
                if statement.strip():
                    db.execute(statement)
    version = cache.get(VERSION_KEY, 0)
    record = _notes_record(cache, version)
    changed_notes = _changed_notes(cache, record) if record is not None else []
    if (
        record is not None
        and cache.get("search_generation") == cache.get("generation", 0)
        and not changed_notes
        and _attach_text(cache, cache.get(TEXT_FILE_KEY))
        and _text_is_current(cache)
    ):
        return 0
    with _writing(cache) as (old_name, agrees):
        if cache.get(VERSION_KEY, 0) != version:  # another process synced meanwhile
            version = cache.get(VERSION_KEY, 0)
            record = _notes_record(cache, version)
        new, keys, text_name = None, None, old_name
        if record is not None and agrees:
            notes = _notes_of(record)
            gone = db.execute(
                "SELECT id, path FROM search_facts WHERE file_id NOT IN (SELECT id FROM files WHERE paper IS NOT NULL)"
                f" OR id IN {JSON_LIST}",
                (json.dumps(changed_notes),),
            ).fetchall()
            _delete(db, [key for key, _ in gone])
            for key, _ in gone:
                notes.pop(key, None)
            new = _paper_rows(db, not_indexed=True)
            keys = _keys_for(db, [row[1] for row in new], {path: key for key, path in gone})
        version += 1
        with gc_paused(), large_page_cache(db):  # a first sync makes millions of rows and tuples, no cycles
            if keys is None:  # from nothing (or no room left between two keys): every row, keys spaced anew
                db.execute("DELETE FROM search_facts")
                db.execute("DELETE FROM search_names")
                new = _paper_rows(db, not_indexed=False)
                keys = _keys_for(db, [row[1] for row in new], {})
                notes, text_name = _fill_anew(cache, new, keys, version)
            else:
                notes.update(_fill(db, new, keys, LinkResolver(cache.root), first_fill=False))
                db.execute(f"UPDATE {TEXT_SCHEMA}.text_meta SET value = ?", (version,))
        cache.put(TEXT_FILE_KEY, text_name)
        cache.put("search_generation", cache.get("generation", 0))
        cache.put(VERSION_KEY, version)
        cache.put(NOTES_KEY, _notes_record_of(version, notes))
    if text_name != old_name:
        _attach_text(cache, text_name)
        if old_name is not None:
            _remove_text_file(cache, old_name)
    return len(new)


@contextmanager
def _writing(cache: Cache) -> Iterator[tuple[str | None, bool]]:
    """A write transaction (`Cache.transaction`) with search_text's database of the cache's state
    attached: (its name, whether it is there and of the tables' version)."""
    while True:
        name = cache.get(TEXT_FILE_KEY)
        attached = _attach_text(cache, name)
        with cache.transaction():
            if cache.get(TEXT_FILE_KEY) == name:  # else another sync replaced it meanwhile: again
                yield name, attached and _text_is_current(cache)
                return


TEXT_FILE_NAME = re.compile(r"search-text-[0-9a-f]{16}\.sqlite3")


def _attach_text(cache: Cache, name: str | None) -> bool:
    """Attach search_text's database ``name`` (for a cache in memory, one in memory, made the
    first time); whether it is attached.  A name not of papershelf's making is never opened."""
    if cache.path is None:
        cache.attach(TEXT_SCHEMA, None)
        for statement in _text_tables(TEXT_SCHEMA):
            cache.db.execute(statement)
        return True
    if name is None or not TEXT_FILE_NAME.fullmatch(name):
        return False
    try:
        cache.attach(TEXT_SCHEMA, cache.path.parent / name)
    except sqlite3.OperationalError:  # not there: removed by the sync that replaced it
        return False
    return True


def _text_is_current(cache: Cache) -> bool:
    """Whether the attached search_text's database was written for the search tables' version;
    not when it does not say (it was damaged: the text is made anew)."""
    try:
        row = cache.db.execute(f"SELECT value FROM {TEXT_SCHEMA}.text_meta").fetchone()
    except sqlite3.DatabaseError:
        return False
    return row is not None and row[0] == cache.get(VERSION_KEY, 0)


def _remove_text_file(cache: Cache, name: str) -> None:
    """Remove search_text's database ``name``, with its log."""
    for path in _text_files(cache):
        if path.name.startswith(name):  # the file, "-wal" and "-shm"
            path.unlink(missing_ok=True)


def _remove_unnamed_text_files(cache: Cache, named: str | None) -> None:
    """Remove every search_text's database but the one the cache names: those left by syncs that
    never finished.  Only while holding the cache's write lock, when no other sync makes one."""
    for path in _text_files(cache):
        if named is None or not path.name.startswith(named):
            path.unlink(missing_ok=True)


def _text_files(cache: Cache) -> list:
    return list(cache.path.parent.glob(ATTACHED_FILES)) if cache.path is not None else []


def _paper_rows(db, not_indexed: bool) -> list[tuple]:
    """(file id, *`PAPER_COLUMNS`) of every paper in path order; only those not in the search
    tables yet when ``not_indexed``."""
    query = f"SELECT id, {', '.join(PAPER_COLUMNS)} FROM files WHERE paper IS NOT NULL"
    if not_indexed:
        query += " AND id NOT IN (SELECT file_id FROM search_facts)"
    return db.execute(query + " ORDER BY path").fetchall()


def facet_columns(cache: Cache) -> FacetColumns:
    """The cache's facet columns, loaded again only when the search tables changed since."""
    version = cache.get(VERSION_KEY)
    held = cache.memo.get("facet_columns")
    if held is None or held.version != version:
        with gc_paused():  # 100,000 papers' codes, kept: out of the collector's way (see core.speed)
            held = cache.memo["facet_columns"] = FacetColumns(cache.db, version)
    return held


class NotesRecord(NamedTuple):
    """The watched notes as the last sync recorded them: the search keys of their papers, their
    paths and their signatures (`file_stats.unpacked`).  Kept as three lists, which load in a
    tenth of the time of 71,000 tuples (0.15 s at 100,000 papers): every search reads them."""

    keys: list[int]
    paths: list[str]
    signatures: array


def _notes_record(cache: Cache, version: int) -> NotesRecord | None:
    """The record of `NOTES_KEY`, if of this version of the tables; None when there is none of
    this version or it does not hold together (the tables are filled anew)."""
    record = cache.get(NOTES_KEY)
    if not isinstance(record, tuple) or len(record) != 4 or record[0] != version:
        return None
    _, keys, paths, signatures = record
    try:
        flat = unpacked(signatures)
    except (TypeError, ValueError):
        return None
    return NotesRecord(keys, paths, flat) if len(keys) == len(paths) and len(flat) == 2 * len(keys) else None


def _notes_record_of(version: int, notes: dict) -> tuple:
    """What `NOTES_KEY` holds for ``notes`` ({search key: (note path, signature)})."""
    return (version, list(notes), [note[0] for note in notes.values()], packed([note[1] for note in notes.values()]))


def _notes_of(record: NotesRecord) -> dict:
    """{search key: (note path, signature)} of the record's notes."""
    return dict(zip(record.keys, zip(record.paths, as_signatures(record.signatures))))


def _changed_notes(cache: Cache, record: NotesRecord) -> list[int]:
    """The search keys of the rows whose note changed since they were indexed."""
    return [record.keys[index] for index in differing(cache.root, record.paths, record.signatures)]


# The search keys of each name's papers, in increasing order, by kind (author, institution or
# keyword) and key: what search_names holds.
Names = dict[str, dict[str, list[int]]]

KEY_SPACING = 2**24  # between the keys of neighbouring paths, at first: room for 24 papers between two
MAX_KEY = 2**62


def _keys_for(db, paths: list[str], kept: dict[str, int]) -> list[int] | None:
    """A search key for each of ``paths`` (none in the tables now) that keeps the keys in path
    order: a path's key of before (``kept``) when it had one, else one between its neighbours'.
    None when two neighbours leave no room (then every key is made anew)."""
    if not db.execute("SELECT 1 FROM search_facts LIMIT 1").fetchone():
        if len(paths) * KEY_SPACING >= MAX_KEY:
            return None
        return [(n + 1) * KEY_SPACING for n in range(len(paths))]
    wanted = set(paths)
    given = sorted((path, key) for path, key in kept.items() if path in wanted)  # by path
    keys = []
    for path in paths:
        if path in kept:
            keys.append(kept[path])
            continue
        at = bisect.bisect_left(given, (path,))
        before = _nearer(given[at - 1] if at else None, _stored(db, path, "<", "DESC"), max)
        after = _nearer(given[at] if at < len(given) else None, _stored(db, path, ">", "ASC"), min)
        low = before[1] if before else 0
        high = after[1] if after else low + 2 * KEY_SPACING
        if high - low < 2 or high > MAX_KEY:
            return None
        key = (low + high) // 2
        bisect.insort(given, (path, key))
        keys.append(key)
    return keys


def _stored(db, path: str, side: str, order: str) -> tuple[str, int] | None:
    """(path, key) of the nearest row on one ``side`` of ``path`` in the tables."""
    row = db.execute(f"SELECT path, id FROM search_facts WHERE path {side} ? ORDER BY path {order} LIMIT 1", (path,))
    return row.fetchone()


def _nearer(a, b, pick):
    """The nearer of two (path, key) neighbours (``pick``: max for those before, min for after)."""
    return pick((n for n in (a, b) if n is not None), default=None)


def _delete(db, ids: list[int]) -> None:
    """Take the papers of search keys ``ids`` out of every table."""
    if not ids:
        return
    taken: dict[tuple[str, str], set[int]] = {}
    query = f"SELECT id, author_keys, institutions, keywords FROM search_facts WHERE id IN {JSON_LIST}"
    for key, *columns in db.execute(query, (json.dumps(ids),)):
        for name in _names_of(*columns):
            taken.setdefault(name, set()).add(key)
    for (kind, folded), gone in taken.items():
        row = db.execute("SELECT ids FROM search_names WHERE kind = ? AND key = ?", (kind, folded)).fetchone()
        left = [key for key in json.loads(row[0]) if key not in gone] if row else []
        if left:
            db.execute("UPDATE search_names SET ids = ? WHERE kind = ? AND key = ?", (_json(left), kind, folded))
        else:
            db.execute("DELETE FROM search_names WHERE kind = ? AND key = ?", (kind, folded))
    keyed = [(i,) for i in ids]
    db.executemany("DELETE FROM search_text WHERE rowid = ?", keyed)
    db.executemany("DELETE FROM search_facts WHERE id = ?", keyed)


def _names_of(author_keys: str, institutions: str | None, keywords: str | None) -> list[tuple[str, str]]:
    """The (kind, key) of each name a facts row put in search_names: its authors' keys as kept,
    those of its institutions as their facet column holds them ("key UNIT name"), and its
    keywords' names in lower case, as `_fact_rows` made them."""
    names = [("author", key) for key in author_keys.split(SEPARATOR)[1:]]  # each key after a SEPARATOR
    names += [("institution", cell.split(UNIT, 1)[0]) for cell in _cells(institutions)]
    names += [("keyword", name.casefold()) for name in _cells(keywords)]
    return names


def _cells(column: str | None) -> list[str]:
    return column.split(SEPARATOR) if column else []


def _fill_anew(cache: Cache, new: list[tuple], keys: list[int], version: int) -> tuple[dict, str | None]:
    """Fill the emptied tables with the papers of the file rows ``new`` (of `_paper_rows`) under
    ``keys``; their watched notes, and the name of search_text's new database (None in memory).

    search_text goes to a database made anew (`_write_text_file`), for many papers by a forked
    process while this one writes the facts and names (about half the work each).  The papers
    are decoded once, before the fork: the forked process has them as this one does.  The SQL
    indexes are dropped first (see `_insert_facts_anew`)."""
    db = cache.db
    for index in _INDEXES:
        db.execute(f"DROP INDEX IF EXISTS {index}")
    links = LinkResolver(cache.root)
    name = None
    if cache.path is None:
        db.execute(f"DELETE FROM {TEXT_SCHEMA}.search_text")
        db.execute(f"DELETE FROM {TEXT_SCHEMA}.text_meta")
        db.execute(f"INSERT INTO {TEXT_SCHEMA}.text_meta VALUES ('version', ?)", (version,))
        watched = _fill(db, new, keys, links, first_fill=True)
        _create_indexes(db)
    else:
        _remove_unnamed_text_files(cache, cache.get(TEXT_FILE_KEY))
        name = f"search-text-{os.urandom(8).hex()}.sqlite3"
        path = cache.path.parent / name
        try:
            papers = [paper_of_row(row[1:]) for row in new]
            if len(new) >= PARALLEL_FROM and can_fork():
                with ForkedCall(_write_text_file, path, papers, keys, links, version) as writing:
                    _insert_facts_anew(db, new, papers, keys)
                    watched = writing.result()
            else:
                watched = _write_text_file(path, papers, keys, links, version)
                _insert_facts_anew(db, new, papers, keys)
        except BaseException:
            _remove_text_file(cache, name)
            raise
    return watched, name


def _insert_facts_anew(db, new: list[tuple], papers: list[Paper], keys: list[int]) -> None:
    """`_insert_facts` into emptied tables, the SQL indexes made after the rows (several times
    faster than keeping them up to date row by row)."""
    _insert_facts(db, new, papers, keys, first_fill=True)
    _create_indexes(db)


def _create_indexes(db) -> None:
    for statement in _TABLES.split(";"):
        if "CREATE INDEX" in statement:
            db.execute(statement)


def _write_text_file(path: Path, papers: list[Paper], keys: list[int], links: LinkResolver, version: int) -> dict:
    """Make search_text's database at ``path``, a new file, with the rows of ``papers`` under
    ``keys``; their watched notes.

    Without a journal: nothing reads the file before the cache names it, and one that a failure
    leaves half-made is never named (the next sync that fills anew removes it).  On disk before
    the cache can name it."""
    texts, watched = _text_rows(papers, keys, links)
    db = sqlite3.connect(path, isolation_level=None)
    try:
        db.execute("PRAGMA journal_mode = OFF")
        db.execute("PRAGMA synchronous = OFF")
        for statement in _text_tables("main"):
            db.execute(statement)
        with large_page_cache(db):
            db.execute("BEGIN")
            _insert_texts(db, texts)
            db.execute("INSERT INTO text_meta VALUES ('version', ?)", (version,))
            db.execute("COMMIT")
        db.execute("PRAGMA journal_mode = WAL")  # for the syncs that change it later
    finally:
        db.close()
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
    return watched


def _fill(db, new: list[tuple], keys: list[int], links: LinkResolver, first_fill: bool) -> dict:
    """Make and insert, on this connection, the rows of the papers of the file rows ``new`` under
    ``keys``, and put their keys in their names' lists; their watched notes."""
    papers = [paper_of_row(row[1:]) for row in new]
    texts, watched = _text_rows(papers, keys, links)
    _insert_texts(db, texts)
    _insert_facts(db, new, papers, keys, first_fill)
    return watched


def _json(ids: list[int]) -> str:
    """A JSON list of search keys (integers), made by hand: half the time of json.dumps."""
    return "[" + ",".join(map(str, ids)) + "]"


def _as_json(names: Names) -> dict[tuple[str, str], str]:
    """The names' lists as JSON, by (kind, key), as search_names holds them."""
    return {(kind, name): _json(ids) for kind, lists in names.items() for name, ids in lists.items()}


def _text_rows(papers: list[Paper], keys: list[int], links: LinkResolver) -> tuple[list, dict]:
    """The rows of search_text for ``papers`` under the search ``keys``, and their watched notes
    ({key: (note path, signature)})."""
    texts, watched = [], {}
    for paper, key in zip(papers, keys):
        note_path, note_text, signature = _note(paper, links)
        texts.append(
            (
                key,
                paper.title or "",
                paper.abbr or "",
                ", ".join(paper.author_names()),
                "; ".join(paper.institution_names()),
                paper.venue or "",
                " ".join(paper.keywords),
                note_text,
            )
        )
        if note_path:
            watched[key] = (note_path, signature)
    return texts, watched


def _fact_rows(new: list[tuple], papers: list[Paper], keys: list[int]) -> tuple[list, Names]:
    """The rows of search_facts for ``papers`` (of the file rows ``new``) under the search ``keys``
    (in increasing order), and their names' lists (`Names`)."""
    facts = []
    names: Names = {"author": {}, "institution": {}, "keyword": {}}
    by_author, by_institution, by_keyword = names.values()
    for row, paper, key in zip(new, papers, keys):
        author_keys = [name_key(n) for n in paper.author_names()]
        keyed_institutions = [(name_key(n), n) for n in paper.institution_names()]
        keyed_keywords = _one_per_key([(k.casefold(), k) for k in paper.keywords])
        facts.append(
            (
                key,
                paper.year or None,
                paper.venue or None,
                name_key(paper.venue) if paper.venue else None,
                int(bool(paper.code_url)),
                (paper.title or paper.id).casefold(),
                paper.update_time,
                SEPARATOR.join(name for _, name in keyed_keywords) or None,
                SEPARATOR.join(f"{k}{UNIT}{name}" for k, name in _one_per_key(keyed_institutions)) or None,
                paper.source,
                row[0],
                "".join([SEPARATOR + k for k in author_keys]),
            )
        )
        _add(by_author, author_keys, key)
        _add(by_institution, [k for k, _ in keyed_institutions], key)
        _add(by_keyword, [k for k, _ in keyed_keywords], key)
    return facts, names


def _add(lists: dict[str, list[int]], names: list[str], key: int) -> None:
    """Add the paper of search key ``key`` (after those in ``lists`` already) to its names' lists."""
    for name in names:
        held = lists.get(name)
        if held is None:
            lists[name] = [key]
        elif held[-1] != key:  # a name given twice in one paper counts it once
            held.append(key)


def _insert_texts(db, texts: list) -> None:
    db.executemany(f"INSERT INTO search_text (rowid, {', '.join(TEXT_COLUMNS)}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", texts)


def _insert_facts(db, new: list[tuple], papers: list[Paper], keys: list[int], first_fill: bool) -> None:
    """Insert the facts rows of ``papers`` (of the file rows ``new``) and add them to their names' lists."""
    facts, names = _fact_rows(new, papers, keys)
    db.executemany("INSERT INTO search_facts VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", facts)
    _insert_names(db, _as_json(names), first_fill)


def _insert_names(db, names: dict, first_fill: bool) -> None:
    """Add the keys of ``names`` ({(kind, key): JSON list of search keys}) to search_names' lists."""
    if not first_fill:
        for name, text in names.items():
            row = db.execute("SELECT ids FROM search_names WHERE kind = ? AND key = ?", name).fetchone()
            if row is not None:
                names[name] = _json(sorted(set(json.loads(row[0])).union(json.loads(text))))
    # In key order: appended to the table's tree, not put between its rows (half the time, at 100,000 papers).
    rows = [(*name, names[name]) for name in sorted(names)]
    db.executemany("INSERT OR REPLACE INTO search_names VALUES (?, ?, ?)", rows)


def _one_per_key(keyed: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The (key, name) pairs, the first spelling of each key only (a facet counts a paper once)."""
    first: dict[str, str] = {}
    for key, name in keyed:
        first.setdefault(key, name)
    return list(first.items())


def _note(paper: Paper, links: LinkResolver) -> tuple[str | None, str, tuple | None]:
    """The note's path, text and signature, when the paper's note is a text file in the library."""
    if not paper.note_url:
        return None, "", None
    found = links.resolve(paper, paper.note_url)
    if found is None:
        # Not written yet: watch where papershelf puts a note, to cache it once it is there.
        relative = links.folders(paper)[-1] + paper.note_url
        watch = relative.lower().endswith(NOTE_SUFFIXES) and ".." not in relative
        return (relative, "", None) if watch else (None, "", None)
    if not found.lower().endswith(NOTE_SUFFIXES):
        return None, "", None
    relative = found.removeprefix("./")
    read = read_small(os.path.join(links.root, relative), MAX_NOTE_BYTES)
    if read is None:
        return None, "", None
    found_signature, data = read
    return relative, data.decode("utf-8", errors="replace"), found_signature
