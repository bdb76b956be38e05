"""EfficientPaper's own pages, of every generation, read back losslessly.

``<details>`` sections (``<summary><b>GROUP</b></summary>``) hold tables whose
header names the columns (meta, title, cover, Publish badge or pub and year,
code, note; padded ``ttttttitle`` names before July 2025, ``| Meta | Title |``
since), and README.md numbered items ``1. [title](url) [![Publish](badge)]
stars``.  The view a page shows comes from its ``### keyword`` (year,
publication, institution, author) heading; keyword sections of the current
format are headed ``05-Label``.  Each row gives a `Listing`; a row that cannot
be read gives a problem with its line number.  The cells are those
markdown-it-py found (`blocks.Row`); each cell's text is then read exactly, as
the generator wrote it.
"""

from __future__ import annotations

import re

from papershelf.core.names import is_safe_id
from papershelf.core.views import VIEWS
from papershelf.ingest.readers.markdown.blocks import Block, DetailsEnd, Heading, Item, Row
from papershelf.ingest.readers.markdown.listing import Listing, ListPage

CURRENT_HEADER = ["Meta", "Title", "Cover", "Publish", "Code", "Note"]
_CURRENT = ["meta", "title", "cover"]
_NUMBERED = re.compile(r"^(?P<number>\d{2})-(?P<label>.+)$")
_REPEATED = "![Publish](https://img.shields.io/badge/!["
_LINK = re.compile(r"^\[(?P<text>.*)\]\((?P<url>[^\s]*)\)$")
_META = re.compile(r"^\[(?P<abbr>.*)\]\(\./(?P<path>meta/(?:[^/()\s]+/)?(?P<id>[^/()\s]+)\.prototxt)\)$")
_COVER = re.compile(r"^<img [^>]*src='(?P<src>[^']*)'[^>]*>$")
_BADGE = re.compile(
    r"!\[Publish\]\(https://img\.shields\.io/badge/(?P<year>\d{1,4})-(?P<venue>.*)-(?P<color>[^-()]+)\)"
)
_STARS = re.compile(
    r"^(?P<wrapped>\[)?!\[GitHub Repo stars\]\(https://img\.shields\.io/github/stars/(?P<repo>[^/()\s]+/[^/()\s]+)\)"
    r"(?(wrapped)\]\((?P<href>[^()\s]*)\))$"
)
_ITEM_PARTS = re.compile(r"^(?P<title>\[.*\]\([^\s]*\)|.*?) \[(?P<badge>!\[Publish\]\([^)]*\))\] ?(?P<code>.*?)\s*$")


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
        facts["code_url"] = stars.group("href") or f"https://github.com/{stars.group('repo')}"
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


def is_efficientpaper_page(blocks: list[Block]) -> bool:
    """Whether EfficientPaper's generator wrote the page: its tables link meta files, or its
    README lists items with Publish badges under a ``### year`` section."""
    for block in blocks:
        if isinstance(block, Row) and [_column(c) for c in block.header][:3] in (["", "meta", "title"], _CURRENT):
            return True
        if isinstance(block, Item) and block.sources and _ITEM_PARTS.match(block.sources[0]):
            return True
    return False


def _layout(header: list[str]) -> str | None:
    columns = [_column(c) for c in header]
    if [c.strip() for c in header] == CURRENT_HEADER:
        return "efficientpaper"
    if "badge" in columns:
        return "efficientpaper-2025-06"
    return "efficientpaper-2024-03" if "pub" in columns else None


def read_page(blocks: list[Block]) -> ListPage:
    page = ListPage()
    view = group = None
    for block in blocks:
        if isinstance(block, Heading) and not block.summary:
            if block.level <= 2:
                view = group = None  # what follows is outside any view: references, prose
            elif block.text.strip().lower() in VIEWS:
                view, group = block.text.strip().lower(), None
            continue
        if isinstance(block, Heading):
            group = block.text
            numbered = _NUMBERED.match(group) if view == "keyword" else None
            if numbered:  # "05-Sparse/Pruning" (since July 2025): the label, and its place
                group = numbered.group("label")
                page.keyword_numbers[group] = int(numbered.group("number"))
            continue
        if isinstance(block, DetailsEnd):
            group = None
            continue
        listing = Listing(block.line, view=view, group=group)
        try:
            if isinstance(block, Row) and group is not None:
                columns = [_column(c) for c in block.header]
                page.layout = page.layout or _layout(block.header)
                cells = [c.strip() for c in block.sources]
                if all(c.startswith("<div") for c in cells):
                    continue  # the current format's row of column widths
                if len(cells) != len(columns):
                    raise ValueError(f"{len(cells)} cells where the header has {len(columns)}")
                if any(c.startswith(_REPEATED) for c in cells):
                    # The generator's garbled rows of a paper naming the group more than once: only
                    # the meta link is sound, and the number of such rows is how often it names it.
                    read_row([c for c, col in zip(cells, columns) if col == "meta"], ["meta"], listing)
                    listing.facts, listing.repeated = {}, True
                else:
                    read_row(cells, columns, listing)
            elif isinstance(block, Item) and group is not None and block.sources:
                read_item(block.sources[0].strip(), listing)
            else:
                continue
        except ValueError as exc:
            page.problems.append(f"{block.line}: {exc}; row skipped")
            continue
        page.listings.append(listing)
    return page
