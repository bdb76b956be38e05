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
not metadata files: their size and mtime are kept, and a note that changed is
indexed again.

Only ``search`` and ``list`` build these tables; ``build`` never pays for them.
"""

from __future__ import annotations

import bisect
import json
import marshal
import os
from collections.abc import Iterator
from contextlib import contextmanager

from papershelf.cache.loader import LibraryReader
from papershelf.cache.store import JSON_LIST, PAPER_COLUMNS, Cache, large_page_cache, paper_of_row
from papershelf.core.model import Paper
from papershelf.core.names import name_key
from papershelf.core.speed import ForkedStream, TwoEnds, can_stream, gc_paused
from papershelf.library.config import Config
from papershelf.library.file_stats import differing, read_small
from papershelf.library.links import LinkResolver
from papershelf.search.facets import SEPARATOR, UNIT, FacetColumns
from papershelf.search.ranking import TEXT_COLUMNS

# In the meta table: bumped by every change to the search tables, so that what is worked out
# from them (facets.FacetColumns, a ranking read on another connection) knows if it is current.
VERSION_KEY = "search_version"
# In the meta table: (search version, {search key: (note path, signature, metadata path)}).
NOTES_KEY = "search_notes"
NOTE_SUFFIXES = (".md", ".markdown", ".txt")
MAX_NOTE_BYTES = 256 * 1024
PARALLEL_FROM = 2000  # papers indexed at once from which a second process makes part of the rows
CHUNK = 2000  # papers taken at once by either process (the last to finish waits for at most one)

_TABLES = f"""
CREATE VIRTUAL TABLE IF NOT EXISTS search_text USING fts5(
    {", ".join(TEXT_COLUMNS)}, tokenize = 'unicode61 remove_diacritics 2'
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
    version = cache.get(VERSION_KEY, 0)
    notes = _notes_record(cache, version)
    recorded = notes is not None
    if notes is None:
        notes = _notes_of_table(db)
    changed_notes = _changed_notes(cache, notes)
    if cache.get("search_generation") == cache.get("generation", 0) and not changed_notes:
        if not recorded:
            with cache.transaction():
                cache.put(NOTES_KEY, (version, notes))
        return 0
    with cache.transaction():
        # Worked out inside the transaction: another process may have synced meanwhile.
        if cache.get(VERSION_KEY, 0) != version:
            notes = _notes_of_table(db)
        gone = db.execute(
            "SELECT id, path FROM search_facts WHERE file_id NOT IN (SELECT id FROM files WHERE paper IS NOT NULL)"
        ).fetchall()
        gone += changed_notes
        _delete(db, [key for key, _ in gone])
        for key, _ in gone:
            notes.pop(key, None)
        new = _paper_rows(db, not_indexed=True)
        keys = _keys_for(db, [row[1] for row in new], {path: key for key, path in gone})
        if keys is None:  # no room left between two keys: every row again, keys spaced anew
            _delete(db, [key for (key,) in db.execute("SELECT id FROM search_facts")])
            notes.clear()
            new = _paper_rows(db, not_indexed=False)
            keys = _keys_for(db, [row[1] for row in new], {})
        with gc_paused(), large_page_cache(db):  # a first sync makes millions of rows and tuples, no cycles
            notes.update(_fill(db, new, keys, cache.root))
        cache.put("search_generation", cache.get("generation", 0))
        version = cache.get(VERSION_KEY, 0) + 1
        cache.put(VERSION_KEY, version)
        cache.put(NOTES_KEY, (version, notes))
    return len(new)


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


def _notes_record(cache: Cache, version: int) -> dict | None:
    """The watched notes as the last sync recorded them (`NOTES_KEY`), if of this version of the
    tables: one value, where the facts table's rows cost a quarter of a second at 100,000 papers."""
    record = cache.get(NOTES_KEY)
    return record[1] if record is not None and record[0] == version else None


def _notes_of_table(db) -> dict:
    """{search key: (note path, its signature, metadata path)} of every watched note."""
    rows = db.execute("SELECT id, path, note_path, note_signature FROM search_facts WHERE note_path IS NOT NULL")
    return {key: (note_path, _signature(stored), path) for key, path, note_path, stored in rows}


def _changed_notes(cache: Cache, notes: dict) -> list[tuple[int, str]]:
    """(key, path) of the rows whose note changed since they were indexed."""
    keys = list(notes)
    entries = [notes[key] for key in keys]
    changed = differing(cache.root, [entry[0] for entry in entries], [entry[1] for entry in entries])
    return [(keys[index], entries[index][2]) for index in changed]


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


def _signature(data: bytes) -> tuple | None:
    """A note's stored (size, mtime_ns), None for a note not written yet; (-1, -1), which no stat
    gives, when it does not decode (the note is indexed again)."""
    try:
        value = marshal.loads(data)
    except (EOFError, ValueError, TypeError):
        return (-1, -1)
    return value if value is None or (isinstance(value, tuple) and len(value) == 2) else (-1, -1)


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
    keywords' names in lower case, as `_table_rows` made them."""
    names = [("author", key) for key in author_keys.split(SEPARATOR)[1:]]  # each key after a SEPARATOR
    names += [("institution", cell.split(UNIT, 1)[0]) for cell in _cells(institutions)]
    names += [("keyword", name.casefold()) for name in _cells(keywords)]
    return names


def _cells(column: str | None) -> list[str]:
    return column.split(SEPARATOR) if column else []


def _fill(db, new: list[tuple], keys: list[int], root) -> dict:
    """Make and insert the rows of the papers of the file rows ``new`` (of `_paper_rows`) under
    ``keys``, and put their keys in their names' lists; their watched notes.

    For many papers, a forked process makes rows too (decoding the papers and reading their
    notes is most of a first sync, 7 s at 100,000 papers): it takes chunks of the papers from
    the back (`speed.TwoEnds`) and streams their rows, while this one takes chunks from the
    front, makes and inserts their rows, and inserts the other's as they come; so both end
    together, however the insertions, which only this one can do, weigh against the rest.
    Into empty tables (a first sync) the SQL indexes are made after the rows, which is several
    times faster than keeping them up to date row by row."""
    first_fill = db.execute("SELECT 1 FROM search_facts LIMIT 1").fetchone() is None
    if first_fill:
        for index in _INDEXES:
            db.execute(f"DROP INDEX IF EXISTS {index}")
    links = LinkResolver(root)
    if len(new) < PARALLEL_FROM or not can_stream():
        texts, facts, names, watched = _table_rows(new, keys, links)
        _insert_rows(db, texts, facts)
        names = _as_json(names)
    else:
        names, watched = _fill_on_two_cores(db, new, keys, links)
    _insert_names(db, names, first_fill)
    if first_fill:
        for statement in _TABLES.split(";"):
            if "CREATE INDEX" in statement:
                db.execute(statement)
    return watched


def _fill_on_two_cores(db, new: list[tuple], keys: list[int], links: LinkResolver) -> tuple[dict, dict]:
    """`_fill`'s rows made here and in a forked process (see `_fill`), each with its copy of
    ``links`` (which lists each year's folder of notes once); the names' lists as JSON, and
    the watched notes."""
    names: Names = {}
    watched: dict = {}
    later_lists: dict = {}

    def insert(made: tuple) -> None:
        texts, facts, more_watched, lists = made
        _insert_rows(db, texts, facts)
        watched.update(more_watched)
        later_lists.update(lists or {})

    with TwoEnds(len(new), CHUNK) as ends, ForkedStream(_table_rows_from_the_back, new, keys, links, ends) as later:
        while (taken := ends.take()) is not None:
            texts, facts, more_names, more_watched = _table_rows(
                new[taken.start : taken.stop], keys[taken.start : taken.stop], links
            )
            _insert_rows(db, texts, facts)
            _extend(names, more_names)
            watched.update(more_watched)
            for made in later.ready():
                insert(made)
        lists = _as_json(names)  # while the other makes its last rows
        for made in later:
            insert(made)
    return _joined_lists(lists, later_lists), watched


def _table_rows_from_the_back(new: list[tuple], keys: list[int], links: LinkResolver, ends: TwoEnds) -> Iterator:
    """`_table_rows` of the chunks of ``new`` taken from the back of ``ends``: (texts, facts,
    watched notes, None) each as it is made, and last ([], [], {}, the names' lists as JSON),
    made here, not by the process that inserts."""
    made: list[dict] = []  # each chunk's names, from the last papers back
    while (taken := ends.take(from_back=True)) is not None:
        texts, facts, more_names, watched = _table_rows(
            new[taken.start : taken.stop], keys[taken.start : taken.stop], links
        )
        made.append(more_names)
        yield texts, facts, watched, None
    names: Names = {}
    for more_names in reversed(made):  # in key order
        _extend(names, more_names)
    yield [], [], {}, _as_json(names)


def _extend(names: Names, more: Names) -> None:
    """Add the keys of ``more`` (all after those of ``names``) to the names' lists."""
    for kind, more_lists in more.items():
        lists = names.setdefault(kind, {})
        for name, ids in more_lists.items():
            held = lists.get(name)
            if held is None:
                lists[name] = ids
            else:
                held += ids


def _json(ids: list[int]) -> str:
    """A JSON list of search keys (integers), made by hand: half the time of json.dumps."""
    return "[" + ",".join(map(str, ids)) + "]"


def _as_json(names: Names) -> dict[tuple[str, str], str]:
    """The names' lists as JSON, by (kind, key), as search_names holds them."""
    return {(kind, name): _json(ids) for kind, lists in names.items() for name, ids in lists.items()}


def _joined_lists(first: dict[tuple[str, str], str], later: dict[tuple[str, str], str]) -> dict:
    """The JSON lists of ``first``, each followed by the later keys of the same name in ``later``."""
    for name, text in later.items():
        held = first.get(name)
        first[name] = text if held is None else held[:-1] + "," + text[1:]
    return first


def _table_rows(new: list[tuple], keys: list[int], links: LinkResolver) -> tuple[list, list, dict, dict]:
    """The rows of search_text and search_facts for the papers of the file rows ``new`` (verified
    as they are decoded), under the search ``keys`` (in increasing order); their names'
    lists (`Names`); and their watched notes, as `_notes_of_table`
    gives them."""
    texts, facts, watched = [], [], {}
    names: Names = {"author": {}, "institution": {}, "keyword": {}}
    by_author, by_institution, by_keyword = names.values()
    for row, key in zip(new, keys):
        file_id, paper = row[0], paper_of_row(row[1:])
        note_path, note_text, signature = _note(paper, links)
        authors, institutions = paper.author_names(), paper.institution_names()
        texts.append(
            (
                key,
                paper.title or "",
                paper.abbr or "",
                ", ".join(authors),
                "; ".join(institutions),
                paper.venue or "",
                " ".join(paper.keywords),
                note_text,
            )
        )
        author_keys = [name_key(n) for n in authors]
        keyed_institutions = [(name_key(n), n) for n in institutions]
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
                note_path,
                marshal.dumps(signature) if note_path else None,  # None: watched, not there yet
                paper.source,
                file_id,
                "".join([SEPARATOR + k for k in author_keys]),
            )
        )
        _add(by_author, author_keys, key)
        _add(by_institution, [k for k, _ in keyed_institutions], key)
        _add(by_keyword, [k for k, _ in keyed_keywords], key)
        if note_path:
            watched[key] = (note_path, signature, paper.source)
    return texts, facts, names, watched


def _add(lists: dict[str, list[int]], names: list[str], key: int) -> None:
    """Add the paper of search key ``key`` (after those in ``lists`` already) to its names' lists."""
    for name in names:
        held = lists.get(name)
        if held is None:
            lists[name] = [key]
        elif held[-1] != key:  # a name given twice in one paper counts it once
            held.append(key)


def _insert_rows(db, texts: list, facts: list) -> None:
    db.executemany(f"INSERT INTO search_text (rowid, {', '.join(TEXT_COLUMNS)}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", texts)
    db.executemany("INSERT INTO search_facts VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", facts)


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
