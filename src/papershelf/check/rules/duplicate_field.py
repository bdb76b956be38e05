"""Rule ``duplicate-field``: a field given twice where a file may give it once.

Protobuf keeps the last value (``title:`` twice reads as the second title), so
the first is silently ignored; which one the curator meant is theirs to say,
and ``fmt`` and ``--fix`` leave such a file as it is.
"""

from __future__ import annotations

from papershelf.check.context import Context
from papershelf.check.finding import ERROR, Finding


def check(context: Context):
    """Read off the library: the fields were found while the files were parsed (no file is read)."""
    for source, repeated in context.library.repeated_fields.items():
        if context.focus is not None and source != context.focus:
            continue
        for line, name in repeated:
            yield Finding(
                source,
                line,
                "duplicate-field",
                ERROR,
                f"{name} is given again here: only the last value counts",
                fix="keep one of them",
            )
