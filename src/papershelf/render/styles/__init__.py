"""Output styles: each turns a loaded library into the files ``build`` writes.

A style is an object with a ``name`` and ``render(library, links, names=None) -> {file name: text}``
that renders every file, or only those ``names``.
"""

from __future__ import annotations

from papershelf.core.errors import PapershelfError
from papershelf.render.styles.efficientpaper import EfficientPaperColumnsStyle, EfficientPaperStyle
from papershelf.render.styles.papershelf import PapershelfStyle

STYLES = {style.name: style for style in (PapershelfStyle(), EfficientPaperStyle(), EfficientPaperColumnsStyle())}

VIEW_FILES = ("README.md",) + tuple(f"cls_{v}.md" for v in ("keyword", "year", "publication", "institution", "author"))


def get_style(name: str):
    try:
        return STYLES[name]
    except KeyError:
        known = ", ".join(sorted(STYLES))
        raise PapershelfError(f"unknown style {name!r} (known styles: {known})") from None
