"""papershelf's own style: readable on GitHub, safe for any title, easy to navigate.

Compared with EfficientPaper's format it has real column names, a count per
section, a table of contents with working anchors, escaped cells, compact cover
thumbnails, an unlinked venue badge and a stars badge that links to the
repository.  Tables are not padded, so that changing one paper changes one
line of the diff.
"""

from __future__ import annotations

import functools
import operator
import re
from collections.abc import Callable, Collection, Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import NamedTuple
from urllib.parse import urlsplit

from papershelf.core.model import Paper
from papershelf.library.links import LinkResolver
from papershelf.library.loader import Library
from papershelf.render import escape as md

VIEW_TITLES = {
    "keyword": ("keyword", "keywords"),
    "year": ("year", "years"),
    "publication": ("venue", "venues"),
    "institution": ("institution", "institutions"),
    "author": ("author", "authors"),
}
NO_YEAR = "Undated"
NO_VENUE = "Unknown venue"
COVER_WIDTH = 160


def shields_part(value: str) -> str:
    """One part of a shields.io static badge path (dashes and underscores doubled)."""
    return md.url(value.replace("-", "--").replace("_", "__").replace(" ", "_"))


def venue_badge(paper: Paper, color: str) -> str:
    return _badge(paper.venue or "", paper.year or 0, color)


@functools.lru_cache(maxsize=4096)  # a list has few venue-year pairs and many papers
def _badge(venue: str, year_number: int, color: str) -> str:
    year = str(year_number) if year_number else ""
    if not venue and not year:
        return ""
    alt = " ".join(p for p in (venue, year) if p)
    if venue and year:
        path = f"{shields_part(venue)}-{year}-{color}"
    else:
        path = f"{shields_part(venue or year)}-{color if venue else 'lightgrey'}"
    return f"![{md.text(alt)}](https://img.shields.io/badge/{path})"


_PLAIN_GITHUB = re.compile(r"https://github\.com(/[^?#\t\r\n]*)[^\t\r\n]*")


def github_repo(url: str) -> str | None:
    """``owner/repo`` of a GitHub url, or None."""
    plain = _PLAIN_GITHUB.fullmatch(url)  # most code urls: no need for urlsplit
    if plain:
        path = plain.group(1)
    else:
        parts = urlsplit(url if "//" in url else "https://" + url)
        if parts.hostname not in ("github.com", "www.github.com"):
            return None
        path = parts.path
    segments = [s for s in path.split("/") if s]
    if len(segments) < 2:
        return None
    repo = segments[1].removesuffix(".git")
    return f"{segments[0]}/{repo}"


def code_cell(paper: Paper) -> str:
    if not paper.code_url:
        return ""
    repo = github_repo(paper.code_url)
    if repo:
        return (
            f"[![GitHub stars](https://img.shields.io/github/stars/{md.url(repo)}?style=social)]"
            f"(https://github.com/{md.url(repo)})"
        )
    return md.link(paper.code_type or "code", paper.code_url)


def marked(papers: Iterable[Paper]) -> tuple[set[str], set[str]]:
    """The sources of the papers with a cover, and of those with a note: the columns a section may need."""
    papers = list(papers)
    return {p.source for p in papers if p.cover_url}, {p.source for p in papers if p.note_url}


def sort_key(paper: Paper) -> tuple:
    """The order of papers in every section: newest first, then by venue and title."""
    return (-(paper.year or 0), (paper.venue or "").casefold(), (paper.title or "").casefold(), paper.source)


