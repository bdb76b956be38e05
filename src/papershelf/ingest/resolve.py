"""From a SOURCE to paper drafts, each service used for what it is good at.

arXiv gives the title, authors, abstract and comment (for the code link);
Crossref the venue and year of a published version (its DOI, else the journal
ref arXiv records); OpenAlex the institutions.  A draft has no id yet: the
shelf gives it one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import arxiv

from papershelf.core.errors import PapershelfError
from papershelf.core.ids import year_in
from papershelf.core.model import Paper
from papershelf.core.names import short_name
from papershelf.core.venues import short_venue
from papershelf.ingest.clients import arxiv_api, crossref, openalex
from papershelf.ingest.clients import http as network
from papershelf.ingest.identify import ARXIV, BIBTEX, DOI, PDF, identify
from papershelf.ingest.readers.bibtex import read_bibtex
from papershelf.ingest.readers.code_links import code_url
from papershelf.ingest.readers.pdf import MIN_TITLE_WORDS, first_page, identify_pdf

_JOURNAL_NAME = re.compile(r"^(.*?)(?=\s*(?:\d|\(|,|$))")


@dataclass
class Services:
    """The clients the importers talk through; tests build one over recorded responses."""

    arxiv: arxiv.Client
    http: network.Http

    @classmethod
    def online(cls) -> Services:
        return cls(arxiv_api.new_client(), network.Http(network.new_client()))


@dataclass
class Drafts:
    papers: list[Paper] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # what the drafts lack, and why


def journal_venue(journal_ref: str) -> tuple[str | None, int | None]:
    """Venue and year of an arXiv journal ref: "Phys. Rev. B 85, 115117 (2012)" -> ("Phys. Rev. B", 2012)."""
    name = _JOURNAL_NAME.match(journal_ref).group(1).strip(" .,;") if journal_ref else ""
    return short_venue(name) or None, year_in(journal_ref)


def from_arxiv(arxiv_id: str, services: Services) -> Paper:
    record = arxiv_api.fetch(arxiv_id, services.arxiv)
    venue, year = "arXiv", record.year
    published = crossref.work(services.http, record.doi) if record.doi else None
    if published and (published.venue or published.year):
        venue, year = published.venue or venue, published.year or year
    elif record.journal_ref:
        ref_venue, ref_year = journal_venue(record.journal_ref)
        venue, year = ref_venue or venue, ref_year or year
    institutions = list(record.affiliations) or openalex.institutions(
        services.http, doi=record.doi or f"10.48550/arxiv.{arxiv_id}", title=record.title
    )
    code = code_url(record.comment) or code_url(record.summary)
    url = f"https://arxiv.org/abs/{arxiv_id}"
    return _found(record.title, url, record.authors, institutions, venue, year, code)


def from_doi(doi: str, services: Services) -> Paper:
    found = crossref.work(services.http, doi)
    if found is None:
        raise PapershelfError(f"Crossref knows no DOI {doi}")
    return _paper_of_work(found, services)


def _paper_of_work(found: crossref.CrossrefWork, services: Services) -> Paper:
    institutions = openalex.institutions(services.http, doi=found.doi, title=found.title) or list(found.affiliations)
    url = f"https://doi.org/{found.doi}"
    return _found(found.title, url, found.authors, institutions, found.venue, found.year, found.code_url)


def _found(title, url, authors, institutions, venue, year, code) -> Paper:
    """A paper an importer found: no id yet (adding it gives one), an abbreviation made from its title."""
    return Paper(
        id="",
        title=title,
        abbr=short_name(title),
        url=url,
        authors=tuple(authors),
        institutions=tuple(institutions),
        venue=venue,
        year=year,
        code_url=code,
    )


def from_pdf(path: str, services: Services) -> Paper:
    clue = identify_pdf(path)
    if clue.arxiv_id:
        return from_arxiv(clue.arxiv_id, services)
    if clue.doi:
        return from_doi(clue.doi, services)
    found = crossref.find_by_title(services.http, clue.title)
    if found is None:
        raise PapershelfError(f"{path}: its title {clue.title!r} matches no Crossref work")
    return _paper_of_work(found, services)


def pdf_draft(path: str, services: Services) -> tuple[Paper, str | None]:
    """The paper a PDF is, looked up by its identifiers; when they cannot be looked up (offline, or
    no service knows them), what its first page shows, and a warning that the rest is missing."""
    try:
        return from_pdf(path, services), None
    except PapershelfError as failure:
        page = first_page(path)
        if len(page.title.split()) < MIN_TITLE_WORDS:
            raise
        clue = identify_pdf(path)
        url = f"https://arxiv.org/abs/{clue.arxiv_id}" if clue.arxiv_id else None
        url = url or (f"https://doi.org/{clue.doi}" if clue.doi else None)
        year = 2000 + int(clue.arxiv_id[:2]) if clue.arxiv_id and clue.arxiv_id[:4].isdigit() else None
        paper = _found(page.title, url, page.authors, (), "arXiv" if year else None, year, None)
        byline = "title and authors are" if page.authors else "title is"
        known = "the year from its arXiv id; institutions" if year else "venue, year, institutions"
        reason = str(failure).removesuffix("; nothing was written").removeprefix(f"{path}: ")
        return paper, f"{path}: {reason}; the {byline} from the PDF, {known} and code are missing"


def drafts_for(source: str, services: Services | None = None) -> Drafts:
    """The paper drafts ``source`` describes: one, or every entry of a BibTeX file."""
    found = identify(source)
    if found.kind == BIBTEX:
        read = read_bibtex(Path(found.value))
        return Drafts(read.papers, read.skipped)
    services = services or Services.online()
    if found.kind == PDF:
        paper, warning = pdf_draft(found.value, services)
        return Drafts([paper], warnings=[warning] if warning else [])
    fetch = {ARXIV: from_arxiv, DOI: from_doi}[found.kind]
    return Drafts([fetch(found.value, services)])
