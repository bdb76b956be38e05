"""What a paper PDF is: its arXiv id (in the file name or the margin stamp), a DOI, its title and authors.

Only the first page is read, with ``pypdf``.  The title is the run of text set
in the largest type, as it is on nearly every paper's first page; the authors
are the run that follows it in the next type size (superscript marks, set
much smaller, are passed over), when it reads as a list of names.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader
from pypdf.errors import PyPdfError

from papershelf.core.errors import PapershelfError
from papershelf.core.ids import arxiv_id_in_name, arxiv_id_in_text, doi_in_text
from papershelf.ingest.readers.author_names import author_names, with_accents

MIN_TITLE_WORDS = 3
SUPERSCRIPT = 0.8  # text set this much smaller than the byline is a footnote mark inside it


@dataclass(frozen=True)
class FirstPage:
    text: str
    title: str
    authors: tuple[str, ...] = ()


@dataclass(frozen=True)
class PdfClue:
    arxiv_id: str | None = None
    doi: str | None = None
    title: str | None = None


def _chunks(page) -> list[tuple[float, str]]:
    chunks: list[tuple[float, str]] = []

    def visit(text, cm, tm, font, size):
        if text.strip() and not arxiv_id_in_text(text):
            chunks.append((round(size * (abs(tm[3] * cm[3]) or 1), 1), text))

    page.extract_text(visitor_text=visit)
    return chunks


def _title_and_byline(chunks: list[tuple[float, str]]) -> tuple[str, tuple[str, ...]]:
    if not chunks:
        return "", ()
    largest = max(size for size, _ in chunks)
    start = next(i for i, (size, _) in enumerate(chunks) if size == largest)
    end = next((i for i in range(start, len(chunks)) if chunks[i][0] != largest), len(chunks))
    title = " ".join(" ".join(text for _, text in chunks[start:end]).split())
    byline, size = [], chunks[end][0] if end < len(chunks) else 0
    for chunk_size, text in chunks[end:]:
        if chunk_size == size:
            byline.append(text)
        elif chunk_size > size * SUPERSCRIPT:
            break
    return title, tuple(author_names(with_accents(" ".join(" ".join(byline).split()))))


def first_page(path: Path | str) -> FirstPage:
    """The first page's text, title and byline; a usage error for a file that is no readable PDF."""
    logging.getLogger("pypdf").setLevel(logging.ERROR)  # font warnings say nothing about the metadata
    try:
        with open(path, "rb") as handle:  # PdfReader(path) would leave the file open
            page = PdfReader(handle).pages[0]
            text = page.extract_text()
            title, authors = _title_and_byline(_chunks(page))
    except (PyPdfError, OSError, ValueError, IndexError, KeyError) as exc:
        raise PapershelfError(f"{path}: cannot read this PDF ({exc.__class__.__name__})") from exc
    return FirstPage(text, title, authors)


def identify_pdf(path: Path | str) -> PdfClue:
    path = Path(path)
    named = arxiv_id_in_name(path.stem)
    if named:
        return PdfClue(arxiv_id=named)
    page = first_page(path)
    stamp = arxiv_id_in_text(page.text)
    if stamp:
        return PdfClue(arxiv_id=stamp)
    doi = doi_in_text(page.text)
    if doi:
        return PdfClue(doi=doi)
    if len(page.title.split()) >= MIN_TITLE_WORDS:
        return PdfClue(title=page.title)
    raise PapershelfError(f"{path}: found no arXiv id, DOI or title on its first page; add it by its id or DOI")
