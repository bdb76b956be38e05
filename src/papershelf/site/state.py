"""What a build of the site keeps so that the next one, after a few edits, writes only what they
change (`update`): a SQLite file in the library's cache folder, one per site folder.

It holds each paper as the build saw it (the cache's row id, which changes with every edit of
the file; the paper; its page's neighbours, files, citation key, search record and BibTeX),
each group a paper is in (ordered as the group pages list them), and what was counted over the
whole list.  A random token written into the site's marker file and into the state ties the
two: a state whose token is not the marker's (another build since, an update cut short) is
not used, and the next build is a full one.  The state is derived: deleting it costs one full
build, never a wrong page.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import sqlite3
from collections import Counter
from pathlib import Path
from typing import NamedTuple

from papershelf.core.model import Paper, as_tuple
from papershelf.library.file_stats import signatures
from papershelf.site.groups import KINDS
from papershelf.site.neighbours import order_key, summary_of
from papershelf.site.records import shard_of
from papershelf.site.reuse import cache_file
from papershelf.stats.counts import Tally

VERSION = 1
PAPER_COLUMNS = 16
_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value BLOB);
CREATE TABLE papers (
    source TEXT PRIMARY KEY, row_id INTEGER, neg_year INTEGER, title_key TEXT, shard INTEGER,
    base TEXT, citekey TEXT, paper BLOB, summary BLOB, near BLOB, files BLOB, record BLOB, entry TEXT,
    in_graph INTEGER, note_url TEXT, cover_url TEXT
);
CREATE TABLE groups (kind TEXT, name TEXT, members BLOB, PRIMARY KEY (kind, name)) WITHOUT ROWID;
"""
_INDEXES = """
CREATE INDEX papers_order ON papers (neg_year, title_key, source);
CREATE INDEX papers_base ON papers (base);
CREATE INDEX papers_shard ON papers (shard, source);
"""


class PageState(NamedTuple):
    """What a build knows of a paper's page when it has made it."""

    source: str
    near: tuple  # the sources it lists: same keyword, same authors, its baselines, naming it
    files: tuple  # `parts.paper_files`: its note and cover (library paths) and their signatures
    images: tuple[str, ...]  # its note's images (library paths)
    citekey: str
    record: dict  # its search record
    entry: str  # its BibTeX


class Built(NamedTuple):
    """What a build counted over the whole list."""

    base: bytes  # `parts.base_key`
    groups: dict  # kind -> [(name, label, path)] of the group pages, by name
    counted: Tally
    facets: dict  # `records.count_facets` of every record
    shards: int
    lineage: bool  # whether any paper names a baseline


def state_path(root: Path, out: Path) -> Path:
    return cache_file(root, out, ".sqlite")


def new_token() -> str:
    return os.urandom(12).hex()


def names_of(paper: Paper) -> list[tuple[str, str]]:
    """The (kind, name) of every group ``paper`` is in."""
    return [(kind, name) for kind, (_, _, names) in KINDS.items() for name in dict.fromkeys(names(paper))]


def paper_row(paper: Paper, row_id: int, shard: int, page: PageState, base: str) -> tuple:
    """A paper's row; ``base``: its citation key's `export.citekeys.base_key`."""
    neg_year, title_key, _ = order_key(paper)
    in_graph = int(bool(page.near[2] or page.near[3]))
    values = (as_tuple(paper), tuple(summary_of(paper)), page.near, (page.files, page.images), page.record)
    paper_blob, summary, near, files, found = (marshal.dumps(v) for v in values)
    return (paper.source, row_id, neg_year, title_key, shard, base, page.citekey, paper_blob, summary,
            near, files, found, page.entry, in_graph, paper.note_url, paper.cover_url)  # fmt: skip


def group_rows(ordered: list[Paper]) -> list[tuple]:
    """(kind, name, members) of every group: its papers' `order_key`s in order, marshalled;
    ``ordered``: the papers, sorted by `order_key`."""
    members: dict[tuple[str, str], list] = {}
    for paper in ordered:
        at = order_key(paper)
        for key in names_of(paper):
            found = members.get(key)
            if found is None:
                members[key] = [at]
            else:
                found.append(at)
    return [(kind, name, marshal.dumps(found)) for (kind, name), found in sorted(members.items())]


def tally_value(counted: Tally) -> tuple:
    return tuple(dict(v) if isinstance(v, Counter) else v for v in counted.__dict__.values())


def tally_of(value: tuple) -> Tally:
    fields = list(Tally.__dataclass_fields__)
    return Tally(**{name: Counter(v) if isinstance(v, dict) else v for name, v in zip(fields, value, strict=True)})


def shown_files(page: PageState) -> list[str]:
    """The library files a page shows: its note, its cover, its note's images."""
    note_file, _, cover, _ = page.files
    return list(dict.fromkeys(p for p in (note_file, cover, *page.images) if p))


def shown(root: Path, pages: list[PageState]) -> tuple[list[str], list, list[str]]:
    """The library files ``pages`` show (`shown_files`), their signatures, and whose they are: one
    value, read and written whole (a stat of each is what every update starts with)."""
    paths, owners = [], []
    for page in pages:
        for path in shown_files(page):
            paths.append(path)
            owners.append(page.source)
    return paths, signatures(root, paths), owners


