"""Rule ``duplicate-paper``: two files for one paper (`core.dedupe.duplicate_pairs`).

Errors: the same arXiv id (whatever the version), the same DOI, or titles equal
once case, punctuation, LaTeX and spacing are folded.  Warnings: titles equal
after a leading "Name:" is dropped, or titles at least ``dedupe.NEAR_TITLE``
alike.
"""

from __future__ import annotations

from papershelf.check.context import Context
from papershelf.check.finding import ERROR, WARNING, Finding
from papershelf.core.dedupe import duplicate_pairs


def check(context: Context):
    for first, second, certain, reason in duplicate_pairs(context.library.papers):
        yield Finding(
            second.source,
            context.line_of(second.source, "title"),
            "duplicate-paper",
            ERROR if certain else WARNING,
            f"looks like the paper in {first.source} ({reason})",
            fix=f"keep one of {first.source} and {second.source}",
        )
