"""The list's statistics, counted once from its papers (names as ``[aliases]`` give them): papers
per year, per venue, per keyword and year, the top authors and institutions, the share with code
and the share that is an arXiv preprint only."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass

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
    return sorted(counts.items(), key=lambda item: (-item[1], item[0].casefold(), item[0]))[:top]


def statistics(papers: list[Paper], config: Config, top: int = TOP) -> Statistics:
    papers = [canonical_paper(p, config) for p in papers]
    years = Counter(p.year for p in papers if p.year)
    venues = Counter(p.venue for p in papers if p.venue)
    keywords = Counter(k for p in papers for k in dict.fromkeys(p.keywords))
    recent = sorted(years)[-RECENT_YEARS:]

    def by_year(names: list[str], names_of) -> list[list[int]]:
        counts = {name: Counter() for name in names}
        for paper in papers:
            for name in names_of(paper):
                if name in counts and paper.year:
                    counts[name][paper.year] += 1
        return [[counts[name][year] for year in recent] for name in names]

    top_venues = [v for v, _ in _top(venues, 10)]
    keyword_names = [k for k, _ in _top(keywords, len(keywords))]
    return Statistics(
        papers=len(papers),
        per_year=sorted(years.items()),
        venues=_top(venues, top),
        keywords=[(config.keyword_label(k), n) for k, n in _top(keywords, top)],
        authors=_top(Counter(a for p in papers for a in p.author_names()), top),
        institutions=_top(Counter(i for p in papers for i in p.institution_names()), top),
        with_code=sum(bool(p.code_url) for p in papers),
        preprints=sum(is_preprint(p) for p in papers),
        recent_years=recent,
        venues_by_year=list(zip(top_venues, by_year(top_venues, lambda p: [p.venue] if p.venue else []))),
        keywords_by_year=list(
            zip(
                (config.keyword_label(k) for k in keyword_names),
                by_year(keyword_names, lambda p: dict.fromkeys(p.keywords)),
            )
        ),
    )
