"""``papershelf refresh``: the list's preprints that have since been published, and where.

For each paper filed under arXiv (every paper with ``everything``) three services are asked, and
what each says is kept as evidence:

1. arXiv's own record: the DOI and journal reference its authors added (the same paper by
   definition), the venue read from Crossref's record of that DOI, else from the reference;
2. Semantic Scholar's record of the arXiv id: accepted when it names the same arXiv id (the year
   from Crossref's record of its DOI: Semantic Scholar gives the preprint's);
3. OpenAlex's title search (it keeps a preprint and its published version apart): accepted when the
   title agrees at least ``TITLE_AGREES`` % (also without a leading "Name:") and so does the
   first author's family name.

A repository DOI (arXiv 10.48550, SSRN 10.2139, bioRxiv and medRxiv 10.1101) is never taken as
a publication, nor a venue that is a preprint server.  The first accepted evidence gives the
proposal (venue, year, DOI).  ``apply`` writes the proposals, every file staged first and then put
in place, comments kept; a venue other than arXiv is only replaced with ``force``.  A service that
cannot be reached is reported for that paper and the others go on; each service is asked at its
own pace and each answer kept a while (`clients.polite`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from rapidfuzz import fuzz

from papershelf.cache.loader import load_library
from papershelf.core.errors import PapershelfError
from papershelf.core.ids import arxiv_id
from papershelf.core.model import Paper
from papershelf.core.names import fold, title_key
from papershelf.core.venues import PREPRINT, short_venue, venue_kind
from papershelf.ingest.clients import arxiv_api, crossref, openalex, semantic_scholar
from papershelf.ingest.clients.polite import PoliteHttp
from papershelf.ingest.resolve import Services
from papershelf.library.atomic import commit, remove_staged, stage
from papershelf.library.layout import cache_folder
from papershelf.library.textproto import Unrewritable, rewritten
from papershelf.library.writer_lock import writer_lock

REPOSITORY_DOIS = ("10.48550/", "10.2139/", "10.1101/")
TITLE_AGREES = 90
_JOURNAL_REF = re.compile(r"^(?P<venue>[^\d(]+?)[\s,.]*(?:\d|\(|$)")
_YEAR = re.compile(r"\b(19|20)\d\d\b")


@dataclass(frozen=True)
class Evidence:
    service: str
    says: str
    accepted: bool


@dataclass
class Proposal:
    paper: Paper
    venue: str | None = None
    year: int | None = None
    doi: str | None = None
    evidence: list[Evidence] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # services that could not be asked
    kept: str | None = None  # why a found venue is not proposed

    @property
    def changes(self) -> dict:
        found = {}
        if self.venue and self.venue != self.paper.venue and not self.kept:
            found["venue"] = self.venue
            if self.year and self.year != self.paper.year:
                found["year"] = self.year
        return found


@dataclass
class RefreshResult:
    proposals: list[Proposal]
    applied: list[str] = field(default_factory=list)  # files written
    left: list[str] = field(default_factory=list)  # "path: why" of files not written

    @property
    def failed(self) -> bool:
        return any(p.problems for p in self.proposals) or bool(self.left)


def is_repository(doi: str | None) -> bool:
    return not doi or doi.lower().startswith(REPOSITORY_DOIS)


def _published_venue(name: str | None) -> str | None:
    venue = short_venue(name)
    return venue if venue and venue_kind(venue) != PREPRINT else None


def _family(name: str) -> str:
    words = fold(name).split()
    return words[-1] if words else ""


def titles_agree(ours: str, theirs: str) -> bool:
    def forms(title: str) -> list[str]:
        found = [title_key(title)]
        if ":" in title:
            found.append(title_key(title.split(":", 1)[1]))
        return found

    return any(fuzz.ratio(a, b) >= TITLE_AGREES for a in forms(ours) for b in forms(theirs))


def _from_arxiv(proposal: Proposal, paper_id: str, services: Services) -> None:
    record = arxiv_api.fetch(paper_id, services.arxiv)
    if is_repository(record.doi):
        proposal.evidence.append(Evidence("arXiv", "no DOI of a publication in its record", False))
        return
    work = crossref.work(services.http, record.doi)
    venue = _published_venue(work.venue if work else None)
    year = work.year if work else None
    if venue is None and record.journal_ref:
        found = _JOURNAL_REF.match(record.journal_ref)
        venue = _published_venue(found["venue"].strip() if found else None)
        year = int(_YEAR.search(record.journal_ref).group()) if _YEAR.search(record.journal_ref) else year
    says = f"DOI {record.doi}" + (f", journal reference {record.journal_ref!r}" if record.journal_ref else "")
    proposal.evidence.append(Evidence("arXiv", says, venue is not None))
    if venue is not None and proposal.venue is None:
        proposal.venue, proposal.year, proposal.doi = venue, year, record.doi


def _from_semantic_scholar(proposal: Proposal, paper_id: str, services: Services) -> None:
    found = semantic_scholar.paper_of_arxiv(services.http, paper_id)
    if found is None:
        proposal.evidence.append(Evidence("Semantic Scholar", "no record of it", False))
        return
    venue = _published_venue(found.venue)
    same = found.arxiv_id == paper_id
    published = venue is not None and not is_repository(found.doi)
    says = f"{found.venue or 'no venue'} {found.year or ''}".strip() + (f", DOI {found.doi}" if found.doi else "")
    says += "" if same else f" (for arXiv id {found.arxiv_id}: another paper)"
    proposal.evidence.append(Evidence("Semantic Scholar", says, same and published))
    if same and published and proposal.venue is None:
        work = crossref.work(services.http, found.doi)  # the year of the version published (S2 gives the first)
        proposal.venue, proposal.year, proposal.doi = venue, (work.year if work else None) or found.year, found.doi


def _from_openalex(proposal: Proposal, services: Services) -> None:
    paper = proposal.paper
    first = _family(paper.split_authors()[0]) if paper.split_authors() else ""
    for work in openalex.works_by_title(services.http, paper.title or ""):
        doi = (work.get("doi") or "").lower().removeprefix("https://doi.org/")
        source = ((work.get("primary_location") or {}).get("source") or {}).get("display_name")
        if work.get("type") == "preprint" or is_repository(doi):
            continue
        venue = _published_venue(source)
        authors = [a.get("author", {}).get("display_name", "") for a in work.get("authorships", [])]
        agrees = titles_agree(paper.title or "", work.get("title") or "") and (
            not first or (bool(authors) and _family(authors[0]) == first)
        )
        says = f"{source or 'no venue'} {work.get('publication_year') or ''}, DOI {doi}: {work.get('title')!r}"
        proposal.evidence.append(Evidence("OpenAlex", says, agrees and venue is not None))
        if agrees and venue is not None and proposal.venue is None:
            proposal.venue, proposal.year, proposal.doi = venue, work.get("publication_year"), doi


def _looked_up(paper: Paper, services: Services, canonical) -> Proposal:
    proposal = Proposal(paper)
    paper_id = arxiv_id(paper.url)
    steps = []
    if paper_id:
        steps += [("arXiv", lambda: _from_arxiv(proposal, paper_id, services))]
        steps += [("Semantic Scholar", lambda: _from_semantic_scholar(proposal, paper_id, services))]
    if paper.title:
        steps += [("OpenAlex", lambda: _from_openalex(proposal, services))]
    for service, step in steps:
        try:
            step()
        except PapershelfError as exc:  # a network failure (NetworkError) or "arXiv has no paper"
            proposal.problems.append(f"{service}: {exc}")
    if proposal.venue:
        proposal.venue = canonical(proposal.venue)
    return proposal


def run(
    library_dir: Path | str,
    everything: bool = False,
    apply: bool = False,
    force: bool = False,
    services: Services | None = None,
) -> RefreshResult:
    """Look up where the list's preprints (or, with ``everything``, all its papers) were published;
    with ``apply``, write the proposed venues and years."""
    library = load_library(library_dir)
    services = services or Services.online()
    try:
        answers = cache_folder(library.root) / "refresh"
    except OSError:
        answers = None  # a read-only library: asked every time
    services = Services(services.arxiv, PoliteHttp(services.http, answers))
    chosen = [p for p in library.papers if everything or venue_kind(p.venue) == PREPRINT]
    proposals = []
    for paper in sorted(chosen, key=lambda p: p.source):
        proposal = _looked_up(paper, services, library.config.canonical_name)
        if proposal.venue and venue_kind(paper.venue) != PREPRINT and not force:
            proposal.kept = f"its venue {paper.venue!r} was set by hand (--force replaces it)"
        proposals.append(proposal)
    result = RefreshResult(proposals)
    if apply:
        _apply(library, result)
    return result


def _apply(library, result: RefreshResult) -> None:
    """Write every proposal's changes, or none if a file cannot be rewritten without loss."""
    planned = {}
    for proposal in result.proposals:
        if not proposal.changes:
            continue
        paper = proposal.paper
        original = (library.root / paper.source).read_text("utf-8-sig")
        try:
            planned[paper.source] = rewritten(original, replace(paper, **proposal.changes), library.vocabulary)
        except Unrewritable as why:
            result.left.append(f"{paper.source}: {why}")
    if not planned:
        return
    with writer_lock(library.root):
        staged = {}
        try:
            for source, text in planned.items():
                staged[library.root / source] = stage(library.root / source, [text])
        except OSError:
            remove_staged(staged.values())
            raise
        commit(staged)
    result.applied = sorted(planned)
