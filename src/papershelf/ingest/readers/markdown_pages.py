"""Reading an awesome-list page: the papers it lists, and the section each is listed under.

Two layouts are read, as EfficientPaper writes them: ``<details>`` sections
(``<summary><b>GROUP</b></summary>``) holding pipe tables whose header names the
columns (meta, title, cover, Publish badge or pub and year, code, note), and
numbered lists ``1. [title](url) [![Publish](badge)] stars``.  The view a page
shows comes from its ``### keyword`` (year, publication, institution, author)
heading.  Each row gives a `Listing`; a row that cannot be read gives a problem
with its line number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from papershelf.core.names import is_safe_id
from papershelf.core.views import VIEWS

_VIEW = re.compile(r"^###\s+(\w+)\s*$")
_GROUP = re.compile(r"<summary><b>(.*)</b></summary>")
_SEPARATOR = re.compile(r"^\|(?:\s*:?-+:?\s*\|)+\s*$")
_ITEM = re.compile(r"^\d+\.\s+(?P<rest>.*)$")
_LINK = re.compile(r"^\[(?P<text>.*)\]\((?P<url>[^\s]*)\)$")
_META = re.compile(r"^\[(?P<abbr>.*)\]\(\./(?P<path>meta/(?:[^/()\s]+/)?(?P<id>[^/()\s]+)\.prototxt)\)$")
_COVER = re.compile(r"^<img [^>]*src='(?P<src>[^']*)'[^>]*>$")
_BADGE = re.compile(
    r"!\[Publish\]\(https://img\.shields\.io/badge/(?P<year>\d{1,4})-(?P<venue>.*)-(?P<color>[^-()]+)\)"
)
_STARS = re.compile(r"^!\[GitHub Repo stars\]\(https://img\.shields\.io/github/stars/(?P<repo>[^/()\s]+/[^/()\s]+)\)$")
_ITEM_PARTS = re.compile(r"^(?P<title>\[.*\]\([^\s]*\)|.*?) \[(?P<badge>!\[Publish\]\([^)]*\))\] ?(?P<code>.*?)\s*$")


@dataclass
class Listing:
    """What one row of a page says about one paper."""

    line: int
    facts: dict = field(default_factory=dict)  # Paper field name -> value
    path: str | None = None  # meta/<year>/<id>.prototxt, when the row links its file
    view: str | None = None
    group: str | None = None
    color: str | None = None  # the venue badge's colour


@dataclass
class ListPage:
    listings: list[Listing] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # "LINE: why"
    layout: str | None = None  # the style the page was written in


def _column(name: str) -> str:
    name = name.strip().lower()
    for suffix, column in (("title", "title"), ("cover", "cover"), ("publish", "badge")):
        if name.endswith(suffix):
            return column
    if name.startswith("code"):
        return "code"
    return {"meta": "meta", "pub": "pub", "year": "year", "note": "note"}.get(name, name)


def _link(cell: str) -> tuple[str, str | None]:
    found = _LINK.match(cell)
    return (found.group("text"), found.group("url")) if found else (cell, None)


def _code(cell: str, facts: dict) -> None:
    if not cell:
        return
    stars = _STARS.match(cell)
    if stars:
        facts["code_url"] = f"https://github.com/{stars.group('repo')}"
        return
    found = _LINK.match(cell)
    if not found:
        raise ValueError(f"code cell {cell!r} is neither a stars badge nor a link")
    facts["code_type"], facts["code_url"] = found.group("text"), found.group("url")


def _badge(cell: str, listing: Listing) -> None:
    found = _BADGE.fullmatch(cell)
    if not found:
        raise ValueError(f"venue badge {cell!r} is not one")
    listing.facts["year"] = int(found.group("year"))
    listing.facts["venue"] = found.group("venue").replace("_", " ")
    listing.color = found.group("color")


def _title(cell: str, facts: dict) -> None:
    title, url = _link(cell)
    facts["title"] = title
    if url is not None:
        facts["url"] = url


def read_row(cells: list[str], columns: list[str], listing: Listing) -> None:
    facts = listing.facts
    for column, cell in zip(columns, cells):
        if column == "meta":
            found = _META.match(cell)
            if not found:
                raise ValueError(f"meta cell {cell!r} does not link a ./meta/...prototxt file")
            listing.path = found.group("path")
            folders = listing.path.split("/")[1:-1]
            if not is_safe_id(found.group("id")) or any(not folder.isdigit() for folder in folders):
                raise ValueError(f"meta link {listing.path!r} does not name a file meta/<year>/<id>.prototxt")
            facts["abbr"] = "" if found.group("abbr") == "m" else found.group("abbr")
        elif column == "title":
            _title(cell, facts)
        elif column == "cover" and cell:
            found = _COVER.match(cell)
            if not found:
                raise ValueError(f"cover cell {cell!r} is not an <img>")
            facts["cover_url"] = found.group("src")
        elif column == "badge":
            _badge(cell, listing)
        elif column == "pub":
            facts["venue"] = cell
        elif column == "year":
            if not (cell.isdigit() and len(cell) <= 4):
                raise ValueError(f"year {cell!r} is not a year")
            facts["year"] = int(cell)
        elif column == "code":
            _code(cell, facts)
        elif column == "note":
            facts["note_url"] = _link(cell)[1] if cell else ""
            if cell and facts["note_url"] is None:
                raise ValueError(f"note cell {cell!r} is not a link")


def read_item(rest: str, listing: Listing) -> None:
    found = _ITEM_PARTS.match(rest)
    if not found:
        raise ValueError("a numbered item without a [![Publish](...)] badge")
    _title(found.group("title"), listing.facts)
    _badge(found.group("badge"), listing)
    _code(found.group("code").strip(), listing.facts)


def read_page(text: str) -> ListPage:
    page = ListPage()
    view = group = None
    columns: list[str] | None = None
    lines = text.splitlines()
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if _VIEW.match(stripped):
            view = _VIEW.match(stripped).group(1).lower()
            view = view if view in VIEWS else None
            continue
        if _GROUP.search(line):
            group, columns = _GROUP.search(line).group(1), None
            continue
        if stripped.startswith("</details>") or stripped.startswith("## "):
            group, columns = None, None  # what follows is outside any section: references, prose
            view = view if stripped.startswith("</details>") else None
            continue
        row = stripped.removesuffix("</p>").strip()
        if row.startswith("|") and number < len(lines) and _SEPARATOR.match(lines[number].strip()):
            columns = [_column(c) for c in row.strip("|").split("|")]
            if "badge" in columns or "pub" in columns:
                written_in = "efficientpaper-2025-06" if "badge" in columns else "efficientpaper-2024-03"
                page.layout = page.layout or written_in
            continue
        if _SEPARATOR.match(row):
            continue
        listing = Listing(number, view=view, group=group)
        try:
            if row.startswith("|") and columns:
                cells = [c.strip() for c in row[1:].removesuffix("|").split(" | ")]
                if len(cells) != len(columns):
                    raise ValueError(f"{len(cells)} cells where the header has {len(columns)}")
                read_row(cells, columns, listing)
            elif _ITEM.match(row) and group is not None:
                read_item(_ITEM.match(row).group("rest"), listing)
            else:
                continue
        except ValueError as exc:
            page.problems.append(f"{number}: {exc}; row skipped")
            continue
        page.listings.append(listing)
    return page
