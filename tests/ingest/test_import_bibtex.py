"""``papershelf import-bibtex``: BibTeX entries as papers, with add's duplicate check."""

from __future__ import annotations

from pathlib import Path

import bibtexparser
import pytest
from bibtexparser import middlewares
from click.testing import CliRunner

from helpers import EXAMPLE, SHARED
from papershelf import cli, export
from papershelf.cache.loader import load_library
from papershelf.ingest import import_bibtex
from papershelf.ingest.add import AddOptions
from papershelf.ingest.readers.bibtex import display_name, read_bibtex

TRICKY = Path(__file__).parent / "fixtures" / "tricky.bib"
REAL_BIB = sorted((SHARED / "fixtures" / "bibtex").glob("*.bib"))
NOW = 1_763_700_000


@pytest.fixture
def library(tmp_path):
    (tmp_path / "meta").mkdir()
    return tmp_path


def test_tricky_entries_become_papers():
    read = read_bibtex(TRICKY)
    by_title = {p.title: p for p in read.papers}
    sparsegpt = by_title["SparseGPT: Massive Language Models Can Be Accurately Pruned in One-Shot"]
    assert (sparsegpt.abbr, sparsegpt.venue, sparsegpt.year) == ("SparseGPT", "ICML", 2023)
    assert sparsegpt.authors == ("Elias Frantar", "Dan Alistarh")
    qlora = by_title["QLoRA: Efficient Finetuning of Quantized LLMs"]
    assert (qlora.venue, qlora.url) == ("arXiv", "https://arxiv.org/abs/2305.14314")
    assert qlora.code_url == "https://github.com/artidoro/qlora"
    accents = by_title["Café naïve Über Straße: Accents in Titles"]
    assert accents.venue == "NeurIPS"  # through the @string macro
    assert accents.authors == (
        "Charles Louis Xavier Joseph de la Vallée Poussin",
        "Ludwig von Beethoven",
        "Henry Ford Jr.",
    )  # "and others" is no author
    mixers = by_title["Sparse Mixers: Combining MoE and Mixing to build a more efficient BERT"]
    assert (mixers.url, mixers.venue) == ("https://arxiv.org/abs/2205.12399", "arXiv")
    assert read.skipped == [f"{TRICKY}:36: skipped @misc{{no-title}}: no title"]


@pytest.mark.parametrize(
    "name, shown",
    [("von Beethoven, Ludwig", "Ludwig von Beethoven"), ("Ford, Jr., Henry", "Henry Ford Jr."), ("Aho", "Aho")],
)
def test_display_names(name, shown):
    assert display_name(name) == shown


def test_import_writes_files_and_skips_duplicates(library):
    result = import_bibtex.run(library, [TRICKY], AddOptions(keywords=("pruning",), note=False), now=NOW)
    assert sorted(result.written) == [
        "meta/2019/cafe_naive_uber_strasse_accents.prototxt",
        "meta/2022/Sparse_Mixers.prototxt",
        "meta/2023/QLoRA.prototxt",
        "meta/2023/SparseGPT.prototxt",
    ]
    assert not result.failed
    assert "keyword {\n  words: pruning\n}" in (library / "meta/2023/SparseGPT.prototxt").read_text()
    again = import_bibtex.run(library, [TRICKY], now=NOW)
    assert again.failed and again.written == [] and len(again.duplicates) == 4


def test_import_into_the_example_finds_its_papers(tmp_path):
    import shutil

    shutil.copytree(EXAMPLE, tmp_path / "lib")
    result = import_bibtex.run(tmp_path / "lib", [TRICKY], AddOptions(dry_run=True))
    assert [str(d) for d in result.duplicates] == [
        "already in the library: meta/2023/sparsegpt.prototxt (same arXiv id '2301.00774'): "
        "SparseGPT: Massive Language Models Can Be Accurately Pruned in One-Shot",
        "already in the library: meta/2023/qlora.prototxt (same arXiv id '2305.14314'): "
        "QLoRA: Efficient Finetuning of Quantized LLMs",
    ]


@pytest.mark.slow
@pytest.mark.parametrize("bib", REAL_BIB, ids=lambda p: p.name)
def test_real_bibtex_imports_and_exports_with_every_title(shared, tmp_path, bib):
    library = tmp_path / "lib"
    (library / "meta").mkdir(parents=True)
    result = import_bibtex.run(library, [bib], now=NOW)
    assert all("no title" in line for line in result.skipped), result.skipped
    assert len(result.added) + len(result.duplicates) == len(read_bibtex(bib).papers)
    assert not load_library(library).errors
    text = export.run(library, "bibtex").text
    back = bibtexparser.parse_string(text, append_middleware=[middlewares.LatexDecodingMiddleware()])
    assert not back.failed_blocks
    exported = sorted(" ".join(e["title"].split()) for e in back.entries)
    assert exported == sorted(p.paper.title for p in result.added)


def test_cli_import_bibtex(library):
    runner = CliRunner()
    done = runner.invoke(cli.app, ["import-bibtex", str(TRICKY), "-L", str(library)])
    assert done.exit_code == 0, done.output
    assert "added meta/2023/SparseGPT.prototxt: SparseGPT: Massive" in done.output
    assert "4 paper(s) added, 0 already in the library, 1 entr(ies) skipped" in done.output
    done = runner.invoke(cli.app, ["import-bibtex", str(TRICKY), "-L", str(library)])
    assert done.exit_code == 1
    done = runner.invoke(cli.app, ["import-bibtex", "missing.bib", "-L", str(library)])
    assert done.exit_code == 2 and "cannot read missing.bib" in done.output
