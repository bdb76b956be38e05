"""Ids for new papers: a short, file-name-safe name a curator would choose.

EfficientPaper names a file after the method (``sparsegpt.prototxt``), so the
id comes from the abbreviation, else from a short name the title starts with
("SparseGPT: Massive Language Models..."), else from the arXiv id, else from the
title's first words.  Ids are unique ignoring letter case, because the lists
live on case-insensitive disks too.
"""

from __future__ import annotations

import re

from papershelf.core.ids import arxiv_id
from papershelf.core.model import Paper
from papershelf.core.names import ascii_fold

MAX_LENGTH = 48
MAX_SHORT_NAME_WORDS = 3
_UNSAFE = re.compile(r"[^A-Za-z0-9_\-]+")


def slug(text: str | None) -> str:
    """``text`` as a file name: ASCII letters, digits, ``_`` and ``-`` only."""
    text = _UNSAFE.sub("_", ascii_fold(text or "").strip()).strip("_-")
    return re.sub(r"_+", "_", text)[:MAX_LENGTH].rstrip("_-")


def short_name(title: str | None) -> str | None:
    """The method name a title starts with, "SparseGPT" in "SparseGPT: Massive Language Models...".

    Only a name of at most three words before a colon counts; "Attention is all you
    need" has none.
    """
    if not title or ":" not in title:
        return None
    head = title.split(":", 1)[0].strip()
    return head if 0 < len(head.split()) <= MAX_SHORT_NAME_WORDS else None


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
