"""Institutions from OpenAlex (api.openalex.org), which knows affiliations arXiv and Crossref rarely carry."""

from __future__ import annotations

from urllib.parse import quote

from papershelf.core.dedupe import same_title
from papershelf.ingest.clients.http import Http

API = "https://api.openalex.org/works"
SERVICE = "OpenAlex"


def _institutions(work: dict) -> list[str]:
    names = [i.get("display_name", "") for a in work.get("authorships", []) for i in a.get("institutions", [])]
    return list(dict.fromkeys(" ".join(n.split()) for n in names if n and n.strip()))


def works_by_title(http: Http, title: str) -> list[dict]:
    """The works whose title matches ``title`` in OpenAlex's title search (preprints and published
    versions are separate works there)."""
    clean = title.replace(",", " ").replace(":", " ")
    answer = http.get_json(SERVICE, API, params={"filter": f"title.search:{clean}"})
    return (answer or {}).get("results", [])


def institutions(http: Http, doi: str | None = None, title: str | None = None) -> list[str]:
    """The institutions of a paper's authors, in author order; found by DOI, else by title.

    A title search considers every hit whose title matches and takes the first
    that has institutions (a preprint's record often has none, its published
    version's has them).
    """
    if doi:
        found = http.get_json(SERVICE, f"{API}/https://doi.org/{quote(doi, safe='/')}")
        if found and _institutions(found):
            return _institutions(found)
    if not title:
        return []
    for work in works_by_title(http, title):
        if same_title(work.get("title") or "", title) and _institutions(work):
            return _institutions(work)
    return []
