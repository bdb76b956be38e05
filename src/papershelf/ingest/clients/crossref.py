"""DOI metadata from Crossref's REST API (api.crossref.org)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote

from papershelf.core.dedupe import same_title
from papershelf.core.venues import short_venue
from papershelf.ingest.clients.http import Http
from papershelf.ingest.readers.code_links import code_url

API = "https://api.crossref.org/works"
SERVICE = "Crossref"
_TAGS = re.compile(r"<[^>]+>")
MAX_VENUE_LENGTH = 40


@dataclass(frozen=True)
class CrossrefWork:
    doi: str
    title: str
    authors: tuple[str, ...]
    affiliations: tuple[str, ...]
    venue: str | None
    year: int | None
    code_url: str | None


def _first(values) -> str:
    return " ".join(values[0].split()) if values else ""


def _year(message: dict) -> int | None:
    for name in ("published-print", "published-online", "issued", "published", "created"):
        parts = (message.get(name) or {}).get("date-parts") or [[None]]
        if parts[0] and parts[0][0]:
            return int(parts[0][0])
    return None


def _venue(message: dict) -> str | None:
    acronym = (message.get("event") or {}).get("acronym")
    if acronym:
        return re.sub(r"[\s'’]*\d{2,4}$", "", acronym.strip()) or None
    if message.get("type") == "posted-content":
        return _first([i.get("name", "") for i in message.get("institution", [])]) or "preprint"
    venue = short_venue(_first(message.get("container-title")))
    if venue and len(venue) > MAX_VENUE_LENGTH and message.get("short-container-title"):
        return _first(message["short-container-title"])
    return venue


def _name(author: dict) -> str:
    parts = [author.get("given", ""), author.get("family", "")]
    return " ".join(" ".join(p for p in parts if p).split()) or author.get("name", "")


def parse_work(message: dict) -> CrossrefWork:
    authors = message.get("author", [])
    affiliations = [a["name"].split(",")[0].strip() for author in authors for a in author.get("affiliation", [])]
    return CrossrefWork(
        doi=message.get("DOI", "").lower(),
        title=_first(message.get("title")),
        authors=tuple(n for n in map(_name, authors) if n),
        affiliations=tuple(dict.fromkeys(a for a in affiliations if a)),
        venue=_venue(message),
        year=_year(message),
        code_url=code_url(_TAGS.sub(" ", message.get("abstract", ""))),
    )


def work(http: Http, doi: str) -> CrossrefWork | None:
    """The work a DOI names, or None when Crossref does not know it (arXiv's DOIs, for one)."""
    answer = http.get_json(SERVICE, f"{API}/{quote(doi, safe='/')}")
    return parse_work(answer["message"]) if answer else None


def find_by_title(http: Http, title: str) -> CrossrefWork | None:
    """The work whose title is ``title``; Crossref's best hit is only taken when its title matches."""
    answer = http.get_json(SERVICE, API, params={"query.title": title, "rows": 1})
    items = ((answer or {}).get("message") or {}).get("items") or []
    if not items:
        return None
    found = parse_work(items[0])
    return found if same_title(found.title, title) else None  # a hit with another title is another paper
