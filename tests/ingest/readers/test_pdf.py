"""What a paper PDF is: its arXiv id, a DOI, or its title (the real PDFs of ../shared)."""

from __future__ import annotations

import shutil

import pytest

from helpers import API, PDFS, write_paper
from papershelf.core.errors import PapershelfError
from papershelf.ingest import add, resolve
from papershelf.ingest.add import AddOptions
from papershelf.ingest.readers.pdf import PdfClue, identify_pdf
from recorded import services


def test_pdf_read_for_its_arxiv_stamp(shared, tmp_path):
    for name, arxiv_id in (("arxiv_2202.00535v1.pdf", "2202.00535"), ("arxiv_1111.2011v2.pdf", "1111.2011")):
        shutil.copy(PDFS / name, tmp_path / "renamed.pdf")
        assert identify_pdf(tmp_path / "renamed.pdf").arxiv_id == arxiv_id


@pytest.mark.parametrize(
    "name, title",
    [
        (
            "arxiv_1111.2011v2.pdf",
            "Quantum Criticality for Extended Nodes on a Bethe Lattice in the Large Connectivity Limit",
        ),
        (
            "arxiv_2202.00535v1.pdf",
            "Novelty Controlled Paraphrase Generation with Retrieval Augmented Conditional Prompt Tuning",
        ),
    ],
)
def test_pdf_title_is_the_largest_type(shared, name, title):
    from pypdf import PdfReader

    from papershelf.ingest.readers.pdf import largest_text

    with open(PDFS / name, "rb") as handle:
        assert largest_text(PdfReader(handle).pages[0]) == title


def test_pdf_whose_title_crossref_does_not_know(library, shared, tmp_path, monkeypatch):
    # Both recorded PDFs carry their arXiv id; a PDF without one is identified by its title.
    monkeypatch.setattr(resolve, "identify_pdf", lambda path: PdfClue(title="Quantum Criticality for Extended Nodes"))
    write_paper(tmp_path, "bethe.pdf", "")
    svc, _, _ = services(routes={"https://api.crossref.org/works": API / "crossref_works_query_title_no_results.json"})
    with pytest.raises(PapershelfError, match="matches no Crossref work; add it by its arXiv id or DOI"):
        add.run(library, str(tmp_path / "bethe.pdf"), AddOptions(), svc)
    assert list((library / "meta").iterdir()) == []


def test_not_a_pdf_is_a_clear_error(library, tmp_path):
    write_paper(tmp_path, "broken.pdf", "not a pdf")
    with pytest.raises(PapershelfError, match="cannot read this PDF"):
        add.run(library, str(tmp_path / "broken.pdf"), AddOptions())
