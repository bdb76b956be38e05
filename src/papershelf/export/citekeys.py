"""Citation keys: ``frantar2023sparsegpt``, the same every time a library is exported.

The key is the first author's family name, the year and the title's first word
that says something.  Papers whose keys clash keep them in the order they joined
the list (their update time, then their id): the first keeps the plain key, the
next get ``b``, ``c``... (a suffixed key that is another paper's plain key is
skipped: ``chen2024llm`` + ``s`` against ``chen2024llms``).  So adding a paper
never changes a key already cited, unless the added paper claims an older
update time than the ones it clashes with, or its plain key is one a suffix
had taken.
"""

from __future__ import annotations

import re

from papershelf.core.model import Paper
from papershelf.core.names import ascii_fold
from papershelf.core.person_names import name_parts

STOPWORDS = {"a", "an", "the", "on", "of", "in", "for", "to", "and", "with", "is", "are", "at", "by", "from", "via"}


def ascii_word(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", ascii_fold(text).lower())


def base_key(paper: Paper) -> str:
    authors = paper.author_names()
    family = ascii_word(name_parts(authors[0])[2]) if authors else ""
    words = [ascii_word(w) for w in re.split(r"[\s\-:/]+", paper.title or "")]
    word = next((w for w in words if w and w not in STOPWORDS), "")
    return f"{family or 'anon'}{paper.year or 'nd'}{word}"


def citation_keys(papers: list[Paper]) -> dict[str, str]:
    """The key of every paper, by the paper's source path."""
    by_base: dict[str, list[Paper]] = {}
    for paper in papers:
        by_base.setdefault(base_key(paper), []).append(paper)
    keys = {}
    taken = set(by_base)  # every plain key is its first paper's
    for base in sorted(by_base):
        clashing = sorted(by_base[base], key=lambda p: (p.update_time or 0, p.id, p.source))
        keys[clashing[0].source] = base
        n = 0
        for paper in clashing[1:]:
            n += 1
            while base + _suffix(n) in taken:  # "chen2024llm" + "s" is another paper's "chen2024llms"
                n += 1
            taken.add(base + _suffix(n))
            keys[paper.source] = base + _suffix(n)
    return keys


def _suffix(n: int) -> str:
    """The suffix of the n-th paper sharing a key (n >= 1): b, c, ..., z, then _27, _28..."""
    return "abcdefghijklmnopqrstuvwxyz"[n] if n < 26 else f"_{n + 1}"
