"""``papershelf add``: from arXiv, a DOI, a PDF or a BibTeX file, over recorded real responses."""

from __future__ import annotations

import shutil

import httpx
import pytest
from click.testing import CliRunner

from helpers import API, EXAMPLE, PDFS, write_paper
from papershelf import cli
from papershelf.cache.loader import load_library
from papershelf.core.errors import PapershelfError
from papershelf.ingest import add, resolve
from papershelf.ingest.add import AddOptions
from papershelf.ingest.clients.http import NetworkError
from recorded import CHEMCROW_DOI, NOW, services


def test_add_arxiv_paper_writes_file_and_note(library, recorded):
    svc, arxiv_log, http_log = recorded
    result = add.run(library, "1111.2011v2", AddOptions(keywords=("quantum",)), svc, now=NOW)
    assert [p.paper.source for p in result.added] == ["meta/2012/1111_2011.prototxt"]
    assert result.written == ["meta/2012/1111_2011.prototxt", "notes/2012/1111_2011/note.md"]
    assert arxiv_log.asked == ["1111.2011"]
    text = (library / "meta/2012/1111_2011.prototxt").read_text()
    assert text == (
        "paper {\n"
        '  title: "Quantum Criticality for Extended Nodes on a Bethe Lattice in the Large Connectivity Limit"\n'
        '  url: "https://arxiv.org/abs/1111.2011"\n'
        '  authors: "James M. Murray"\n  authors: "Adrian Del Maestro"\n  authors: "Zlatko Tesanovic"\n'
        "}\n"
        # Crossref did not know the published DOI here, so arXiv's journal ref gives venue and year.
        'pub {\n  where: "Phys. Rev. B"\n  year: 2012\n}\n'
        'note {\n  url: "note.md"\n}\n'
        "keyword {\n  words: quantum\n}\n"
        f"update_time: {NOW}\n"
    )
    assert http_log.asked[0] == "https://api.crossref.org/works/10.1103/physrevb.85.115117"
    note = (library / "notes/2012/1111_2011/note.md").read_text()
    assert note.startswith("# Quantum Criticality") and "James M. Murray, Adrian Del Maestro" in note
    assert load_library(library).papers[0].note_url == "note.md"


def test_add_arxiv_affiliations_become_institutions(library, recorded):
    svc, _, http_log = recorded
    paper = add.run(library, "astro-ph/0601001", AddOptions(note=False), svc, now=NOW).added[0].paper
    assert paper.institutions == ("Ohio State", "CfA", "Warsaw University Observatory")
    assert paper.source == "meta/2006/astro-ph_0601001.prototxt"
    assert not any("openalex" in url for url in http_log.asked)  # arXiv already named them


def test_add_doi_takes_institutions_from_openalex(library, recorded):
    svc, _, http_log = recorded
    result = add.run(library, f"https://doi.org/{CHEMCROW_DOI}", AddOptions(keywords=("Chemistry",)), svc, now=NOW)
    paper = result.added[0].paper
    assert paper.title == "Augmenting large language models with chemistry tools"
    assert paper.url == f"https://doi.org/{CHEMCROW_DOI}"
    assert (paper.venue, paper.year) == ("Nature Machine Intelligence", 2024)
    assert paper.authors[0] == "Andres M. Bran" and len(paper.authors) == 6
    assert paper.institutions == (
        "École Polytechnique Fédérale de Lausanne",
        "University of Rochester",
        "IBM Research - Zurich",
    )
    assert paper.keywords == ("chemistry",)  # the label given on the command line maps to its name
    assert any("title.search" in url for url in http_log.asked)


def test_add_refuses_a_paper_already_held(library, recorded):
    svc, arxiv_log, _ = recorded
    add.run(library, "1111.2011", AddOptions(), svc, now=NOW)
    before = sorted(p.relative_to(library) for p in library.rglob("*"))
    for again in ("1111.2011v1", "https://arxiv.org/pdf/1111.2011v2.pdf", str(PDFS / "arxiv_1111.2011v2.pdf")):
        result = add.run(library, again, AddOptions(), svc, now=NOW)
        assert result.failed and not result.added and not result.written
        assert str(result.duplicates[0]).startswith(
            "already in the library: meta/2012/1111_2011.prototxt (same arXiv id '1111.2011')"
        )
    assert arxiv_log.asked == ["1111.2011", "1111.2011"]  # an id already held is refused without a request
    assert sorted(p.relative_to(library) for p in library.rglob("*")) == before
    forced = add.run(library, "1111.2011", AddOptions(force=True, note=False), svc, now=NOW)
    assert forced.written == ["meta/2012/1111_2011_2.prototxt"]


