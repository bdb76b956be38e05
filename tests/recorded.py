"""Importers over recorded responses: no test touches the network.

``arxiv_client`` serves arXiv API feeds by the id asked for; ``http`` serves
Crossref and OpenAlex answers by url.  A url nobody recorded answers 404, as the
services do for a work they do not know, and every request is logged so a test
can say which services were asked.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import arxiv
import httpx
import requests
from requests.adapters import BaseAdapter

from helpers import API
from papershelf.ingest.clients.http import Http
from papershelf.ingest.resolve import Services

# What the importers' tests ask for, and the recorded answers they get.
NOW = 1_763_700_000
ARXIV_FEEDS = {
    "1111.2011": API / "arxiv_api_classic2016_idlist_1111.2011v2.xml",
    "astro-ph/0601001": API / "arxiv_api_idlist_astro-ph_0601001.xml",
    "0000.0000": API / "arxiv_api_idlist_0000.0000_empty.xml",
}
CHEMCROW_DOI = "10.1038/s42256-024-00832-8"
ROUTES = {
    f"https://api.crossref.org/works/{CHEMCROW_DOI}": API / "crossref_work_10.1038_s42256-024-00832-8.json",
    "https://api.openalex.org/works": API / "openalex_works_filter_title_search_chemcrow.json",
}


class RecordedArxiv(BaseAdapter):
    def __init__(self, feeds: dict[str, Path | tuple[int, bytes]]):
        super().__init__()
        self.feeds = feeds
        self.asked: list[str] = []

    def send(self, request, **kwargs):
        ids = parse_qs(urlsplit(request.url).query).get("id_list", [""])[0]
        self.asked.append(ids)
        answer = self.feeds[ids]
        status, body = answer if isinstance(answer, tuple) else (200, Path(answer).read_bytes())
        response = requests.Response()
        response.status_code, response._content, response.url = status, body, request.url
        response.request = request
        return response

    def close(self):
        pass


def arxiv_client(feeds: dict) -> tuple[arxiv.Client, RecordedArxiv]:
    client = arxiv.Client(page_size=10, delay_seconds=0, num_retries=0)
    adapter = RecordedArxiv(feeds)
    session = requests.Session()
    session.mount("https://", adapter)
    session.mount("http://", adapter)
    client._session = session
    return client, adapter


class RecordedHttp:
    """An httpx transport answering from ``routes``: url (without query) or full url -> file or (status, body)."""

    def __init__(self, routes: dict[str, Path | tuple[int, bytes] | Exception]):
        self.routes = routes
        self.asked: list[str] = []
        self.slept: list[float] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        url = str(request.url)
        self.asked.append(url)
        answer = self.routes.get(url, self.routes.get(url.split("?")[0], (404, b"Resource not found.")))
        if isinstance(answer, Exception):
            raise answer
        status, body = answer if isinstance(answer, tuple) else (200, Path(answer).read_bytes())
        return httpx.Response(status, content=body, headers={"Retry-After": "7"} if status == 429 else {})

    def http(self) -> Http:
        return Http(httpx.Client(transport=httpx.MockTransport(self)), sleep=self.slept.append)


def services(arxiv_feeds: dict | None = None, routes: dict | None = None):
    """Services over recordings, with the recorders to inspect."""
    client, adapter = arxiv_client(arxiv_feeds or {})
    recorder = RecordedHttp(routes or {})
    return Services(client, recorder.http()), adapter, recorder
