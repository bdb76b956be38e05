"""Finding a paper the library already holds: same arXiv id, same DOI or same title.

The keys fold what never tells two papers apart: an arXiv id's version, a DOI's
letter case and url form, a title's case, punctuation, accents and LaTeX.  The
duplicate check of ``papershelf check`` and every importer share them, so a
paper ``add`` refuses is one ``check`` would have reported.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from papershelf.core.ids import arxiv_id, doi
from papershelf.core.model import Paper
from papershelf.core.names import title_key


def paper_keys(paper: Paper) -> Iterator[tuple[str, str]]:
    """(kind, key) pairs that identify ``paper``: "arXiv id", "DOI" and "title"."""
    for kind, key in (
        ("arXiv id", arxiv_id(paper.url)),
        ("DOI", doi(paper.url)),
        ("title", title_key(paper.title or "")),
    ):
        if key:
            yield kind, key


class KnownPapers:
    """The papers of a library (and those added to it since), by their keys."""

    def __init__(self, papers: Iterable[Paper] = ()):
        self._by_key: dict[tuple[str, str], Paper] = {}
        for paper in papers:
            self.add(paper)

    def add(self, paper: Paper) -> None:
        for key in paper_keys(paper):
            self._by_key.setdefault(key, paper)

    def find(self, paper: Paper) -> tuple[Paper, str] | None:
        """The paper already held that ``paper`` is, and why ("same arXiv id '2306.11695'")."""
        for kind, key in paper_keys(paper):
            found = self._by_key.get((kind, key))
            if found is not None:
                return found, f"same {kind} {key!r}"
        return None
