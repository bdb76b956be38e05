"""fmt and check --fix keep everything a curator wrote: comments in place, and a field given twice
is an error that leaves the file as it is."""

from __future__ import annotations

from click.testing import CliRunner

from helpers import write_paper
from papershelf import check, cli
from papershelf.check import fmt
from papershelf.check.context import Texts
from papershelf.library import text_fields

COMMENTED = """\
# Reviewed by Ada, 2024-05-01
paper {
    title: "SparseGPT"   # as the authors spell it
    # in the paper's order
    authors: "Elias Frantar, Dan Alistarh"
    institutions: "IST"
}
pub { where: "ICML" year: 2023 }
# end of file
"""
TWICE = """\
paper {
  title: "First title"
  title: "Second title"
}
pub {
  where: "ICML"
  year: 2023
}
"""


def test_fmt_keeps_every_comment_where_it_was(tmp_path):
    path = write_paper(tmp_path, "meta/2023/sparsegpt.prototxt", COMMENTED)
    result = fmt.run(tmp_path)
    assert result.changed == ["meta/2023/sparsegpt.prototxt"] and not result.left
    text = path.read_text("utf-8")
    assert text == (
        "# Reviewed by Ada, 2024-05-01\n"
        "paper {\n"
        '  title: "SparseGPT"  # as the authors spell it\n'
        "  # in the paper's order\n"
        '  authors: "Elias Frantar"\n'
        '  authors: "Dan Alistarh"\n'
        '  institutions: "IST"\n'
        "}\n"
        "pub {\n"
        '  where: "ICML"\n'
        "  year: 2023\n"
        "}\n"
        "# end of file\n"
    )
    assert fmt.run(tmp_path).changed == []  # and it stays so


def test_check_fix_keeps_comments_too(tmp_path):
    path = write_paper(tmp_path, "meta/2023/sparsegpt.prototxt", COMMENTED)
    write_paper(tmp_path, "meta/2023/other.prototxt", COMMENTED.replace('"IST"', '"IST Austria"').replace("GPT", "Q"))
    write_paper(tmp_path, "papershelf.toml", '[aliases]\n"IST Austria" = ["IST"]\n')
    result = check.run(tmp_path, fix=True)
    assert "meta/2023/sparsegpt.prototxt" in result.fixed and not result.left
    text = path.read_text("utf-8")
    assert '  institutions: "IST Austria"\n' in text
    assert "# Reviewed by Ada" in text and "# as the authors spell it" in text and "# end of file" in text


def test_a_field_given_twice_is_a_located_error_and_no_tool_rewrites_the_file(tmp_path):
    path = write_paper(tmp_path, "meta/2023/twice.prototxt", TWICE)
    findings = [f for f in check.run(tmp_path).findings if f.rule == "duplicate-field"]
    assert [(f.line, f.severity) for f in findings] == [(3, "error")]
    assert "paper.title is given again here" in findings[0].message
    done = CliRunner().invoke(cli.app, ["fmt", "-L", str(tmp_path)])
    assert done.exit_code == 1
    assert "meta/2023/twice.prototxt: field paper.title is given twice (again on line 3); left untouched" in done.output
    assert path.read_text("utf-8") == TWICE


def test_a_comment_with_no_place_left_means_the_file_is_not_rewritten():
    original = 'paper {\n  title: "T"\n  authors: "A"  # the only author\n}\n'
    without_author = 'paper {\n  title: "T"\n}\n'
    assert text_fields.with_comments(original, without_author) is None
    assert text_fields.with_comments(original, 'paper {\n  title: "T"\n  authors: "A"\n}\n') == original


def test_two_messages_of_one_name_merge_and_are_no_duplicate():
    assert text_fields.duplicate_fields('pub { where: "ICML" }\npub { year: 2023 }\n') == []
    assert text_fields.duplicate_fields('paper { title: "a" }\npaper { title: "b" }\n') == [(2, "paper.title")]


def test_a_field_given_twice_is_found_again_from_the_cache_without_reading_the_file(tmp_path, monkeypatch):
    write_paper(tmp_path, "meta/2023/twice.prototxt", TWICE)
    first = [f for f in check.run(tmp_path).findings if f.rule == "duplicate-field"]
    read = []
    original = Texts.__missing__
    monkeypatch.setattr(Texts, "__missing__", lambda self, source: read.append(source) or original(self, source))
    again = [f for f in check.run(tmp_path).findings if f.rule == "duplicate-field"]
    assert again == first and len(first) == 1
    assert read == []  # the finding came off the cache; only a finding that needs a line reads its file
