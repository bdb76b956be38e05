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

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from itertools import combinations

from rapidfuzz import fuzz

from papershelf.core.ids import acl_id, arxiv_id, doi, openreview_id
from papershelf.core.model import Paper
from papershelf.core.names import title_key

NEAR_TITLE = 90
MIN_SUBTITLE_WORDS = 4
# How near titles are found (see near_title_candidates).
PREFIX_WORDS = 3
MAX_BLOCK = 100
NEIGHBOURS = 2


def paper_keys(paper: Paper, folded_title: str | None = None) -> Iterator[tuple[str, str]]:
    """(kind, key) pairs that identify ``paper``: "arXiv id", "DOI", "OpenReview id", "ACL Anthology
    id" and "title" (``folded_title``: its `title_key`, when known)."""
    if folded_title is None:
        folded_title = title_key(paper.title or "")
    url = paper.url
    for kind, key in (
        ("arXiv id", arxiv_id(url)),
        ("DOI", doi(url)),
        ("OpenReview id", openreview_id(url) if url and "openreview" in url else None),
        ("ACL Anthology id", acl_id(url) if url and "aclanthology" in url else None),
        ("title", folded_title),
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
    they share a key, not when their titles are only alike.  ``first`` comes before ``second``
    in ``papers``."""
    first_with: dict[tuple[str, str], int] = {}  # (kind, key): the index of the first paper with it
    reported: set[tuple[int, int]] = set()
    titles = [title_key(p.title or "") for p in papers]
    for i, paper in enumerate(papers):
        for kind, key in paper_keys(paper, titles[i]):
            j = first_with.setdefault((kind, key), i)
            if j != i and (j, i) not in reported:
                reported.add((j, i))
                yield papers[j], paper, True, f"same {kind} {key!r}"
    subtitles = [subtitle_key(p.title or "") for p in papers]
    by_short: dict[str, list[int]] = defaultdict(list)
    for i, title in enumerate(titles):
        if title:
            by_short[subtitles[i] or title].append(i)
    for members in by_short.values():
        for at, i in enumerate(members):
            for j in members[:at]:
                if (subtitles[i] or subtitles[j]) and (j, i) not in reported:
                    reported.add((j, i))
                    yield papers[j], papers[i], False, "the same title once a leading 'Name:' is dropped"
    ratio = fuzz.ratio
    for j, i in near_title_candidates(titles):
        if (j, i) not in reported and (score := ratio(titles[i], titles[j], score_cutoff=NEAR_TITLE)):
            yield papers[j], papers[i], False, f"titles {score:.0f}% alike"


def near_title_candidates(titles: list[str]) -> Iterator[tuple[int, int]]:
    """Pairs (j, i), j < i, of folded titles that may be ``NEAR_TITLE`` alike: what is compared,
    instead of every pair (5 billion at 100,000 papers).

    Two titles that alike share most of their words, so each title is indexed by every two of
    its `PREFIX_WORDS` rarest words that some other title also has, and titles indexed by a
    common pair are compared (prefix filtering; single words would put thousands of titles in
    one block at 100,000 papers).  A typo in one of those words is caught by sorted
    neighbourhoods: each title is also compared with the `NEIGHBOURS` next to it in the
    order of the titles, and of the titles read backwards.  (rapidfuzz's ratio gives up at
    once on titles too unequal in length to reach the score.)
    """
    words = [set(title.split()) for title in titles]
    frequency = Counter(word for title_words in words for word in title_words)
    blocks: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i, title_words in enumerate(words):
        shared = [word for _, word in sorted((frequency[w], w) for w in title_words if frequency[w] > 1)]
        if len(shared) == 1:
            blocks[(shared[0],)].append(i)
        for pair in combinations(shared[:PREFIX_WORDS], 2):
            blocks[pair].append(i)
    count = len(titles)
    pairs: set[int] = set()  # j * count + i: a set of ints costs a fraction of one of tuples
    for members in blocks.values():
        if len(members) <= MAX_BLOCK:
            pairs.update(j * count + i for at, i in enumerate(members) for j in members[:at])
    empty = [i for i, title in enumerate(titles) if not title]
    pairs.update(j * count + i for at, i in enumerate(empty) for j in empty[:at])
    for key in (None, lambda i: titles[i][::-1]):
        order = sorted(range(count), key=key or titles.__getitem__)
        for step in range(1, NEIGHBOURS + 1):
            pairs.update(min(i, j) * count + max(i, j) for i, j in zip(order, order[step:]))
    for pair in pairs:
        yield divmod(pair, count)


def same_title(a: str, b: str) -> bool:
    """Whether two titles are one paper's (at least ``NEAR_TITLE`` alike once folded)."""
    return fuzz.ratio(title_key(a), title_key(b)) >= NEAR_TITLE
