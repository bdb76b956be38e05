"""Building the site again after a few edits: only the files they change, each replaced in place.

A full build of 100,000 papers renders 240,000 files; an edit of one paper changes a dozen.  From
the state the last build kept (`state`) and the cache's row ids (a changed file has a new one),
this finds the papers changed (their metadata, or the note, cover or images their pages show, or
where their links lead), and writes again exactly what depends on them:

- their own pages, and the pages that list them or would now: their neighbours within `REACH`
  places in each group they were or are in (`neighbours`), the papers whose citation key moved
  with theirs, those whose lineage changed, the members of a group page made or dropped;
- the group pages of every group they were or are in; the records and BibTeX files of their
  shards; the search page's counts, the statistics page and the group list, from counts kept
  paper by paper (`stats.counts.Tally`, `records.count_facets`); the lineage page when the graph
  may have changed.

Anything it cannot bring about alike (another config or papershelf version, a file with errors,
many changes, a group page whose name would collide, another number of shards) returns None and
the build is a full one.  What it writes is what a full build writes, byte for byte (the tests
compare the two).  The state's token is dropped before the first file is written and set again
after the last, so an update cut short leaves a site the next build rebuilds whole.
"""

from __future__ import annotations

import bisect
import json
import marshal
import re
import sqlite3
from pathlib import Path
from typing import NamedTuple

from markupsafe import escape

from papershelf.cache.loader import LibraryReader
from papershelf.core.model import Paper, from_tuple
from papershelf.core.speed import gc_paused, meanwhile
from papershelf.export import bibtex
from papershelf.export.citekeys import base_key as citation_base
from papershelf.export.citekeys import clash_order, keys_of_clashes
from papershelf.library.aliases import canonical_paper
from papershelf.library.atomic import write_bytes_atomic
from papershelf.library.file_stats import differing, signatures
from papershelf.library.layout import paper_id_of
from papershelf.library.links import LinkResolver
from papershelf.lineage.graph import lineage_of
from papershelf.site.groups import KINDS, group_path, stem_base
from papershelf.site.lineage_page import compared
from papershelf.site.neighbours import REACH, Summary, author_keys, keyword_keys, near, order_key, summary_of
from papershelf.site.pages import ROW_START, ROWS_END, ROWS_START, group_row
from papershelf.site.parts import (
    MARKER,
    MARKER_TEXT,
    base_key,
    copied_files,
    lineage_texts,
    page_path,
    paper_files,
    render_paper,
    shard_texts,
    site_pages,
    whole_list_texts,
)
from papershelf.site.records import PAGE_SIZE, count_facets, shard_count, shard_of
from papershelf.site.reuse import replace_by_link
from papershelf.site.state import (
    PAPER_COLUMNS,
    PageState,
    State,
    folder_listings,
    names_of,
    new_token,
    paper_row,
    shown,
    tally_of,
    tally_value,
)

MAX_CHANGED = 500  # papers changed; beyond, a full build (which reuses the pages it can) is about as quick
_ORDER = "neg_year, title_key, source"
_LIST = "(SELECT value FROM json_each(?))"
_INSERT = f"INSERT OR REPLACE INTO papers VALUES ({', '.join('?' * PAPER_COLUMNS)})"


class Updated(NamedTuple):
    papers: int
    files: int  # written or removed


class _FullBuild(Exception):
    """The change is one this update does not bring about alike: a full build is due."""


