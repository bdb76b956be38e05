"""What a paper page lists of other papers: their summaries, and its neighbours.

A paper's neighbours are the papers nearest to it in the order of the group
pages (newest first, then by title) among those sharing a keyword with it (or
an author): the nearest newer one, the nearest older one, the next newer...
keyword by keyword, up to `NEIGHBOURS`.  Nearest in that order, not the newest
of the group: every page of a keyword that 20,000 papers hold would otherwise
list the same eight, and an edit of one of those eight would change 20,000
pages.  So a paper is a neighbour only of papers at most `REACH` places from it
in one of its groups, and a site built again after one edit renders only the
pages around it (`site.update`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import NamedTuple

from papershelf.core.model import Paper

NEIGHBOURS = 8
# Members on each side of a paper its neighbours can come from: NEIGHBOURS, plus the ones an
# earlier group already gave (skipped), at most NEIGHBOURS - 1 of them.
REACH = 2 * NEIGHBOURS


class Summary(NamedTuple):
    """What a page shows of a paper it lists (a group page, a paper's neighbours and lineage)."""

    id: str
    title: str | None
    venue: str | None
    year: int | None
    authors: tuple[str, ...]  # the first six


def summary_of(paper: Paper) -> Summary:
    return Summary(paper.id, paper.title, paper.venue, paper.year, tuple(paper.author_names()[:6]))


def order_key(paper: Paper) -> tuple[int, str, str]:
    """The order of a group page's papers: newest first, then by title, then by file."""
    return (-(paper.year or 0), (paper.title or "").lower(), paper.source)


def keyword_keys(paper: Paper) -> list[str]:
    return list(dict.fromkeys(paper.keywords))


def author_keys(paper: Paper) -> list[str]:
    return paper.author_names()


def near(keys: Iterable, around: Callable[[object], tuple[list[str], list[str]]]) -> list[str]:
    """The neighbours of a paper, nearest first, by source; ``around(key)`` gives the members of
    group ``key`` just before the paper and just after it (nearest first, up to REACH each)."""
    found: dict[str, None] = {}
    for key in keys:
        newer, older = around(key)
        for place in range(max(len(newer), len(older))):
            for side in (newer, older):
                if place < len(side):
                    found.setdefault(side[place])
                    if len(found) == NEIGHBOURS:
                        return list(found)
    return list(found)


class Groups:
    """Every group's members in `order_key` order, and where each paper stands in them: the
    `near` of every paper of a library at once (a full build).  ``ordered``: the papers, sorted
    by `order_key` (once, for every kind of group)."""

    def __init__(self, ordered: list[Paper], keys_of: Callable[[Paper], list]):
        self.keys_of = keys_of
        members: dict = {}
        for paper in ordered:
            for key in keys_of(paper):
                members.setdefault(key, []).append(paper.source)
        self.members = members
        self.place = {key: {source: n for n, source in enumerate(found)} for key, found in members.items()}

    def near(self, paper: Paper) -> list[str]:
        source = paper.source

        def around(key) -> tuple[list[str], list[str]]:
            found, n = self.members[key], self.place[key][source]
            return found[max(0, n - REACH) : n][::-1], found[n + 1 : n + 1 + REACH]

        return near(self.keys_of(paper), around)