class _Cells:
    """The rendered cells of one paper, shared by every view."""

    def __init__(self, paper: Paper, library: Library, links: LinkResolver):
        self.paper = paper
        self.meta = md.link(paper.abbr or paper.id, "./" + paper.source)
        self.title = md.link(paper.title or paper.id, paper.url or "")
        self.cover = ""
        if paper.cover_url:
            src = md.attribute(links.target(paper, paper.cover_url))
            self.cover = f'<img src="{src}" width="{COVER_WIDTH}" alt="cover">'
        self.badge = venue_badge(paper, library.config.venue_color(paper.venue or ""))
        self.code = code_cell(paper)
        self.note = md.link("note", links.target(paper, paper.note_url)) if paper.note_url else ""
        self.sort_key = sort_key(paper)
        self._lines: dict[tuple, str] = {}

    @functools.cached_property
    def size(self) -> int:
        """About the bytes of this paper's table row."""
        cells = (self.meta, self.title, self.cover, self.badge, self.code, self.note)
        return _ROW_BYTES + sum(map(len, cells))

    @functools.cached_property
    def item(self) -> str:
        """The paper's item in README.md, after its number."""
        return " ".join(p for p in (self.title, self.badge, self.code, self.note) if p)

    def line(self, attributes: tuple[str, ...]) -> str:
        """The table line after its number, for these columns; kept, as a paper is in many sections."""
        line = self._lines.get(attributes)
        if line is None:
            line = self._lines[attributes] = " | ".join(getattr(self, a) for a in attributes) + " |"
        return line


COLUMNS = (("#", None), ("Paper", "meta"), ("Title", "title"), ("Cover", "cover"), ("Venue", "badge"))
COLUMNS += (("Code", "code"), ("Note", "note"))
# Bytes of a section besides its rows (heading, anchor, table header, link back), and of a row's frame.
_SECTION_BYTES, _ROW_BYTES = 200, 12


def fitting_minimum(sizes: Iterable[tuple[int, int]], max_mb: float) -> int:
    """The fewest papers an author needs for a section, if the author page is to fit in ``max_mb``.

    ``sizes`` gives each author section's number of papers and estimated bytes.
    A list of 100,000 papers has hundreds of thousands of authors, and a page of
    them all would be hundreds of megabytes that neither GitHub nor an editor
    shows.  The minimum is raised, step by step, to the first that brings the
    page's estimated size under the limit (0: no limit); the most prolific
    authors stay whatever their size.
    """
    size_by_count: dict[int, int] = {}
    for count, size in sizes:
        size_by_count[count] = size_by_count.get(count, 0) + size
    if not max_mb or not size_by_count:
        return 1
    total, budget = sum(size_by_count.values()), max_mb * 1_000_000
    least = min(size_by_count)
    for count in sorted(size_by_count)[:-1]:
        if total <= budget:
            break
        total -= size_by_count[count]
        least = count + 1
    return least


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


# The page each file is: README.md lists the papers by year, as the year view does.
PAGES = {"README.md": "readme", **{f"cls_{view}.md": view for view in VIEW_TITLES}}
UNDATED = UNKNOWN = None  # the key of the papers without a year (year view) or venue (venue view)


@dataclass
class Section:
    key: Hashable  # keyword name, year or venue (None: without one), institution or author name
    anchor: str
    text: str


@dataclass
class Page:
    """A file in parts, so that a later build can render again only the sections a change touches.

    ``groups`` holds the sources of every group's papers in display order, those
    of the groups the page leaves out too (authors with too few papers), and
    ``sizes`` the estimated bytes of each author section.
    """

    head: str
    sections: list[Section]
    tail: str
    groups: dict[Hashable, list[str]]
    sizes: dict[Hashable, int] = field(default_factory=dict)

    @functools.cached_property
    def text(self) -> str:
        """The file: its `chunks` joined once (the views run to 100 MB)."""
        return "".join(self.chunks)

    @property
    def chunks(self) -> list[str]:
        """The file in parts, ending in one newline: written as they are, never joined (a join of
        a view's 70 MB costs more than writing it)."""
        parts = [self.head, *(section.text for section in self.sections), self.tail]
        while parts and not parts[-1].rstrip("\n"):
            parts.pop()
        if parts:
            parts[-1] = parts[-1].rstrip("\n")
        parts.append("\n")
        return parts


