"""Semantic Scholar's record of an arXiv paper (api.semanticscholar.org/graph/v1): where it was
published, by its other ids (``externalIds``: DOI, DBLP...) and its venue."""

from __future__ import annotations

from dataclasses import dataclass

from papershelf.ingest.clients.http import Http

API = "https://api.semanticscholar.org/graph/v1/paper"
SERVICE = "Semantic Scholar"
FIELDS = "title,authors,externalIds,venue,year,journal,publicationVenue,publicationTypes"


@dataclass(frozen=True)
class ScholarPaper:
    title: str
    arxiv_id: str | None
    doi: str | None
    venue: str | None  # the publication venue's name, else the journal's, else "venue"
    year: int | None
    first_author: str | None


def paper_of_arxiv(http: Http, arxiv_id: str) -> ScholarPaper | None:
    """The record of the arXiv paper ``arxiv_id``, or None when Semantic Scholar has none."""
    found = http.get_json(SERVICE, f"{API}/arXiv:{arxiv_id}", params={"fields": FIELDS})
    if not found or not found.get("title"):
        return None
    ids = found.get("externalIds") or {}
    venue = (found.get("publicationVenue") or {}).get("name") or (found.get("journal") or {}).get("name")
    authors = found.get("authors") or []
    return ScholarPaper(
        title=" ".join(found["title"].split()),
        arxiv_id=(ids.get("ArXiv") or "").lower() or None,
        doi=(ids.get("DOI") or "").lower() or None,
        venue=venue or found.get("venue") or None,
        year=found.get("year"),
        first_author=(authors[0].get("name") if authors else None),
    )
