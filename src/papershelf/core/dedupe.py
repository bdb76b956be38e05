"""Is this paper one the library holds already?  Shared by every importer and ``papershelf check``.

The keys fold what never tells two papers apart: an arXiv id's version, a DOI's
letter case and url form, a title's case, punctuation, accents and LaTeX.
Importers refuse a paper whose key the library holds (`KnownPapers`), so a
paper ``add`` refuses is one ``check`` would have reported.  Beyond the keys,
`duplicate_pairs` finds titles that are near each other (warnings of
``check``), and `same_title` decides whether a service's search hit is the
paper looked for.

``NEAR_TITLE`` is a rapidfuzz ratio of folded titles: 90 sits above every pair
of distinct papers in the real EfficientPaper list (the closest, "LoRA" and
"QA-LoRA", score 81.7) and below its real duplicate (Sparse-IFT filed twice,
92.3); tests/check keep both facts true.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from rapidfuzz import fuzz, process

from papershelf.core.ids import arxiv_id, doi
from papershelf.core.model import Paper
from papershelf.core.names import title_key

NEAR_TITLE = 90
MIN_SUBTITLE_WORDS = 4


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


def subtitle_key(title: str) -> str | None:
    """The folded title after a leading ``Name:``, when it is long enough to identify a paper."""
    if ":" not in title:
        return None
    rest = title_key(title.split(":", 1)[1])
    return rest if len(rest.split()) >= MIN_SUBTITLE_WORDS else None


def duplicate_pairs(papers: list[Paper]) -> Iterator[tuple[Paper, Paper, bool, str]]:
    """(first, second, certain, reason) for every pair of papers that look like one: certain when
    they share a key, not when their titles are only alike."""
    seen: dict[tuple[str, str], Paper] = {}
    reported: set[tuple[str, str]] = set()
    for paper in papers:
        for kind, key in paper_keys(paper):
            other = seen.setdefault((kind, key), paper)
            if other is not paper and (other.source, paper.source) not in reported:
                reported.add((other.source, paper.source))
                yield other, paper, True, f"same {kind} {key!r}"
    titles = [title_key(p.title or "") for p in papers]
    subtitles = [subtitle_key(p.title or "") for p in papers]
    for i, paper in enumerate(papers):
        for j, other in enumerate(papers[:i]):
            if (other.source, paper.source) in reported or not titles[i]:
                continue
            short_i, short_j = subtitles[i] or titles[i], subtitles[j] or titles[j]
            if short_i == short_j and (subtitles[i] or subtitles[j]):
                reported.add((other.source, paper.source))
                yield other, paper, False, "the same title once a leading 'Name:' is dropped"
        matches = process.extract(titles[i], titles[:i], scorer=fuzz.ratio, score_cutoff=NEAR_TITLE, limit=None)
        for _, score, j in matches:
            other = papers[j]
            if (other.source, paper.source) not in reported:
                reported.add((other.source, paper.source))
                yield other, paper, False, f"titles {score:.0f}% alike"


def same_title(a: str, b: str) -> bool:
    """Whether two titles are one paper's (at least ``NEAR_TITLE`` alike once folded)."""
    return fuzz.ratio(title_key(a), title_key(b)) >= NEAR_TITLE
