"""Ids for new papers: a short, file-name-safe name a curator would choose.

EfficientPaper names a file after the method (``sparsegpt.prototxt``), so the
id comes from the abbreviation, else from a short name the title starts with
("SparseGPT: Massive Language Models..."), else from the arXiv id, else from the
title's first words.  Ids are unique ignoring letter case, because the lists
live on case-insensitive disks too.
"""

from __future__ import annotations

from papershelf.core.ids import arxiv_id
from papershelf.core.model import Paper
from papershelf.core.names import short_name, slug


def base_id(paper: Paper) -> str:
    for candidate in (paper.abbr, short_name(paper.title)):
        if slug(candidate):
            return slug(candidate)
    found = arxiv_id(paper.url)
    if found:
        return found.replace("/", "_").replace(".", "_")
    words = slug(" ".join((paper.title or "").split()[:5])).lower()
    return words or "paper"


def unique_id(paper: Paper, taken: set[str]) -> str:
    """An id for ``paper`` not in ``taken`` (compared lower-case); ``_2``, ``_3``... on a clash."""
    base = base_id(paper)
    candidate, n = base, 1
    while candidate.lower() in taken:
        n += 1
        candidate = f"{base}_{n}"
    return candidate
