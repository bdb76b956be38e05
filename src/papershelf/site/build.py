"""Writing the site whole: ``index.html`` (the search page), ``papers/<id>.html``, the data and the assets.

A site built before, when only a few papers changed, is updated in place instead (`update`).
A full build writes the site into a folder beside its place and then swaps it in whole,
so a reader never sees half a site, and a failed build leaves the old one.  A
folder is replaced only when a build of papershelf wrote it (its marker file
says so) or it is empty: ``--out`` pointed at the wrong folder loses nothing.
Every script and style ships inside the site; nothing is fetched from a CDN.
"""

from __future__ import annotations

import contextlib
import functools
import os
import shutil
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from papershelf.cache.loader import LibraryReader, rebuilt_if_damaged
from papershelf.core.errors import PaperFileError, PapershelfError
from papershelf.core.model import Paper
from papershelf.core.speed import ForkedCall, TwoEnds, can_fork, gc_paused, meanwhile, removed_in_background
from papershelf.export import bibtex
from papershelf.export.citekeys import base_key as citation_base
from papershelf.export.citekeys import citation_keys
from papershelf.library.aliases import canonical_paper
from papershelf.library.contents import Library
from papershelf.library.file_stats import signature, signatures
from papershelf.library.links import LinkResolver
from papershelf.lineage.graph import lineage_of
from papershelf.site import reuse, state, update
from papershelf.site.groups import group_pages, render_group
from papershelf.site.lineage_page import compared
from papershelf.site.neighbours import Groups, Summary, author_keys, keyword_keys, order_key, summary_of
from papershelf.site.pages import Pages
from papershelf.site.parts import (
    MARKER,
    MARKER_TEXT,
    Near,
    base_key,
    copied_files,
    lineage_texts,
    page_key,
    page_path,
    paper_files,
    render_paper,
    shard_texts,
    site_pages,
    whole_list_texts,
)
from papershelf.site.records import facet_counts, newest, shard_count, shard_of
from papershelf.site.reuse import Record, key_of, link_or_copy
from papershelf.site.sites_gone import forget_sites_gone
from papershelf.site.state import Built, Kept, PageState, group_rows, kept_of
from papershelf.stats.counts import tally

DEFAULT_OUT = "site"
PARALLEL_FROM = 2000  # papers: fewer are done before a second process would have started
CHUNK = 250  # papers a process of a build takes at a time: a third of a second's work
ASSETS = (
    "app.js",
    "graph.js",
    "style.css",
    "vendor/minisearch/minisearch.js",
    "vendor/minisearch/LICENSE.txt",
    "vendor/cytoscape/cytoscape.min.js",
    "vendor/cytoscape/LICENSE",
)


@dataclass
class SiteResult:
    out: Path
    papers: int = 0
    files: int = 0
    errors: list[PaperFileError] = field(default_factory=list)
    partly: bool = False  # only what the papers changed since the last build touched was written (`update`)


class _Site:
    """The site as it is written into its staging folder, file by file as each is made (each
    process of a build writes its own part), and what the build keeps of it."""

    def __init__(self, staging: Path, out: Path):
        self.staging, self.out = staging, out
        self.written: list[str] = []  # site paths
        self.keys: dict[str, bytes] = {}  # site path -> the key of what it was made from
        self.extras: dict[bytes, tuple] = {}  # paper page key -> (its record, its note's images, its BibTeX)
        self.records: list[dict] = []  # the search page's records, in library order
        self.entries: list[str] = []  # their BibTeX entries
        self.kept = Kept([], ([], [], []))  # what the state keeps of these papers (`state.kept_of`)
        self.facets: dict[str, dict[str, int]] = {}  # `records.facet_counts` of the records
        self.folders: set[str] = set()  # the folders the links were looked up in
        self._made: set[Path] = set()  # folders made in the staging folder

    def update(self, other: _Site) -> None:
        """Add what another part of the build gathered (the papers after this part's)."""
        self.written += other.written
        self.keys.update(other.keys)
        self.extras.update(other.extras)
        self.records += other.records
        self.entries += other.entries
        shown = tuple(mine + theirs for mine, theirs in zip(self.kept.shown, other.kept.shown))
        self.kept = Kept(self.kept.rows + other.kept.rows, shown)
        self.folders |= other.folders
        for name, counted in other.facets.items():
            mine = self.facets.setdefault(name, {})
            for value, count in counted.items():
                mine[value] = mine.get(value, 0) + count

    def _target(self, path: str) -> Path:
        target = self.staging / path
        if target.parent not in self._made:
            target.parent.mkdir(parents=True, exist_ok=True)
            self._made.add(target.parent)
        self.written.append(path)
        return target

    def text(self, path: str, content: str, key: bytes | None = None) -> None:
        self._target(path).write_text(content, "utf-8")
        if key is not None:
            self.keys[path] = key

    def copy(self, path: str, source: Path, last: Record | None = None) -> None:
        if path in self.keys:  # a note showing its cover, a cover two papers share
            return
        key = key_of(str(source), signature(source))
        if last is not None and last.reusable(path, key):
            self.reuse(path, key)
        else:
            link_or_copy(source, self._target(path))
            self.keys[path] = key

    def reuse(self, path: str, key: bytes) -> None:
        """The file the last build wrote at ``path`` (unchanged since), linked: no copy."""
        target = self._target(path)
        if path in self.keys:  # two papers of one id (in two years): the later one's page, as `text` gives
            target.unlink()
        link_or_copy(self.out / path, target)
        self.keys[path] = key