def test_add_finds_a_duplicate_by_title(library, recorded):
    svc, _, _ = recorded
    write_paper(
        library,
        "meta/2024/chemcrow.prototxt",
        'paper {\n  title: "Augmenting Large Language Models with Chemistry Tools."\n}\n',
    )
    result = add.run(library, CHEMCROW_DOI, AddOptions(), svc, now=NOW)
    assert result.duplicates[0].existing.source == "meta/2024/chemcrow.prototxt"
    assert result.duplicates[0].reason.startswith("same title")


def test_names_go_through_the_lists_aliases(library, recorded):
    svc, _, _ = recorded
    write_paper(library, "papershelf.toml", '[aliases]\nEPFL = ["École Polytechnique Fédérale de Lausanne"]\n')
    paper = add.run(library, CHEMCROW_DOI, AddOptions(note=False), svc, now=NOW).added[0].paper
    assert paper.institutions[0] == "EPFL"


def test_options_override_metadata(library, recorded):
    svc, _, _ = recorded
    options = AddOptions(
        abbr="Bethe QC", venue="PRB", year=2013, institutions=("Johns Hopkins University",), note=False
    )
    paper = add.run(library, "1111.2011", options, svc, now=NOW).added[0].paper
    assert (paper.abbr, paper.venue, paper.year, paper.institutions) == (
        "Bethe QC",
        "PRB",
        2013,
        ("Johns Hopkins University",),
    )
    assert paper.source == "meta/2013/Bethe_QC.prototxt"


def test_unknown_keyword_fails_before_any_request(library, recorded):
    svc, arxiv_log, http_log = recorded
    with pytest.raises(PapershelfError, match=r"'physics' is not in \[keywords\].*known: quantum, chemistry"):
        add.run(library, "1111.2011", AddOptions(keywords=("physics",)), svc)
    assert arxiv_log.asked == [] and http_log.asked == []


def test_dry_run_writes_nothing(library, recorded):
    svc, _, _ = recorded
    result = add.run(library, "1111.2011", AddOptions(dry_run=True), svc, now=NOW)
    assert result.written == [] and not (library / "meta" / "2012").exists()
    assert "Quantum Criticality" in result.added[0].files[0].text


def test_unknown_arxiv_id_is_a_clear_error(library, recorded):
    svc, _, _ = recorded
    with pytest.raises(PapershelfError, match="arXiv has no paper 0000.0000"):
        add.run(library, "0000.0000", AddOptions(), svc)


def test_network_failures_retry_with_backoff_then_fail_in_one_line(library, shared):
    svc, _, http_log = services(routes={f"https://api.crossref.org/works/{CHEMCROW_DOI}": httpx.ConnectTimeout("slow")})
    with pytest.raises(NetworkError, match="Crossref timed out after 4 tries") as raised:
        add.run(library, CHEMCROW_DOI, AddOptions(), svc)
    assert "\n" not in str(raised.value) and "nothing was written" in str(raised.value)
    assert http_log.slept == [1.0, 2.0, 4.0] and len(http_log.asked) == 4
    assert list((library / "meta").iterdir()) == []

    svc, _, http_log = services(routes={f"https://api.crossref.org/works/{CHEMCROW_DOI}": (429, b"slow down")})
    with pytest.raises(NetworkError, match="answered HTTP 429"):
        add.run(library, CHEMCROW_DOI, AddOptions(), svc)
    assert http_log.slept == [7.0, 7.0, 7.0]  # as Retry-After asked


def test_arxiv_server_error_is_one_line(library, shared):
    svc, _, _ = services({"1111.2011": (503, b"busy")})
    with pytest.raises(NetworkError, match="arXiv answered HTTP 503 for 1111.2011; nothing was written"):
        add.run(library, "1111.2011", AddOptions(), svc)


