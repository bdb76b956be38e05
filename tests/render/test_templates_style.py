"""The templates style: a list's own look from Jinja2 templates, escaped, checked before writing."""

from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner

from helpers import PROJECT, write_paper
from papershelf import cli
from papershelf.core.errors import PapershelfError
from papershelf.core.views import VIEW_FILES
from papershelf.render import build

TABLE_EXAMPLE = PROJECT / "examples" / "horseee-table"
ROW = (
    "| {{ badges.venue }} <br> [{{ paper.title }}]({{ links.paper }}) <br> {{ paper.authors | join(', ') }} "
    "| {% if links.code %}[[Github]({{ links.code }})]{% endif %} |\n"
)


def test_the_example_renders_the_horseee_table_layout(tmp_path):
    build.run(TABLE_EXAMPLE, tmp_path)
    for name in VIEW_FILES:
        assert (TABLE_EXAMPLE / name).read_text() == (tmp_path / name).read_text(), f"{name} is stale: build it"
    readme = (tmp_path / "README.md").read_text()
    assert "| Title & Authors | Introduction | Links |" in readme
    assert (
        "|[![GitHub stars](https://img.shields.io/github/stars/IST-DASLab/sparsegpt)]"
        "(https://github.com/IST-DASLab/sparsegpt) ![ICML 2023](https://img.shields.io/badge/ICML-2023-blue) <br> "
        "[SparseGPT: Massive Language Models Can Be Accurately Pruned in One-Shot](https://arxiv.org/abs/2301.00774)"
        " <br> Elias Frantar, Dan Alistarh | |[[Github](https://github.com/IST-DASLab/sparsegpt)] "
        "[[Paper](https://arxiv.org/abs/2301.00774)] |"
    ) in readme.splitlines()
    assert "- [Network Pruning / Sparsity](#network-pruning--sparsity) (4)" in readme


@pytest.fixture
def templated(tmp_path):
    write_paper(tmp_path, "papershelf.toml", '[build]\nstyle = "templates"\n')
    write_paper(
        tmp_path,
        "meta/2024/evil.prototxt",
        'paper {\n  title: "Evil | <script>alert(1)</script> [x](javascript:alert(2))"\n'
        '  url: "javascript:alert(3)"\n  authors: "A | B"\n}\npub {\n  where: "ICML"\n  year: 2024\n}\n'
        'code {\n  url: "https://github.com/acme/evil"\n}\n',
    )
    write_paper(tmp_path, "templates/row.md.j2", ROW)
    return tmp_path


def test_values_are_escaped_and_unsafe_links_left_out(templated):
    build.run(templated)
    row = next(line for line in (templated / "README.md").read_text().splitlines() if "Evil" in line)
    assert "<script>" not in row and "&lt;script&gt;" in row
    assert "](javascript:" not in row.replace("\\]", "")  # the title's link syntax is inert text
    assert "[Evil \\| " in row and "]()" in row  # the unsafe paper url is left out
    assert row.count("|") - row.count("\\|") == 3  # the title's and the author's pipes cannot open cells
    assert "[[Github](https://github.com/acme/evil)]" in row
    assert "](https://img.shields.io/badge/ICML-2024-green)" in row


@pytest.mark.parametrize(
    "template, where",
    [
        ("| {{ paper.title }\n", "templates/row.md.j2:1: unexpected '}'"),
        ("line one\n{{ paper.no_such_field }}\n", "templates/row.md.j2:2:"),
        ("{% for x in paper.title %}\n", "templates/row.md.j2:1:"),
    ],
)
def test_a_template_error_names_file_and_line_and_nothing_is_written(templated, template, where):
    write_paper(templated, "templates/row.md.j2", template)
    with pytest.raises(PapershelfError) as raised:
        build.run(templated)
    assert str(raised.value).startswith(where)
    assert not (templated / "README.md").exists()
    done = CliRunner().invoke(cli.app, ["build", "-L", str(templated)])
    assert done.exit_code == 2 and done.stderr.startswith(f"papershelf: {where}")


def test_a_template_error_in_the_second_process_is_located_and_nothing_is_written(templated, monkeypatch, speedups):
    """A build on two cores renders the later papers' rows in a forked process: its error is the same."""
    from papershelf.library import links

    monkeypatch.setattr(build, "PARALLEL_FROM", 1)
    monkeypatch.setattr(links, "PARALLEL_FROM", 1)
    for year in (2020, 2021, 2022, 2023):
        write_paper(
            templated, f"meta/{year}/p{year}.prototxt", f'paper {{\n  title: "P"\n}}\npub {{\n  year: {year}\n}}\n'
        )
    write_paper(templated, "templates/row.md.j2", "| {{ paper.title }} |\n{{ 1 // (paper.year - 2024) }}\n")
    with pytest.raises(PapershelfError) as raised:  # only the last paper, of 2024, divides by zero
        build.run(templated)
    assert str(raised.value).startswith("templates/row.md.j2:2:")
    assert not (templated / "README.md").exists()


def test_a_missing_row_template_is_a_usage_error(templated):
    (templated / "templates" / "row.md.j2").unlink()
    with pytest.raises(PapershelfError, match="the templates style needs templates/row.md.j2"):
        build.run(templated)


def test_editing_a_template_renders_again(templated, tmp_path):
    first = build.run(templated)
    assert first.written and build.run(templated).rendered is False  # nothing changed: nothing rendered
    write_paper(templated, "templates/row.md.j2", ROW.replace("<br>", "—"))
    again = build.run(templated)
    assert again.rendered and "—" in (templated / "README.md").read_text()


def test_sections_and_page_templates_see_their_values(templated):
    write_paper(
        templated, "templates/section.md.j2", "## {{ label }} ({{ count }}) #{{ anchor }}\n{{ rows | join('') }}\n"
    )
    write_paper(
        templated,
        "templates/page.md.j2",
        "{{ file }} / {{ view }} / {{ papers }}\n{% for s in sections %}{{ s.text }}{% endfor %}",
    )
    build.run(templated)
    year = (templated / "cls_year.md").read_text()
    assert year.startswith("cls_year.md / year / 1\n## 2024 (1) #2024\n")


def test_copy_of_the_example_builds_from_the_cli(tmp_path):
    shutil.copytree(TABLE_EXAMPLE, tmp_path / "lib")
    done = CliRunner().invoke(cli.app, ["build", "-L", str(tmp_path / "lib")])
    assert done.exit_code == 0 and "in style templates" in done.stdout
