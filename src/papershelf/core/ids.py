"""Every pattern of a paper identifier, written once: arXiv ids, DOIs, years.

arXiv ids are new-style (``2301.00774``) or old-style (``cs/0112017``,
``math.GT/0309136``), with an optional version (``v2``) that never tells two
papers apart.  DOIs are ``10.<registrant>/<suffix>``; found in running text or
a url, they lose the punctuation that ends a sentence (a ``)`` only when it
closes nothing the DOI opened) and are compared in lower case.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

NEW_ARXIV_ID = r"\d{4}\.\d{4,5}"
OLD_ARXIV_ID = r"[a-z][a-z\-]*(?:\.[a-z]{2})?/\d{7}"
ARXIV_ID = rf"(?:{NEW_ARXIV_ID}|{OLD_ARXIV_ID})"
ARXIV_VERSION = r"v\d+"
DOI = r"10\.\d{4,9}/[^\s\"<>]+"
YEAR = r"\b(1[89]\d\d|20\d\d)\b"

_ARXIV_URL = re.compile(rf"arxiv\.org/(?:abs|pdf|html)/(?P<id>{ARXIV_ID})(?:{ARXIV_VERSION})?(?:\.pdf)?", re.I)
# "arXiv:2301.00774v2" (a PDF's margin stamp), "arXiv preprint arXiv:2301.00774" (a BibTeX journal).
_ARXIV_IN_TEXT = re.compile(rf"arxiv[^0-9]*?(?<![a-z])(?P<id>{ARXIV_ID})", re.I)
# A file name holding a new-style id: "2512.01278v1.pdf", "arxiv_1111.2011v2.pdf".
_ARXIV_IN_NAME = re.compile(rf"(?<![\d.])(?P<id>{NEW_ARXIV_ID})(?:{ARXIV_VERSION})?(?!\d)")
_ARXIV_DOI = re.compile(rf"10\.48550/arxiv\.(?P<id>{ARXIV_ID})", re.I)
_DOI = re.compile(rf"\b({DOI})", re.I)
_OPENREVIEW_URL = re.compile(r"openreview\.net/(?:forum|pdf|attachment)\?(?:[^#\s]*&)?id=(?P<id>[A-Za-z0-9_\-]+)")
_ACL_URL = re.compile(r"aclanthology\.org/(?P<id>\d{4}\.[a-z\-]+\.\d+|[A-Z]\d{2}-\d{4})", re.I)
_YEAR = re.compile(YEAR)


def arxiv_id(url: str | None) -> str | None:
    """The arXiv id an arxiv.org url names, without its version, lower-cased: ``2301.00774``."""
    found = _ARXIV_URL.search(url or "")
    return found.group("id").lower() if found else None


def arxiv_id_in_text(text: str | None) -> str | None:
    """The arXiv id named after "arXiv:" in running text (a stamp, a journal field), as written."""
    found = _ARXIV_IN_TEXT.search(text or "")
    return found.group("id") if found else None


def arxiv_id_in_name(name: str) -> str | None:
    """The new-style arXiv id a file name holds, without its version."""
    found = _ARXIV_IN_NAME.search(name)
    return found.group("id") if found else None


def arxiv_id_of_doi(value: str) -> str | None:
    """The arXiv id of one of arXiv's own DOIs (``10.48550/arXiv.2301.00774``)."""
    found = _ARXIV_DOI.fullmatch(value)
    return found.group("id") if found else None


def clean_doi(value: str) -> str:
    """A DOI found in text, without the punctuation after it, lower-cased."""
    value = value.rstrip(".,;")
    while value.endswith(")") and value.count(")") > value.count("("):
        value = value[:-1].rstrip(".,;")
    return value.lower()


def doi_in_text(text: str | None) -> str | None:
    """The first DOI in ``text``, cleaned (`clean_doi`)."""
    found = _DOI.search(text or "")
    return clean_doi(found.group(1)) if found else None


def doi(url: str | None) -> str | None:
    """The DOI a url names (doi.org links and publisher urls carrying one), lower-cased."""
    found = doi_in_text(unquote(url or ""))
    return found.removesuffix(".pdf") if found else None


def openreview_id(url: str | None) -> str | None:
    """The forum id an openreview.net url names (forum or pdf), as written: ids are case-sensitive."""
    found = _OPENREVIEW_URL.search(url or "")
    return found.group("id") if found else None


def acl_id(url: str | None) -> str | None:
    """The ACL Anthology id an aclanthology.org url names (``2022.acl-long.16``, ``N19-1423``), lower-cased."""
    found = _ACL_URL.search(url or "")
    return found.group("id").lower() if found else None


def year_in(text: str | None) -> int | None:
    """The first year (1800..2099) in ``text``."""
    found = _YEAR.search(text or "")
    return int(found.group(1)) if found else None
