"""Rule ``stale-views``: generated views that differ from what ``papershelf build`` writes now.

Like ``black --check``: a list can make its CI fail when someone edited the
metadata and did not regenerate.  Checked only in a library that has views.
"""

from __future__ import annotations

from papershelf.build import render
from papershelf.check.context import Context
from papershelf.check.finding import ERROR, Finding
from papershelf.errors import PapershelfError
from papershelf.styles import VIEW_FILES


def check(context: Context):
    library = context.library
    present = [name for name in VIEW_FILES if (library.root / name).is_file()]
    if not present or library.errors:
        return
    try:
        expected = render(library, library.config.style)
    except PapershelfError as exc:
        yield Finding("papershelf.toml", 1, "stale-views", ERROR, str(exc))
        return
    for name in VIEW_FILES:
        path = library.root / name
        if not path.is_file():
            yield Finding(name, 1, "stale-views", ERROR, "missing: build did not write it", fix="run papershelf build")
        elif path.read_text("utf-8", errors="replace") != expected[name]:
            yield Finding(
                name,
                1,
                "stale-views",
                ERROR,
                f"differs from what `papershelf build` writes in style {library.config.style}",
                fix="run papershelf build and commit the result",
            )
