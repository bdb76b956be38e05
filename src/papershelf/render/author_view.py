"""The author view's size limit: which authors get a section in ``cls_author.md``.

A list of 100,000 papers has hundreds of thousands of authors, and a page of
them all would be hundreds of megabytes that neither GitHub nor an editor
shows.  The page keeps to ``[build] author_view_max_mb``: the fewest papers an
author needs for a section (``author_min_papers``) is raised, step by step, to
the first that brings the page's estimated size under the limit (0: no limit).
The most prolific authors keep their sections whatever the size.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable

from papershelf.library.config import Config

# Bytes of a section besides its rows (heading, anchor, table header, link back).
SECTION_BYTES = 200


def fitting_minimum(sizes: Iterable[tuple[int, int]], max_mb: float) -> int:
    """The fewest papers an author needs for a section, if the page is to fit in ``max_mb``.

    ``sizes`` gives each author section's number of papers and estimated bytes.
    """
    size_by_count: dict[int, int] = {}
    for count, size in sizes:
        size_by_count[count] = size_by_count.get(count, 0) + size
    if not max_mb or not size_by_count:
        return 1
    total, budget = sum(size_by_count.values()), max_mb * 1_000_000
    least = min(size_by_count)
    for count in sorted(size_by_count)[:-1]:
        if total <= budget:
            break
        total -= size_by_count[count]
        least = count + 1
    return least


def shown_authors(
    groups: dict[Hashable, list[str]], config: Config, sizes: dict[Hashable, int], rows_size: Callable[[list[str]], int]
) -> list[Hashable]:
    """The authors (keys of ``groups``, in order) that get a section.

    ``sizes`` holds the sections' estimated bytes known already and receives
    those worked out here from ``rows_size`` (the bytes of the rows of some
    papers).  One pass over hundreds of thousands of authors.
    """
    configured = config.author_min_papers
    counted = []  # (papers, bytes) of each section the configured minimum allows
    for key, members in groups.items():
        if len(members) >= configured:
            size = sizes.get(key)
            if size is None:
                size = sizes[key] = SECTION_BYTES + rows_size(members)
            counted.append((len(members), size))
    least = max(configured, fitting_minimum(counted, config.author_view_max_mb))
    return [key for key, members in groups.items() if len(members) >= least]


def limit_note(shown_counts: Iterable[int], config: Config) -> str:
    """What the page says under its title about the authors it leaves out, or ""."""
    configured = config.author_min_papers
    least = min(shown_counts, default=configured)
    if least > configured:
        return f" (authors with at least {least} papers, to keep this page under {config.author_view_max_mb:g} MB)"
    if configured > 1:
        return f" (authors with at least {configured} papers)"
    return ""
