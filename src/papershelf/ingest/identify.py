"""What a SOURCE given to ``papershelf add`` is: an arXiv id or url, a DOI, a PDF or a BibTeX file."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from papershelf.core.errors import PapershelfError

ARXIV = "arxiv"
DOI = "doi"
PDF = "pdf"
BIBTEX = "bibtex"

NEW_ID = r"\d{4}\.\d{4,5}"
OLD_ID = r"[a-z][a-z\-]*(?:\.[A-Z]{2})?/\d{7}"
_ARXIV_ID = re.compile(rf"^(?:arxiv:)?(?P<id>{NEW_ID}|{OLD_ID})(?P<version>v\d+)?$", re.IGNORECASE)
_ARXIV_URL = re.compile(
    rf"^(?:https?://)?(?:www\.|export\.)?arxiv\.org/(?:abs|pdf|html)/(?P<id>{NEW_ID}|{OLD_ID})(?P<version>v\d+)?(?:\.pdf)?/?$",
    re.IGNORECASE,
)
_DOI = re.compile(r"^(?:doi:|https?://(?:dx\.)?doi\.org/)?(?P<doi>10\.\d{4,9}/\S+)$", re.IGNORECASE)
# A file name that is an arXiv id: "2512.01278v1.pdf", "arxiv_1111.2011v2.pdf".
ARXIV_IN_NAME = re.compile(rf"(?<![\d.])(?P<id>{NEW_ID})(?P<version>v\d+)?(?![\d])")
ARXIV_DOI = re.compile(rf"^10\.48550/arxiv\.(?P<id>{NEW_ID}|{OLD_ID})$", re.IGNORECASE)


@dataclass(frozen=True)
class Source:
    kind: str  # ARXIV, DOI, PDF or BIBTEX
    value: str  # the arXiv id without version, the DOI (lower case), or the file path


def arxiv_source(text: str) -> Source | None:
    found = _ARXIV_ID.match(text) or _ARXIV_URL.match(text)
    return Source(ARXIV, found.group("id")) if found else None


def doi_source(text: str) -> Source | None:
    found = _DOI.match(text)
    if not found:
        return None
    value = found.group("doi").rstrip(".,;").lower()
    arxiv = ARXIV_DOI.match(value)  # arXiv's own DOIs name an arXiv paper
    return Source(ARXIV, arxiv.group("id")) if arxiv else Source(DOI, value)


def identify(text: str) -> Source:
    """The kind of ``text``; a usage error when it is none of them."""
    text = text.strip()
    found = arxiv_source(text) or doi_source(text)
    if found:
        return found
    path = Path(text)
    if path.suffix.lower() in (".pdf", ".bib", ".bibtex"):
        if not path.is_file():
            raise PapershelfError(f"{text}: no such file")
        return Source(PDF if path.suffix.lower() == ".pdf" else BIBTEX, text)
    raise PapershelfError(
        f"cannot tell what {text!r} is: give an arXiv id or url, a DOI or doi.org url, a .pdf or a .bib file"
    )
