"""Writing the site: ``index.html`` (the search page), ``papers/<id>.html``, the data and the assets.

The site is written into a folder beside its place and then swapped in whole,
so a reader never sees half a site, and a failed build leaves the old one.  A
folder is replaced only when a build of papershelf wrote it (its marker file
says so) or it is empty: ``--out`` pointed at the wrong folder loses nothing.
Every script and style ships inside the site; nothing is fetched from a CDN.
"""

from __future__ import annotations

import json
import os
import shutil
from collections import defaultdict
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from papershelf.cache.loader import load_library
from papershelf.core.errors import PaperFileError, PapershelfError
from papershelf.core.model import Paper, as_tuple
from papershelf.core.speed import ForkedCall, can_fork, gc_paused
from papershelf.export import bibtex
from papershelf.export.citekeys import citation_keys
from papershelf.library.aliases import canonical_paper
from papershelf.library.config import CONFIG_FILE
from papershelf.library.file_stats import signature
from papershelf.library.links import LinkResolver
from papershelf.library.related import related_lists
from papershelf.lineage.graph import lineage_of
from papershelf.render.build import code_signature
from papershelf.render.escape import safe_url
from papershelf.site import reuse
from papershelf.site.groups import group_pages, render_group, stats_page
from papershelf.site.lineage_page import compared, families_for_page, graph_data
from papershelf.site.notes import local_file, note_html, note_text
from papershelf.site.pages import Pages
from papershelf.site.records import encode, first_page, record
from papershelf.site.reuse import Record, key_of, link_or_copy
from papershelf.stats.timeline import read_conferences

MARKER = ".papershelf-site"
DEFAULT_OUT = "site"
NEIGHBOURS = 8
PARALLEL_FROM = 2000  # papers: fewer are done before a second process would have started
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


class _Site:
    """The files of the site, by path inside it, gathered before anything is written."""

    def __init__(self):
        self.texts: dict[str, str] = {}
        self.copies: dict[str, Path] = {}  # site path -> library file
        self.reused: set[str] = set()  # site paths taken from the last site as they are (`reuse`)
        self.keys: dict[str, bytes] = {}  # site path -> the key of what it was made from
        self.extras: dict[bytes, tuple] = {}  # paper page key -> (its record, its note's images, its BibTeX)
        self.records: list[dict] = []  # the search page's records, in library order
        self.bibtex: dict[str, str] = {}  # paper id -> its entry

    def update(self, other: _Site) -> None:
        """Add what another part of the build gathered (the papers after this part's)."""
        self.texts.update(other.texts)
        self.copies.update(other.copies)
        self.reused |= other.reused
        self.keys.update(other.keys)
        self.extras.update(other.extras)
        self.records += other.records
        self.bibtex.update(other.bibtex)

    def text(self, path: str, content: str, key: bytes | None = None) -> None:
        self.texts[path] = content
        if key is not None:
            self.keys[path] = key

    def copy(self, path: str, source: Path, last: Record | None = None) -> None:
        key = key_of(str(source), signature(source))
        self.keys[path] = key
        if last is not None and last.reusable(path, key):
            self.reused.add(path)
        else:
            self.copies[path] = source

    def reuse(self, path: str, key: bytes) -> None:
        self.reused.add(path)
        self.keys[path] = key


def page_path(paper: Paper) -> str:
    return f"papers/{paper.id}.html"


def _neighbours(papers: list[Paper], by_key) -> dict[str, list[Paper]]:
    """For each paper, up to NEIGHBOURS others sharing a key with it, newest first."""
    holders: dict = defaultdict(list)
    for paper in papers:
        for key in by_key(paper):
            holders[key].append(paper)
    for members in holders.values():
        members.sort(key=lambda p: (-(p.year or 0), p.title or ""))
    found = {}
    for paper in papers:
        near: dict[str, Paper] = {}
        for key in by_key(paper):
            for other in holders[key]:
                if len(near) == NEIGHBOURS:
                    break
                if other.source != paper.source:
                    near.setdefault(other.source, other)
        found[paper.source] = list(near.values())
    return found


def _summary(paper: Paper) -> tuple:
    """What a page shows of another paper it lists."""
    return (paper.id, paper.title, paper.venue, paper.year, tuple(paper.author_names()[:6]))


