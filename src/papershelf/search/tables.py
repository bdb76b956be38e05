"""The search tables, kept in step with the cache's papers.

``search_text`` is an FTS5 table over the text a user searches (title,
abbreviation, authors, institutions, venue, keywords, note text);
``search_facts`` holds what filters, sorts and facets read; ``search_names``
holds each paper's authors, institutions and keywords by their folded key, for
the filters (its SQL index on (kind, key, id) answers them without the table).
Rows are keyed by the id of the paper's row in ``files``, which never comes
back once a file changes (AUTOINCREMENT), so bringing the tables up to date is
a matter of ids: drop the ones gone, add the new.  Notes are not metadata
files: their size and mtime are kept, and a note that changed is indexed again.

Only ``search`` and ``list`` build these tables; ``build`` never pays for them.
"""

from __future__ import annotations

import marshal
from collections.abc import Iterator
from contextlib import contextmanager

from papershelf.cache.loader import LibraryReader
from papershelf.cache.store import PAPER_COLUMNS, Cache, paper_of_row, stat_signature
from papershelf.core.model import Paper
from papershelf.core.names import name_key
from papershelf.core.speed import gc_paused
from papershelf.library.config import Config
from papershelf.library.links import LinkResolver
from papershelf.search.facets import SEPARATOR, UNIT, FacetColumns
from papershelf.search.ranking import TEXT_COLUMNS

# In the meta table: bumped by every change to the search tables, so that what is worked out
# from them (facets.FacetColumns, a ranking read on another connection) knows if it is current.
VERSION_KEY = "search_version"
NOTE_SUFFIXES = (".md", ".markdown", ".txt")
MAX_NOTE_BYTES = 256 * 1024

_TABLES = f"""
CREATE VIRTUAL TABLE IF NOT EXISTS search_text USING fts5(
    {", ".join(TEXT_COLUMNS)}, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'
);
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
    note_path TEXT,          -- relative to the library root, when the note is a text file
    note_signature BLOB,     -- marshal: its (size, mtime_ns) when indexed
    path TEXT NOT NULL       -- the metadata file: equal scores rank in its order (see engine.search)
);
CREATE TABLE IF NOT EXISTS search_names (
    id INTEGER NOT NULL,
    kind TEXT NOT NULL,      -- author, institution or keyword
    key TEXT NOT NULL,       -- names.name_key of the name (a keyword's name in lower case)
    name TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS search_names_by_key ON search_names (kind, key, id);
CREATE INDEX IF NOT EXISTS search_names_by_id ON search_names (id);
CREATE INDEX IF NOT EXISTS search_facts_by_year ON search_facts (year);
CREATE INDEX IF NOT EXISTS search_facts_by_venue ON search_facts (venue_key);
"""


@contextmanager
def open_for_search(library_dir) -> Iterator[tuple[Cache, Config]]:
    """The library's cache, refreshed and with up-to-date search tables, and its config.

    A library that cannot hold a cache (a read-only folder) is indexed in memory.
    """
    with LibraryReader(library_dir, database=True) as reader:
        reader.refresh()
        sync(reader.cache)
        yield reader.cache, reader.config


def sync(cache: Cache) -> int:
    """Bring the search tables in step with the indexed papers; the number of papers (re)indexed."""
    db = cache.db
    if db.execute("SELECT 1 FROM sqlite_master WHERE name = 'search_facts'").fetchone() is None:
        with cache.transaction():
            for statement in _TABLES.split(";"):
                if statement.strip():
                    db.execute(statement)
    changed_notes = _changed_notes(cache)
    if cache.get("search_generation") == cache.get("generation", 0) and not changed_notes:
        return 0
    links = LinkResolver(cache.root)
    with cache.transaction():
        # Worked out inside the transaction: another process may have synced meanwhile.
        gone = [
            row[0]
            for row in db.execute(
                "SELECT id FROM search_facts WHERE id NOT IN (SELECT id FROM files WHERE paper IS NOT NULL)"
            )
        ]
        gone += changed_notes
        _delete(db, gone)
        new = db.execute(
            f"SELECT id, {', '.join(PAPER_COLUMNS)} FROM files"
            " WHERE paper IS NOT NULL AND id NOT IN (SELECT id FROM search_facts)"
        ).fetchall()
        for row in new:
            _insert(db, row[0], paper_of_row(row[1:]), links)
        cache.put("search_generation", cache.get("generation", 0))
        cache.put(VERSION_KEY, cache.get(VERSION_KEY, 0) + 1)
    return len(new)


