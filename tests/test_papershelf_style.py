"""The default style: real column names, counts, anchors, escaping, useful badges."""

from __future__ import annotations

import re

from conftest import write_paper
from papershelf import build


def paper(title, year=2023, venue="ICML", extra=""):
    return (
        f'paper {{\n  title: "{title}"\n  url: "https://arxiv.org/abs/2301.00774"\n}}\n'
        f'pub {{\n  where: "{venue}"\n  year: {year}\n}}\n{extra}'
    )


def unescaped_pipes(line: str) -> int:
    return len(re.findall(r"(?<!\\)\|", line))


def test_hostile_title_cannot_break_the_table(tmp_path):
    write_paper(tmp_path, "meta/2023/x.prototxt", paper("A | B <script> *bold* [x]"))
    build.run(tmp_path)
    text = (tmp_path / "cls_year.md").read_text()
    header = next(line for line in text.splitlines() if line.startswith("| #"))
    row = next(line for line in text.splitlines() if line.startswith("| 1 |"))
    assert unescaped_pipes(row) == unescaped_pipes(header)
    assert r"A \| B &lt;script&gt; \*bold\* \[x\]" in row


def test_columns_counts_and_badges(tmp_path):
    extra = 'code {\n  url: "https://github.com/IST-DASLab/sparsegpt"\n}\ncover {\n  url: "c.png"\n}\n'
    write_paper(tmp_path, "meta/2023/sparsegpt.prototxt", paper("SparseGPT", extra=extra))
    write_paper(tmp_path, "notes/2023/sparsegpt/c.png", "")
    write_paper(tmp_path, "meta/2023/other.prototxt", paper("Other"))
    (tmp_path / "papershelf.toml").write_text('[venue_colors]\nICML = "blue"\n')
    build.run(tmp_path)
    text = (tmp_path / "cls_publication.md").read_text()
    assert "| # | Paper | Title | Cover | Venue | Code |" in text
    assert "ttttt" not in text
    assert "## ICML (2)" in text and "2 papers in 1 venue." in text
    assert "![ICML 2023](https://img.shields.io/badge/ICML-2023-blue)" in text  # not a link
    assert (
        "[![GitHub stars](https://img.shields.io/github/stars/IST-DASLab/sparsegpt?style=social)]"
        "(https://github.com/IST-DASLab/sparsegpt)" in text
    )
    assert '<img src="./notes/2023/sparsegpt/c.png" width="160" alt="cover">' in text


def test_contents_links_reach_anchors(tmp_path):
    for i, venue in enumerate(["ICML", "ICML workshop", "icml", "ICML-workshop"]):
        write_paper(tmp_path, f"meta/2023/p{i}.prototxt", paper(f"P{i}", venue=venue))
    build.run(tmp_path)
    text = (tmp_path / "cls_publication.md").read_text()
    links = re.findall(r"^- \[.*\]\(#(.*)\) \(\d+\)$", text, re.M)
    anchors = re.findall(r'<a id="(.*)"></a>', text)
    assert links == anchors and len(set(anchors)) == 4


def test_readme_lists_years_and_undated_papers(tmp_path):
    write_paper(tmp_path, "meta/2024/new.prototxt", paper("New", 2024))
    write_paper(tmp_path, "meta/2022/old.prototxt", paper("Old", 2022))
    write_paper(tmp_path, "meta/undated.prototxt", 'paper {\n  title: "Someday"\n}\n')
    (tmp_path / "papershelf.toml").write_text('[build]\ntitle = "Reading list"\ndescription = "Mine."\n')
    build.run(tmp_path)
    readme = (tmp_path / "README.md").read_text()
    assert readme.startswith("# Reading list\n\nMine.\n\n## Papers\n\n3 papers.")
    assert readme.index("### 2024 (1)") < readme.index("### 2022 (1)") < readme.index("### Undated (1)")
    assert "[2024](#year-2024) (1) · [2022](#year-2022) (1) · [Undated](#year-undated) (1)" in readme


def test_author_view_threshold_comes_from_config(tmp_path):
    write_paper(tmp_path, "meta/2023/a.prototxt", 'paper {\n  title: "A"\n  authors: "Ann, Bob"\n}\n')
    write_paper(tmp_path, "meta/2023/b.prototxt", 'paper {\n  title: "B"\n  authors: "Ann"\n  authors: "Ann"\n}\n')
    build.run(tmp_path)
    text = (tmp_path / "cls_author.md").read_text()
    assert "## Ann (2)" in text and "## Bob" not in text
    (tmp_path / "papershelf.toml").write_text("[build]\nauthor_min_papers = 1\n")
    build.run(tmp_path)
    assert "## Bob (1)" in (tmp_path / "cls_author.md").read_text()


def test_keyword_sections_follow_config_order(tmp_path):
    write_paper(tmp_path, "meta/2023/a.prototxt", paper("A", extra="keyword {\n  words: zeta\n  words: alpha\n}\n"))
    (tmp_path / "papershelf.toml").write_text('[keywords]\nzeta = "Zeta first"\nalpha = "Alpha second"\n')
    build.run(tmp_path)
    text = (tmp_path / "cls_keyword.md").read_text()
    assert text.index("## Zeta first (1)") < text.index("## Alpha second (1)")
