"""How ``search`` and ``list`` print what they found: a table, JSON, or bare ids."""

from __future__ import annotations

import json

from papershelf.render.escape import without_controls
from papershelf.search.results import Found

FORMATS = ("table", "json", "ids")
_MAX_VENUE, _MAX_ID = 14, 24


def render(found: Found, output_format: str, facets: bool) -> str:
    if output_format == "json":
        return json.dumps(found.as_dict(), indent=2, ensure_ascii=False) + "\n"
    if output_format == "ids":
        return "".join(f"{_shown(hit.paper.id)}\n" for hit in found.hits)
    return table(found) + (facet_lines(found) if facets and found.facets else "")


def table(found: Found) -> str:
    """One line a paper: rank, year, venue, id, title; then how many there are."""
    rows = [
        (
            str(rank),
            str(hit.paper.year or ""),
            _cut(_shown(hit.paper.venue or ""), _MAX_VENUE),
            _cut(_shown(hit.paper.id), _MAX_ID),
            _shown(hit.paper.title or ""),
        )
        for rank, hit in enumerate(found.hits, start=1)
    ]
    widths = [max((len(row[i]) for row in rows), default=0) for i in range(4)]
    lines = []
    for row in rows:
        cells = [row[0].rjust(widths[0]), *(cell.ljust(width) for cell, width in zip(row[1:4], widths[1:]))]
        lines.append("  ".join(cells + [row[4]]).rstrip())
    noun = "paper" if found.total == 1 else "papers"
    shown = f"{len(found.hits)} of {found.total} {noun}" if len(found.hits) < found.total else f"{found.total} {noun}"
    lines.append(shown + (f" matching {found.query!r}" if found.query is not None else ""))
    return "\n".join(lines) + "\n"


def facet_lines(found: Found) -> str:
    out = [""]
    for name, values in (found.facets or {}).items():
        out.append(f"{name}: " + (" · ".join(f"{_shown(value)} ({count})" for value, count in values) or "-"))
    return "\n".join(out) + "\n"


def _shown(text: str) -> str:
    """``text`` on one line and without control characters: a title's escape sequences must not
    drive the terminal."""
    return " ".join(without_controls(text).split())


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
