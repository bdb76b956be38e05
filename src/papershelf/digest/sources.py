"""Where a digest's candidates come from: the arXiv API (every paper submitted since a date that
the search words find) or arXiv's RSS feeds of the categories (today's announcements).  A failure
of the network is one `NetworkError` line."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from datetime import date

import arxiv
import requests

from papershelf.core.ids import arxiv_id
from papershelf.digest.candidates import Candidate
from papershelf.digest.words import SearchWords
from papershelf.ingest.clients.http import Http, NetworkError

MAX_RESULTS = 3000  # a week of cs.CL+cs.LG+cs.AI with EfficientPaper's words is a few hundred
RSS_URL = "https://rss.arxiv.org/rss/{categories}"
NEW_TYPES = ("new", "cross")  # "replace": a new version of an older paper, not news
_DC = "{http://purl.org/dc/elements/1.1/}"
_ARXIV = "{http://arxiv.org/schemas/atom}"
_ABSTRACT = re.compile(r"^arXiv:\S+\s+Announce Type:\s*\S+\s*Abstract:\s*", re.S)


def _plain(text: str) -> str:
    """Names as arXiv's feeds write them, LaTeX accents and all ("Kad{\\i}o\\u{g}lu"), in Unicode."""
    if "\\" not in text and "{" not in text:
        return text
    from pylatexenc.latex2text import LatexNodes2Text

    return LatexNodes2Text().latex_to_text(text)


def from_api(words: SearchWords, since: date, client: arxiv.Client, today: date) -> list[Candidate]:
    """The papers first submitted from ``since`` on that the words find, newest first."""
    search = arxiv.Search(
        query=words.api_query(),
        max_results=MAX_RESULTS,
        sort_by=arxiv.SortCriterion.SubmittedDate,
        sort_order=arxiv.SortOrder.Descending,
    )
    found = []
    try:
        for result in client.results(search):
            if result.published.date() < since:
                break
            candidate = Candidate(
                arxiv_id=arxiv_id(result.entry_id) or result.get_short_id(),
                title=" ".join(result.title.split()),
                abstract=" ".join((result.summary or "").split()),
                date=today.isoformat(),
                authors=tuple(" ".join(a.name.split()) for a in result.authors),
                categories=tuple(result.categories),
                doi=(result.doi or "").lower(),
            )
            if words.matched(candidate.text):
                found.append(candidate)
    except arxiv.HTTPError as exc:
        raise NetworkError(f"arXiv answered HTTP {exc.status} to the digest's search; nothing was written") from exc
    except (arxiv.ArxivError, requests.RequestException) as exc:
        raise NetworkError(f"arXiv could not be reached ({exc.__class__.__name__}); nothing was written") from exc
    return found


def from_rss(words: SearchWords, http: Http, today: date) -> list[Candidate]:
    """Today's new papers (and cross-lists) of the categories that the words find."""
    url = RSS_URL.format(categories="+".join(words.categories))
    text = http.get_text("arXiv RSS", url)
    return read_feed(text or "", words, today, url)


def read_feed(text: str, words: SearchWords, today: date, url: str = "the feed") -> list[Candidate]:
    try:
        channel = ElementTree.fromstring(text).find("channel")
    except ElementTree.ParseError as exc:
        raise NetworkError(f"arXiv RSS answered something that is not a feed ({url}: {exc})") from None
    if channel is None:
        raise NetworkError(f"arXiv RSS answered a feed without a channel ({url})")
    title = channel.findtext("title", "")
    if title.startswith("Feed error"):
        raise NetworkError(f"arXiv RSS: {channel.findtext('description', title).strip()}")
    found = []
    for item in channel.iter("item"):
        if item.findtext(f"{_ARXIV}announce_type", "new").strip() not in NEW_TYPES:
            continue
        paper_id = arxiv_id(item.findtext("link", ""))
        if paper_id is None:
            continue
        creators = _plain(item.findtext(f"{_DC}creator", ""))
        candidate = Candidate(
            arxiv_id=paper_id,
            title=" ".join(item.findtext("title", "").split()),
            abstract=" ".join(_ABSTRACT.sub("", item.findtext("description", "")).split()),
            date=today.isoformat(),
            authors=tuple(a.strip() for a in creators.split(",") if a.strip()),
            categories=tuple(c.text.strip() for c in item.findall("category") if c.text),
            doi=item.findtext(f"{_ARXIV}DOI", "").strip().lower(),
        )
        if words.matched(candidate.text):
            found.append(candidate)
    return found
