"""Input that once gave a traceback or wrote outside the library: one located line, nothing escapes."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from helpers import write_paper
from papershelf import cli
from papershelf.core.errors import PapershelfError
from papershelf.core.model import Paper
from papershelf.ingest import import_markdown
from papershelf.library.shelf import NewFile, write
from papershelf.library.textproto import format_paper
from papershelf.render import build

HEADER = (
    "<details open><summary><b>Pruning</b></summary> \n<p>\n\n"
    "|    | meta | ttttttttttttttttttttttttttttttitle | ccccccccccccccccccover | Publish | codeeeee | note |\n"
    "|---:|:-----|:-----|:-----|:-----|:-----|:-----|\n"
)


def row(number: int, meta: str, title: str, badge: str = "2023-ICML-blue") -> str:
    return (
        f"| {number} | [M]({meta}) | [{title}](https://arxiv.org/abs/2301.0000{number}) |  "
        f"| ![Publish](https://img.shields.io/badge/{badge}) |  |  |\n"
    )


def test_meta_links_out_of_meta_and_absurd_years_are_located_and_skipped(tmp_path):
    page = tmp_path / "page.md"
    page.write_text(
        HEADER
        + row(0, "./meta/../escape.prototxt", "Escapes")
        + row(1, "./meta/2023/a|b.prototxt", "Bad id")
        + row(2, "./meta/2023/fine.prototxt", "Absurd year", badge="99999999999-ICML-blue")
        + row(3, "./meta/2023/good.prototxt", "Good")
        + "</p>\n</details>\n",
        "utf-8",
    )
    into = tmp_path / "lib"
    result = import_markdown.run([page], into)
    assert result.papers == 1 and result.not_understood == 3 and not result.complete
    lines = sorted(p.split(":")[1] for p in result.problems)
    assert lines == ["6", "7", "8"], result.problems
    written = sorted(
        p.relative_to(into).as_posix() for p in into.rglob("*") if p.is_file() and ".papershelf" not in p.parts
    )
    assert written == ["meta/2023/good.prototxt", "papershelf.toml"]
    assert not (tmp_path / "escape.prototxt").exists()


def test_nothing_is_written_outside_meta_and_notes(tmp_path):
    (tmp_path / "meta").mkdir()
    for path in ("../outside.prototxt", "README.md", "meta/../../x", "notes/../.git/config"):
        with pytest.raises(PapershelfError, match="outside the library"):
            write(tmp_path, [NewFile("meta/2023/ok.prototxt", "x"), NewFile(path, "y")])
        assert not (tmp_path / "meta" / "2023" / "ok.prototxt").exists()  # nothing at all was written


def test_a_year_out_of_range_is_one_line(tmp_path):
    with pytest.raises(PapershelfError, match="year 99999999999 is out of range"):
        format_paper(Paper(id="p", title="T", year=99999999999))
    bib = tmp_path / "one.bib"
    bib.write_text("@article{a, title={A Paper}, author={Ada Lovelace}, year={2020}}\n", "utf-8")
    (tmp_path / "lib" / "meta").mkdir(parents=True)
    done = CliRunner().invoke(cli.app, ["add", str(bib), "--year", "99999999999", "-L", str(tmp_path / "lib")])
    assert done.exit_code == 2 and "Traceback" not in done.output
    assert not list((tmp_path / "lib" / "meta").rglob("*.prototxt"))


def test_a_gitignore_that_is_not_utf8_is_kept_byte_for_byte(tmp_path):
    write_paper(tmp_path, "meta/2023/p.prototxt", 'paper { title: "P" }\npub { where: "ICML" year: 2023 }\n')
    (tmp_path / ".gitignore").write_bytes(b"caf\xe9/\n")
    assert build.run(tmp_path).built
    assert (tmp_path / ".gitignore").read_bytes() == b"caf\xe9/\n.papershelf/\n"


def test_a_limit_that_is_not_a_number_is_a_config_error(tmp_path):
    write_paper(tmp_path, "meta/2023/p.prototxt", 'paper { title: "P" }\n')
    write_paper(tmp_path, "papershelf.toml", "[build]\nauthor_view_max_mb = nan\n")
    done = CliRunner().invoke(cli.app, ["build", "-L", str(tmp_path)])
    assert done.exit_code == 2
    assert "author_view_max_mb must be 0 (no limit) or more" in done.output


def test_a_malformed_bibtex_entry_says_why_from_line_one(tmp_path):
    from papershelf.ingest.readers.bibtex import read_bibtex

    bib = tmp_path / "bad.bib"
    bib.write_text("@article{a,\n title = {Unclosed,\n}\n@article{b, title={Fine}, year={2020}}\n", "utf-8")
    read = read_bibtex(bib)
    assert [p.title for p in read.papers] == ["Fine"]
    why = "Unexpected block start: `@article`. Was still looking for field-value closing `,` or `}`"
    assert read.skipped == [f"{bib}:1: skipped: {why}"]
