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
from urllib.parse import urlsplit

from papershelf.core.model import Paper
from papershelf.core.views import README, VIEWS, group_keys, view_file
from papershelf.render import escape as md
from papershelf.render.author_view import limit_note, shown_authors
from papershelf.render.page import Before, Page, Reuse, Section
from papershelf.render.style import Links, PagedStyle, RenderInputs

# Each view's noun, one and many.
NOUNS = [("keyword", "keywords"), ("year", "years"), ("venue", "venues"), ("institution", "institutions")]
VIEW_TITLES = dict(zip(VIEWS, [*NOUNS, ("author", "authors")], strict=True))
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
        path = f"{shields_part(venue)}-{year}-{md.url(color)}"
    else:
        path = f"{shields_part(venue or year)}-{md.url(color) if venue else 'lightgrey'}"
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
    if not md.safe_url(paper.code_url):
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

    def __init__(self, paper: Paper, inputs: RenderInputs, links: Links):
        self.paper = paper
        self.meta = md.link(paper.abbr or paper.id, "./" + paper.source)
        self.title = md.link(paper.title or paper.id, md.safe_url(paper.url) or "")
        self.cover = ""
        cover = md.safe_url(links.target(paper, paper.cover_url)) if paper.cover_url else None
        if cover:
            self.cover = f'<img src="{md.attribute(cover)}" width="{COVER_WIDTH}" alt="cover">'
        self.badge = venue_badge(paper, inputs.config.venue_color(paper.venue or ""))
        self.code = code_cell(paper)
        note = md.safe_url(links.target(paper, paper.note_url)) if paper.note_url else None
        self.note = md.link("note", note) if note else ""
        self.sort_key = sort_key(paper)
        self._lines: dict[tuple, str] = {}

    @property
    def parts(self) -> tuple[str, ...]:
        """The cells as plain strings, to send from another process (`of_parts` makes them again)."""
        return tuple(getattr(self, name) for name in _CELL_NAMES)

    @classmethod
    def of_parts(cls, paper: Paper, parts: tuple[str, ...]) -> _Cells:
        cells = object.__new__(cls)
        cells.__dict__.update(zip(_CELL_NAMES, parts, strict=True))
        cells.paper, cells.sort_key, cells._lines = paper, sort_key(paper), {}
        return cells

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


_CELL_NAMES = ("meta", "title", "cover", "badge", "code", "note")
COLUMNS = (("#", None), ("Paper", "meta"), ("Title", "title"), ("Cover", "cover"), ("Venue", "badge"))
COLUMNS += (("Code", "code"), ("Note", "note"))
_ROW_BYTES = 12  # of a table row's frame, besides its cells


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


# The page each file is: README.md lists the papers by year, as the year view does.
PAGES = {README: "readme", **{view_file(view): view for view in VIEWS}}
UNDATED = UNKNOWN = None  # the key of the papers without a year (year view) or venue (venue view)


class Rows:
    """A library's papers by source, and their cells, each made when first needed.

    ``papers`` (all of the inputs' by default) may be a mapping that reads
    each paper when asked, and ``marks`` the sources of the papers with a cover
    and of those with a note, known already: a build that renders a few
    sections again needs only a few papers.
    """

    def __init__(
        self,
        inputs: RenderInputs,
        links: Links,
        cells: Iterable[_Cells] = (),
        papers: Mapping[str, Paper] | None = None,
        marks: tuple[set[str], set[str]] | None = None,
    ):
        self.inputs, self.links = inputs, links
        self.papers = papers if papers is not None else {paper.source: paper for paper in inputs.papers}
        self._cells = {c.paper.source: c for c in cells}
        self._sizes: dict[str, int] = {}  # _Cells.size by source, for summing without the cells
        self._sized = 0  # how many of the cells made are in _sizes
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
                made[source] = _Cells(self.papers[source], self.inputs, self.links)
        return list(map(made.__getitem__, sources))

    def made(self) -> list[_Cells]:
        """The cells made so far, in the order given (display order, in a full render)."""
        return list(self._cells.values())

    def size(self, sources: list[str]) -> int:
        """About the bytes of the table rows of ``sources``: summed for every author section."""
        known = self._sized_up()
        try:
            return sum(map(known.__getitem__, sources))
        except KeyError:  # a paper not read yet (a partial build)
            for cells in self.cells([source for source in sources if source not in known]):
                known[cells.paper.source] = cells.size
            self._sized = len(self._cells)
            return sum(map(known.__getitem__, sources))

    def _sized_up(self) -> dict[str, int]:
        """The row sizes by source, those of the cells made since the last call added."""
        known = self._sizes
        if self._sized < len(self._cells):
            known.update((source, cells.size) for source, cells in self._cells.items() if source not in known)
            self._sized = len(self._cells)
        return known

    def know_sizes(self, sizes: Mapping[str, int]) -> None:
        """Take the row sizes a build worked out before, of papers that did not change since: a
        partial build sums a changed author section from them, without reading its thousands of
        papers (a prolific author's, at 100,000 papers)."""
        self._sizes.update(sizes)

    def known_sizes(self) -> dict[str, int]:
        """The row size of every paper summed so far, for the next build to `know_sizes`."""
        return dict(self._sized_up())