def folder_listings(root: Path, folders) -> dict:
    """Each folder the links were looked up in, by its signature and the names in it: when one
    changes, only the links that pass through a name that came or went are looked up again."""
    found = {}
    for folder, sig in zip(folders, signatures(root, folders)):
        try:
            names = sorted(os.listdir(root / folder))
        except OSError:
            names = []
        found[folder] = (sig, names)
    return found


def site_folders(out: Path, written) -> dict:
    """The site's own folders (not those of the files copied from the notes) by signature: a file
    put there or taken away, by hand, changes one (`update` then leaves the build to a full one)."""
    folders = sorted({"."} | {os.path.dirname(p) or "." for p in written if not p.startswith("files/")})
    return dict(zip(folders, signatures(out, folders)))


class Kept(NamedTuple):
    """What a part of a build made for the state: its papers' rows, and the files their pages show."""

    rows: list[tuple]
    shown: tuple[list[str], list, list[str]]


def kept_of(root: Path, papers: list[Paper], pages: list[PageState], ids: dict, shards: int, bases: dict) -> Kept:
    """The state's part of ``papers`` (and their ``pages``): made in the process that made the pages."""
    rows = [paper_row(p, ids[p.source], shard_of(p.source, shards), page, bases[p.source])
            for p, page in zip(papers, pages)]  # fmt: skip
    return Kept(rows, shown(root, pages))


def scratch_path(root: Path, out: Path) -> Path:
    """Where a state is written before it is renamed into place (`save_rows`, `save`)."""
    path = state_path(root, out)
    return path.with_name(path.name + f".new-{os.getpid()}")


def save_rows(scratch: Path, kept: Kept, groups: list[tuple]) -> Path | None:
    """Begin keeping the state of a site: the papers' rows (``kept``, `kept_of`) and the groups'
    (`group_rows`), indexed, in ``scratch``; `save` ends it once the site is in place. The bulk
    of the state (600 MB at 100,000 papers): a build writes it on another core while it writes
    the site's last files. ``scratch``, or None when it could not be written."""
    with contextlib.suppress(OSError):
        scratch.unlink()
    try:
        db = sqlite3.connect(scratch, isolation_level=None)
        try:
            db.executescript("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;" + _SCHEMA)
            db.execute("BEGIN")
            db.executemany(f"INSERT INTO papers VALUES ({', '.join('?' * PAPER_COLUMNS)})", kept.rows)
            db.executemany("INSERT INTO groups VALUES (?, ?, ?)", groups)
            db.execute("COMMIT")
            db.executescript(_INDEXES)
        finally:
            db.close()
        return scratch
    except (OSError, sqlite3.Error, ValueError):
        with contextlib.suppress(OSError):
            scratch.unlink()
        return None


def save(root: Path, out: Path, scratch: Path | None, token: str, built: Built, shown, folders, written) -> None:
    """Keep the state of the site just written into ``out``: to the rows `save_rows` wrote in
    ``scratch``, what the site holds as a whole (``shown``: the library files its pages show,
    ``folders`` the link folders, ``written`` the site's files), then into place. A state that
    cannot be written costs the next build its shortcut, nothing else."""
    if scratch is None:
        return
    try:
        db = sqlite3.connect(scratch, isolation_level=None)
        try:
            db.execute("PRAGMA journal_mode = OFF")
            db.execute("BEGIN")
            meta = {
                "version": VERSION,
                "out": str(out.resolve()),
                "token": token,
                "base": built.base,
                "groups": built.groups,
                "tally": tally_value(built.counted),
                "facets": built.facets,
                "shards": built.shards,
                "lineage": built.lineage,
                "folders": folder_listings(root, folders),
                "site_folders": site_folders(out, written),
                "shown": shown,
            }
            db.executemany("INSERT INTO meta VALUES (?, ?)", ((k, marshal.dumps(v)) for k, v in meta.items()))
            db.execute("COMMIT")
        finally:
            db.close()
        os.replace(scratch, state_path(root, out))
    except (OSError, sqlite3.Error, ValueError):
        with contextlib.suppress(OSError):
            scratch.unlink()


def forget(root: Path, out: Path) -> None:
    """Drop the state of ``out``: a full build is writing it anew."""
    with contextlib.suppress(OSError):
        state_path(root, out).unlink()


class State:
    """The state of the last build into a site folder, opened to update it."""

    def __init__(self, db: sqlite3.Connection):
        self.db = db
        self.meta = {key: marshal.loads(value) for key, value in db.execute("SELECT key, value FROM meta")}

    @classmethod
    def open(cls, root: Path, out: Path, token: str | None) -> State | None:
        """The state of ``out``, when it describes the site there (its marker's ``token``); else None."""
        path = state_path(root, out)
        if token is None or not path.is_file():
            return None
        try:
            state = cls(sqlite3.connect(path, isolation_level=None))
        except (sqlite3.Error, ValueError, EOFError, TypeError):
            return None
        meta = state.meta
        if meta.get("version") != VERSION or meta.get("token") != token or meta.get("out") != str(out.resolve()):
            state.close()
            return None
        return state

    def close(self) -> None:
        self.db.close()

    def put(self, key: str, value) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, marshal.dumps(value)))
        self.meta[key] = value
