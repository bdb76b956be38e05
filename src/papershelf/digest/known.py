"""What the digest knows of the list: its papers as the model sees them, and the test that drops a
candidate the list holds already (arXiv id in any version, DOI, folded title: `core.dedupe`)."""

from __future__ import annotations

from papershelf.core.dedupe import KnownPapers
from papershelf.core.ids import arxiv_id
from papershelf.core.model import Paper
from papershelf.digest.candidates import Candidate, fractional_year
from papershelf.digest.model import Known


def known_since(paper: Paper) -> float:
    """When the paper can first have been in the list: its arXiv month, else the end of its year."""
    found = arxiv_id(paper.url)
    if found and found[:4].isdigit():
        return 2000 + int(found[:2]) + (int(found[2:4]) - 1) / 12
    return (paper.year or 9999) + 0.999


def as_known(paper: Paper) -> Known:
    return Known(paper.title or paper.abbr or paper.id, known_since(paper), paper.abbr or paper.title or paper.id)


def known_before(papers: list[Paper], day: str, later: set[str] = frozenset()) -> list[Known]:
    """The papers that can have been in the list before ``day``: known since earlier, and not one of
    the ``later`` candidates' arXiv ids (those were taken from digests from ``day`` on)."""
    limit = fractional_year(day)
    return [as_known(p) for p in papers if known_since(p) < limit and (arxiv_id(p.url) or "") not in later]


def new_to(papers: list[Paper], candidates: list[Candidate]) -> tuple[list[Candidate], list[tuple[Candidate, Paper]]]:
    """The candidates the list does not hold, and those it does (with the paper)."""
    held = KnownPapers(papers)
    fresh, already = [], []
    for candidate in candidates:
        found = held.find(candidate.as_paper())
        if found:
            already.append((candidate, found[0]))
        else:
            fresh.append(candidate)
    return fresh, already
