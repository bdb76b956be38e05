"""Rule ``stale-views``: generated views that differ from what ``papershelf build`` writes now.

Like ``black --check``: a list can make its CI fail when someone edited the
metadata and did not regenerate.  Checked only in a library that has views.
When papershelf.toml names no style, the views are compared in the style they
were written in (an EfficientPaper list keeps its own format until it says
otherwise), recognised by its column names.
"""

from __future__ import annotations

from pathlib import Path

from papershelf.check.context import Context
from papershelf.check.finding import ERROR, Finding
from papershelf.core.errors import PapershelfError
from papershelf.core.views import VIEW_FILES
from papershelf.library.config import DEFAULT_STYLE
from papershelf.render.build import render, views_vouched_for
from papershelf.render.styles import get_style
from papershelf.render.styles.efficientpaper import TABLE_HEAD
from papershelf.render.styles.efficientpaper_cells import TITLE


def style_of_views(root: Path) -> str:
    """The style the library's existing views were written in, by their table headers."""
    for name in VIEW_FILES[1:]:
        path = root / name
        if path.is_file():
            text = path.read_text("utf-8", errors="replace")
            if TABLE_HEAD in text:
                return "efficientpaper"
            if TITLE in text:
                return "efficientpaper-2024-03" if "|   year |" in text else "efficientpaper-2025-06"
            return DEFAULT_STYLE
    return DEFAULT_STYLE


def check(context: Context):
    library = context.library
    present = [name for name in VIEW_FILES if (library.root / name).is_file()]
    if not present or library.errors or context.focus is not None:  # in focus: a paper's file, not views
        return
    style = library.config.style if library.config.style_configured else style_of_views(library.root)
    try:
        files = get_style(style).files
    except PapershelfError as exc:
        yield Finding("papershelf.toml", 1, "stale-views", ERROR, str(exc))
        return
    if all((library.root / name).is_file() for name in files) and views_vouched_for(library, style):
        return  # the last build's record says they are current: nothing to render
    try:
        expected = render(library, style)
    except PapershelfError as exc:
        yield Finding("papershelf.toml", 1, "stale-views", ERROR, str(exc))
        return
    for name in files:
        path = library.root / name
        if not path.is_file():
            yield Finding(name, 1, "stale-views", ERROR, "missing: build did not write it", fix="run papershelf build")
        elif path.read_text("utf-8", errors="replace") != expected[name]:
            yield Finding(
                name,
                1,
                "stale-views",
                ERROR,
                f"differs from what `papershelf build --style {style}` writes",
                fix="run papershelf build and commit the result",
            )
