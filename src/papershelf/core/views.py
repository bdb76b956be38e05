"""The grouped views of a list: their names, their files, and which papers go under which key.

Every view maps a paper to the keys it is listed under (`group_keys`); a paper
appears once per group even when a name repeats inside it.  Each style decides
how a view looks, never what it groups.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from papershelf.core.model import Paper

VIEWS = ("keyword", "year", "publication", "institution", "author")
README = "README.md"


def view_file(view: str) -> str:
    return f"cls_{view}.md"


VIEW_FILES = (README, *map(view_file, VIEWS))  # every file a build writes, in this order


def group_keys(view: str, paper: Paper) -> list:
    """The keys ``paper`` is listed under in ``view``, each once (none for a missing year or venue)."""
    if view == "keyword":
        return list(dict.fromkeys(paper.keywords))
    if view == "year":
        return [paper.year] if paper.year else []
    if view == "publication":
        return [paper.venue] if paper.venue else []
    if view == "institution":
        return paper.institution_names()
    return paper.author_names()


def group(items: Iterable, view: str, min_papers: int = 1, paper_of: Callable[[Any], Paper] | None = None) -> dict:
    """Items by key for ``view`` (unsorted keys; items in the order given), keeping groups of at
    least ``min_papers``.  Items are papers, or anything ``paper_of`` maps to its paper."""
    groups: dict = {}
    for item in items:
        paper = item if paper_of is None else paper_of(item)
        for key in group_keys(view, paper):
            groups.setdefault(key, []).append(item)
    return {key: members for key, members in groups.items() if len(members) >= min_papers}