@dataclass
class _Work:
    """What every paper page of a build is made with, shared by the processes that make them."""

    root: Path
    pages: Pages
    papers: list[Paper]
    keys: dict[str, str]  # citation keys, by source
    near: Near
    summaries: dict[str, Summary]
    superseded: set[int]  # papers whose page a later paper of the same id writes (EfficientPaper has two)
    last: Record | None = None
    base: bytes = b""
    for_state: tuple | None = None  # (row ids, shards, citation bases) when the state is to be kept


def _paper_parts(staging: Path, out: Path, work: _Work, take, groups: list[tuple] = ()) -> _Site:
    """The group pages ``groups``, then the pages, copied files and records of the papers of each
    range ``take()`` gives until it gives None (the two processes of a build on two cores take
    them from both ends of the list, `speed.TwoEnds`); a page the last build made from the same
    inputs is taken from it (``work.last``, `reuse`)."""
    links, site = LinkResolver(work.root), _Site(staging, out)
    for planned in groups:
        key = key_of(work.base, planned[:4], [tuple(work.summaries[p.source]) for p in planned[4]])
        if work.last is not None and work.last.reusable(planned[0], key):
            site.reuse(planned[0], key)
        else:
            site.text(planned[0], render_group(work.pages, planned, work.summaries), key)
    done = []
    while (taken := take()) is not None:
        done.append((taken.start, _papers_part(site, links, work, taken)))
    pages_made, papers = [], []
    for start, (records, entries, made) in sorted(done, key=lambda part: part[0]):  # in the list's order
        site.records += records
        site.entries += entries
        pages_made += made
        papers += work.papers[start : start + len(made)]
    site.folders.update(links.listed_folders())
    site.facets = facet_counts(site.records)
    if work.for_state is not None:
        site.kept = kept_of(work.root, papers, pages_made, *work.for_state)
    return site


def _papers_part(site: _Site, links: LinkResolver, work: _Work, taken: range) -> tuple[list, list, list]:
    """The pages and copied files of the papers ``taken`` (their places in the list); their
    records, BibTeX entries and `PageState`s."""
    root, pages, keys, last = work.root, work.pages, work.keys, work.last
    planned = []
    for n in taken:
        paper = work.papers[n]
        files = paper_files(root, links, paper)
        lists = work.near.of(paper)
        shown = [[work.summaries[source] for source in found] for found in lists]
        key = page_key(work.base, pages, paper, keys.get(paper.source, ""), files, shown)
        reused = last is not None and key in last.extras and last.reusable(page_path(paper), key)
        planned.append((n, paper, files, lists, shown, key, reused))
    fresh = [p[1] for p in planned if not p[6]]
    entries = dict(zip((p.source for p in fresh), bibtex.entry_texts(fresh, keys)))
    records, bibtex_entries, made = [], [], []
    for n, paper, files, lists, shown, key, reused in planned:
        path = page_path(paper)
        if reused:
            paper_record, images, bibtex_entry = last.extras[key]
            if n not in work.superseded:
                site.reuse(path, key)
        else:
            bibtex_entry = entries[paper.source]
            html, paper_record, images = render_paper(root, pages, paper, files, bibtex_entry, shown)
            if n not in work.superseded:
                site.text(path, html, key)
        for image in copied_files(root, files, images):
            site.copy(f"files/{image}", root / image, last)
        site.extras[key] = (paper_record, images, bibtex_entry)
        records.append(paper_record)
        bibtex_entries.append(bibtex_entry)
        citekey = keys.get(paper.source, "")
        made.append(PageState(paper.source, lists, files, tuple(images), citekey, paper_record, bibtex_entry))
    return records, bibtex_entries, made


