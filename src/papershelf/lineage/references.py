"""What a ``baseline { methods: ... }`` reference names: a paper of the list, found by its id (the
file name), its abbreviation, its title or the short name its title starts with, spelt in any case
and punctuation, with its year or without ("2024/StreamingLLM" is ``meta/2024/streaming-llm``,
"2023/SparseGPT" is ``sparsegpt``).

EfficientPaper's own graph script keys papers by file name and reference text exactly, so a
reference spelt otherwise makes an orphan node there; the resolved form `canonical` gives is
``YEAR/<file name>`` (the file's path under ``meta/``), which that script reads too.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from papershelf.core.model import Paper
from papershelf.core.names import fold, short_name

_YEAR_PREFIX = re.compile(r"^\s*(?:meta/)?(?P<year>\d{4})/(?P<name>.+?)\s*$")
NEAR = 85  # % alike: an unknown reference's candidates
MAX_CANDIDATES = 3


def key(text: str) -> str:
    """The spelling-free key of a name: folded, every space and punctuation mark dropped."""
    return fold(text).replace(" ", "")


def parts(reference: str) -> tuple[int | None, str]:
    """``(year, name)`` of a reference: "2023/SparseGPT" -> (2023, "SparseGPT"); no year, None."""
    text = reference.strip().removesuffix(".prototxt")
    found = _YEAR_PREFIX.match(text)
    if found:
        return int(found["year"]), found["name"]
    return None, text.removeprefix("meta/")


def canonical(paper: Paper) -> str:
    """The reference that names ``paper`` as its file does: ``2023/sparsegpt``, or ``sparsegpt`` (flat)."""
    return paper.source.removeprefix("meta/").removesuffix(".prototxt")


@dataclass(frozen=True)
class Resolution:
    reference: str
    paper: Paper | None  # the one paper it names, or None
    candidates: tuple[Paper, ...] = ()  # the papers it may name (ambiguous), or those spelt alike (unknown)
    ambiguous: bool = False  # several papers answer to it


class Resolver:
    """Every paper of the list by the keys of its id, abbreviation, title and title's short name."""

    def __init__(self, papers: list[Paper]):
        self.by_key: dict[str, list[Paper]] = defaultdict(list)
        for paper in papers:
            names = {paper.id, paper.abbr or "", paper.title or "", short_name(paper.title) or ""}
            for name in {key(n) for n in names if n}:
                if name:
                    self.by_key[name].append(paper)
        self._keys = list(self.by_key)

    def resolve(self, reference: str) -> Resolution:
        year, name = parts(reference)
        found = self.by_key.get(key(name), [])
        if year is not None and len(found) > 1:
            same_year = [p for p in found if p.year == year]
            found = same_year or found
        if len(found) == 1:
            return Resolution(reference, found[0])
        if found:
            ordered = tuple(sorted(found, key=lambda p: p.source))
            return Resolution(reference, None, ordered, ambiguous=True)
        return Resolution(reference, None, self._alike(key(name)))

    def _alike(self, wanted: str) -> tuple[Paper, ...]:
        if not wanted:
            return ()
        matches = process.extract(wanted, self._keys, scorer=fuzz.ratio, score_cutoff=NEAR, limit=MAX_CANDIDATES)
        papers = {p.source: p for name, _, _ in matches for p in self.by_key[name]}
        return tuple(papers[s] for s in sorted(papers))[:MAX_CANDIDATES]
