"""What the full build of the site (`build`) and its update after a few edits (`update`) make
alike, so that the two write the same bytes: a paper's page and its inputs, the data files,
the pages of the whole list."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import NamedTuple

from papershelf.core.model import Paper, as_tuple
from papershelf.library.config import CONFIG_FILE
from papershelf.library.file_stats import signature
from papershelf.library.links import LinkResolver
from papershelf.library.related import related_lists
from papershelf.render.escape import safe_url
from papershelf.site.groups import stats_page
from papershelf.site.lineage_page import families_for_page, graph_data
from papershelf.site.neighbours import Groups
from papershelf.site.notes import local_file, note_html, note_text
from papershelf.site.pages import Pages
from papershelf.site.records import encode, first_page_of, record
from papershelf.site.reuse import key_of
from papershelf.stats.counts import Tally
from papershelf.stats.timeline import read_conferences

MARKER = ".papershelf-site"
# The marker's text; an update (`update`) adds the build's token, which the state it kept also holds.
MARKER_TEXT = "written by papershelf site; the whole folder is replaced by the next build\n"


def page_path(paper: Paper) -> str:
    return f"papers/{paper.id}.html"


class Near(NamedTuple):
    """The papers each paper page lists, by source (`neighbours`, `lineage_page.compared`)."""

    same_keyword: Groups
    same_authors: Groups
    baselines: dict[str, list[str]]
    built_on: dict[str, list[str]]

    def of(self, paper: Paper) -> tuple[list[str], ...]:
        source = paper.source
        found = (self.baselines.get(source, []), self.built_on.get(source, []))
        return (self.same_keyword.near(paper), self.same_authors.near(paper), *found)


def page_key(base: bytes, pages: Pages, paper: Paper, citation: str, files: tuple, shown: list) -> bytes:
    """The key of everything a paper's page is made from (`reuse`)."""
    names = [("venue", paper.venue)] if paper.venue else []
    names += [("keyword", k) for k in paper.keywords] + [("institution", i) for i in paper.institution_names()]
    names += [("author", a) for a in paper.author_names()]
    links = [pages.group_path(kind, name) for kind, name in names]
    others = [[tuple(summary) for summary in found] for found in shown]
    return key_of(base, as_tuple(paper), citation, files, links, others)


def paper_files(root: Path, links: LinkResolver, paper: Paper) -> tuple:
    """The library files a paper's page shows (its note, its cover) and their signatures."""
    note_file = local_file(links, paper, paper.note_url)
    cover = local_file(links, paper, paper.cover_url)
    return (note_file, note_file and signature(os.path.join(root, note_file)), cover,
            cover and signature(os.path.join(root, cover)))  # fmt: skip


def render_paper(root: Path, pages: Pages, paper: Paper, files: tuple, entry: str, shown) -> tuple[str, dict, list]:
    """A paper's page, its search record and the images of its note (library paths)."""
    note_file, _, cover, _ = files
    text = note_text(root, note_file)
    html, images = note_html(text, note_file or "", "../files/") if text else ("", [])
    if cover and (root / cover).is_file():
        cover_src = f"../files/{cover}"
    else:
        cover_src = safe_url(paper.cover_url) if paper.cover_url and "://" in paper.cover_url else None
    html = pages.paper(paper, html, cover_src, entry, shown)
    return html, record(paper, pages.config, page_path(paper), text), list(images)


def copied_files(root: Path, files: tuple, images: list[str]) -> list[str]:
    """The library files a paper's page copies into the site: its note's images and its cover, where they are."""
    cover = files[2]
    return [image for image in [*images, *([cover] if cover else [])] if (root / image).is_file()]


def code_signature() -> list:
    """papershelf's own files (its code, the site's templates and scripts) by size and mtime: a
    site built by another version of papershelf is built again whole."""
    package = Path(__file__).resolve().parents[1]
    files = sorted(p for p in package.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    return [(p.relative_to(package).as_posix(), *signature(p)) for p in files]


def base_key(root: Path, pages: Pages, base_url: str) -> bytes:
    """What every page depends on besides its paper: papershelf's code, the config, the address,
    the related lists (the header links them)."""
    config = root / CONFIG_FILE
    related = [(r.name, r.url) for r in pages.environment.globals["related"]]
    return key_of(code_signature(), config.read_bytes() if config.is_file() else b"", base_url, pages.title, related)


def site_pages(root: Path, config, base_url: str) -> Pages:
    pages = Pages(config, title=config.title or root.resolve().name, base_url=base_url)
    pages.environment.globals["related"] = related_lists(root, config)
    return pages


def json_text(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def shard_texts(shard: int, records: list[dict], entries: list[str]) -> dict[str, str]:
    """The two files of one shard: its papers' search records and their BibTeX entries."""
    return {
        f"data/papers/{shard}.json": json_text(encode(records)),
        f"data/bibtex/{shard}.json": json_text({found["id"]: entry for found, entry in zip(records, entries)}),
    }


def whole_list_texts(pages: Pages, shards: int, counted: Tally, facets, newest_records, root: Path, groups=True):
    """The files made from the whole list's counts: the search page, its first results, the
    statistics page, and (``groups``: when they may have changed) the list of group pages."""
    made = {
        "index.html": pages.index(counted.papers, shards),
        "stats.html": stats_page(counted, pages, read_conferences(root)),
        "data/first.json": json_text(first_page_of(counted.papers, facets, newest_records)),
    }
    if groups:
        made["data/pages.json"] = json_text(pages.paths)
    return made


def lineage_texts(pages: Pages, graph) -> dict[str, str]:
    return {
        "graph.html": pages.graph(families_for_page(graph), len(graph.unresolved)),
        "data/graph.json": json_text(graph_data(graph, page_path)),
    }
