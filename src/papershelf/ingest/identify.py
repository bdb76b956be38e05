"""What a SOURCE given to ``papershelf add`` is: an arXiv id or url, a DOI, a PDF or a BibTeX file."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from papershelf.core import ids
from papershelf.core.errors import PapershelfError

ARXIV = "arxiv"
DOI = "doi"
PDF = "pdf"
BIBTEX = "bibtex"

_ARXIV_ID = re.compile(rf"(?:arxiv:)?(?P<id>{ids.ARXIV_ID})(?:{ids.ARXIV_VERSION})?", re.IGNORECASE)
_ARXIV_URL = re.compile(
    rf"(?:https?://)?(?:www\.|export\.)?arxiv\.org/(?:abs|pdf|html)/(?P<id>{ids.ARXIV_ID})(?:{ids.ARXIV_VERSION})?(?:\.pdf)?/?",
    re.IGNORECASE,
)
_DOI = re.compile(rf"(?:doi:|https?://(?:dx\.)?doi\.org/)?(?P<doi>{ids.DOI})", re.IGNORECASE)


@dataclass(frozen=True)
class Source:
    kind: str  # ARXIV, DOI, PDF or BIBTEX
    value: str  # the arXiv id without version, the DOI (lower case), or the file path


def arxiv_source(text: str) -> Source | None:
    found = _ARXIV_ID.fullmatch(text) or _ARXIV_URL.fullmatch(text)
    return Source(ARXIV, found.group("id")) if found else None


def doi_source(text: str) -> Source | None:
    found = _DOI.fullmatch(text)
    if not found:
        return None
    value = ids.clean_doi(found.group("doi"))
    arxiv = ids.arxiv_id_of_doi(value)  # arXiv's own DOIs name an arXiv paper
    return Source(ARXIV, arxiv) if arxiv else Source(DOI, value)


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
