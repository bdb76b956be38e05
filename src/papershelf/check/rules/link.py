"""Rule ``link``: note and cover urls that resolve to no file, or only in another letter case.

A link whose file exists only in another case works on a case-insensitive
disk and breaks on GitHub; ``--fix`` writes the url in the case on disk.
"""

from __future__ import annotations

from papershelf.check.context import Context
from papershelf.check.finding import ERROR, WARNING, Finding
from papershelf.core.model import Paper


def corrected_url(context: Context, paper: Paper, url: str) -> str | None:
    """A url naming the file ``url`` resolves to, in its on-disk case, or None if none fits."""
    found = context.links.resolve(paper, url)
    if found is None:
        return None
    on_disk = found.removeprefix("./")
    for folder in context.links.folders(paper):
        if on_disk.startswith(folder):
            candidate = on_disk[len(folder) :]
            if context.links.resolve(paper, candidate) == found and _exact(context, paper, candidate):
                return candidate
    return None


def _exact(context: Context, paper: Paper, url: str, found: str | None = None) -> bool:
    """Whether ``url`` names its file in the file's own letter case (``found``: where it resolves)."""
    if found is not None and found.removeprefix("./").endswith(url):
        folder = found.removeprefix("./")[: -len(url)] if url else None
        if folder in context.links.folders(paper):
            return True  # it resolves to the file it names exactly
    candidates = [folder + url for folder in context.links.folders(paper)]
    return any(context.links.find(c) == c for c in candidates)


def check(context: Context):
    for paper in context.each_paper():
        for kind, url in (("note", paper.note_url), ("cover", paper.cover_url)):
            if not url or "://" in url:
                continue
            found = context.links.resolve(paper, url)
            if found is None:
                line = context.line_of(paper.source, "url", url)
                yield Finding(paper.source, line, "link", WARNING, f"{kind} {url!r} resolves to no file under notes/")
            elif not _exact(context, paper, url, found):
                line = context.line_of(paper.source, "url", url)
                fixed = corrected_url(context, paper, url)
                yield Finding(
                    paper.source,
                    line,
                    "link",
                    ERROR,
                    f"{kind} {url!r} exists only as {found} (another letter case): the link breaks on GitHub",
                    fix=f"write {fixed!r}" if fixed else f"rename the file or folder to match {url!r}",
                    fixable=fixed is not None,
                )
                if fixed:
                    context.propose(paper, **{f"{kind}_url": fixed})
