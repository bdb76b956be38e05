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


def citation_keys(papers: list[Paper], bases: dict[str, str] | None = None) -> dict[str, str]:
    """The key of every paper, by the paper's source path; ``bases``: their `base_key`s, when known."""
    by_base: dict[str, list[tuple]] = {}
    for paper in papers:
        base = bases[paper.source] if bases is not None else base_key(paper)
        by_base.setdefault(base, []).append(clash_order(paper))
    return keys_of_clashes(by_base, set(by_base))


def clash_order(paper: Paper) -> tuple:
    """Where a paper stands among those whose keys clash: the order they joined the list; its source last."""
    return (paper.update_time or 0, paper.id, paper.source)


def keys_of_clashes(by_base: dict[str, list[tuple]], taken: set[str]) -> dict[str, str]:
    """The keys of the papers of ``by_base`` (base key -> each paper's `clash_order`), by source;
    ``taken``: every plain key of the list, which the suffixed keys given are added to.  (A suffix
    never makes another base's suffixed key: bases are letters and digits, so the keys of one base
    depend only on its papers and on which plain keys the list has.)"""
    keys = {}
    for base in sorted(by_base):
        clashing = sorted(by_base[base])
        keys[clashing[0][-1]] = base
        n = 0
        for order in clashing[1:]:
            n += 1
            while base + _suffix(n) in taken:  # "chen2024llm" + "s" is another paper's "chen2024llms"
                n += 1
            taken.add(base + _suffix(n))
            keys[order[-1]] = base + _suffix(n)
    return keys


def _suffix(n: int) -> str:
    """The suffix of the n-th paper sharing a key (n >= 1): b, c, ..., z, then _27, _28..."""
    return "abcdefghijklmnopqrstuvwxyz"[n] if n < 26 else f"_{n + 1}"
