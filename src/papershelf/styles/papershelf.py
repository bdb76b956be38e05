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
from collections.abc import Collection
from urllib.parse import urlsplit

from papershelf import markdown as md
from papershelf.grouping import group
from papershelf.library import Library
from papershelf.links import LinkResolver
from papershelf.model import Paper

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
        self.sort_key = (
            -(paper.year or 0),
            (paper.venue or "").casefold(),
            (paper.title or "").casefold(),
            paper.source,
        )
        self._lines: dict[tuple, str] = {}

    @functools.cached_property
    def size(self) -> int:
        """About the bytes of this paper's table row."""
        cells = (self.meta, self.title, self.cover, self.badge, self.code, self.note)
        return _ROW_BYTES + sum(map(len, cells))

    def line(self, attributes: tuple[str, ...]) -> str:
        """The table line after its number, for these columns; kept, as a paper is in many sections."""
        line = self._lines.get(attributes)
        if line is None:
            line = self._lines[attributes] = " | ".join(getattr(self, a) for a in attributes) + " |"
        return line


# Bytes of a section besides its rows (heading, anchor, table header, link back), and of a row's frame.
_SECTION_BYTES, _ROW_BYTES = 200, 12


def fit_author_view(groups: dict[str, list[_Cells]], max_mb: float) -> dict[str, list[_Cells]]:
    """The author sections, keeping only the most prolific authors if that is what fits in ``max_mb``.

    A list of 100,000 papers has hundreds of thousands of authors, and a page of
    them all would be hundreds of megabytes that neither GitHub nor an editor
    shows.  The minimum number of papers is raised, step by step, to the first
    that brings the page's estimated size under the limit (0: no limit).
    """
    if not max_mb or not groups:
        return groups
    size_by_count: dict[int, int] = {}
    for members in groups.values():
        size = _SECTION_BYTES + sum(cell.size for cell in members)
        size_by_count[len(members)] = size_by_count.get(len(members), 0) + size
    total, budget = sum(size_by_count.values()), max_mb * 1_000_000
    least = min(size_by_count)
    for count in sorted(size_by_count)[:-1]:  # the most prolific authors stay, whatever their size
        if total <= budget:
            break
        total -= size_by_count[count]
        least = count + 1
    return {key: members for key, members in groups.items() if len(members) >= least}


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