def test_pdf_named_by_arxiv_id(library, recorded):
    svc, arxiv_log, _ = recorded
    result = add.run(library, str(PDFS / "arxiv_1111.2011v2.pdf"), AddOptions(note=False), svc, now=NOW)
    assert arxiv_log.asked == ["1111.2011"] and result.written == ["meta/2012/1111_2011.prototxt"]


def test_cli_add_duplicate_exits_1_and_names_the_file(monkeypatch, shared, tmp_path):
    library = tmp_path / "lib"
    shutil.copytree(EXAMPLE, library)
    feeds = {"2306.11695": API / "arxiv_api_classic2016_idlist_1111.2011v2.xml"}
    svc, _, _ = services(feeds)
    monkeypatch.setattr(resolve.Services, "online", classmethod(lambda cls: svc))
    runner = CliRunner()
    done = runner.invoke(cli.app, ["add", "2306.11695v2", "-L", str(library)])
    assert done.exit_code == 1, done.output
    assert "already in the library: meta/2024/wanda.prototxt (same arXiv id '2306.11695')" in done.output
    assert "(use --force to add it anyway)" in done.output
    done = runner.invoke(cli.app, ["add", "2306.11695", "-L", str(library), "--dry-run", "--force", "--no-note"])
    assert done.exit_code == 0, done.output
    assert done.output.startswith("--- would write meta/2012/2306_11695.prototxt\npaper {\n")
    done = runner.invoke(cli.app, ["add", "cs.XX/123", "-L", str(library)])
    assert done.exit_code == 2 and "cannot tell what 'cs.XX/123' is" in done.output


def test_cli_add_network_failure_exit_2(monkeypatch, library, shared):
    svc, _, _ = services(routes={f"https://api.crossref.org/works/{CHEMCROW_DOI}": httpx.ConnectError("refused")})
    monkeypatch.setattr(resolve.Services, "online", classmethod(lambda cls: svc))
    done = CliRunner().invoke(cli.app, ["add", CHEMCROW_DOI, "-L", str(library)])
    assert done.exit_code == 2
    assert done.output.strip().splitlines() == [
        f"papershelf: Crossref could not connect (ConnectError) after 4 tries "
        f"(https://api.crossref.org/works/{CHEMCROW_DOI}); nothing was written"
    ]


def test_add_by_hand_needs_no_network(library):
    options = AddOptions(
        title="  Sparse  Things at Scale ",
        url="https://example.org/p",
        authors=("Ann Lee", "Bo Chen"),
        venue="ICML",
        year=2024,
        code="https://github.com/acme/sparse",
        keywords=("quantum",),
        institutions=("Acme Labs",),
        abbr="SparseThings",
        note=False,
    )
    result = add.run(library, None, options, services=None, now=NOW)  # no Services: nothing could be asked
    assert result.written == ["meta/2024/SparseThings.prototxt"]
    (paper,) = load_library(library).papers
    assert (paper.title, paper.url, paper.authors, paper.venue, paper.year) == (
        "Sparse Things at Scale",
        "https://example.org/p",
        ("Ann Lee", "Bo Chen"),
        "ICML",
        2024,
    )
    assert (paper.code_url, paper.keywords, paper.institutions) == (
        "https://github.com/acme/sparse",
        ("quantum",),
        ("Acme Labs",),
    )


def test_cli_add_by_hand_refuses_a_duplicate_and_needs_a_title(library):
    runner = CliRunner()
    done = runner.invoke(cli.app, ["add", "-L", str(library), "--title", "Sparse Things", "--year", "2024"])
    assert done.exit_code == 0, done.output
    again = runner.invoke(cli.app, ["add", "-L", str(library), "--title", "sparse things!"])
    assert again.exit_code == 1 and "already in the library: meta/2024/" in again.output
    nothing = runner.invoke(cli.app, ["add", "-L", str(library)])
    assert nothing.exit_code == 2
    assert "give a SOURCE (an arXiv id or url, a DOI, a .pdf or a .bib file) or --title" in nothing.stderr