def _gather(root: Path, base_url: str, last: Record | None, token: str, staging: Path, out: Path):
    """Write every file of the site into ``staging``: the site so made (`_Site`), what the state
    keeps of the whole list (`Built`), the scratch file its rows went to (None: no state is kept),
    the library's errors and its number of papers."""
    library, ids = _load(root)
    config = library.config
    papers = [canonical_paper(p, config) for p in library.papers]
    pages = site_pages(root, config, base_url)
    with meanwhile(_citations_and_lineage, papers, pages) as citations_and_lineage:
        ordered = sorted(papers, key=order_key)  # as the group pages list them
        planned_groups, pages.paths = group_pages(ordered, pages)
        summaries = {p.source: summary_of(p) for p in papers}
        same = (Groups(ordered, keyword_keys), Groups(ordered, author_keys))
        bases, lineage, lineage_files = citations_and_lineage()
    keys = citation_keys(papers, bases)
    base = base_key(root, pages, base_url)
    shards = shard_count(len(papers))
    for_state = (ids, shards, bases) if ids is not None and not library.errors else None
    last_of_path = {page_path(p): n for n, p in enumerate(papers)}
    superseded = {n for n, p in enumerate(papers) if last_of_path[page_path(p)] != n}
    work = _Work(root, pages, papers, keys, Near(*same, *lineage), summaries, superseded, last, base, for_state)
    site, groups, counted = _pages_on_both_cores(staging, out, work, planned_groups, ordered)
    scratch = state.scratch_path(root, out)
    rows = meanwhile(state.save_rows, scratch, site.kept, groups) if for_state else contextlib.nullcontext(lambda: None)
    with meanwhile(_shard_files, site, papers, shards) as shard_files, rows as rows_saved:
        for path, text in whole_list_texts(pages, shards, counted, site.facets, newest(site.records), root).items():
            site.text(path, text)
        if pages.environment.globals["related"]:
            site.text("related.html", pages.related())
        for path, text in lineage_files.items():
            site.text(path, text)
        _write_assets(site)
        site.text(MARKER, MARKER_TEXT + token + "\n")
        site.text(".nojekyll", "")
        site.written += shard_files()
        scratch = rows_saved()
    listed = {kind: [(name, label, path) for path, _, k, label, _, name in planned_groups if k == kind]
              for kind in pages.paths}  # fmt: skip
    built = Built(base, listed, counted, site.facets, shards, any(p.baseline for p in papers))
    return site, built, scratch, library.errors, len(papers)


def _pages_on_both_cores(staging: Path, out: Path, work: _Work, planned_groups: list[tuple], ordered: list[Paper]):
    """The paper and group pages (on two cores when the list is large and forking allowed), the
    state's group rows (`group_rows`, when it is kept) and the list's counts (`tally`)."""
    papers, config = work.papers, work.pages.config
    with gc_paused(), TwoEnds(len(papers), CHUNK) as ends:
        if len(papers) >= PARALLEL_FROM and can_fork():
            from_back = functools.partial(ends.take, from_back=True)
            with ForkedCall(_paper_parts, staging, out, work, from_back, planned_groups) as second:
                # While the other process makes the group pages; then the papers, from both ends:
                groups = group_rows(ordered) if work.for_state else []
                counted = tally(papers, config)
                site = _paper_parts(staging, out, work, ends.take)
                site.update(second.result())
        else:
            site = _paper_parts(staging, out, work, ends.take, planned_groups)
            groups = group_rows(ordered) if work.for_state else []
            counted = tally(papers, config)
    return site, groups, counted