class PapershelfStyle:
    name = "papershelf"

    def render(self, library: Library, links: LinkResolver, names: Collection[str] | None = None) -> dict[str, str]:
        # In display order once and for all: every section lists its papers in this order.
        cells = sorted((_Cells(p, library, links) for p in library.papers), key=operator.attrgetter("sort_key"))
        files = {}
        if names is None or "README.md" in names:
            files["README.md"] = self.readme(library, cells)
        for view in VIEW_TITLES:
            if names is None or f"cls_{view}.md" in names:
                files[f"cls_{view}.md"] = self.view(library, view, cells)
        return files

    # -- grouping -------------------------------------------------------------------------

    def groups(self, library: Library, view: str, cells: list[_Cells]) -> list[tuple[str, list[_Cells]]]:
        """Sections of ``view``: key and papers (as cells, in display order), in section order."""
        config = library.config
        min_papers = config.author_min_papers if view == "author" else 1
        groups = group(cells, view, min_papers, paper_of=operator.attrgetter("paper"))
        if view == "author":
            groups = fit_author_view(groups, config.author_view_max_mb)
        if view == "keyword":
            order = {name: i for i, name in enumerate(library.vocabulary)}
            keys = sorted(groups, key=lambda k: (order.get(k, len(order)), k))
            return [(config.keyword_label(k), groups[k]) for k in keys]
        if view == "year":
            result = [(str(y), groups[y]) for y in sorted(groups, reverse=True)]
            undated = [c for c in cells if not c.paper.year]
            return result + ([(NO_YEAR, undated)] if undated else [])
        result = [(k, groups[k]) for k in sorted(groups, key=lambda k: (k.casefold(), k))]
        if view == "publication":
            unknown = [c for c in cells if not c.paper.venue]
            result += [(NO_VENUE, unknown)] if unknown else []
        return result

    # -- files ----------------------------------------------------------------------------

    def view(self, library: Library, view: str, cells: list[_Cells]) -> str:
        one, many = VIEW_TITLES[view]
        groups = self.groups(library, view, cells)
        ids = md.anchors([key for key, _ in groups])
        out = [f"# Papers by {one}\n\n"]
        listed: set[int] = set()
        for _, members in groups:
            listed.update(map(id, members))
        out.append(f"{_count(len(listed), 'paper', 'papers')} in {_count(len(groups), one, many)}")
        configured = library.config.author_min_papers
        if view == "author":
            least = min((len(members) for _, members in groups), default=configured)
            if least > configured:
                limit = library.config.author_view_max_mb
                out.append(f" (authors with at least {least} papers, to keep this page under {limit:g} MB)")
            elif configured > 1:
                out.append(f" (authors with at least {configured} papers)")
        out.append(". Generated by papershelf from `meta/`: edit the metadata, not this file.\n\n")
        if groups:
            out.append("## Contents\n\n")
            out.extend(f"- [{md.text(key)}](#{aid}) ({len(ms)})\n" for (key, ms), aid in zip(groups, ids))
            out.append("\n")
        for (key, members), aid in zip(groups, ids):
            out.append(f'<a id="{aid}"></a>\n\n## {md.text(key)} ({len(members)})\n\n')
            out.append(self.table(members))
            out.append("\n[Back to contents](#contents)\n\n")
        return "".join(out).rstrip("\n") + "\n"

    def table(self, rows: list[_Cells]) -> str:
        columns = [
            ("#", None),
            ("Paper", "meta"),
            ("Title", "title"),
            ("Cover", "cover"),
            ("Venue", "badge"),
            ("Code", "code"),
            ("Note", "note"),
        ]
        # Cover and note columns only where some paper in the section has one.
        columns = [
            (name, attr)
            for name, attr in columns
            if attr not in ("cover", "note") or any(getattr(r, attr) for r in rows)
        ]
        lines = ["| " + " | ".join(name for name, _ in columns) + " |"]
        lines.append("|" + "|".join("--:" if attr is None else ":--" for _, attr in columns) + "|")
        attributes = tuple(attr for _, attr in columns[1:])
        lines.extend(f"| {number} | {row.line(attributes)}" for number, row in enumerate(rows, start=1))
        return "\n".join(lines) + "\n"

    def readme(self, library: Library, cells: list[_Cells]) -> str:
        config = library.config
        prefix = library.readme_part("README_prefix.md")
        if prefix:
            out = [prefix.rstrip("\n") + "\n\n"]
        else:
            out = [f"# {md.text(config.title or library.root.resolve().name)}\n\n"]
            if config.description:
                out.append(f"{config.description.strip()}\n\n")
        groups = self.groups(library, "year", cells)
        ids = ["year-" + a for a in md.anchors([key for key, _ in groups])]
        out.append("## Papers\n\n")
        views = " · ".join(
            f"[{VIEW_TITLES[v][0]}](cls_{v}.md)" for v in ("keyword", "year", "publication", "institution", "author")
        )
        out.append(f"{_count(len(library.papers), 'paper', 'papers')}. Browse by {views}.\n\n")
        if groups:
            out.append(" · ".join(f"[{key}](#{aid}) ({len(ms)})" for (key, ms), aid in zip(groups, ids)))
            out.append("\n\n")
        for (key, members), aid in zip(groups, ids):
            out.append(f'<a id="{aid}"></a>\n\n### {key} ({len(members)})\n\n')
            for number, row in enumerate(members, 1):
                parts = [row.title, row.badge, row.code, row.note]
                out.append(f"{number}. " + " ".join(p for p in parts if p) + "\n")
            out.append("\n")
        suffix = library.readme_part("README_suffix.md")
        if suffix:
            out.append(suffix.rstrip("\n") + "\n")
        return "".join(out).rstrip("\n") + "\n"
