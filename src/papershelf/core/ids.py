"""Paper identifiers found in urls: arXiv ids (without version) and DOIs (normalised)."""

from __future__ import annotations

import re
from urllib.parse import unquote

_ARXIV_URL = re.compile(
    r"arxiv\.org/(?:abs|pdf|html)/(?P<id>\d{4}\.\d{4,5}|[a-z][a-z.\-]*/\d{7})(?:v\d+)?(?:\.pdf)?",
    re.IGNORECASE,
)
_DOI = re.compile(r"\b(10\.\d{4,9}/\S+)", re.IGNORECASE)


def arxiv_id(url: str | None) -> str | None:
    """The arXiv id an arxiv.org url names, without its version: ``2301.00774``."""
    found = _ARXIV_URL.search(url or "")
    return found.group("id").lower() if found else None


def doi(url: str | None) -> str | None:
    """The DOI a url names (doi.org links and publisher urls carrying one), lower-cased."""
    found = _DOI.search(unquote(url or ""))
    if not found:
        return None
    value = found.group(1).rstrip(".,;)").lower()
    return value.removesuffix(".pdf")
