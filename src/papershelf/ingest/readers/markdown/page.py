"""Reading a list page: every paper it lists, with the section each is listed under.

EfficientPaper's generated pages are read exactly (`efficientpaper_pages`);
every other page by what its entries hold (`entries`): table rows, list items
(nested ones too), paragraphs and headings that link a paper.  Each section
heading that holds papers is a keyword label; a heading that is only a year
("### 2024") gives its papers' year and leaves the label to the heading above
it.  Where two sections share a label under different parents ("Survey" under
"Pruning" and under "Quantization"), the labels keep the parent's name
("Pruning / Survey").
"""

from __future__ import annotations

import re

from papershelf.core.names import is_safe_id
from papershelf.ingest.readers.markdown import efficientpaper_pages
from papershelf.ingest.readers.markdown.blocks import Block, DetailsEnd, Heading, Item, Paragraph, Row, read_blocks
from papershelf.ingest.readers.markdown.columns import roles
from papershelf.ingest.readers.markdown.entries import NotUnderstood, read_entry
from papershelf.ingest.readers.markdown.inline import pieces, text_of
from papershelf.ingest.readers.markdown.links import code_url
from papershelf.ingest.readers.markdown.listing import Listing, ListPage
from papershelf.ingest.readers.markdown.text_cleaning import clean_label

_YEAR_ONLY = re.compile(r"^(?:19|20)\d\d$")
_META_LINK = re.compile(r"\./(?P<path>meta/(?:\d+/)?(?P<id>[^/()\s]+)\.prototxt)")


def read_page(text: str) -> ListPage:
    blocks = read_blocks(text)
    if efficientpaper_pages.is_efficientpaper_page(blocks):
        return efficientpaper_pages.read_page(blocks)
    return _read_any_page(blocks)


def _cells(block: Block) -> tuple[list, bool]:
    """The entry's cells as (role, pieces), and whether it is a table row."""
    if isinstance(block, Row):
        column_roles = roles(block.header)
        return [(r, pieces(c)) for r, c in zip(column_roles, block.cells)], True
    if isinstance(block, Item):
        parts, segment = [], 0
        for tokens in block.parts:  # the item's paragraphs: each starts a new segment
            parts += pieces(tokens, segment)
            segment = (parts[-1].segment if parts else segment) + 1
        return [(None, parts)], False
    tokens = block.tokens
    return [(None, pieces(tokens))], False


def _add_code(listing: Listing, parts: list) -> None:
    """The code link of a paragraph that holds only a code link or stars badge, given to the entry
    above it when that has none."""
    if "code_url" in listing.facts or text_of(parts).strip():
        return
    code = next((url for p in parts if (url := code_url(p))), None)
    if code:
        listing.facts["code_url"] = code


def _starts_an_entry(parts: list) -> bool:
    """Whether a paragraph opens as an entry does (a link, a badge, bold text), not as prose."""
    first = next((p for p in parts if p.kind != "text" or p.text.strip()), None)
    return first is not None and (first.kind != "text" or first.strong)


def _section(stack: list[Heading]) -> tuple[tuple[str, ...], int | None]:
    """The label path of the innermost headings (year headings and repeated summaries left out),
    and the year a year heading gives."""
    year = None
    path: list[str] = []
    for heading in stack:
        label = clean_label(heading.text)
        if _YEAR_ONLY.match(label):
            year = int(label)
        elif label and not (path and path[-1].lower() == label.lower()):
            path.append(label)
    return tuple(path), year


def _meta_path(cells: list) -> str | None:
    """The metadata file an entry links, ``./meta/<year>/<id>.prototxt`` as papershelf's own views
    link it: the paper's file and its identity, so that two papers of one title stay two."""
    for _, parts in cells:
        for part in parts:
            found = _META_LINK.fullmatch(part.href or "") if part.kind == "link" else None
            if found and is_safe_id(found.group("id")):
                return found.group("path")
    return None


def _read_any_page(blocks: list[Block]) -> ListPage:
    page = ListPage()
    stack: list[Heading] = []
    titles = [b for b in blocks if isinstance(b, Heading) and b.level == 1]
    page_title = titles[0] if len(titles) == 1 else None  # the list's name, not a section
    paths: list[tuple[Listing, tuple[str, ...]]] = []
    for block in blocks:
        if isinstance(block, Heading):
            while stack and stack[-1].level >= block.level:
                stack.pop()
            stack.append(block)
            if not block.tokens:
                continue
        if isinstance(block, DetailsEnd):
            while stack and stack[-1].summary:
                stack.pop()
                break
            continue
        enclosing = stack if not isinstance(block, Heading) else stack[:-1]
        path, year = _section([h for h in enclosing if h is not page_title])
        prose = isinstance(block, Paragraph)
        if isinstance(block, Heading):
            block = Paragraph(block.line, block.tokens, block.text)  # a heading that links a paper
        cells, in_table = _cells(block)
        if prose and not _starts_an_entry(cells[0][1]):
            continue  # a paragraph that cites a paper in passing, not an entry
        try:
            facts = read_entry(cells, year, in_table)
        except NotUnderstood as exc:
            page.problems.append(f"{block.line}: {exc}; not imported")
            continue
        if facts is None:
            if prose and page.listings:  # a line of its own under an entry: "[![stars](...)](repo)"
                _add_code(page.listings[-1], cells[0][1])
            continue
        listing = Listing(block.line, facts, _meta_path(cells))
        paths.append((listing, path))
        page.listings.append(listing)
    _label(paths)
    return page


def _label(paths: list[tuple[Listing, tuple[str, ...]]]) -> None:
    """Each listing's keyword label: its section's, with the parent's where two sections share it."""
    parents: dict[str, set[tuple[str, ...]]] = {}
    for _, path in paths:
        if path:
            parents.setdefault(path[-1], set()).add(path[:-1])
    for listing, path in paths:
        if not path:
            continue
        label = path[-1]
        if len(parents[label]) > 1 and len(path) > 1:
            label = f"{path[-2]} / {label}"
        listing.view, listing.group = "keyword", label
