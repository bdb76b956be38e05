"""Reading and writing metadata files: round trips and located errors."""

from __future__ import annotations

import warnings

import pytest
from hypothesis import given, settings

from helpers import FIXTURE, parse_paper
from paper_values import SPARSEGPT, VOCABULARY, papers
from papershelf.core.errors import PaperFileError
from papershelf.core.model import Paper
from papershelf.library import textproto as protofile


def parse(text: str, vocabulary=VOCABULARY) -> Paper:
    return parse_paper(text, "x", "meta/2023/x.prototxt", vocabulary)


def test_every_field_is_read():
    paper = parse(SPARSEGPT)
    assert paper.title.startswith("SparseGPT:")
    assert paper.authors == ("Elias Frantar", "Dan Alistarh")
    assert (paper.venue, paper.year) == ("ICML", 2023)
    assert (paper.code_type, paper.code_url) == ("Pytorch", "https://github.com/IST-DASLab/sparsegpt")
    assert paper.note_url == "" and paper.cover_url == "cover.jpg"
    assert paper.keywords == ("sparse_pruning", "quantization")
    assert paper.baseline == ("magnitude pruning",)
    assert (paper.update_time, paper.rating) == (1700000000, 5)


def test_canonical_file_is_written_back_byte_for_byte():
    assert protofile.format_paper(parse(SPARSEGPT), VOCABULARY) == SPARSEGPT


def test_absent_and_empty_stay_distinct():
    paper = parse('paper {\n  title: "T"\n  abbr: ""\n}\n')
    assert paper.abbr == "" and paper.url is None and paper.note_url is None
    assert protofile.format_paper(paper) == 'paper {\n  title: "T"\n  abbr: ""\n}\n'


def test_escapes_and_utf8_survive():
    text = 'paper {\n  title: "Keep the Cost Down: LLM\\\' s \\"KV\\" Cache — Café"\n}\n'
    paper = parse(text)
    assert paper.title == 'Keep the Cost Down: LLM\' s "KV" Cache — Café'
    assert protofile.format_paper(paper) == text


def test_an_unknown_escape_is_kept_without_a_warning():
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # protobuf's decoder warns about "\\l"
        paper = parse('paper {\n  title: "a\\lb"\n}\n')
    assert paper.title == "a\\lb"


def test_every_fixture_file_round_trips(shared):
    files = sorted(p for p in (FIXTURE / "meta").glob("*/*.prototxt") if p.parent.name != "search")
    texts = {p: p.read_text("utf-8") for p in files}
    vocabulary = tuple(sorted(set().union(*map(protofile.keywords_used, texts.values()))))
    identical = 0
    for path, text in texts.items():
        paper = parse_paper(text, path.stem, path.name, vocabulary)
        written = protofile.format_paper(paper, vocabulary)
        assert parse_paper(written, path.stem, path.name, vocabulary) == paper, path
        identical += written == text
    # The 8 others carry stray blank lines or trailing spaces, or lack the final newline.
    assert (len(files), identical) == (226, 218)


@settings(max_examples=300, deadline=None)
@given(papers)
def test_any_paper_survives_write_then_read(paper):
    text = protofile.format_paper(paper, VOCABULARY)
    assert parse_paper(text, "p", "p.prototxt", VOCABULARY) == paper
    assert protofile.format_paper(parse_paper(text, "p", "p", VOCABULARY), VOCABULARY) == text


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        ('paper {\n  title: "Truncated', "2:10", "String missing ending quote"),
        ('paper {\n  title: "T"\n', "2:10", 'Expected "}"'),
        ('pub {\n  year: "2023"\n}\n', "2:9", "Couldn't parse integer"),
        ('paper {\n  titel: "T"\n}\n', "2:3", 'has no field named "titel"'),
        ("keyword {\n  words: pruning\n}\n", "2:10", "unknown keyword 'pruning'"),
        ("rating: 99999999999\n", "1:9", "Value out of range"),
        ("paper {\n  paper {\n    paper {\n", "2:3", 'has no field named "paper"'),
    ],
)
def test_broken_files_are_located(text, where, message):
    with pytest.raises(PaperFileError) as caught:
        parse(text)
    line, column = where.split(":")
    assert (caught.value.line, caught.value.column) == (int(line), int(column))
    assert message in caught.value.message
    assert not caught.value.message.startswith("'")  # no echo of the line it already locates
    assert str(caught.value).startswith(f"meta/2023/x.prototxt:{where}: ")


def test_unknown_keyword_says_how_to_fix():
    with pytest.raises(PaperFileError) as caught:
        parse("keyword {\n  words: pruning\n}\n")
    assert "add it to [keywords] in papershelf.toml" in caught.value.message


def test_non_utf8_is_located():
    data = b'paper {\n  title: "Caf' + b"\xe9" + b'"\n}\n'
    with pytest.raises(PaperFileError) as caught:
        protofile.decode(data, "meta/x.prototxt")
    assert str(caught.value) == "meta/x.prototxt:2:14: not UTF-8 text (byte 0xe9 cannot be decoded)"


def test_huge_file_is_refused_before_parsing():
    data = b'paper {\n  title: "' + b"x" * 5_000_000 + b'"\n}\n'
    with pytest.raises(PaperFileError) as caught:
        protofile.decode(data, "meta/x.prototxt")
    assert "at most 1 MB" in str(caught.value)


def test_binary_garbage_is_a_located_error():
    with pytest.raises(PaperFileError) as caught:
        parse(protofile.decode(bytes(range(1, 128)), "x"))
    assert caught.value.line >= 1
