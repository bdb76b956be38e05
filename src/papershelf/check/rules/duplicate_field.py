"""Rule ``duplicate-field``: a field given twice where a file may give it once.

Protobuf keeps the last value (``title:`` twice reads as the second title), so
the first is silently ignored; which one the curator meant is theirs to say,
and ``fmt`` and ``--fix`` leave such a file as it is.
"""

from __future__ import annotations

from papershelf.check.context import Context
from papershelf.check.finding import ERROR, Finding
from papershelf.library.text_fields import duplicate_fields


def check(context: Context):
    for paper in context.library.papers:
        for line, name in duplicate_fields(context.texts[paper.source]):
            yield Finding(
                paper.source,
                line,
                "duplicate-field",
                ERROR,
                f"{name} is given again here: only the last value counts",
                fix="keep one of them",
            )