class Rows:
    """A library's papers by source, and their cells, each made when first needed.

    ``papers`` (all of ``library``'s by default) may be a mapping that reads
    each paper when asked, and ``marks`` the sources of the papers with a cover
    and of those with a note, known already: a build that renders a few
    sections again needs only a few papers.
    """

    def __init__(
        self,
        library: Library,
        links: LinkResolver,
        cells: Iterable[_Cells] = (),
        papers: Mapping[str, Paper] | None = None,
        marks: tuple[set[str], set[str]] | None = None,
    ):
        self.library, self.links = library, links
        self.papers = papers if papers is not None else {paper.source: paper for paper in library.papers}
        self._cells = {c.paper.source: c for c in cells}
        self._sizes: dict[str, int] = {}  # _Cells.size by source, for summing without the cells
        if marks is None:
            marks = (
                {s for s, p in self.papers.items() if p.cover_url},
                {s for s, p in self.papers.items() if p.note_url},
            )
        self.with_cover, self.with_note = marks

    def cells(self, sources: list[str]) -> list[_Cells]:
        made = self._cells
        try:
            return list(map(made.__getitem__, sources))  # all made already, in a full render
        except KeyError:
            pass
        for source in sources:
            if source not in made:
                made[source] = _Cells(self.papers[source], self.library, self.links)
        return list(map(made.__getitem__, sources))

    def made(self) -> list[_Cells]:
        """The cells made so far, in the order given (display order, in a full render)."""
        return list(self._cells.values())

    def size(self, sources: list[str]) -> int:
        """About the bytes of the table rows of ``sources``: summed for every author section."""
        known = self._sizes
        if len(known) < len(self._cells):  # the cells made since the last call
            known.update((source, cells.size) for source, cells in self._cells.items() if source not in known)
        try:
            return sum(map(known.__getitem__, sources))
        except KeyError:  # a paper not read yet (a partial build)
            return sum(cells.size for cells in self.cells(sources))


class Before(NamedTuple):
    """A section as the last build wrote it, for rendering it again."""

    anchor: str
    text: str
    members: list[str | None]  # the papers it listed, in order; None for those changed or gone since


