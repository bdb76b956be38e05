"""``papershelf add``: from arXiv, a DOI, a PDF or a BibTeX file, over recorded real responses."""

from __future__ import annotations

import shutil

import httpx
import pytest
from click.testing import CliRunner

from helpers import EXAMPLE, SHARED, write_paper
from papershelf import cli
from papershelf.core.errors import PapershelfError
from papershelf.ingest import add, resolve
from papershelf.ingest.add import AddOptions
from papershelf.ingest.clients import crossref
from papershelf.ingest.clients.http import NetworkError
from papershelf.ingest.identify import ARXIV, BIBTEX, DOI, PDF, Source, identify
from papershelf.ingest.readers.pdf import PdfClue, identify_pdf
from papershelf.library.loader import load_library
from recorded import services

API = SHARED / "fixtures" / "api"
PDFS = SHARED / "fixtures" / "pdf"
NOW = 1_763_700_000
ARXIV_FEEDS = {
    "1111.2011": API / "arxiv_api_classic2016_idlist_1111.2011v2.xml",
    "astro-ph/0601001": API / "arxiv_api_idlist_astro-ph_0601001.xml",
    "0000.0000": API / "arxiv_api_idlist_0000.0000_empty.xml",
}
CHEMCROW_DOI = "10.1038/s42256-024-00832-8"
ROUTES = {
    f"https://api.crossref.org/works/{CHEMCROW_DOI}": API / "crossref_work_10.1038_s42256-024-00832-8.json",
    "https://api.openalex.org/works": API / "openalex_works_filter_title_search_chemcrow.json",
}


@pytest.fixture
def library(tmp_path):
    (tmp_path / "meta").mkdir()
    write_paper(tmp_path, "papershelf.toml", '[keywords]\nquantum = "Quantum Matter"\nchemistry = "Chemistry"\n')
    return tmp_path


@pytest.fixture
def recorded(shared):
    return services(ARXIV_FEEDS, ROUTES)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2306.11695", Source(ARXIV, "2306.11695")),
        ("2306.11695v2", Source(ARXIV, "2306.11695")),
        ("arXiv:2306.11695", Source(ARXIV, "2306.11695")),
        ("cs/0112017", Source(ARXIV, "cs/0112017")),
        ("math.CO/0112017v1", Source(ARXIV, "math.CO/0112017")),
        ("https://arxiv.org/abs/2306.11695v3", Source(ARXIV, "2306.11695")),
        ("http://arxiv.org/pdf/2306.11695.pdf", Source(ARXIV, "2306.11695")),
        ("10.1038/S42256-024-00832-8", Source(DOI, CHEMCROW_DOI)),
        ("https://doi.org/10.1038/s42256-024-00832-8", Source(DOI, CHEMCROW_DOI)),
        ("https://doi.org/10.48550/arXiv.2312.07559", Source(ARXIV, "2312.07559")),
    ],
)
def test_identify_sources(text, expected):
    assert identify(text) == expected


def test_identify_files_and_nonsense(tmp_path):
    write_paper(tmp_path, "refs.bib", "")
    assert identify(str(tmp_path / "refs.bib")) == Source(BIBTEX, str(tmp_path / "refs.bib"))
    with pytest.raises(PapershelfError, match="no such file"):
        identify(str(tmp_path / "missing.pdf"))
    with pytest.raises(PapershelfError, match="cannot tell what 'abc' is"):
        identify("abc")
    assert identify(str(PDFS / "arxiv_1111.2011v2.pdf")).kind == PDF if PDFS.is_dir() else True


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


def test_crossref_title_search_rejects_another_paper(shared):
    # Crossref's top hit for "Attention is All you Need" is a different paper (a real false match).
    svc, _, _ = services(
        routes={
            "https://api.crossref.org/works": API / "crossref_works_query_title_attention_is_all_you_need_rows1.json"
        }
    )
    assert crossref.find_by_title(svc.http, "Attention is All you Need") is None


def test_code_link_from_a_real_arxiv_comment(shared):
    feed = (API / "arxiv_api_search_testing_start0_max100.xml").read_text()
    comment = next(c for c in feed.split("<arxiv:comment")[1:] if "github.com" in c).split("</arxiv:comment>")[0]
    from papershelf.ingest.readers.code_links import code_url

    assert code_url(comment) == "https://github.com/ydecastro/super-resolution-testing"


@pytest.mark.parametrize(
    "text, url",
    [
        ("Code is available at https://github.com/IST-DASLab/sparsegpt.", "https://github.com/IST-DASLab/sparsegpt"),
        ("(code: github.com/mit-han-lab/llm-awq)", "https://github.com/mit-han-lab/llm-awq"),
        ("Models: https://huggingface.co/TheBloke/Llama-2-7B-GPTQ;", "https://huggingface.co/TheBloke/Llama-2-7B-GPTQ"),
        ("https://gitee.com/mindspore/models, and more", "https://gitee.com/mindspore/models"),
        ("see https://github.com/ alone", None),
        ("no code", None),
    ],
)
def test_code_links(text, url):
    from papershelf.ingest.readers.code_links import code_url

    assert code_url(text) == url


def test_journal_ref_venue():
    assert resolve.journal_venue("Phys. Rev. B 85, 115117 (2012)") == ("Phys. Rev. B", 2012)
    assert resolve.journal_venue("Advances in Neural Information Processing Systems 36 (NeurIPS 2023)") == (
        "NeurIPS",
        2023,
    )


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