def _citations_and_lineage(papers: list[Paper], pages: Pages) -> tuple[dict[str, str], tuple, dict[str, str]]:
    """Each paper's plain citation key, its baselines and the papers naming it (`compared`), and
    the lineage page's files: what a build needs of the whole list besides its groups (made on
    the second core while the first makes those)."""
    bases = {p.source: citation_base(p) for p in papers}
    graph = lineage_of(papers)
    return bases, compared(graph), lineage_texts(pages, graph)


def _shard_files(site: _Site, papers: list[Paper], shards: int) -> list[str]:
    """Write the records and BibTeX of ``papers`` (all of the list's, in its order) in
    ``shards`` files each; their site paths (taken out of ``site.written``: this may run in
    another process, whose ``site`` is a copy)."""
    start = len(site.written)
    by_shard: list[list[int]] = [[] for _ in range(shards)]
    for n, paper in enumerate(papers):
        by_shard[shard_of(paper.source, shards)].append(n)
    for shard, members in enumerate(by_shard):
        records = [site.records[n] for n in members]
        for path, text in shard_texts(shard, records, [site.entries[n] for n in members]).items():
            site.text(path, text)
    written = site.written[start:]
    del site.written[start:]
    return written


def _load(root: Path) -> tuple[Library, dict[str, int] | None]:
    """The library, and the cache's row id of each paper (None without a cache)."""

    def load() -> tuple[Library, dict[str, int] | None]:
        with LibraryReader(root) as reader:
            reader.refresh()
            library = reader.load()
            return library, reader.cache.row_ids() if reader.cache is not None else None

    return rebuilt_if_damaged(root, load)


def _write_assets(site: _Site) -> None:
    assets = resources.files("papershelf.site").joinpath("assets")
    for name in ASSETS:
        site._target(f"assets/{name}").write_bytes(assets.joinpath(name).read_bytes())


def _discard(staging: Path, root: Path, out: Path) -> None:
    """What a build that failed had written: its staging folder, the state it had begun."""
    shutil.rmtree(staging, ignore_errors=True)
    with contextlib.suppress(OSError):
        state.scratch_path(root, out).unlink()


def _check_out(out: Path) -> None:
    """Refuse a place that is no folder, or holds files papershelf did not write."""
    if out.exists():
        if not out.is_dir():
            raise PapershelfError(f"{out} is a file, not a folder; the site was not written")
        if any(out.iterdir()) and not (out / MARKER).is_file():
            raise PapershelfError(f"{out} holds files papershelf did not write; choose another --out")


def _swap(staging: Path, out: Path) -> None:
    _check_out(out)  # again: it may have changed while the site was made
    if out.exists():
        old = out.with_name(f".{out.name}.old-{os.getpid()}")
        out.rename(old)
        staging.rename(out)
        removed_in_background(old)
    else:
        staging.rename(out)


def run(root: Path | str, out: Path | str | None = None, base_url: str = "", full: bool = False) -> SiteResult:
    """Build the site of the library at ``root`` into ``out`` (default: ``<root>/site``): only what
    changed since the last build when that can be told (`update`), unless ``full``."""
    root = Path(root)
    out = Path(out) if out is not None else root / DEFAULT_OUT
    if not full and (out / MARKER).is_file():
        updated = update.run(root, out, base_url)
        if updated is not None:
            return SiteResult(out, updated.papers, updated.files, partly=True)
    _check_out(out)
    last = reuse.load(root, out) if (out / MARKER).is_file() else None
    token = state.new_token()
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = out.with_name(f".{out.name}.new-{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)
    try:
        site, built, scratch, errors, papers = _gather(root, base_url, last, token, staging, out)
        written = site.written
        state.forget(root, out)
        _swap(staging, out)
        written = [path for path in written if path != MARKER]  # the marker is checked by its token
        now = dict(zip(written, signatures(out, written)))
    except OSError as exc:
        _discard(staging, root, out)
        raise PapershelfError(f"cannot write the site into {out}: {exc.strerror or exc}") from exc
    except PapershelfError:
        _discard(staging, root, out)
        raise
    with meanwhile(reuse.save, root, out, site.keys, site.extras, now) as saved:  # each its own file
        state.save(root, out, scratch, token, built, site.kept.shown, sorted(site.folders), written)
        saved()
    forget_sites_gone(root)
    return SiteResult(out, papers, len(written) + 1, errors)
