"""``import-markdown`` on the pages people write: tables, bullets, badges, sections as keywords."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from helpers import CURRENT_FORMAT, SHARED
from papershelf import cli
from papershelf.cache.loader import load_library
from papershelf.core.views import VIEW_FILES
from papershelf.ingest import import_markdown
from papershelf.ingest.readers.markdown.venue_claims import Claim, claims
from papershelf.library.config import load_config
from papershelf.render import build

LISTS = Path(__file__).parent / "fixtures" / "lists"
TABLE_LIST, BULLET_LIST = LISTS / "table_list.md", LISTS / "bullet_list.md"
AWESOME = SHARED / "fixtures" / "awesome-lists"
LISTCHECK = SHARED / "tools" / "listcheck.py"


def papers_of(root: Path) -> dict:
    return {p.title: p for p in load_library(root).papers}


def test_tables_with_badges_breaks_and_columns_found_by_header(tmp_path):
    result = import_markdown.run([TABLE_LIST], tmp_path, now=1)
    assert (result.papers, result.merged, result.not_understood) == (4, 1, 1)
    papers = papers_of(tmp_path)
    snip = papers["Snip Snap: Pruning Tiny Models in One Shot"]  # the title links GitHub, [Paper] the paper
    assert (snip.url, snip.code_url) == ("https://arxiv.org/abs/2301.00001", "https://github.com/acme/snip")
    assert (snip.venue, snip.year, snip.authors) == ("ICML", 2023, ("Ada Lovelace", "Alan Turing"))
    assert snip.keywords == ("pruning", "quantization") and snip.cover_url == "figures/snip.png"
    assert "Pipes | Bars: A Title With a Pipe" in papers  # an escaped pipe stays in its cell
    bold = papers["Sparse Bold Ideas"]  # HTML inside the cell, an OpenReview paper
    assert (bold.venue, bold.year, bold.url) == ("NeurIPS", 2024, "https://openreview.net/forum?id=AbC-123_x")
    quant = papers["QuantX: Four Bits Are Enough"]  # emoji, [tag] and (@lab) around the title
    assert (quant.abbr, quant.institutions, quant.year, quant.venue) == ("QuantX", ("Acme Labs",), 2024, "arXiv")
    assert quant.code_url == "https://github.com/acme/quantx"
    assert result.problems[0].endswith("table_list.md:23: a paper link without a title; not imported")


def test_bullets_numbered_items_and_nested_items(tmp_path):
    import_markdown.run([BULLET_LIST], tmp_path, now=1)
    papers = papers_of(tmp_path)
    chains = papers["Chains of Thought, Briefly"]  # bold link, italic authors, listed again once published
    assert (chains.authors, chains.venue, chains.year) == (("Ann Lee", "Bo Chen"), "ICLR", 2025)
    assert chains.code_url == "https://github.com/acme/cot" and chains.keywords == ("survey", "methods")
    assert (papers["Trees of Thought, Briefly"].venue, papers["Trees of Thought, Briefly"].year) == (
        "ACL Findings",
        2025,
    )
    tiny = papers["Tiny Vision: Seeing With Four Bits"]  # [[CVPR](url)] tag, the year from "### 2023"
    assert (tiny.venue, tiny.year, tiny.code_url) == ("CVPR", 2023, "https://github.com/acme/tinyvision")
    squeeze = papers["Prompt Squeezing for Small Models"]  # plain title, NIPS spelled the old way
    assert (squeeze.venue, squeeze.year, squeeze.code_url) == ("NeurIPS", 2022, "https://github.com/acme/squeeze")
    assert papers["Bold Claims: A Study of Emphasis"].venue == "ICLR Oral"  # kept as the list wrote it
    nested = papers["Accurate Post-Training Squeezing for Generative Transformers"]
    assert nested.abbr == "GPTZ" and nested.keywords == ("methods",)
    assert not any("blog" in (p.url or "") for p in papers.values())  # a paragraph citing in passing


def test_sections_become_keywords_in_page_order_with_parents_where_labels_repeat(tmp_path):
    import_markdown.run([BULLET_LIST], tmp_path, now=1)
    config = load_config(tmp_path)
    assert list(config.keywords.values()) == ["Survey", "Methods", "Pruning / Survey", "Quantization / Survey"]
    papers = papers_of(tmp_path)
    assert papers["Pruning Surveyed at Length"].keywords == ("pruning_survey",)
    build.run(tmp_path, style="papershelf")
    assert "Pruning / Survey" in (tmp_path / "cls_keyword.md").read_text()


def test_cli_reports_each_line_not_understood_and_exits_1(tmp_path):
    done = CliRunner().invoke(cli.app, ["import-markdown", str(BULLET_LIST), "--into", str(tmp_path / "lib")])
    assert done.exit_code == 1
    assert "bullet_list.md:27: a paper link without a title; not imported" in done.stderr
    assert "1 line(s) not understood" in done.stdout


def test_a_page_with_no_entries_is_not_a_silent_success(tmp_path):
    page = tmp_path / "prose.md"
    page.write_text("# Notes\n\nNothing but prose and [a link](https://example.org).\n", "utf-8")
    result = import_markdown.run([page], tmp_path / "lib")
    assert result.papers == 0 and not result.complete
    assert result.problems == [f"{page}:1: no paper entries found (no table row, list item or paragraph links one)"]


def test_dry_run_writes_nothing(tmp_path):
    done = CliRunner().invoke(
        cli.app, ["import-markdown", str(TABLE_LIST), "--into", str(tmp_path / "lib"), "--dry-run"]
    )
    assert "would write meta/2023/Snip_Snap.prototxt" in done.stdout and "would write 4 paper(s)" in done.stdout
    assert not (tmp_path / "lib").exists()


def test_held_papers_are_named_and_update_adds_what_they_lack(tmp_path):
    import_markdown.run([TABLE_LIST], tmp_path, now=1)
    again = import_markdown.run([TABLE_LIST], tmp_path, now=2)
    assert again.papers == 0 and again.skipped == 4 and not again.written
    assert any("is already in the library: meta/2023/Snip_Snap.prototxt" in p for p in again.problems)
    snip = tmp_path / "meta/2023/Snip_Snap.prototxt"
    snip.write_text(snip.read_text().replace('  authors: "Alan Turing"\n', "").replace("code {", "# mine\ncode {"))
    text = snip.read_text()
    text = text[: text.index("keyword {")] + text[text.index("}", text.index("keyword {")) + 2 :]
    snip.write_text(text)  # the keywords removed by hand
    updated = import_markdown.run([TABLE_LIST], tmp_path, now=3, update=True)
    assert updated.updated == 1 and updated.written == ["meta/2023/Snip_Snap.prototxt"]
    paper = papers_of(tmp_path)["Snip Snap: Pruning Tiny Models in One Shot"]
    assert paper.keywords == ("pruning", "quantization") and paper.authors == ("Ada Lovelace",)  # authors kept
    assert "# mine" in snip.read_text()  # the curator's comment survives


@pytest.mark.parametrize(
    "text, expected",
    [
        ("ICML 2024", Claim("ICML", 2024)),
        ("NeurIPS'23", Claim("NeurIPS", 2023)),
        ("[ICLR 2024]", Claim("ICLR", 2024)),
        ("Conference ICML'23", Claim("ICML", 2023)),
        ("NIPS 2017", Claim("NeurIPS", 2017)),
        ("Findings of ACL 2024", Claim("ACL Findings", 2024)),
        ("EMNLP 2023 Findings", Claim("EMNLP Findings", 2023)),
        ("ICLR 2024 (Oral)", Claim("ICLR Oral", 2024)),
        ("NeurIPS Lock-LLM Workshop 2025", Claim("NeurIPS Lock-LLM Workshop", 2025)),
        ("Arxiv 2023", Claim("arXiv", 2023)),
        ("CVPR", Claim("CVPR", None)),
    ],
)
def test_venue_claims(text, expected):
    assert claims(text)[0] == expected


def test_no_venue_in_words_that_merely_contain_one():
    assert claims("Macl 2024, Specialist 2023, iclrx 2022") == []


def test_current_efficientpaper_pages_read_back_losslessly(shared, tmp_path):
    """All six views of EfficientPaper's current format, imported, build back byte for byte."""
    pages = [CURRENT_FORMAT / "expected" / name for name in VIEW_FILES]
    result = import_markdown.run(pages, tmp_path, now=1)
    assert (result.papers, result.not_understood) == (249, 0)
    for part in ("README_prefix.md", "README_suffix.md"):
        (tmp_path / part).write_bytes((CURRENT_FORMAT / part).read_bytes())
    for note in (CURRENT_FORMAT / "notes").rglob("*"):
        target = tmp_path / note.relative_to(CURRENT_FORMAT)
        target.parent.mkdir(parents=True, exist_ok=True)
        if note.is_file():
            target.write_bytes(b"")
    build.run(tmp_path)
    assert load_config(tmp_path).style == "efficientpaper"
    for name in VIEW_FILES:
        assert (tmp_path / name).read_text().lower() == (CURRENT_FORMAT / "expected" / name).read_text().lower(), name