class PapershelfStyle(PagedStyle):
    name = "papershelf"
    pages = PAGES

    def prepare(self, inputs: RenderInputs, links: Links) -> Rows:
        """The cells of every paper, in display order once and for all: every group lists its papers so.
        For many papers, those of the later half are made on another core (their links are most of
        the work: `LinkResolver.on_two_cores`)."""
        papers = inputs.papers
        cells, there = links.on_two_cores(
            papers, lambda some: [_Cells(p, inputs, links) for p in some], lambda made: [c.parts for c in made]
        )
        if there is not None:
            cells += map(_Cells.of_parts, papers[len(cells) :], there)
        cells.sort(key=operator.attrgetter("sort_key"))
        return Rows(inputs, links, cells)

    def rows_of(self, inputs: RenderInputs, links: Links, papers: Mapping[str, Paper], marks: tuple) -> Rows:
        return Rows(inputs, links, papers=papers, marks=marks)

    def marks(self, papers: Iterable[Paper]) -> tuple[set[str], set[str]]:
        """The sources of the papers with a cover, and of those with a note: the columns a section may need."""
        return marked(papers)

    def render(
        self, inputs: RenderInputs, links: Links, names: Collection[str] | None = None, prepared: Rows | None = None
    ) -> dict[str, Page]:
        """The pages (of ``names``), from the rows `prepare` made (or made here)."""
        rows = prepared if prepared is not None else self.prepare(inputs, links)
        papers = [cells.paper for cells in rows.made()]
        pages, grouped = {}, {}
        for name, kind in PAGES.items():
            if names is None or name in names:
                grouping = "year" if kind == "readme" else kind  # README.md lists the papers by year
                if grouping not in grouped:
                    grouped[grouping] = self.group(papers, grouping)
                # Each page its own lists: a partial build changes them page by page.
                groups = {key: list(members) for key, members in grouped[grouping].items()}
                pages[name] = self.compose(inputs, kind, groups, rows)
        return pages

    def group(self, papers: Iterable[Paper], kind: str) -> dict[Hashable, list[str]]:
        """The sources of ``papers`` by group of page ``kind``, in the order given."""
        groups: dict[Hashable, list[str]] = {}
        if kind in ("readme", "year", "publication"):  # one group a paper: no list of keys made
            attribute = "venue" if kind == "publication" else "year"
            for paper in papers:  # a paper without one under UNDATED (UNKNOWN), which is None
                groups.setdefault(getattr(paper, attribute) or None, []).append(paper.source)
            return groups
        keys_of = self.keys_of
        for paper in papers:
            for key in keys_of(kind, paper):
                groups.setdefault(key, []).append(paper.source)
        return groups

    # -- what a page is made of -----------------------------------------------------------

    def keys_of(self, kind: str, paper: Paper) -> Iterable[Hashable]:
        """The groups of page ``kind`` that list ``paper``, each once: a paper without a year or a
        venue is listed under `UNDATED` or `UNKNOWN`."""
        view = "year" if kind == "readme" else kind
        keys = group_keys(view, paper)
        if not keys and view in ("year", "publication"):
            return [UNDATED]
        return keys

    def order(self, inputs: RenderInputs, kind: str) -> Callable[[Hashable], tuple]:
        if kind in ("year", "readme"):
            return lambda k: (k is UNDATED, -(k or 0))
        if kind == "keyword":
            position = {name: i for i, name in enumerate(inputs.vocabulary)}
            return lambda k: (position.get(k, len(position)), k)
        return lambda k: (k is None, (k or "").casefold(), k or "")

    def sort_key(self, paper: Paper) -> tuple:
        return sort_key(paper)

    @staticmethod
    def heading(inputs: RenderInputs, kind: str, key: Hashable) -> str:
        if kind in ("year", "readme"):
            return NO_YEAR if key is UNDATED else str(key)
        if kind == "publication" and key is UNKNOWN:
            return NO_VENUE
        return inputs.config.keyword_label(key) if kind == "keyword" else key

    def compose(
        self, inputs: RenderInputs, kind: str, groups: dict[Hashable, list[str]], rows: Rows, reuse: Reuse | None = None
    ) -> Page:
        """The page of ``kind`` listing ``groups``.

        With ``reuse`` (a partial build), ``groups`` are in section order
        already; the author sections' sizes known are taken from it (the others
        are estimated from their cells); and a section as it was written is
        kept as it was unless its group is touched or its anchor moved, and
        otherwise lends the rows of the papers that did not change.
        """
        keys = list(groups) if reuse else sorted(groups, key=self.order(inputs, kind))
        groups = {key: groups[key] for key in keys}  # in order, as the page keeps them
        sizes = dict(reuse.sizes) if reuse else {}
        row_sizes = {}
        if kind == "author":  # hundreds of thousands of authors at 100,000 papers: one pass over them
            if reuse:
                rows.know_sizes(reuse.row_sizes)
            keys = shown_authors(groups, inputs.config, sizes, rows.size)
            row_sizes = rows.known_sizes()
        headings = [self.heading(inputs, kind, key) for key in keys]
        anchors = md.anchors(headings)
        if kind == "readme":
            anchors = ["year-" + anchor for anchor in anchors]
        sections = []
        for key, heading, anchor in zip(keys, headings, anchors):
            old = reuse.before(key) if reuse else None
            if old is not None and old.anchor == anchor and key not in reuse.touched:
                text = old.text
            else:
                text = self.section(kind, heading, anchor, groups[key], rows, old)
            sections.append(Section(key, anchor, text))
        shown = [(heading, anchor, len(groups[key])) for key, heading, anchor in zip(keys, headings, anchors)]
        if kind == "readme":
            head, tail = self.readme_head(inputs, len(rows.papers), shown), self.readme_tail(inputs)
        else:
            listed = len(set().union(*(groups[key] for key in keys)))
            head, tail = self.head(inputs, kind, shown, listed), ""
        return Page(head, sections, tail, groups, sizes, row_sizes)

    # -- the text -------------------------------------------------------------------------

    def head(self, inputs: RenderInputs, kind: str, shown: list[tuple[str, str, int]], listed: int) -> str:
        one, many = VIEW_TITLES[kind]
        out = [f"# Papers by {one}\n\n"]
        out.append(f"{_count(listed, 'paper', 'papers')} in {_count(len(shown), one, many)}")
        if kind == "author":
            out.append(limit_note((count for _, _, count in shown), inputs.config))
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
            known = self._known_rows(old, head.count("\n"), "{}. ")
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
        known = self._known_rows(old, head.count("\n"), "| {} | ", head)
        attributes = tuple(attr for _, attr in columns[1:])
        lines = [known.get(s) for s in members] if known else [c.line(attributes) for c in rows.cells(members)]
        if known and None in lines:
            made = iter(rows.cells([s for s, line in zip(members, lines) if line is None]))
            lines = [line if line is not None else next(made).line(attributes) for line in lines]
        table = "".join(f"| {number} | {line}\n" for number, line in enumerate(lines, 1))
        return head + table + "\n[Back to contents](#contents)\n\n"

    @staticmethod
    def _known_rows(old: Before | None, head_lines: int, numbering: str, head: str = "") -> dict[str, str]:
        """The rows ``old`` lists, without their numbers (each row starts with ``numbering`` of its
        number), by source; none if its columns were others."""
        if old is None:
            return {}
        lines = old.text.split("\n")
        if head and lines[head_lines - 2 : head_lines] != head.split("\n")[head_lines - 2 : head_lines]:
            return {}  # the columns changed: every row has other cells
        rows = lines[head_lines : head_lines + len(old.members)]
        return {
            source: row[len(numbering.format(number)) :]
            for number, (source, row) in enumerate(zip(old.members, rows), start=1)
            if source is not None
        }

    def readme_head(self, inputs: RenderInputs, papers: int, shown: list[tuple[str, str, int]]) -> str:
        config = inputs.config
        if inputs.readme_prefix:
            out = [inputs.readme_prefix.rstrip("\n") + "\n\n"]
        else:
            out = [f"# {md.text(config.title or inputs.name)}\n\n"]
            if config.description:
                out.append(f"{md.text(config.description.strip())}\n\n")
        out.append("## Papers\n\n")
        views = " · ".join(f"[{VIEW_TITLES[view][0]}]({view_file(view)})" for view in VIEWS)
        out.append(f"{_count(papers, 'paper', 'papers')}. Browse by {views}.\n\n")
        if shown:
            out.append(" · ".join(f"[{heading}](#{anchor}) ({count})" for heading, anchor, count in shown))
            out.append("\n\n")
        return "".join(out)

    @staticmethod
    def readme_tail(inputs: RenderInputs) -> str:
        out = []
        if inputs.related:
            out.append("## Related lists\n\n")
            for item in inputs.related:
                repo = github_repo(item.url) if md.safe_url(item.url) else None
                badge = f" ![stars](https://img.shields.io/github/stars/{md.url(repo)}?style=social)" if repo else ""
                link = md.link(item.name, item.url) if md.safe_url(item.url) else md.text(item.name)
                out.append(f"- {link}{badge}\n")
            out.append("\n")
        suffix = inputs.readme_suffix
        if suffix:
            out.append(suffix.rstrip("\n") + "\n")
        return "".join(out).rstrip("\n") + "\n" if out else ""