def facet_columns(cache: Cache) -> FacetColumns:
    """The cache's facet columns, loaded again only when the search tables changed since."""
    version = cache.get(VERSION_KEY)
    held = cache.memo.get("facet_columns")
    if held is None or held.version != version:
        with gc_paused():  # 100,000 papers' codes, kept: out of the collector's way (see core.speed)
            held = cache.memo["facet_columns"] = FacetColumns(cache.db, version)
    return held


def _changed_notes(cache: Cache) -> list[int]:
    changed = []
    rows = cache.db.execute("SELECT id, note_path, note_signature FROM search_facts WHERE note_path IS NOT NULL")
    for paper_id, note_path, signature in rows:
        if stat_signature(cache.root / note_path) != _signature(signature):
            changed.append(paper_id)
    return changed


def _signature(data: bytes) -> tuple | None | bool:
    """A note's stored (size, mtime_ns), None for a note not written yet; False, which no stat
    gives, when it does not decode (the note is indexed again)."""
    try:
        return marshal.loads(data)
    except (EOFError, ValueError, TypeError):
        return False


def _delete(db, ids: list[int]) -> None:
    rows = [(i,) for i in ids]
    db.executemany("DELETE FROM search_text WHERE rowid = ?", rows)
    db.executemany("DELETE FROM search_facts WHERE id = ?", rows)
    db.executemany("DELETE FROM search_names WHERE id = ?", rows)


def _insert(db, paper_id: int, paper: Paper, links: LinkResolver) -> None:
    note_path, note_text, signature = _note(paper, links)
    authors, institutions = paper.author_names(), paper.institution_names()
    db.execute(
        f"INSERT INTO search_text (rowid, {', '.join(TEXT_COLUMNS)}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            paper_id,
            paper.title or "",
            paper.abbr or "",
            ", ".join(authors),
            "; ".join(institutions),
            paper.venue or "",
            " ".join(paper.keywords),
            note_text,
        ),
    )
    keyed_institutions = [(name_key(n), n) for n in institutions]
    keyed_keywords = _one_per_key([(k.casefold(), k) for k in paper.keywords])
    db.execute(
        "INSERT INTO search_facts VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            paper_id,
            paper.year or None,
            paper.venue or None,
            name_key(paper.venue) if paper.venue else None,
            int(bool(paper.code_url)),
            (paper.title or paper.id).casefold(),
            paper.update_time,
            SEPARATOR.join(name for _, name in keyed_keywords) or None,
            SEPARATOR.join(f"{key}{UNIT}{name}" for key, name in _one_per_key(keyed_institutions)) or None,
            note_path,
            marshal.dumps(signature) if note_path else None,  # None: watched, not there yet
            paper.source,
        ),
    )
    names = [("author", name_key(n), n) for n in authors]
    names += [("institution", key, n) for key, n in keyed_institutions]
    names += [("keyword", key, k) for key, k in keyed_keywords]
    db.executemany("INSERT INTO search_names VALUES (?, ?, ?, ?)", [(paper_id, *n) for n in names])


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
    path = links.root / relative
    signature = stat_signature(path)
    if signature is None or signature[0] > MAX_NOTE_BYTES:
        return None, "", None
    try:
        text = path.read_bytes().decode("utf-8", errors="replace")
    except OSError:
        return None, "", None
    return relative, text, signature