class _Summaries(dict):
    """`_summary` of each paper by its path, made when first asked for (a paper is listed by many)."""

    def of(self, paper: Paper) -> tuple:
        found = self.get(paper.source)
        if found is None:
            found = self[paper.source] = _summary(paper)
        return found


def _page_key(base: bytes, pages: Pages, paper: Paper, citation: str, files: tuple, near: list, seen) -> bytes:
    names = [("venue", paper.venue)] if paper.venue else []
    names += [("keyword", k) for k in paper.keywords] + [("institution", i) for i in paper.institution_names()]
    names += [("author", a) for a in paper.author_names()]
    links = [pages.group_path(kind, name) for kind, name in names]
    others = [[seen.of(p) for p in found] for found in near]
    return key_of(base, as_tuple(paper), citation, files, links, others)


def _paper_parts(
    root: Path,
    pages: Pages,
    papers: list[Paper],
    keys: dict[str, str],
    near: tuple,
    groups: list[tuple] = (),
    last: Record | None = None,
    base: bytes = b"",
) -> _Site:
    """The pages, copied files and records of ``papers``, and the group pages ``groups`` (each
    process of a build on two cores takes half the papers, the second the group pages too); a
    page the last build made from the same inputs is taken from it (``last``, `reuse`)."""
    config, links, site, seen = pages.config, LinkResolver(root), _Site(), _Summaries()
    for planned in groups:
        key = key_of(base, planned[:4], [seen.of(p) for p in planned[4]])
        if last is not None and last.reusable(planned[0], key):
            site.reuse(planned[0], key)
        else:
            site.text(planned[0], render_group(pages, planned), key)
    same_keyword, same_authors, baselines, built_on = near
    planned_papers = []
    for paper in papers:
        note_file = local_file(links, paper, paper.note_url)
        cover = local_file(links, paper, paper.cover_url)
        files = (note_file, note_file and signature(os.path.join(root, note_file)), cover,
                 cover and signature(os.path.join(root, cover)))  # fmt: skip
        lineage = (baselines.get(paper.source, []), built_on.get(paper.source, []))
        found_near = [same_keyword.get(paper.source, []), same_authors.get(paper.source, []), *lineage]
        key = _page_key(base, pages, paper, keys.get(paper.source, ""), files, found_near, seen)
        reused = last is not None and key in last.extras and last.reusable(page_path(paper), key)
        planned_papers.append((paper, note_file, cover, lineage, key, reused))
    fresh = [p[0] for p in planned_papers if not p[5]]
    entries = dict(zip((p.source for p in fresh), bibtex.entry_texts(fresh, keys)))
    for paper, note_file, cover, lineage, key, reused in planned_papers:
        path = page_path(paper)
        if reused:
            paper_record, images, bibtex_entry = last.extras[key]
            site.reuse(path, key)
        else:
            bibtex_entry = entries[paper.source]
            text = note_text(root, note_file)
            html, images = note_html(text, note_file or "", "../files/") if text else ("", [])
            if cover and (root / cover).is_file():
                cover_src = f"../files/{cover}"
            else:
                cover_src = safe_url(paper.cover_url) if paper.cover_url and "://" in paper.cover_url else None
            html = pages.paper(paper, html, cover_src, bibtex_entry, same_keyword, same_authors, lineage)
            site.text(path, html, key)
            paper_record = record(paper, config, path, text)
        for image in images:
            if (root / image).is_file():
                site.copy(f"files/{image}", root / image, last)
        if cover and (root / cover).is_file():
            site.copy(f"files/{cover}", root / cover, last)
        site.extras[key] = (paper_record, list(images), bibtex_entry)
        site.records.append(paper_record)
        site.bibtex[paper.id] = bibtex_entry
    return site


def _base_key(root: Path, pages: Pages, base_url: str) -> bytes:
    """What every page depends on besides its paper: papershelf's code, the config, the address,
    the related lists (the header links them)."""
    config = root / CONFIG_FILE
    related = [(r.name, r.url) for r in pages.environment.globals["related"]]
    return key_of(code_signature(), config.read_bytes() if config.is_file() else b"", base_url, pages.title, related)


