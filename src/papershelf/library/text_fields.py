"""Where each field of a metadata file's text stands, and the comments around it.

Parsing a file gives its values; a curator's file also holds comments
(``# Reviewed by ...``) and, by mistake, a field given twice (protobuf keeps
the last).  A line scanner finds both: each item (a field, a message opened or
closed) is keyed by its message path, its name and how many times that name
came before in that path, so that the same key finds the same item in the file
as `textproto.format_paper` writes it.  Comments are put back before the item
that followed them, or at the end of the item's line they trailed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Fields a message may repeat; any other given twice is a mistake (the last value counts).
REPEATED = frozenset({"authors", "institutions", "words", "methods"})

_ITEM = re.compile(
    r"""\s*(?:
        (?P<open>[A-Za-z_]\w*)\s*:?\s*\{
      | (?P<field>[A-Za-z_]\w*)\s*:\s*(?P<value>"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|[^\s{}#"']+)
      | (?P<close>\})
      | (?P<comment>\#.*)
    )""",
    re.VERBOSE,
)

Key = tuple  # (path of message names, item name, occurrence)


@dataclass
class Layout:
    """The items of a text, in order, each with its line (1-based) and key."""

    items: list[tuple[Key, int]] = field(default_factory=list)
    # (key of the item it belongs to, the comment, whether it trailed that item's line)
    comments: list[tuple[Key, str, bool]] = field(default_factory=list)
    one_item_a_line: bool = True


def scan(text: str) -> Layout | None:
    """The layout of ``text``; None when the scanner cannot follow it (protobuf may still)."""
    layout = Layout()
    path: list[str] = []
    seen: dict[tuple, int] = {}
    waiting: list[str] = []  # comments on lines of their own, for the next item
    for number, line in enumerate(text.splitlines(), start=1):
        position, on_line = 0, []
        while position < len(line):
            found = _ITEM.match(line, position)
            if found is None or found.end() == position:
                if line[position:].strip():
                    return None
                break
            position = found.end()
            if found.group("comment") is not None:
                comment = found.group("comment")
                if on_line:
                    layout.comments.append((on_line[0], comment, True))
                else:
                    waiting.append(comment)
                continue
            name = found.group("open") or found.group("field") or "}"
            where = tuple(path)
            occurrence = seen.get((where, name), 0)
            seen[(where, name)] = occurrence + 1
            key = (where, name, occurrence)
            layout.items.append((key, number))
            on_line.append(key)
            layout.comments.extend((key, comment, False) for comment in waiting)
            waiting = []
            if found.group("open"):
                path.append(name)
            elif found.group("close"):
                if not path:
                    return None
                path.pop()
        if len(on_line) > 1:
            layout.one_item_a_line = False
    layout.comments.extend((("end",), comment, False) for comment in waiting)
    return layout


def duplicate_fields(text: str) -> list[tuple[int, str]]:
    """(line, "message.field") of each field given again where it may be given once."""
    layout = scan(text)
    if layout is None:
        return []
    return [
        (line, ".".join((*path, name)))
        for (path, name, occurrence), line in layout.items
        if occurrence > 0 and name not in REPEATED and name != "}" and not _is_message(layout, path, name)
    ]


def _is_message(layout: Layout, path: tuple, name: str) -> bool:
    """Whether ``name`` in ``path`` opens a message (two ``pub {`` blocks merge, as protobuf merges them)."""
    return any(key[0] == (*path, name) for key, _ in layout.items)


def with_comments(original: str, formatted: str) -> str | None:
    """``formatted`` with the comments of ``original`` put back; None when one cannot be placed."""
    before = scan(original)
    if before is None:
        return None
    if not before.comments:
        return formatted
    after = scan(formatted)
    if after is None:
        return None
    line_of = {key: line for key, line in after.items}
    lines = formatted.splitlines()
    above: dict[int, list[str]] = {}
    trailing: dict[int, list[str]] = {}
    ending: list[str] = []
    for key, comment, trailed in before.comments:
        if key == ("end",):
            ending.append(comment)
            continue
        line = line_of.get(key)
        if line is None:
            return None  # the item it belonged to is gone
        (trailing if trailed else above).setdefault(line, []).append(comment)
    out = []
    for number, text in enumerate(lines, start=1):
        indent = text[: len(text) - len(text.lstrip())]
        out.extend(indent + comment for comment in above.get(number, []))
        out.append("  ".join([text, *trailing.get(number, [])]))
    out.extend(ending)
    return "\n".join(out) + "\n"
