"""The default style: real column names, counts, anchors, escaping, useful badges."""

from __future__ import annotations

import html
import re
from urllib.parse import quote, urlsplit

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import write_paper
from papershelf.render import build
from papershelf.render import escape as md
from papershelf.render.styles.papershelf import github_repo


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


def test_author_view_keeps_to_its_size_limit(tmp_path):
    """Past author_view_max_mb, only the most prolific authors keep a section, and the page says so."""
    for n in range(40):
        authors = f"Author {n}, Partner {n}" + (", Prolific Person" if n % 8 == 0 else "")
        write_paper(tmp_path, f"meta/2023/p{n}.prototxt", f'paper {{\n  title: "P{n}"\n  authors: "{authors}"\n}}\n')
        write_paper(tmp_path, f"meta/2022/q{n}.prototxt", f'paper {{\n  title: "Q{n}"\n  authors: "Author {n}"\n}}\n')
    build.run(tmp_path)
    full = (tmp_path / "cls_author.md").read_text()
    assert "## Author 7 (2)" in full and "## Prolific Person (5)" in full
    (tmp_path / "papershelf.toml").write_text("[build]\nauthor_view_max_mb = 0.002\n")
    build.run(tmp_path)
    limited = (tmp_path / "cls_author.md").read_text()
    assert "## Prolific Person (5)" in limited and "## Author 7" not in limited
    assert "(authors with at least 5 papers, to keep this page under 0.002 MB)" in limited
    assert len(limited.encode()) < len(full.encode()) / 10
    (tmp_path / "papershelf.toml").write_text("[build]\nauthor_view_max_mb = 0\n")
    build.run(tmp_path)
    assert (tmp_path / "cls_author.md").read_text() == full


def test_keyword_sections_follow_config_order(tmp_path):
    write_paper(tmp_path, "meta/2023/a.prototxt", paper("A", extra="keyword {\n  words: zeta\n  words: alpha\n}\n"))
    (tmp_path / "papershelf.toml").write_text('[keywords]\nzeta = "Zeta first"\nalpha = "Alpha second"\n')
    build.run(tmp_path)
    text = (tmp_path / "cls_keyword.md").read_text()
    assert text.index("## Zeta first (1)") < text.index("## Alpha second (1)")


# The escaping functions take a shortcut for plain values; it must give what the general path gives.
CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
any_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)


@settings(max_examples=500, deadline=None)
@given(any_text | st.sampled_from(["Plain Title: A Survey", "a  b", " x", "x&y", "GPT-4", "a\tb", "ü ß"]))
def test_text_shortcut_matches_full_escaping(value):
    value_shown = CONTROLS.sub("", value)  # control characters never reach a view
    full = re.sub(r"([\\`*_\[\]~|#!])", r"\\\1", html.escape(" ".join(value_shown.split()), quote=False))
    assert md.text(value) == full


@settings(max_examples=500, deadline=None)
@given(any_text | st.sampled_from(["https://arxiv.org/abs/2301.00774", "a b", "x(y)", "https://a.b/~c?d=e#f"]))
def test_url_shortcut_matches_full_quoting(value):
    assert md.url(value) == quote(CONTROLS.sub("", value).strip(), safe=":/?#@!$&*+,;=%~-._[]")


@settings(max_examples=500, deadline=None)
@given(
    st.sampled_from(["https://github.com/", "https://GitHub.com/", "http://github.com/", "github.com/", ""]), any_text
)
def test_github_shortcut_matches_urlsplit(prefix, rest):
    url = prefix + rest
    try:
        parts = urlsplit(url if "//" in url else "https://" + url)
        hostname = parts.hostname
    except ValueError:  # urlsplit refuses some urls (brackets): so must github_repo
        with pytest.raises(ValueError):
            github_repo(url)
        return
    segments = [s for s in parts.path.split("/") if s]
    expected = None
    if hostname in ("github.com", "www.github.com") and len(segments) >= 2:
        expected = f"{segments[0]}/{segments[1].removesuffix('.git')}"
    assert github_repo(url) == expected