def _gather(root: Path, base_url: str, last: Record | None = None) -> tuple[_Site, int, list[PaperFileError]]:
    library = load_library(root)
    config = library.config
    papers = [canonical_paper(p, config) for p in library.papers]
    pages = Pages(config, title=config.title or root.resolve().name, base_url=base_url)
    pages.environment.globals["related"] = related_lists(root, config)
    keys = citation_keys(papers)
    base = _base_key(root, pages, base_url)
    planned_groups, pages.paths = group_pages(papers, pages)
    graph = lineage_of(papers)
    near = (
        _neighbours(papers, lambda p: p.keywords),
        _neighbours(papers, lambda p: p.author_names()),
        *compared(graph),
    )
    with gc_paused():
        if len(papers) >= PARALLEL_FROM and can_fork():  # half the pages on the second core
            half = len(papers) // 2
            half += min(half // 2, len(planned_groups) // 4)  # the second has the group pages too
            second_part = (papers[half:], keys, near, planned_groups, last, base)
            with ForkedCall(_paper_parts, root, pages, *second_part) as second:
                site = _paper_parts(root, pages, papers[:half], keys, near, (), last, base)
                site.update(second.result())
        else:
            site = _paper_parts(root, pages, papers, keys, near, planned_groups, last, base)
    site.text("index.html", pages.index(len(papers)))
    site.text("stats.html", stats_page(papers, pages, read_conferences(root)))
    if pages.environment.globals["related"]:
        site.text("related.html", pages.related())
    site.text("graph.html", pages.graph(families_for_page(graph), len(graph.unresolved)))
    site.text("data/graph.json", json.dumps(graph_data(graph, page_path), ensure_ascii=False, separators=(",", ":")))
    site.text("data/pages.json", json.dumps(pages.paths, ensure_ascii=False, separators=(",", ":")))
    site.text("data/papers.json", json.dumps(encode(site.records), ensure_ascii=False, separators=(",", ":")))
    site.text("data/first.json", json.dumps(first_page(site.records), ensure_ascii=False, separators=(",", ":")))
    site.text("data/bibtex.json", json.dumps(site.bibtex, ensure_ascii=False, separators=(",", ":")))
    site.text(MARKER, "written by papershelf site; the whole folder is replaced by the next build\n")
    site.text(".nojekyll", "")
    return site, len(papers), library.errors


def _write(site: _Site, staging: Path, out: Path) -> int:
    assets = resources.files("papershelf.site").joinpath("assets")
    count = 0
    for name in ASSETS:
        target = staging / "assets" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(assets.joinpath(name).read_bytes())
        count += 1
    for path, text in site.texts.items():
        target = staging / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, "utf-8")
        count += 1
    for path, source in site.copies.items():
        target = staging / path
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        count += 1
    for path in site.reused:  # unchanged since the last build: the same file, linked
        target = staging / path
        target.parent.mkdir(parents=True, exist_ok=True)
        link_or_copy(out / path, target)
        count += 1
    return count


def _swap(staging: Path, out: Path) -> None:
    if out.exists():
        if not out.is_dir():
            raise PapershelfError(f"{out} is a file, not a folder; the site was not written")
        if any(out.iterdir()) and not (out / MARKER).is_file():
            raise PapershelfError(f"{out} holds files papershelf did not write; choose another --out")
        old = out.with_name(f".{out.name}.old-{os.getpid()}")
        out.rename(old)
        staging.rename(out)
        shutil.rmtree(old, ignore_errors=True)
    else:
        staging.rename(out)


def run(root: Path | str, out: Path | str | None = None, base_url: str = "") -> SiteResult:
    """Build the site of the library at ``root`` into ``out`` (default: ``<root>/site``)."""
    root = Path(root)
    out = Path(out) if out is not None else root / DEFAULT_OUT
    last = reuse.load(root, out) if (out / MARKER).is_file() else None
    site, papers, errors = _gather(root, base_url, last)
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = out.with_name(f".{out.name}.new-{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)
    try:
        files = _write(site, staging, out)
        _swap(staging, out)
        reuse.save(root, out, site.keys, site.extras)
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise PapershelfError(f"cannot write the site into {out}: {exc.strerror or exc}") from exc
    except PapershelfError:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return SiteResult(out, papers, files, errors)
