"""``papershelf import-markdown``: awesome-list pages back into metadata files, and round trips."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from helpers import EXAMPLE, SEED_INSTITUTION, SEED_PUBLICATION, compare_views, write_paper
from papershelf import cli
from papershelf.cache.loader import load_library
from papershelf.ingest import import_markdown
from papershelf.library.config import load_config
from papershelf.render import build

FIXTURES = Path(__file__).parent / "fixtures"
VIEW_PAGES = ["README.md", *(f"cls_{v}.md" for v in ("keyword", "year", "publication", "institution", "author"))]


def test_seed_000_round_trip(shared, tmp_path):
    result = import_markdown.run([SEED_PUBLICATION], tmp_path / "lib", now=1)
    assert (result.papers, result.merged, result.skipped, result.problems) == (225, 0, 0, [])
    config = load_config(tmp_path / "lib")
    assert config.style == "efficientpaper-2025-06" and config.venue_colors["ICLR"] == "blue"
    build.run(tmp_path / "lib", tmp_path / "out")
    status, summary = compare_views(SEED_PUBLICATION, tmp_path / "out" / "cls_publication.md")
    assert status == 0, summary
    assert (tmp_path / "out" / "cls_publication.md").read_bytes() == SEED_PUBLICATION.read_bytes()


def test_seed_001_round_trip_merges_institutions(shared, tmp_path):
    result = import_markdown.run([SEED_INSTITUTION], tmp_path / "lib", now=1)
    assert (result.papers, result.merged, result.skipped) == (90, 46, 0)
    flash = next(p for p in load_library(tmp_path / "lib").papers if p.id == "flash_llm")
    assert flash.source == "meta/flash_llm.prototxt"  # the flat layout of the meta links
    assert len(flash.institutions) > 1 and "Alibaba Group" in flash.institutions
    build.run(tmp_path / "lib", tmp_path / "out")
    status, summary = compare_views(SEED_INSTITUTION, tmp_path / "out" / "cls_institution.md")
    assert status == 0, summary
    assert (tmp_path / "out" / "cls_institution.md").read_bytes() == SEED_INSTITUTION.read_bytes()


def test_links_to_existing_notes_are_stored_as_efficientpaper_resolves_them(shared, tmp_path):
    root = tmp_path / "lib"
    for link in ("notes/nas_pruning/nas_pruning.jpg", "notes/flash_llm/cover.jpg", "notes/flash_llm/index.md"):
        write_paper(root, link, "")
    import_markdown.run([SEED_INSTITUTION], root, now=1)
    papers = {p.id: p for p in load_library(root).papers}
    assert papers["WDCO13S6"].cover_url == "nas_pruning/nas_pruning.jpg"
    assert (papers["flash_llm"].cover_url, papers["flash_llm"].note_url) == (
        "flash_llm/cover.jpg",
        "flash_llm/index.md",
    )
    build.run(root, tmp_path / "out")
    assert (tmp_path / "out" / "cls_institution.md").read_bytes() == SEED_INSTITUTION.read_bytes()


@pytest.fixture(scope="module")
def example_pages(tmp_path_factory):
    """The example library rendered in the efficientpaper style: six pages to import."""
    out = tmp_path_factory.mktemp("pages")
    build.run(EXAMPLE, out, style="efficientpaper-2025-06")
    return out


def test_every_view_page_together_gives_the_papers_back(example_pages, tmp_path):
    root = tmp_path / "lib"
    write_paper(root, "papershelf.toml", (EXAMPLE / "papershelf.toml").read_text())
    result = import_markdown.run([example_pages / page for page in VIEW_PAGES], root, now=1)
    assert result.problems == [] and result.skipped == 0
    original = {p.source: p for p in load_library(EXAMPLE).papers}
    imported = {p.source: p for p in load_library(root).papers}
    assert imported.keys() == original.keys()
    for source, paper in original.items():
        back = imported[source]
        for name in ("title", "abbr", "url", "venue", "year", "code_url", "cover_url"):
            assert getattr(back, name) == getattr(paper, name), (source, name)
        assert set(back.keywords) == set(paper.keywords), source
        assert set(back.institutions) == set(paper.institution_names()), source
        assert set(back.authors) <= set(paper.author_names()), source  # only authors with 2+ papers have sections
    # and the views they give are the views they came from
    build.run(root, tmp_path / "out", style="efficientpaper-2025-06")
    for view in VIEW_PAGES[1:]:
        assert (tmp_path / "out" / view).read_text() == (example_pages / view).read_text(), view


KEYWORD_PAGE = FIXTURES / "keyword_page.md"
LIST_PAGE = FIXTURES / "list_page.md"


def test_config_labels_bad_rows_and_numbered_lists(tmp_path):
    root = tmp_path / "lib"
    write_paper(
        root, "papershelf.toml", '[keywords]\npruning = "Pruning and Sparsity"\n[aliases]\nICML = ["ICML oral"]\n'
    )
    result = import_markdown.run([KEYWORD_PAGE, LIST_PAGE], root, now=7)
    keyword_page = KEYWORD_PAGE
    assert result.problems == [
        f"{keyword_page}:13: cover cell 'three' is not an <img>; row skipped",
        f"{keyword_page}:14: meta cell '[X](./notmeta/x.txt)' does not link a ./meta/...prototxt file; row skipped",
        f"{keyword_page}:12: keyword section 'Made-up Section' is not in [keywords]; left out",
    ]
    assert (result.papers, result.merged, result.skipped, result.not_understood) == (2, 2, 0, 2)
    assert not result.config_written  # the library has its own
    assert (root / "meta/2024/wanda.prototxt").read_text() == (
        "paper {\n"
        '  title: "A Simple and Effective Pruning Approach"\n  abbr: "Wanda"\n'
        '  url: "https://arxiv.org/abs/2306.11695"\n}\n'
        'pub {\n  where: "ICLR"\n  year: 2024\n}\n'
        'code {\n  url: "https://github.com/locuslab/wanda"\n}\n'
        'note {\n  url: ""\n}\n'
        "keyword {\n  words: pruning\n}\n"
    )
    deja_vu = load_library(root).papers[0]  # from the list alone: an id from its title, a year folder
    assert deja_vu.venue == "ICML"  # "ICML oral" on the page, through [aliases]
    assert (deja_vu.source, deja_vu.abbr, deja_vu.code_type, deja_vu.code_url) == (
        "meta/2023/Deja_Vu.prototxt",
        None,  # a list item names no abbreviation; the id comes from the title's short name
        "Jax",
        "https://gitlab.com/x/dejavu",
    )
    assert deja_vu.update_time == 7


def test_existing_files_are_never_overwritten(tmp_path):
    root = tmp_path / "lib"
    write_paper(root, "meta/2024/wanda.prototxt", 'paper {\n  title: "Mine"\n}\n')
    write_paper(
        root,
        "meta/2024/other.prototxt",
        'paper {\n  title: "Deja Vu: Contextual Sparsity for Efficient LLMs at Inference Time"\n}\n',
    )
    result = import_markdown.run([KEYWORD_PAGE, LIST_PAGE], root)
    assert result.papers == 0 and result.written == ["papershelf.toml"]
    assert "'A Simple and Effective Pruning Approach' is already in the library: meta/2024/wanda.prototxt" in "\n".join(
        result.problems
    )
    assert (root / "meta/2024/wanda.prototxt").read_text() == 'paper {\n  title: "Mine"\n}\n'
    config = (root / "papershelf.toml").read_text()
    assert 'pruning_and_sparsity = "Pruning and Sparsity"' in config and 'style = "efficientpaper-2025-06"' in config


def test_cli_import_markdown(shared, tmp_path):
    runner = CliRunner()
    done = runner.invoke(cli.app, ["import-markdown", str(SEED_PUBLICATION), "--into", str(tmp_path / "lib")])
    assert done.exit_code == 0, done.output
    assert done.output.strip() == (
        f"wrote 225 paper(s) into {tmp_path / 'lib'}: merged 0 entries into papers already read, "
        "skipped 0 held already, 0 line(s) not understood; wrote papershelf.toml"
    )
    done = runner.invoke(cli.app, ["import-markdown", str(SEED_PUBLICATION), "--into", str(tmp_path / "lib")])
    assert done.exit_code == 1 and "skipped 225" in done.output
    done = runner.invoke(cli.app, ["import-markdown", "missing.md", "--into", str(tmp_path / "x")])
    assert done.exit_code == 2 and not (tmp_path / "x").exists()


def test_round_trip_copy_of_example_is_unchanged(example_pages, tmp_path):
    shutil.copytree(EXAMPLE, tmp_path / "lib")
    result = import_markdown.run([example_pages / "cls_year.md"], tmp_path / "lib")
    assert result.papers == 0 and result.skipped == 47  # every paper is there already
