"""The efficientpaper-2025-06 style: seed 000's views, rebuilt from their metadata."""

from __future__ import annotations

import re

from helpers import FIXTURE, SEED_PUBLICATION, compare_views


def test_publication_view_reproduces_seed_000(efficientpaper_views):
    ours = efficientpaper_views / "cls_publication.md"
    status, summary = compare_views(SEED_PUBLICATION, ours)
    assert status == 0, summary
    assert "rows 225/225 identical, 0 unmatched" in summary
    # Byte for byte, allowing only letter case (inside link targets).
    assert ours.read_text().lower() == SEED_PUBLICATION.read_text().lower()


def test_readme_reproduces_expected_readme(efficientpaper_views):
    status, summary = compare_views(FIXTURE / "expected" / "README.md", efficientpaper_views / "README.md")
    assert status == 0, summary
    expected = (FIXTURE / "expected" / "README.md").read_bytes()
    assert (efficientpaper_views / "README.md").read_bytes().lower() == expected.lower()


def test_links_name_files_as_they_are_on_disk(efficientpaper_views, fixture_library):
    """The seed links ./notes/2023/sparsevit/...; the folder on disk is SparseViT."""
    text = (efficientpaper_views / "cls_publication.md").read_text()
    assert "./notes/2023/SparseViT/sparsevit.jpg" in text
    assert "./notes/2023/sparsevit/" not in text
    for target in set(re.findall(r"\(\./(notes/[^)]+)\)|src='\./(notes/[^']+)'", text)):
        path = target[0] or target[1]
        assert (fixture_library / path).exists(), path


def sections(text: str) -> list[str]:
    return re.findall(r"<summary><b>(.*)</b></summary>", text)


def rows_of(text: str, key: str) -> list[list[str]]:
    block = text.split(f"<summary><b>{key}</b></summary>", 1)[1].split("</details>", 1)[0]
    lines = [line.removesuffix("</p>") for line in block.splitlines() if re.match(r"^\| +\d+ \|", line)]
    return [[c.strip() for c in line.strip("|").split(" | ")] for line in lines]


def test_other_views_keys_sorted_and_rows_sorted(efficientpaper_views):
    for view in ("keyword", "year", "institution", "author"):
        text = (efficientpaper_views / f"cls_{view}.md").read_text()
        keys = sections(text)
        assert keys, view
        if view == "year":
            assert keys == sorted(keys, reverse=True) and keys[0] == "2025" and keys[-1] == "1989"
        else:
            assert keys == sorted(keys), view
        for key in keys:
            rows = rows_of(text, key)
            assert [r[0] for r in rows] == [str(i) for i in range(len(rows))]
            assert [(r[4], r[2]) for r in rows] == sorted((r[4], r[2]) for r in rows), (view, key)


def test_keyword_view_uses_config_labels(efficientpaper_views):
    keys = sections((efficientpaper_views / "cls_keyword.md").read_text())
    assert "Sparse/Pruning" in keys and "KV Cache Optimization/Efficient Attention" in keys
    assert "sparse_pruning" not in keys


def test_author_view_splits_comma_strings_and_needs_two_papers(efficientpaper_views):
    text = (efficientpaper_views / "cls_author.md").read_text()
    keys = sections(text)
    # ActNN and 23LQ9SVH name "Jianfei Chen" only inside one comma-separated author string.
    metas = [r[1] for r in rows_of(text, "Jianfei Chen")]
    assert "[ActNN](./meta/2019/actnn.prototxt)" in metas
    assert "[m](./meta/2023/23LQ9SVH.prototxt)" in metas
    assert not any("," in k for k in keys)
    assert all(len(rows_of(text, k)) >= 2 for k in keys)


def test_a_paper_is_listed_once_per_group(efficientpaper_views):
    for view in ("keyword", "year", "publication", "institution", "author"):
        text = (efficientpaper_views / f"cls_{view}.md").read_text()
        for key in sections(text):
            metas = [r[1] for r in rows_of(text, key)]
            assert len(metas) == len(set(metas)), (view, key)


def test_absent_note_falls_back_to_proto2_default(efficientpaper_views):
    """RPTQ's file has no note field; EfficientPaper's proto2 default made its link note.md."""
    text = (efficientpaper_views / "cls_publication.md").read_text()
    rptq = next(line for line in text.splitlines() if "[RPTQ](./meta/2023/RPTQ.prototxt)" in line)
    assert rptq.rstrip().endswith("| [note](note.md)                                  |")
