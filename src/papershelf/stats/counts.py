"""The list's statistics, counted once from its papers (names as ``[aliases]`` give them): papers
per year, per venue, per keyword and year, the top authors and institutions, the share with code
and the share that is an arXiv preprint only."""

from __future__ import annotations

import heapq
from collections import Counter
from dataclasses import asdict, dataclass, field

from papershelf.core.model import Paper
from papershelf.library.aliases import canonical_paper
from papershelf.library.config import Config

TOP = 15
RECENT_YEARS = 10
PREPRINT_VENUES = {"arxiv", "corr"}


def is_preprint(paper: Paper) -> bool:
    """Filed under arXiv (or no venue with an arXiv url): published nowhere else yet."""
    if paper.venue:
        return paper.venue.strip().casefold() in PREPRINT_VENUES
    return "arxiv.org/" in (paper.url or "")


@dataclass(frozen=True)
class Statistics:
    papers: int
    per_year: list[tuple[int, int]]  # oldest first
    venues: list[tuple[str, int]]  # most papers first
    keywords: list[tuple[str, int]]  # (label, papers), most first
    authors: list[tuple[str, int]]
    institutions: list[tuple[str, int]]
    with_code: int
    preprints: int  # arXiv only
    recent_years: list[int]  # the last RECENT_YEARS years with papers
    venues_by_year: list[tuple[str, list[int]]]  # top venues, papers in each recent year
    keywords_by_year: list[tuple[str, list[int]]]  # keywords (labels), papers in each recent year
    conferences: tuple = ()  # upcoming `timeline.Conference`s, from the library's conferences file

    def as_dict(self) -> dict:
        found = asdict(self)
        found["share_with_code"] = round(self.with_code / self.papers, 4) if self.papers else 0.0
        found["share_preprints"] = round(self.preprints / self.papers, 4) if self.papers else 0.0
        found["conferences"] = [
            {"name": c.name, "start": str(c.start), "end": str(c.end), "deadline": str(c.deadline or "") or None,
             "level": c.level}
            for c in self.conferences
        ]  # fmt: skip
        return found


def _top(counts: Counter, top: int) -> list[tuple[str, int]]:
    """The ``top`` names counted most, then by name (a heap: 300,000 authors are not all sorted)."""
    return heapq.nsmallest(top, counts.items(), key=lambda item: (-item[1], item[0].casefold(), item[0]))


@dataclass
class Tally:
    """What the statistics are counted from, paper by paper: `add` puts a paper in (``sign`` -1
    takes it out again), so the site built again after an edit counts only the papers changed."""

    papers: int = 0
    years: Counter = field(default_factory=Counter)
    venues: Counter = field(default_factory=Counter)
    keywords: Counter = field(default_factory=Counter)
    authors: Counter = field(default_factory=Counter)
    institutions: Counter = field(default_factory=Counter)
    with_code: int = 0
    preprints: int = 0
    venue_years: Counter = field(default_factory=Counter)  # (venue, year) of papers with both
    keyword_years: Counter = field(default_factory=Counter)  # (keyword, year)

    def add(self, paper: Paper, sign: int = 1) -> None:
        """Count ``paper`` (with its names as [aliases] gives them) in, or out with ``sign`` -1."""
        self.papers += sign
        self.with_code += sign * bool(paper.code_url)
        self.preprints += sign * is_preprint(paper)
        keywords = list(dict.fromkeys(paper.keywords))
        counted = [
            (self.years, [paper.year] if paper.year else []),
            (self.venues, [paper.venue] if paper.venue else []),
            (self.keywords, keywords),
            (self.authors, paper.author_names()),
            (self.institutions, paper.institution_names()),
            (self.venue_years, [(paper.venue, paper.year)] if paper.venue and paper.year else []),
            (self.keyword_years, [(k, paper.year) for k in keywords] if paper.year else []),
        ]
        for counter, names in counted:
            for name in names:
                counter[name] += sign
                if not counter[name]:
                    del counter[name]


def tally(papers: list[Paper], config: Config) -> Tally:
    counted = Tally()
    for paper in papers:
        counted.add(canonical_paper(paper, config))
    return counted


def statistics(papers: list[Paper], config: Config, top: int = TOP) -> Statistics:
    return statistics_of(tally(papers, config), config, top)


def statistics_of(counted: Tally, config: Config, top: int = TOP) -> Statistics:
    recent = sorted(counted.years)[-RECENT_YEARS:]

    def by_year(names: list[str], pairs: Counter) -> list[list[int]]:
        return [[pairs[(name, year)] for year in recent] for name in names]

    top_venues = [v for v, _ in _top(counted.venues, 10)]
    keyword_names = [k for k, _ in _top(counted.keywords, len(counted.keywords))]
    return Statistics(
        papers=counted.papers,
        per_year=sorted(counted.years.items()),
        venues=_top(counted.venues, top),
        keywords=[(config.keyword_label(k), n) for k, n in _top(counted.keywords, top)],
        authors=_top(counted.authors, top),
        institutions=_top(counted.institutions, top),
        with_code=counted.with_code,
        preprints=counted.preprints,
        recent_years=recent,
        venues_by_year=list(zip(top_venues, by_year(top_venues, counted.venue_years))),
        keywords_by_year=list(
            zip((config.keyword_label(k) for k in keyword_names), by_year(keyword_names, counted.keyword_years))
        ),
    )
