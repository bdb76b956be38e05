"""A markdown page as the blocks an importer reads: headings, table rows, list items, paragraphs.

markdown-it-py parses the page (CommonMark with GFM tables and raw HTML), so
cells split where GitHub splits them (``\\|`` stays inside a cell, HTML inside
a cell stays whole) and a list item's continuation lines belong to it.  Each
block keeps its first line number and its inline tokens, from which
`inline.Inline` reads links, badges and text.  ``<summary>`` labels of
``<details>`` sections count as headings one level below the last one, since
lists use them as section titles.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.token import Token

_PARSER = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
_SUMMARY_OR_END = re.compile(r"<summary>(?P<summary>.*?)</summary>|(?P<end></details>)", re.S | re.I)
_TAG = re.compile(r"<[^>]*>")


@dataclass
class Heading:
    line: int
    level: int  # 1 for "#", ...; a <summary> is one below the heading before it
    text: str  # plain text, markup removed
    tokens: list[Token] = field(default_factory=list)
    summary: bool = False


@dataclass
class DetailsEnd:
    """A ``</details>``: the end of the section a ``<summary>`` opened."""

    line: int


@dataclass
class Row:
    line: int
    header: list[str]  # the table's header cells, as written
    cells: list[list[Token]]  # each cell's inline tokens
    sources: list[str]  # each cell as written


@dataclass
class Item:
    """A list item: its own paragraphs (not its nested items, which are items of their own)."""

    line: int
    depth: int
    parts: list[list[Token]] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)


@dataclass
class Paragraph:
    line: int
    tokens: list[Token]
    source: str


Block = Heading | DetailsEnd | Row | Item | Paragraph


def plain(tokens: list[Token]) -> str:
    """The text of inline tokens, markup, HTML and links within the page ("[back](#top)") removed,
    white space collapsed."""
    words, anchor = [], False
    for token in tokens:
        if token.type == "link_open":
            anchor = str(token.attrs.get("href", "")).startswith("#")
        elif token.type == "link_close":
            anchor = False
        words.append(token.content if token.type in ("text", "code_inline") and not anchor else " ")
    return " ".join("".join(words).split())


def read_blocks(text: str) -> list[Block]:
    tokens = _PARSER.parse(text)
    blocks: list[Block] = []
    items: list[Item] = []  # open list items, innermost last
    header: list[str] = []
    in_body = False
    last_level = 0
    for index, token in enumerate(tokens):
        line = token.map[0] + 1 if token.map else 0
        kind = token.type
        if kind == "heading_open":
            inline = tokens[index + 1]
            last_level = int(token.tag[1])
            blocks.append(Heading(line, last_level, plain(inline.children or []), inline.children or []))
        elif kind == "html_block":
            for found in _SUMMARY_OR_END.finditer(token.content):
                here = line + token.content.count("\n", 0, found.start())
                if found.group("end"):
                    blocks.append(DetailsEnd(here))
                else:
                    label = " ".join(_TAG.sub(" ", found.group("summary")).split())
                    blocks.append(Heading(here, last_level + 1, label, summary=True))
        elif kind == "thead_open":
            header = []
        elif kind == "th_open":
            header.append(tokens[index + 1].content)
        elif kind in ("tbody_open", "tbody_close"):
            in_body = kind == "tbody_open"
        elif kind == "tr_open" and in_body:
            blocks.append(_row(tokens, index, line, header))
        elif kind == "list_item_open":
            items.append(Item(line, len(items)))
            blocks.append(items[-1])
        elif kind == "list_item_close":
            items.pop()
        elif kind == "inline" and tokens[index - 1].type == "paragraph_open":
            if items:  # a paragraph of the innermost open item: its first line or a continuation
                items[-1].parts.append(token.children or [])
                items[-1].sources.append(token.content)
            else:
                blocks.append(Paragraph(line, token.children or [], token.content))
    return blocks


def _row(tokens: list[Token], index: int, line: int, header: list[str]) -> Row:
    """The table row whose ``tr_open`` is ``tokens[index]``.  Read by place, not from a slice of
    the tokens after it: a slice a row made a 10,000-row table take 11 s."""
    cells, sources = [], []
    for at in range(index + 1, len(tokens)):
        token = tokens[at]
        if token.type == "tr_close":
            break
        if token.type == "inline":
            cells.append(token.children or [])
            sources.append(token.content)
    return Row(line, header, cells, sources)