def marker_token(out: Path) -> str | None:
    """The token the last build left in the site's marker, or None."""
    try:
        text = (out / MARKER).read_text("utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    token = text.removeprefix(MARKER_TEXT).strip()
    return token if text.startswith(MARKER_TEXT) and re.fullmatch(r"[0-9a-f]{24}", token) else None


def run(root: Path, out: Path, base_url: str) -> Updated | None:
    """Update the site in ``out`` to the library at ``root``; None when a full build is due."""
    kept = State.open(root, out, marker_token(out))
    if kept is None:
        return None
    try:
        with gc_paused(), LibraryReader(root) as reader:
            return _Update(reader, kept, out, base_url).run()
    except (_FullBuild, sqlite3.Error, ValueError, EOFError, TypeError, KeyError):
        return None
    finally:
        kept.close()


class _Update:
    def __init__(self, reader: LibraryReader, kept: State, out: Path, base_url: str):
        self.reader, self.kept, self.db, self.out = reader, kept, kept.db, out
        self.root, self.config = reader.root, reader.config
        self.pages = site_pages(self.root, self.config, base_url)
        self.base_url = base_url
        self.links = LinkResolver(self.root)
        self.texts: dict[str, str] = {}
        self.removed: set[str] = set()  # site paths
        self.copies: dict[str, str] = {}  # site path -> library path
        self._summaries: dict[str, Summary] = {}
        self.shown: dict[str, tuple] = {}  # changed paper -> its page's files and images
        self.created: set[tuple[str, str]] = set()  # the groups (kind, name) whose page this update makes
        self._groups: dict[tuple[str, str], list] = {}  # (kind, name) -> its members (`_group`)

    # -- what changed --------------------------------------------------------------------

    def run(self) -> Updated | None:
        meta = self.kept.meta
        paths, sigs, owners = meta["shown"]
        with meanwhile(differing, self.root, paths, sigs) as shown_changed:  # its stats beside the cache's
            self.reader.refresh()
            cache = self.reader.cache
            if cache is None or cache.has_errors() or base_key(self.root, self.pages, self.base_url) != meta["base"]:
                return None
            self.cache = cache
            ids = cache.row_ids()
            old_ids = dict(self.db.execute("SELECT source, row_id FROM papers"))
            changed = {source for source, row_id in ids.items() if old_ids.get(source) != row_id}
            changed |= old_ids.keys() - ids.keys()
            changed.update(owners[n] for n in shown_changed())
        own = meta["site_folders"]  # a file of the site put there or taken away since
        if differing(self.out, list(own), list(own.values())):
            raise _FullBuild
        folders = meta["folders"]
        moved = [list(folders)[n] for n in differing(self.root, list(folders), [v[0] for v in folders.values()])]
        if moved:
            changed |= self._links_moved(moved, folders)
        if not changed:
            return Updated(len(ids), 0)
        if len(changed) > MAX_CHANGED or shard_count(len(ids)) != meta["shards"]:
            return None
        self.ids = ids
        self.changed = changed
        self.old = self._old_rows(changed & old_ids.keys())
        self.new = {source: canonical_paper(cache.paper(source), self.config) for source in changed & ids.keys()}
        self.db.execute("BEGIN")
        self._store_papers()
        relinked = self._regroup()
        keys, rekeyed = self._citation_keys()
        lineage, relined = self._lineage()
        near_changed = self._near_changed(lineage)
        self._render(set(self.new) | relinked | rekeyed | relined | near_changed, keys, lineage)
        self._data(rekeyed)
        self._shown()
        looked_in = sorted(set(moved) | set(self.links.listed_folders()))
        self.kept.put("folders", folders | folder_listings(self.root, looked_in))
        return self._write()

    def _old_rows(self, sources: set[str]) -> dict[str, dict]:
        found = {}
        columns = "source, paper, summary, near, files, record, entry, citekey"
        for row in self._rows(f"SELECT {columns} FROM papers WHERE source IN _LIST", sources):
            source, paper, summary, near_lists, files, record, entry, citekey = row
            found[source] = {
                "paper": from_tuple(marshal.loads(paper)),
                "summary": Summary._make(marshal.loads(summary)),
                "near": marshal.loads(near_lists),
                "files": marshal.loads(files),
                "record": marshal.loads(record),
                "entry": entry,
                "citekey": citekey,
            }
        return found

    def _rows(self, query: str, values) -> list:
        """``query`` with ``IN _LIST`` standing for the list of ``values``."""
        return self.db.execute(query.replace("_LIST", _LIST), (json.dumps(sorted(values)),)).fetchall()

    def _links_moved(self, moved: list[str], folders: dict) -> set[str]:
        """The papers whose note or cover link leads elsewhere now: those whose links pass, in a
        folder ``moved`` (one whose entries changed), through a name that came or went there."""
        changes = {}  # folder -> the names (in lower case, as links match them) that came or went
        for folder, (_, names) in folder_listings(self.root, moved).items():
            changes["" if folder == "." else folder + "/"] = {n.lower() for n in set(names) ^ set(folders[folder][1])}
        found = set()
        query = "SELECT source, neg_year, note_url, cover_url FROM papers"
        query += " WHERE (note_url IS NOT NULL OR cover_url IS NOT NULL)"
        values: tuple = ()
        if not any(folder in (".", "notes") or not folder.startswith("notes/") for folder in moved):
            # Only notes/<part>/...: the papers of that year, or whose links begin with <part>/.
            parts = sorted({folder.split("/")[1] for folder in moved})
            years = [-int(part) for part in parts if part.isdigit()]
            begins = " OR ".join(["note_url LIKE ? || '/%' OR cover_url LIKE ? || '/%'"] * len(parts))
            query += f" AND (neg_year IN ({', '.join('?' * len(years)) or 'NULL'}) OR {begins})"
            values = (*years, *(part for part in parts for _ in range(2)))
        for source, neg_year, *urls in self.db.execute(query, values):
            looked_in = LinkResolver.folders_of(-neg_year, paper_id_of(source))
            if any(_crosses(f + url, changes) for url in urls if url and "://" not in url for f in looked_in):
                found.add(source)
        moved_links = set()
        for source, paper, files in self._rows("SELECT source, paper, files FROM papers WHERE source IN _LIST", found):
            paper = from_tuple(marshal.loads(paper))
            if paper_files(self.root, self.links, paper)[::2] != marshal.loads(files)[0][::2]:
                moved_links.add(source)
        return moved_links

    # -- the state, brought up to the library ------------------------------------------------

    def _store_papers(self) -> None:
        """The changed papers' rows and names as they are now (their pages' parts follow in `_render`)."""
        self.db.executemany("DELETE FROM papers WHERE source = ?", [(source,) for source in self.changed])
        for o in self.old.values():
            at = order_key(o["paper"])
            for key in names_of(o["paper"]):
                members = self._group(key)
                members.pop(bisect.bisect_left(members, at))
        for paper in self.new.values():
            at = order_key(paper)
            for key in names_of(paper):
                bisect.insort(self._group(key), at)
        shards = self.kept.meta["shards"]
        rows = []
        for source, paper in self.new.items():
            old = self.old.get(source)
            parts = (old["near"], *old["files"]) if old else (([], [], [], []), (None,) * 4, ())
            page = PageState(source, *parts, "", {}, "")  # rendered in `_render`
            rows.append(paper_row(paper, self.ids[source], shard_of(source, shards), page, citation_base(paper)))
        self.db.executemany(_INSERT, rows)

    def _group(self, key: tuple[str, str]) -> list[tuple]:
        """The members of a group (kind, name), as `order_key`s in order: read once, changed in
        place, written back by `_write`."""
        found = self._groups.get(key)
        if found is None:
            row = self.db.execute("SELECT members FROM groups WHERE kind = ? AND name = ?", key).fetchone()
            found = self._groups[key] = marshal.loads(row[0]) if row else []
        return found

    def _members(self, kind: str, name: str) -> list[str]:
        return [at[2] for at in self._group((kind, name))]

    def _regroup(self) -> set[str]:
        """Render again the group pages of every group a changed paper was or is in; make and drop
        pages as groups reach or fall below their size; the papers whose links to a group change."""
        kept = self.kept.meta["groups"]
        groups = {kind: {name: (label, path) for name, label, path in found} for kind, found in kept.items()}
        touched = {key for paper in self._versions() for key in names_of(paper)}
        least = max(1, self.config.author_min_papers)
        relinked: set[str] = set()
        for kind, name in sorted(touched):
            members = self._members(kind, name)
            wanted = len(members) >= (least if kind in ("author", "institution") else 1)
            held = groups[kind].get(name)
            if wanted and held is None:
                label = self.config.keyword_label(name) if kind == "keyword" else name
                held = groups[kind][name] = (label, self._new_path(kind, label, groups[kind]))
                self.created.add((kind, name))
                relinked.update(members)
            elif not wanted and held is not None:
                self._drop_group(kind, held, groups[kind])
                del groups[kind][name]
                relinked.update(members)
                continue
            if wanted:
                self.texts[held[1]] = self._group_page(kind, name, held, members, created=(kind, name) in self.created)
        ordered = {kind: [(name, *groups[kind][name]) for name in sorted(groups[kind])] for kind in groups}
        self.regrouped = ordered != self.kept.meta["groups"]
        self.kept.put("groups", ordered)
        self.pages.paths = {kind: {label: path for _, label, path in found} for kind, found in ordered.items()}
        return relinked

    def _group_page(self, kind: str, name: str, held: tuple, members: list[str], created: bool) -> str:
        """A group page with ``members``: the old page's list with the changed papers' rows taken
        out and put in at their new places, or (a new page, or one not as expected) made whole."""
        label, path = held
        word = KINDS[kind][1]
        rows = None if created else self._spliced_rows(kind, name, path, members)
        if rows is None:
            rows = "".join(group_row(summary) for summary in self._summaries_of(members))
        return self.pages.group(word, kind, label, len(members), rows)

    def _spliced_rows(self, kind: str, name: str, path: str, members: list[str]) -> str | None:
        # As the last build wrote it: a file put in or taken out by hand makes `run` build whole
        # (one edited in place is not looked for: `--full`).
        text = (self.out / path).read_text("utf-8")
        start, end = text.find(ROWS_START), text.rfind(ROWS_END)
        if start < 0 or end < start:
            return None
        rows = text[start + len(ROWS_START) : end].split(ROW_START)[1:]
        ids = {str(escape(o["paper"].id)) for o in self.old.values()} | {str(escape(p.id)) for p in self.new.values()}
        kept = [row for row in rows if row[: row.find('"')] not in ids]
        was_here = sum((kind, name) in names_of(o["paper"]) for o in self.old.values())
        if len(rows) - len(kept) != was_here:  # another paper of the same id: no telling the rows apart
            return None
        for place, source in enumerate(members):
            if source in self.new:
                kept.insert(place, group_row(summary_of(self.new[source])).removeprefix(ROW_START))
        if len(kept) != len(members):
            return None
        return ROW_START + ROW_START.join(kept) if kept else ""

    def _new_path(self, kind: str, label: str, held: dict) -> str:
        """A new group page's path, as a full build would name it (else `_FullBuild`)."""
        stem, stems = stem_base(label), {path for _, path in held.values()}
        path = group_path(kind, stem)
        if path in stems or re.search(r"-\d+$", stem):  # its number would depend on the other names
            raise _FullBuild
        return path

    def _drop_group(self, kind: str, held: tuple, others: dict) -> None:
        label, path = held
        base = group_path(kind, stem_base(label)).removesuffix(".html")
        if any(p != path and (p == base + ".html" or p.startswith(base + "-")) for _, p in others.values()):
            raise _FullBuild  # another page of the same name would take its number
        self.removed.add(path)

    def _summaries_of(self, sources: list[str]) -> list[Summary]:
        wanted = [s for s in sources if s not in self._summaries]
        if wanted:
            query = "SELECT source, summary FROM papers WHERE source IN _LIST"
            for source, summary in self._rows(query, wanted):
                self._summaries[source] = Summary._make(marshal.loads(summary))
        return [self._summaries[s] for s in sources]

    def _citation_keys(self) -> tuple[dict[str, str], set[str]]:
        """The citation key of every paper whose key may have moved, and those whose key did."""
        bases = {citation_base(o["paper"]) for o in self.old.values()}
        bases |= {citation_base(p) for p in self.new.values()}
        bases |= {b[:-1] for b in bases if b[-1] in "bcdefghijklmnopqrstuvwxyz"}  # a plain key a suffix skipped
        by_base: dict[str, list[tuple]] = {}
        stored = {}
        query = "SELECT base, paper, citekey, source FROM papers WHERE base IN _LIST"
        for base, paper, citekey, source in self._rows(query, bases):
            by_base.setdefault(base, []).append(clash_order(from_tuple(marshal.loads(paper))))
            stored[source] = self.old[source]["citekey"] if source in self.old else citekey
        keys = keys_of_clashes(by_base, _PlainKeys(self.db))
        return keys, {source for source, key in keys.items() if key != stored.get(source)}

    def _lineage(self) -> tuple[tuple[dict, dict] | None, set[str]]:
        """The baselines and the papers naming each paper, when the change may have moved them
        (None: they are as kept), and the papers whose lists changed."""
        versions = self._versions()
        named = {s: _names(p) for s, p in self.new.items()} != {s: _names(o["paper"]) for s, o in self.old.items()}
        if not any(p.baseline for p in versions) and not (self.kept.meta["lineage"] and named):
            return None, set()
        rows = self.db.execute("SELECT paper FROM papers ORDER BY source")
        everyone = [from_tuple(marshal.loads(paper)) for (paper,) in rows]
        graph = lineage_of(everyone)
        baselines, built_on = compared(graph)
        self.texts.update(lineage_texts(self.pages, graph))
        self.kept.put("lineage", any(p.baseline for p in everyone))
        relined = baselines.keys() | built_on.keys()
        for source, near_lists in self.db.execute("SELECT source, near FROM papers WHERE in_graph = 1"):
            was = (self.old[source]["near"] if source in self.old else marshal.loads(near_lists))[2:]
            if (baselines.get(source, []), built_on.get(source, [])) == tuple(was):
                relined.discard(source)
            else:
                relined.add(source)
        return (baselines, built_on), relined & self.ids.keys()

    def _versions(self) -> list[Paper]:
        """Every changed paper as it is now and as it was."""
        return [*self.new.values(), *(o["paper"] for o in self.old.values())]

    # -- neighbours ----------------------------------------------------------------------

    def _around(self, kind: str, key: str, at: tuple, reach: int) -> tuple[list[str], list[str]]:
        """The members of group (kind, key) just before and just after the place ``at`` (an
        `order_key`), nearest first."""
        members = self._group((kind, key))
        start = bisect.bisect_left(members, at)
        end = start + 1 if start < len(members) and members[start] == at else start
        return [m[2] for m in members[max(0, start - reach) : start][::-1]], [m[2] for m in members[end : end + reach]]

    def _near_of(self, paper: Paper) -> tuple[list[str], list[str]]:
        at = order_key(paper)
        return tuple(
            near(keys_of(paper), lambda key, kind=kind: self._around(kind, key, at, REACH))
            for kind, keys_of in (("keyword", keyword_keys), ("author", author_keys))
        )

    def _near_changed(self, lineage) -> set[str]:
        """The papers, besides the changed ones, whose neighbours or the summaries they show changed."""
        reach = REACH + len(self.changed) + 1
        nearby: set[str] = set()
        for paper in self._versions():
            for kind, keys_of in (("keyword", keyword_keys), ("author", author_keys)):
                for key in keys_of(paper):
                    nearby.update(*self._around(kind, key, order_key(paper), reach))
        nearby -= self.changed
        renamed = {s for s, o in self.old.items() if s not in self.new or o["summary"] != summary_of(self.new[s])}
        found = set()
        query = "SELECT source, paper, near FROM papers WHERE source IN _LIST"
        for source, paper, near_lists in self._rows(query, nearby):
            was = marshal.loads(near_lists)
            now = self._near_of(from_tuple(marshal.loads(paper)))
            if tuple(now) != tuple(was[:2]) or not renamed.isdisjoint(was[0] + was[1] + was[2] + was[3]):
                found.add(source)
        for source, o in self.old.items():  # pages listing a changed paper in its lineage
            if source in renamed:
                found.update(s for s in o["near"][2] + o["near"][3] if s in self.ids)
        return found

    # -- what is written -------------------------------------------------------------------

    def _render(self, sources: set[str], keys: dict[str, str], lineage) -> None:
        """Render the pages of ``sources`` and keep what the state holds of them."""
        query = "SELECT source, paper, near, citekey FROM papers WHERE source IN _LIST"
        for source, paper_blob, near_lists, citekey in self._rows(query, sources & self.ids.keys()):
            paper = self.new.get(source) or from_tuple(marshal.loads(paper_blob))
            was = marshal.loads(near_lists)
            if source in self.old:
                was = self.old[source]["near"]
            lists = (*self._near_of(paper), *(
                (lineage[0].get(source, []), lineage[1].get(source, [])) if lineage else was[2:]))  # fmt: skip
            citekey = keys.get(source, citekey)
            entry = bibtex.entry_texts([paper], {source: citekey})[0]
            files = paper_files(self.root, self.links, paper)
            shown = [self._summaries_of(found) for found in lists]
            html, record, images = render_paper(self.root, self.pages, paper, files, entry, shown)
            self.texts[page_path(paper)] = html
            page = PageState(source, lists, files, tuple(images), citekey, record, entry)
            shard = shard_of(source, self.kept.meta["shards"])
            self.db.execute(_INSERT, paper_row(paper, self.ids[source], shard, page, citation_base(paper)))
            if source in self.changed:
                self.shown[source] = (files, tuple(images))
                self.copies.update((f"files/{path}", path) for path in copied_files(self.root, files, images))

    def _data(self, rekeyed: set[str]) -> None:
        """The shards of the changed papers (and of those whose citation key moved), and the files
        counted over the whole list."""
        meta = self.kept.meta
        shards = meta["shards"]
        counted, facets = tally_of(meta["tally"]), meta["facets"]
        for o in self.old.values():
            counted.add(o["paper"], -1)
            count_facets(facets, o["record"], -1)
        for paper in self.new.values():
            counted.add(paper)
        for (found,) in self._rows("SELECT record FROM papers WHERE source IN _LIST", self.new):
            count_facets(facets, marshal.loads(found))
        self.kept.put("tally", tally_value(counted))
        self.kept.put("facets", facets)
        for shard in sorted({shard_of(s, shards) for s in (*self.changed, *rekeyed)}):
            records, entries = [], []
            query = "SELECT record, entry FROM papers WHERE shard = ? ORDER BY source"
            for found, entry in self.db.execute(query, (shard,)):
                records.append(marshal.loads(found))
                entries.append(entry)
            self.texts.update(shard_texts(shard, records, entries))
        query = f"SELECT record FROM papers ORDER BY {_ORDER} LIMIT ?"
        newest = [marshal.loads(found) for (found,) in self.db.execute(query, (PAGE_SIZE,))]
        made = whole_list_texts(self.pages, shards, counted, facets, newest, self.root, self.regrouped)
        self.texts.update(made)

    def _shown(self) -> None:
        """The library files the pages show, with those of the changed papers as they are now;
        what only the changed papers showed before, and no page shows now, leaves the site."""
        paths, sigs, owners = self.kept.meta["shown"]
        kept = [n for n, owner in enumerate(owners) if owner not in self.changed]
        pages = [PageState(source, (), files, images, "", {}, "") for source, (files, images) in self.shown.items()]
        now = shown(self.root, pages)
        paths, sigs, owners = ([found[n] for n in kept] + more for found, more in zip((paths, sigs, owners), now))
        self.kept.put("shown", (paths, sigs, owners))
        still = set(paths)
        self.removed.update(f"files/{path}" for path in self._copied_before() - still)
        self.removed.update(page_path(o["paper"]) for source, o in self.old.items() if source not in self.new)

    def _copied_before(self) -> set[str]:
        """The library files the changed papers' pages copied into the site (covers, images)."""
        return {path for o in self.old.values() for path in (o["files"][0][2], *o["files"][1]) if path}

    def _write(self) -> Updated:
        """Write every file, each atomically, between dropping the state's token and setting a new one."""
        token = new_token()
        self.kept.put("token", None)  # an update cut short from here on: the next build is a full one
        self.db.execute("COMMIT")
        self.db.execute("BEGIN")
        for path, text in self.texts.items():
            target = self.out / path
            target.parent.mkdir(parents=True, exist_ok=True)
            write_bytes_atomic(target, text.encode())
        for path, library_path in self.copies.items():
            target = self.out / path
            target.parent.mkdir(parents=True, exist_ok=True)
            replace_by_link(self.root / library_path, target)
        for path in self.removed - self.texts.keys() - self.copies.keys():
            (self.out / path).unlink(missing_ok=True)
        for (kind, name), members in self._groups.items():
            if members:
                self.db.execute("INSERT OR REPLACE INTO groups VALUES (?, ?, ?)", (kind, name, marshal.dumps(members)))
            else:
                self.db.execute("DELETE FROM groups WHERE kind = ? AND name = ?", (kind, name))
        write_bytes_atomic(self.out / MARKER, (MARKER_TEXT + token + "\n").encode())
        folders = list(self.kept.meta["site_folders"])
        self.kept.put("site_folders", dict(zip(folders, signatures(self.out, folders))))
        self.kept.put("token", token)
        self.db.execute("COMMIT")
        return Updated(len(self.ids), len(self.texts) + len(self.copies) + len(self.removed))


class _PlainKeys:
    """The plain citation keys of the list, asked of the state, and the keys given since (`keys_of_clashes`)."""

    def __init__(self, db: sqlite3.Connection):
        self.db, self.added = db, set()

    def __contains__(self, key: str) -> bool:
        found = self.db.execute("SELECT 1 FROM papers WHERE base = ?", (key,)).fetchone()
        return key in self.added or found is not None

    def add(self, key: str) -> None:
        self.added.add(key)


def _names(paper: Paper) -> tuple:
    """What a baseline reference can name a paper by (`lineage.references.Resolver`)."""
    return (paper.id, paper.abbr, paper.title, paper.year)


def _crosses(path: str, changes: dict[str, set[str]]) -> bool:
    """Whether looking up ``path`` (a library path) reads, in a folder of ``changes``, a name that
    came or went there."""
    for folder, names in changes.items():
        if path.startswith(folder) and path[len(folder) :].split("/", 1)[0].lower() in names:
            return True
    return False
