"""The efficientpaper-2024-03 style: the pub and year columns of seed 001's generation, on a flat library."""

from __future__ import annotations

from helpers import write_paper
from papershelf.render import build


def test_columns_table_layout(tmp_path):
    write_paper(
        tmp_path,
        "meta/b.prototxt",
        'paper {\n  title: "Beta"\n  url: "https://x.org/b"\n}\npub {\n  where: "arXiv"\n  year: 2024\n}\n',
    )
    write_paper(
        tmp_path,
        "meta/a.prototxt",
        'paper {\n  title: "Alpha"\n  abbr: "A"\n}\n'
        'pub {\n  where: "ICML"\n  year: 2024\n}\nnote {\n  url: "a.md"\n}\n',
    )
    write_paper(tmp_path, "notes/a.md", "")
    build.run(tmp_path, style="efficientpaper-2024-03")
    text = (tmp_path / "cls_year.md").read_text()
    assert text == (
        "<details open><summary>\n\n### year\n</summary> \n<p>\n\n"
        "<details open><summary><b>2024</b></summary> \n<p>\n\n"
        "|    | meta                   | ttttttttttttttttttttttttttttttitle   | ccccccccccccccccccover   | pub   |   year | codeeeee   | note                 |\n"  # noqa: E501
        "|---:|:-----------------------|:-------------------------------------|:-------------------------|:------|-------:|:-----------|:---------------------|\n"  # noqa: E501
        "|  0 | [A](./meta/a.prototxt) | Alpha                                |                          | ICML  |   2024 |            | [note](./notes/a.md) |\n"  # noqa: E501
        "|  1 | [m](./meta/b.prototxt) | [Beta](https://x.org/b)              |                          | arXiv |   2024 |            |                      |</p>\n"  # noqa: E501
        "</details>\n</p>\n</details>\n\n"
    )


def _two_papers(root):
    write_paper(
        root,
        "meta/q.prototxt",
        'paper {\n  title: "Quant"\n  authors: "Ann Lee, Bo Chen"\n}\npub {\n  where: "ICML"\n  year: 2023\n}\n'
        "keyword {\n  words: quantization\n}\n",
    )
    write_paper(
        root,
        "meta/p.prototxt",
        'paper {\n  title: "Prune"\n  authors: "Bo Chen"\n}\npub {\n  where: "ICLR"\n  year: 2024\n}\n'
        "keyword {\n  words: pruning\n}\n",
    )
    write_paper(root, "papershelf.toml", '[keywords]\nquantization = "Quantization"\npruning = "A Pruning"\n')
    write_paper(root, "README_prefix.md", "# My list")


def test_readme_holds_the_keyword_view_and_there_is_no_keyword_file(tmp_path):
    _two_papers(tmp_path)
    result = build.run(tmp_path, style="efficientpaper-2024-03")
    assert not result.errors
    assert not (tmp_path / "cls_keyword.md").exists()
    readme = (tmp_path / "README.md").read_text()
    assert readme.startswith("# My list\n\n\n## Paper List\n\n<details open><summary>\n\n### keyword\n</summary> \n")
    assert readme.index("<b>A Pruning</b>") < readme.index("<b>Quantization</b>")  # label order
    assert "|   year |" in readme and readme.endswith("</p>\n</details>\n\n")


def test_author_view_has_a_section_for_every_author(tmp_path):
    _two_papers(tmp_path)
    build.run(tmp_path, style="efficientpaper-2024-03")
    text = (tmp_path / "cls_author.md").read_text()
    assert "<b>Ann Lee</b>" in text and "<b>Bo Chen</b>" in text  # Ann Lee has one paper


def test_stale_views_are_judged_in_the_generation_they_were_written_in(tmp_path):
    from papershelf.check import runner

    _two_papers(tmp_path)
    build.run(tmp_path, style="efficientpaper-2024-03")
    assert not [f for f in runner.run(tmp_path).findings if f.rule == "stale-views"]
    write_paper(tmp_path, "meta/p.prototxt", (tmp_path / "meta/p.prototxt").read_text().replace("Prune", "Pruned"))
    stale = [f for f in runner.run(tmp_path).findings if f.rule == "stale-views"]
    assert stale and all("efficientpaper-2024-03" in f.message for f in stale)