def _listcheck(pages: list[Path], tmp_path: Path) -> str:
    args = []
    for page in pages:
        library = tmp_path / page.stem
        import_markdown.run([page], library, now=1)
        args += [str(page), str(library)]
    done = subprocess.run([sys.executable, str(LISTCHECK), *args], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout
    return done.stdout


def test_a_real_kv_cache_list_meets_the_goals(shared, tmp_path):
    out = _listcheck([AWESOME / "Zefan-Cai+Awesome-LLM-KV-Cache.md"], tmp_path)
    assert "recall 50/50, clean titles 50/50" in out and "empty 0" in out


@pytest.mark.slow
def test_seven_real_lists_meet_the_goals(shared, tmp_path):
    out = _listcheck(sorted(AWESOME.glob("*+*.md")), tmp_path)
    assert "7 real lists" in out and "empty papers 0" in out


def test_numbered_sections_a_stars_line_under_an_entry_and_one_italic_author(tmp_path):
    page = tmp_path / "page.md"
    page.write_text(
        "### 2.2 Linear Attention\n\n"
        "1. [**Softmax With Constant Cost per Token.**](https://arxiv.org/abs/2404.05843) *Franz A. Heinsen.* "
        "Arxiv 2024.\n\n"
        "&nbsp;&nbsp;&nbsp; [![GitHub Repo stars](https://img.shields.io/github/stars/glassroom/heinsen)]"
        "(https://github.com/glassroom/heinsen)\n",
        "utf-8",
    )
    result = import_markdown.run([page], tmp_path / "lib", now=1)
    assert result.complete
    (paper,) = load_library(tmp_path / "lib").papers
    assert (paper.title, paper.authors, paper.venue, paper.year) == (
        "Softmax With Constant Cost per Token",
        ("Franz A. Heinsen",),
        "arXiv",
        2024,
    )
    assert paper.code_url == "https://github.com/glassroom/heinsen"
    assert list(load_config(tmp_path / "lib").keywords.values()) == ["Linear Attention"]


def test_a_venue_after_the_title_in_plain_text_is_not_part_of_it(tmp_path):
    page = tmp_path / "page.md"
    page.write_text(
        "## Quantization\n\n"
        "- SmoothQuant: Accurate Post-Training Quantization, <ins>ICML, 2023</ins> "
        "[[Paper](https://arxiv.org/abs/2211.10438)]\n"
        "- ZeroQuant-FP: Floating-Point W4A8, <ins>NeurIPS-ENLSP, 2023</ins> [[Paper](https://arxiv.org/abs/2307.09782)]\n",
        "utf-8",
    )
    import_markdown.run([page], tmp_path / "lib", now=1)
    papers = {p.abbr or p.title: p for p in load_library(tmp_path / "lib").papers}
    found = sorted((p.title, p.venue, p.year) for p in papers.values())
    assert found == [
        ("SmoothQuant: Accurate Post-Training Quantization", "ICML", 2023),
        ("ZeroQuant-FP: Floating-Point W4A8", "NeurIPS-ENLSP", 2023),
    ]


def test_a_titled_row_without_a_working_link_is_still_a_paper(tmp_path):
    page = tmp_path / "page.md"
    page.write_text(
        "## Merging\n\n| Year | Title | Venue | Paper | code |\n|---|---|---|---|---|\n"
        "| 2024 | LeanKV: Unifying KV Cache Compression | arXiv | [Link](Unifying KV Cache) | |\n"
        "| 2022 | ZeroQuant: Affordable Quantization | NIPS | [Link](https://arxiv.org/pdf/2206.01861) "
        "| [Link](https://github.com/microsoft/DeepSpeed) |\n",
        "utf-8",
    )
    import_markdown.run([page], tmp_path / "lib", now=1)
    papers = {p.title: p for p in load_library(tmp_path / "lib").papers}
    assert (
        papers["LeanKV: Unifying KV Cache Compression"].year,
        papers["LeanKV: Unifying KV Cache Compression"].url,
    ) == (
        2024,
        None,
    )
    zero = papers["ZeroQuant: Affordable Quantization"]
    assert (zero.venue, zero.year, zero.code_url) == ("NeurIPS", 2022, "https://github.com/microsoft/DeepSpeed")


def test_a_title_link_that_starts_with_a_link_word_and_two_papers_of_one_title(tmp_path):
    """papershelf's own view, read back: in the Title column "[Model for sparse](url)" and "[Yi](url)"
    are titles (elsewhere "[Models (HF)]" names a link), and two rows of one title that link two metadata
    files are two papers, each written to its file."""
    page = tmp_path / "cls_year.md"
    head = "## 2024 (4)\n\n| # | Paper | Title | Venue | Code |\n|--:|:--|:--|:--|:--|\n"
    rows = [
        "| 1 | [LargeAttention155](./meta/2024/LargeAttention155.prototxt) | "
        "[Model for sparse](https://arxiv.org/abs/2311.00155) | | [Models (HF)](https://huggingface.co/x) |",
        "| 2 | [LongA](./meta/2024/LongA.prototxt) | [Long-context](https://arxiv.org/abs/2408.03167) | | |",
        "| 3 | [LongB](./meta/2024/LongB.prototxt) | [Long-context](https://arxiv.org/abs/2501.04774) | | |",
        "| 4 | [Yi](./meta/2024/Yi.prototxt) | [Yi](https://arxiv.org/abs/2403.04652) | | |",
    ]
    page.write_text(head + "\n".join(rows) + "\n", "utf-8")
    result = import_markdown.run([page], tmp_path / "lib", now=1)
    assert (result.papers, result.merged, result.not_understood) == (4, 0, 0)
    papers = {p.source: p for p in load_library(tmp_path / "lib").papers}
    assert papers["meta/2024/LargeAttention155.prototxt"].title == "Model for sparse"
    assert papers["meta/2024/Yi.prototxt"].title == "Yi"  # a title shorter than a tag elsewhere
    assert papers["meta/2024/LongA.prototxt"].url == "https://arxiv.org/abs/2408.03167"
    assert papers["meta/2024/LongB.prototxt"].url == "https://arxiv.org/abs/2501.04774"
