"""The fast reader against protobuf: whatever it accepts, it reads exactly as protobuf does."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import EXAMPLE, FIXTURE, parse_paper
from helpers import read_fast as read
from paper_values import SPARSEGPT, VOCABULARY, papers
from papershelf.core.errors import PaperFileError
from papershelf.library import fast_textproto
from papershelf.library import textproto as protofile

WORDS = frozenset(VOCABULARY)


def protobuf_reading(text: str, vocabulary=VOCABULARY):
    """protobuf's paper for ``text``, or the error it reports."""
    try:
        return protofile.parse_with_protobuf(text, "p", "p.prototxt", vocabulary)
    except PaperFileError as exc:
        return exc


def assert_same_as_protobuf(text: str, vocabulary=VOCABULARY) -> bool:
    """Compare on ``text``; True when the fast reader took it."""
    fast = read(text, "p", "p.prototxt", frozenset(vocabulary))
    if fast is None:
        return False
    expected = protobuf_reading(text, vocabulary)
    assert fast == expected, text
    assert fast.source == "p.prototxt"
    return True


def library_files(root):
    return sorted(p for p in (root / "meta").rglob("*.prototxt") if p.parent.name != "search")


def test_every_fixture_file_reads_as_protobuf_reads(shared):
    files = library_files(FIXTURE)
    texts = [p.read_text("utf-8") for p in files]
    vocabulary = tuple(sorted(set().union(*map(protofile.keywords_used, texts))))
    taken = sum(assert_same_as_protobuf(text, vocabulary) for text in texts)
    # Every real file is in the fast grammar but the one with an escaped quote in its title.
    assert (len(files), taken) == (226, 225)


def test_every_example_file_reads_as_protobuf_reads():
    files = library_files(EXAMPLE)
    texts = [p.read_text("utf-8") for p in files]
    vocabulary = tuple(sorted(set().union(*map(protofile.keywords_used, texts))))
    taken = sum(assert_same_as_protobuf(text, vocabulary) for text in texts)
    assert taken == len(texts) - 1  # tinybert.prototxt has an escaped quote


def test_canonical_file_is_taken():
    assert assert_same_as_protobuf(SPARSEGPT)


@pytest.mark.parametrize(
    "text",
    [
        'paper { title: "a\\"b" }',  # escapes
        'paper { title: "a" "b" }',  # concatenation
        "pub { year: 0x10 }",  # hex
        "pub { year: 010 }",  # octal
        "pub { year: 2023; }",  # separator
        "pub < year: 2023 >",  # angle brackets
        "keyword { words: 2 }",  # keyword by number
        "keyword { words: pruning }",  # not in the vocabulary
        "rating: 2147483648",  # out of int32
        "paper { title: 'x' ",  # unbalanced
        "}",
        "paper { titel: 'x' }",  # unknown field
        'paper: "x"',  # a message given a value
    ],
)
def test_outside_the_grammar_goes_to_protobuf(text):
    assert read(text, "p", "p", WORDS) is None
    # ... and parse still gives protobuf's answer.
    expected = protobuf_reading(text)
    try:
        assert parse_paper(text, "p", "p.prototxt", VOCABULARY) == expected
    except PaperFileError as exc:
        assert (exc.line, exc.column, exc.message) == (expected.line, expected.column, expected.message)


def test_merged_messages_are_read_and_a_field_given_twice_is_left_to_protobuf():
    text = 'paper { abbr: "a" authors: "x" }\npaper { title: "b" authors: "y" }\npub: { year: -0 }\n'
    assert assert_same_as_protobuf(text)
    paper = read(text, "p", "p", WORDS)
    assert (paper.abbr, paper.title, paper.authors, paper.year) == ("a", "b", ("x", "y"), 0)
    twice = 'paper { title: "a" }\npaper { title: "b" }\n'
    assert read(twice, "p", "p", WORDS) is None  # protobuf reads it ("b"); check says where the first was


@settings(max_examples=300, deadline=None)
@given(papers)
def test_any_written_paper_is_read_back(paper):
    text = protofile.format_paper(paper, VOCABULARY)
    plain = "\\" not in text  # protobuf escapes quotes, backslashes and control characters
    assert assert_same_as_protobuf(text) == plain
    assert (fast_textproto._CANONICAL.fullmatch(text) is not None) == plain  # read by the one match


@pytest.mark.parametrize(
    ("change", "taken"),
    [
        (("  words: quantization\n", "  words: pruning\n"), False),  # not in the vocabulary
        (("  year: 2023\n", "  year: 2147483648\n"), False),  # out of int32
        (("  year: 2023\n", "  year: 02023\n"), False),  # octal
        (("rating: 5\n", "rating: -2147483648\n"), True),  # the least int32
        (('  abbr: "SparseGPT"\n', ""), True),  # a field left out
        (("cover {", "cover  {"), True),  # not canonical: read token by token
        (("\n}\npub", "\n}\n\npub"), True),
    ],
)
def test_a_canonical_file_changed_reads_as_protobuf_reads(change, taken):
    assert fast_textproto._CANONICAL.fullmatch(SPARSEGPT)
    changed = SPARSEGPT.replace(*change)
    assert changed != SPARSEGPT
    assert assert_same_as_protobuf(changed) == taken


# Texts built from the grammar's pieces and from pieces just outside it.
FIELD_NAMES = [
    "paper",
    "pub",
    "code",
    "title",
    "abbr",
    "authors",
    "where",
    "year",
    "words",
    "url",
    "rating",
    "update_time",
    "methods",
    "baseline",
    "keyword",
    "cover",
    "note",
    "type",
    "x",
    "_a",
]
VALUES = st.one_of(
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=12).map(lambda s: f'"{s}"'),
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=12).map(lambda s: f"'{s}'"),
    st.integers(-(2**64), 2**64).map(str),
    st.sampled_from(list(VOCABULARY) + ["pruning", "0x1F", "07", "1e3", "2.5", "-", "true", "quantization-x"]),
)
SPACE = st.sampled_from(["", " ", "\n", "  ", "\t", " # comment\n", "\r\n", "\xa0", "\x0b"])
PIECES = st.one_of(
    st.tuples(st.sampled_from(FIELD_NAMES), SPACE, st.sampled_from([":", ""]), SPACE, VALUES).map("".join),
    st.tuples(st.sampled_from(FIELD_NAMES), SPACE, st.sampled_from(["{", ": {", ":{", "<"])).map("".join),
    st.sampled_from(["}", "}", ">", ";", ","]),
)


@pytest.mark.slow
@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(PIECES, SPACE).map("".join), max_size=14).map("".join))
def test_generated_texts_read_as_protobuf_reads(text):
    assert_same_as_protobuf(text)


@settings(max_examples=400, deadline=None)
@given(
    st.integers(0, len(SPARSEGPT)), st.integers(0, 30), st.text(st.characters(blacklist_categories=("Cs",)), max_size=6)
)
def test_spliced_files_read_as_protobuf_reads(cut, drop, insert):
    assert_same_as_protobuf(SPARSEGPT[:cut] + insert + SPARSEGPT[cut + drop :])
