"""The efficientpaper-columns style: the two-column format of seed 001, on a flat library."""

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
    build.run(tmp_path, style="efficientpaper-columns")
    text = (tmp_path / "cls_year.md").read_text()
    assert text == (
        "<details open><summary>\n\n### year\n</summary> \n<p>\n\n"
        "<details open><summary><b>2024</b></summary> \n<p>\n\n"
        "|    | meta                   | ttttttttttttttttttttttttttttttitle   | ccccccccccccccccccover   | pub   |   year | codeeeee   | note                 |\n"  # noqa: E501
        "|---:|:-----------------------|:-------------------------------------|:-------------------------|:------|-------:|:-----------|:---------------------|\n"  # noqa: E501
        "|  0 | [A](./meta/a.prototxt) | Alpha                                |                          | ICML  |   2024 |            | [note](./notes/a.md) |\n"  # noqa: E501
        "|  1 | [m](./meta/b.prototxt) | [Beta](https://x.org/b)              |                          | arXiv |   2024 |            | [note](note.md)      |</p>\n"  # noqa: E501
        "</details>\n</p>\n</details>\n\n"
    )
