"""The grouped views: which papers go under which key.

Every view maps a paper to the keys it is listed under; a paper appears once
per group even when a name repeats inside it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from papershelf.core.model import Paper

VIEW_NAMES = ("keyword", "year", "publication", "institution", "author")


def _keywords(paper: Paper) -> Iterable[str]:
    return paper.keywords


def _year(paper: Paper) -> Iterable[int]:
    return [paper.year] if paper.year else []


def _venue(paper: Paper) -> Iterable[str]:
    return [paper.venue] if paper.venue else []


def _institutions(paper: Paper) -> Iterable[str]:
    return paper.institution_names()


def _authors(paper: Paper) -> Iterable[str]:
    return paper.author_names()


KEYS_OF: dict[str, Callable[[Paper], Iterable]] = {
    "keyword": _keywords,
    "year": _year,
    "publication": _venue,
    "institution": _institutions,
    "author": _authors,
}


def group(items: Iterable, view: str, min_papers: int = 1, paper_of: Callable[[Any], Paper] | None = None) -> dict:
    """Items by key for ``view`` (unsorted keys; items in the order given), keeping groups of at
    least ``min_papers``.  Items are papers, or anything ``paper_of`` maps to its paper."""
    keys_of = KEYS_OF[view]
    groups: dict = {}
    for item in items:
        paper = item if paper_of is None else paper_of(item)
        for key in dict.fromkeys(keys_of(paper)):
            groups.setdefault(key, []).append(item)
    return {key: members for key, members in groups.items() if len(members) >= min_papers}
