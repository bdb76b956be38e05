"""Rule ``layout``: a file under ``meta/<year>/`` for another year, and ids unsafe as file names."""

from __future__ import annotations

from papershelf.check.context import Context
from papershelf.check.finding import WARNING, Finding
from papershelf.core.names import is_safe_id


def check(context: Context):
    for paper in context.each_paper():
        parts = paper.source.split("/")
        if len(parts) == 3 and parts[1].isdigit() and paper.year is not None and str(paper.year) != parts[1]:
            yield Finding(
                paper.source,
                context.line_of(paper.source, "year"),
                "layout",
                WARNING,
                f"the file is under meta/{parts[1]}/ but pub.year is {paper.year}",
                fix=f"move it to meta/{paper.year}/{parts[2]}",
            )
        if not is_safe_id(paper.id):
            yield Finding(
                paper.source,
                1,
                "layout",
                WARNING,
                f"id {paper.id!r} is not safe as a file name on every system",
                fix="rename the file with letters, digits and . _ + - only",
            )
