"""What a paper PDF is: its arXiv id (in the file name or the margin stamp), a DOI, or its title.

Only the first page is read, with ``pypdf``.  The title is the run of text set in
the largest type, as it is on nearly every paper's first page.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader
from pypdf.errors import PyPdfError

from papershelf.core.errors import PapershelfError
from papershelf.core.ids import arxiv_id_in_name, arxiv_id_in_text, doi_in_text

MIN_TITLE_WORDS = 3


@dataclass(frozen=True)
class PdfClue:
    arxiv_id: str | None = None
    doi: str | None = None
    title: str | None = None


def largest_text(page) -> str:
    chunks: list[tuple[float, str]] = []

    def visit(text, cm, tm, font, size):
        if text.strip() and not arxiv_id_in_text(text):
            chunks.append((round(size * (abs(tm[3] * cm[3]) or 1), 1), text))

    page.extract_text(visitor_text=visit)
    if not chunks:
        return ""
    largest = max(size for size, _ in chunks)
    start = next(i for i, (size, _) in enumerate(chunks) if size == largest)
    run = []
    for size, text in chunks[start:]:
        if size != largest:
            break
        run.append(text)
    return " ".join(" ".join(run).split())


def identify_pdf(path: Path | str) -> PdfClue:
    path = Path(path)
    named = arxiv_id_in_name(path.stem)
    if named:
        return PdfClue(arxiv_id=named)
    logging.getLogger("pypdf").setLevel(logging.ERROR)  # font warnings say nothing about the metadata
    try:
        with open(path, "rb") as handle:  # PdfReader(path) would leave the file open
            page = PdfReader(handle).pages[0]
            text = page.extract_text()
            title = largest_text(page)
    except (PyPdfError, OSError, ValueError, IndexError, KeyError) as exc:
        raise PapershelfError(f"{path}: cannot read this PDF ({exc.__class__.__name__})") from exc
    stamp = arxiv_id_in_text(text)
    if stamp:
        return PdfClue(arxiv_id=stamp)
    doi = doi_in_text(text)
    if doi:
        return PdfClue(doi=doi)
    if len(title.split()) >= MIN_TITLE_WORDS:
        return PdfClue(title=title)
    raise PapershelfError(f"{path}: found no arXiv id, DOI or title on its first page; add it by its id or DOI")
