"""Rule ``required``: a title, a plausible year and a venue."""

from __future__ import annotations

import datetime

from papershelf.check.context import Context
from papershelf.check.finding import ERROR, Finding

FIRST_YEAR = 1950


def check(context: Context):
    last_year = datetime.date.today().year + 1
    for paper in context.each_paper():
        line = context.line_of
        if not (paper.title or "").strip():
            yield Finding(paper.source, line(paper.source, "title"), "required", ERROR, "the paper has no title")
        if paper.year is None:
            yield Finding(paper.source, line(paper.source, "pub"), "required", ERROR, "the paper has no year")
        elif not FIRST_YEAR <= paper.year <= last_year:
            yield Finding(
                paper.source,
                context.line_of(paper.source, "year"),
                "required",
                ERROR,
                f"year {paper.year} is outside {FIRST_YEAR}..{last_year}",
            )
        if not (paper.venue or "").strip():
            yield Finding(
                paper.source,
                line(paper.source, "where" if paper.venue is not None else "pub"),
                "required",
                ERROR,
                "the paper has no venue (pub.where)",
                fix='set pub.where, e.g. "arXiv" for a preprint',
            )
