"""The efficientpaper style: EfficientPaper's current format, all six views of its first snapshot."""

from __future__ import annotations

import re

import pytest

from helpers import CURRENT_FORMAT
from papershelf.core.model import Paper
from papershelf.core.views import VIEW_FILES
from papershelf.render.styles.efficientpaper import repeated_cells
from papershelf.render.styles.efficientpaper_cells import Row


@pytest.mark.parametrize("name", VIEW_FILES)
def test_every_view_is_the_generators_up_to_link_case(current_format_views, name):
    ours = (current_format_views / name).read_text("utf-8")
    theirs = (CURRENT_FORMAT / "expected" / name).read_text("utf-8")
    assert ours.lower() == theirs.lower()
    # Where the bytes differ it is a link mended to name the file as it is on disk.
    for mine, original in zip(ours.splitlines(), theirs.splitlines()):
        if mine != original:
            for target in re.findall(r"\(\./((?:notes|meta)/[^)]+)\)|src='\./(notes/[^']+)'", mine):
                assert (current_format_views / (target[0] or target[1])).exists()


def test_keyword_sections_are_numbered_by_the_vocabulary(current_format_views):
    text = (current_format_views / "cls_keyword.md").read_text("utf-8")
    headings = re.findall(r"<summary><b>(.*)</b></summary>", text)
    assert headings[0] == "00-None" and "05-Sparse/Pruning" in headings and headings == sorted(headings)


def test_a_repeated_author_garbles_the_row_as_the_generator_did(current_format_views):
    """DeepSeek-R1 names Shengfeng Ye twice: listed twice, the badge wrapping the code cell."""
    text = (current_format_views / "cls_author.md").read_text("utf-8")
    section = text.split("<b>Shengfeng Ye</b>", 1)[1].split("</details>", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| [")]
    assert [r.split("]")[0] for r in rows] == ["| [DeepSeek-R1"] * 2 + ["| [DeepSeek-V3"] * 2 + ["| [DeepSeek-V2"]
    assert rows[0].endswith("| [note](./notes/2025/DeepSeek-R1/note.md) | None |")


class _Links:
    def target(self, paper, url):
        return url


def _row(**fields) -> Row:
    from papershelf.library.config import Config
    from papershelf.render.style import RenderInputs

    paper = Paper(id="a", source="meta/2024/a.prototxt", title="A", venue="ICML", year=2024, **fields)
    return Row(paper, RenderInputs([paper], Config(), (), "lib"), _Links())


def test_repeated_cells_once_twice_three_times():
    row = _row(code_url="https://example.org/c", code_type="Jax", note_url="n.md")
    once = repeated_cells(row, 1)
    assert once == [row.meta, row.title, row.cover, row.badge, row.code, row.note]
    twice = repeated_cells(row, 2)
    assert twice[3] == f"![Publish](https://img.shields.io/badge/[Jax](https://example.org/c)-{row.badge}-green)"
    assert twice[4:] == [row.note, "None"]
    thrice = repeated_cells(row, 3)
    assert thrice[3].startswith("![Publish](https://img.shields.io/badge/[note](n.md)-![Publish]")
    assert thrice[4:] == ["None", "None"]
    assert repeated_cells(row, 7) == thrice  # the generator failed there; the third rewrite stands