class PapershelfStyle:
    name = "papershelf"

    def render(self, library: Library, links: LinkResolver, names: Collection[str] | None = None) -> dict[str, str]:
        return {name: page.text for name, page in self.pages(library, links, names).items()}

    def rows(self, library: Library, links: LinkResolver) -> Rows:
        """The cells of every paper, in display order once and for all: every group lists its papers so.

        Made before a render on two cores forks, so that both processes share them.
        """
        cells = sorted((_Cells(p, library, links) for p in library.papers), key=operator.attrgetter("sort_key"))
        return Rows(library, links, cells)

    def pages(
        self, library: Library, links: LinkResolver, names: Collection[str] | None = None, rows: Rows | None = None
    ) -> dict[str, Page]:
        """The pages (of ``names``), from the `rows` given or made here."""
        rows = rows if rows is not None else self.rows(library, links)
        papers = [cells.paper for cells in rows.made()]
        pages, grouped = {}, {}
        for name, kind in PAGES.items():
            if names is None or name in names:
                grouping = "year" if kind == "readme" else kind  # README.md lists the papers by year
                if grouping not in grouped:
                    grouped[grouping] = self.group(papers, grouping)
                # Each page its own lists: a partial build changes them page by page.
                groups = {key: list(members) for key, members in grouped[grouping].items()}
                pages[name] = self.compose(library, kind, groups, rows)
        return pages

    def group(self, papers: Iterable[Paper], kind: str) -> dict[Hashable, list[str]]:
        """The sources of ``papers`` by group of page ``kind``, in the order given."""
        groups: dict[Hashable, list[str]] = {}
        keys_of = self.keys_of
        for paper in papers:
            for key in keys_of(kind, paper):
                groups.setdefault(key, []).append(paper.source)
        return groups

    # -- what a page is made of -----------------------------------------------------------

    @staticmethod
    def keys_of(kind: str, paper: Paper) -> Iterable[Hashable]:
        """The groups of page ``kind`` that list ``paper``, each once."""
        if kind in ("year", "readme"):
            return [paper.year or UNDATED]
        if kind == "publication":
            return [paper.venue or UNKNOWN]
        if kind == "keyword":
            return dict.fromkeys(paper.keywords)
        if kind == "institution":
            return paper.institution_names()
        return paper.author_names()

    @staticmethod
    def order(library: Library, kind: str) -> Callable[[Hashable], tuple]:
        """The sort key of a group key: the order of the sections."""
        if kind in ("year", "readme"):
            return lambda k: (k is UNDATED, -(k or 0))
        if kind == "keyword":
            position = {name: i for i, name in enumerate(library.vocabulary)}
            return lambda k: (position.get(k, len(position)), k)
        return lambda k: (k is None, (k or "").casefold(), k or "")

    @staticmethod
    def heading(library: Library, kind: str, key: Hashable) -> str:
        if kind in ("year", "readme"):
            return NO_YEAR if key is UNDATED else str(key)
        if kind == "publication" and key is UNKNOWN:
            return NO_VENUE
        return library.config.keyword_label(key) if kind == "keyword" else key

    def compose(
        self,
        library: Library,
        kind: str,
        groups: dict[Hashable, list[str]],
        rows: Rows,
        sizes: dict[Hashable, int] | None = None,
        before: Callable[[Hashable], Before | None] = lambda key: None,
        touched: Collection[Hashable] = (),
        in_order: bool = False,
    ) -> Page:
        """The page of ``kind`` listing ``groups``.

        For a build that renders again only what changed: ``sizes`` are the
        author sections' sizes known already (the others are estimated from
        their cells); ``before`` gives a section as it was written, which is
        kept as it was unless its group is ``touched`` or its anchor moved, and
        otherwise lends the rows of the papers that did not change; ``in_order``
        says that ``groups`` are in the order of their sections already.
        """
        config = library.config
        keys = list(groups) if in_order else sorted(groups, key=self.order(library, kind))
        groups = {key: groups[key] for key in keys}  # in order, as the page keeps them
        sizes = dict(sizes or {})
        if kind == "author":  # hundreds of thousands of authors at 100,000 papers: one pass over them
            configured = config.author_min_papers
            counted = []  # (papers, bytes) of each section the configured minimum allows
            for key, members in groups.items():
                if len(members) >= configured:
                    size = sizes.get(key)
                    if size is None:
                        size = sizes[key] = _SECTION_BYTES + rows.size(members)
                    counted.append((len(members), size))
            least = max(configured, fitting_minimum(counted, config.author_view_max_mb))
            keys = [key for key, members in groups.items() if len(members) >= least]
        headings = [self.heading(library, kind, key) for key in keys]
        anchors = md.anchors(headings)
        if kind == "readme":
            anchors = ["year-" + anchor for anchor in anchors]
        sections = []
        for key, heading, anchor in zip(keys, headings, anchors):
            old = before(key)
            if old is not None and old.anchor == anchor and key not in touched:
                text = old.text
            else:
                text = self.section(kind, heading, anchor, groups[key], rows, old)
            sections.append(Section(key, anchor, text))
        shown = [(heading, anchor, len(groups[key])) for key, heading, anchor in zip(keys, headings, anchors)]
        if kind == "readme":
            head, tail = self.readme_head(library, len(rows.papers), shown), self.readme_tail(library)
        else:
            listed = len(set().union(*(groups[key] for key in keys)))
            head, tail = self.head(library, kind, shown, listed), ""
        return Page(head, sections, tail, groups, sizes)

    # -- the text -------------------------------------------------------------------------

    def head(self, library: Library, kind: str, shown: list[tuple[str, str, int]], listed: int) -> str:
        one, many = VIEW_TITLES[kind]
        out = [f"# Papers by {one}\n\n"]
        out.append(f"{_count(listed, 'paper', 'papers')} in {_count(len(shown), one, many)}")
        configured = library.config.author_min_papers
        if kind == "author":
            least = min((count for _, _, count in shown), default=configured)
            if least > configured:
                limit = library.config.author_view_max_mb
                out.append(f" (authors with at least {least} papers, to keep this page under {limit:g} MB)")
            elif configured > 1:
                out.append(f" (authors with at least {configured} papers)")
        out.append(". Generated by papershelf from `meta/`: edit the metadata, not this file.\n\n")
        if shown:
            out.append("## Contents\n\n")
            out.extend(f"- [{md.text(heading)}](#{anchor}) ({count})\n" for heading, anchor, count in shown)
            out.append("\n")
        return "".join(out)

    def section(self, kind: str, heading: str, anchor: str, members: list[str], rows: Rows, old: Before | None) -> str:
        """A section listing ``members``; the rows of papers ``old`` listed are copied from it."""
        if kind == "readme":
            head = f'<a id="{anchor}"></a>\n\n### {heading} ({len(members)})\n\n'
            known = self._known_rows(old, head.count("\n"), ". ")
            items = [known.get(s) for s in members] if known else [c.item for c in rows.cells(members)]
            if known and None in items:
                made = iter(rows.cells([s for s, item in zip(members, items) if item is None]))
                items = [item if item is not None else next(made).item for item in items]
            return head + "".join(f"{number}. {item}\n" for number, item in enumerate(items, 1)) + "\n"
        # Cover and note columns only where some paper in the section has one.
        hidden = {
            attr
            for attr, marked in (("cover", rows.with_cover), ("note", rows.with_note))
            if marked.isdisjoint(members)
        }
        columns = [(name, attr) for name, attr in COLUMNS if attr not in hidden]
        head = (
            f'<a id="{anchor}"></a>\n\n## {md.text(heading)} ({len(members)})\n\n'
            + "| "
            + " | ".join(name for name, _ in columns)
            + " |\n|"
            + "|".join("--:" if attr is None else ":--" for _, attr in columns)
            + "|\n"
        )
        known = self._known_rows(old, head.count("\n"), " | ", head)
        attributes = tuple(attr for _, attr in columns[1:])
        lines = [known.get(s) for s in members] if known else [c.line(attributes) for c in rows.cells(members)]
        if known and None in lines:
            made = iter(rows.cells([s for s, line in zip(members, lines) if line is None]))
            lines = [line if line is not None else next(made).line(attributes) for line in lines]
        table = "".join(f"| {number} | {line}\n" for number, line in enumerate(lines, 1))
        return head + table + "\n[Back to contents](#contents)\n\n"

    @staticmethod
    def _known_rows(old: Before | None, head_lines: int, after_number: str, head: str = "") -> dict[str, str]:
        """The rows ``old`` lists, after their numbers, by source; none if its columns were others."""
        if old is None:
            return {}
        lines = old.text.split("\n")
        if head and lines[head_lines - 2 : head_lines] != head.split("\n")[head_lines - 2 : head_lines]:
            return {}  # the columns changed: every row has other cells
        rows = lines[head_lines : head_lines + len(old.members)]
        return {s: row.split(after_number, 1)[1] for s, row in zip(old.members, rows) if s is not None}

    def readme_head(self, library: Library, papers: int, shown: list[tuple[str, str, int]]) -> str:
        config = library.config
        prefix = library.readme_part("README_prefix.md")
        if prefix:
            out = [prefix.rstrip("\n") + "\n\n"]
        else:
            out = [f"# {md.text(config.title or library.root.resolve().name)}\n\n"]
            if config.description:
                out.append(f"{config.description.strip()}\n\n")
        out.append("## Papers\n\n")
        views = " · ".join(
            f"[{VIEW_TITLES[v][0]}](cls_{v}.md)" for v in ("keyword", "year", "publication", "institution", "author")
        )
        out.append(f"{_count(papers, 'paper', 'papers')}. Browse by {views}.\n\n")
        if shown:
            out.append(" · ".join(f"[{heading}](#{anchor}) ({count})" for heading, anchor, count in shown))
            out.append("\n\n")
        return "".join(out)

    @staticmethod
    def readme_tail(library: Library) -> str:
        suffix = library.readme_part("README_suffix.md")
        return suffix.rstrip("\n") + "\n" if suffix else ""
