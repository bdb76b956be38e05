"""What a paper PDF is: its arXiv id, a DOI, or its title (the real PDFs of ../shared)."""

from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner

from helpers import API, PDFS, write_paper
from papershelf import cli
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
def test_pdf_title_is_the_largest_type_and_the_byline_follows(shared, name, title):
    from papershelf.ingest.readers.pdf import first_page

    assert first_page(PDFS / name).title == title


def test_pdf_byline_skips_footnote_marks_and_mends_accents(shared):
    from papershelf.ingest.readers.pdf import first_page

    assert first_page(PDFS / "arxiv_2202.00535v1.pdf").authors == ("Jishnu Ray Chowdhury", "Yong Zhuang", "Shuyi Wang")
    assert first_page(PDFS / "arxiv_1111.2011v2.pdf").authors == (
        "James M. Murray",
        "Adrian Del Maestro",
        "Zlatko Tešanović",
    )


def test_pdf_whose_title_crossref_does_not_know_is_added_from_its_first_page(library, shared, tmp_path, monkeypatch):
    # Both recorded PDFs carry their arXiv id; a PDF without one is identified by its title.
    monkeypatch.setattr(resolve, "identify_pdf", lambda path: PdfClue(title="Quantum Criticality for Extended Nodes"))
    shutil.copy(PDFS / "arxiv_1111.2011v2.pdf", tmp_path / "bethe.pdf")
    svc, _, _ = services(routes={"https://api.crossref.org/works": API / "crossref_works_query_title_no_results.json"})
    result = add.run(library, str(tmp_path / "bethe.pdf"), AddOptions(note=False), svc)
    (paper,) = [p.paper for p in result.added]
    assert paper.title.startswith("Quantum Criticality") and paper.authors[0] == "James M. Murray"
    assert (paper.url, paper.venue, paper.year) == (None, None, None)
    assert result.warnings == [
        f"{tmp_path / 'bethe.pdf'}: its title 'Quantum Criticality for Extended Nodes' matches no Crossref work; "
        "the title and authors are from the PDF, venue, year, institutions and code are missing"
    ]


def test_pdf_offline_keeps_its_arxiv_id_and_year(library, shared, tmp_path):
    shutil.copy(PDFS / "arxiv_2202.00535v1.pdf", tmp_path / "paper.pdf")
    svc, _, _ = services({"2202.00535": (503, b"busy")})  # arXiv cannot be reached
    result = add.run(library, str(tmp_path / "paper.pdf"), AddOptions(note=False), svc)
    (paper,) = [p.paper for p in result.added]
    assert (paper.url, paper.venue, paper.year) == ("https://arxiv.org/abs/2202.00535", "arXiv", 2022)
    assert result.written == ["meta/2022/2202_00535.prototxt"]
    assert "arXiv answered HTTP 503 for 2202.00535; the title and authors are from the PDF" in result.warnings[0]


def test_cli_pdf_offline_warns_and_exits_0(library, shared, tmp_path, monkeypatch):
    svc, _, _ = services({"2202.00535": (503, b"busy")})
    monkeypatch.setattr(resolve.Services, "online", classmethod(lambda cls: svc))
    shutil.copy(PDFS / "arxiv_2202.00535v1.pdf", tmp_path / "paper.pdf")
    done = CliRunner().invoke(cli.app, ["add", str(tmp_path / "paper.pdf"), "-L", str(library), "--no-note"])
    assert done.exit_code == 0, done.output
    assert "warning: " in done.stderr and "added meta/2022/2202_00535.prototxt" in done.stdout


def test_not_a_pdf_is_a_clear_error(library, tmp_path):
    write_paper(tmp_path, "broken.pdf", "not a pdf")
    with pytest.raises(PapershelfError, match="cannot read this PDF"):
        add.run(library, str(tmp_path / "broken.pdf"), AddOptions())
