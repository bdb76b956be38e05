"""Rule ``url``: paper, code and note urls that are not urls, and arXiv urls without a valid id."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from papershelf.check.context import Context
from papershelf.check.finding import ERROR, Finding
from papershelf.core.ids import arxiv_id
from papershelf.render.escape import safe_url

# What nearly every url is: no more to ask of it (urlsplit costs 2 s at 100,000 papers).
_PLAIN = re.compile(r"https?://[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+(?:[/?#][!-~]*)?")


def malformed(url: str) -> str | None:
    """Why ``url`` is not a usable web address, or None."""
    if _PLAIN.fullmatch(url):
        return None
    if url != url.strip() or any(c.isspace() for c in url):
        return "contains white space"
    try:
        parts = urlsplit(url)
    except ValueError as exc:
        return str(exc)
    if parts.scheme not in ("http", "https"):
        return "does not start with http:// or https://"
    if not parts.hostname or "." not in parts.hostname:
        return "has no valid host"
    return None


def check(context: Context):
    for paper in context.each_paper():
        for label, url in (("note url", paper.note_url), ("cover url", paper.cover_url)):
            if url and safe_url(url) is None:
                line = context.line_of(paper.source, "url", url)
                yield Finding(
                    paper.source, line, "url", ERROR, f"{label} {url!r} is not a link a view may hold: left out"
                )
        fields = [("paper url", "url", paper.url), ("code url", "url", paper.code_url)]
        if paper.note_url and "://" in paper.note_url:  # a relative note url is a path, see rule link
            fields.append(("note url", "url", paper.note_url))
        for label, field, url in fields:
            if not url:
                continue
            problem = malformed(url)
            if problem is None and "arxiv.org/" in url.lower() and arxiv_id(url) is None and "/list/" not in url:
                problem = "holds no valid arXiv id"
            if problem:
                line = context.line_of(paper.source, field, url)
                yield Finding(paper.source, line, "url", ERROR, f"{label} {url!r} {problem}")
