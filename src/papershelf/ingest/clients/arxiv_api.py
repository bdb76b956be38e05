"""arXiv metadata through the ``arxiv`` package: title, authors, dates, comment, journal ref, DOI.

The ``arxiv`` client retries a failed request itself (three times, three seconds
apart, as arXiv's terms ask); every request here also has a timeout, which the
client lacks.  What still fails becomes one `NetworkError` line.
"""

from __future__ import annotations

from dataclasses import dataclass

import arxiv
import requests
from requests.adapters import HTTPAdapter

from papershelf.core.errors import PapershelfError
from papershelf.ingest.clients.http import NetworkError

TIMEOUT_SECONDS = 20


class _TimeoutAdapter(HTTPAdapter):
    def send(self, request, **kwargs):
        kwargs["timeout"] = kwargs.get("timeout") or TIMEOUT_SECONDS
        return super().send(request, **kwargs)


def new_client() -> arxiv.Client:
    client = arxiv.Client(page_size=10, delay_seconds=3.0, num_retries=3)
    session = requests.Session()
    session.mount("https://", _TimeoutAdapter())
    session.mount("http://", _TimeoutAdapter())
    client._session = session  # the client has no other way to set a timeout
    return client


@dataclass(frozen=True)
class ArxivRecord:
    arxiv_id: str  # without version
    title: str
    authors: tuple[str, ...]
    affiliations: tuple[str, ...]
    year: int
    summary: str
    comment: str
    journal_ref: str
    doi: str  # of the published version, "" when none


def fetch(arxiv_id: str, client: arxiv.Client) -> ArxivRecord:
    """The record of one arXiv paper; a usage error when arXiv has none with that id."""
    try:
        results = list(client.results(arxiv.Search(id_list=[arxiv_id], max_results=1)))
    except arxiv.HTTPError as exc:
        raise NetworkError(f"arXiv answered HTTP {exc.status} for {arxiv_id}; nothing was written") from exc
    except (arxiv.ArxivError, requests.RequestException) as exc:
        raise NetworkError(f"arXiv could not be reached ({exc.__class__.__name__}); nothing was written") from exc
    if not results:
        raise PapershelfError(f"arXiv has no paper {arxiv_id}")
    result = results[0]
    affiliations = [a for author in result.authors for a in (author.affiliation or [])]
    return ArxivRecord(
        arxiv_id=arxiv_id,
        title=" ".join(result.title.split()),
        authors=tuple(" ".join(a.name.split()) for a in result.authors),
        affiliations=tuple(dict.fromkeys(" ".join(a.split()) for a in affiliations)),
        year=result.published.year,
        summary=result.summary or "",
        comment=result.comment or "",
        journal_ref=" ".join((result.journal_ref or "").split()),
        doi=(result.doi or "").lower(),
    )
