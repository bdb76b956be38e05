"""Rule ``parse``: files that do not parse, unknown fields and unknown keywords included."""

from __future__ import annotations

from papershelf.check.context import Context
from papershelf.check.finding import ERROR, Finding


def check(context: Context):
    for error in context.library.errors:
        yield Finding(error.path, error.line, "parse", ERROR, f"column {error.column}: {error.message}")
