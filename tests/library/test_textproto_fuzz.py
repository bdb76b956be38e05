"""Whatever bytes a metadata file holds, reading it gives a paper or a located error, never a crash."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import parse_paper
from paper_values import SPARSEGPT, VOCABULARY, papers
from papershelf.core.errors import PaperFileError
from papershelf.library import textproto as protofile


def read(data: bytes) -> None:
    try:
        parse_paper(protofile.decode(data, "f"), "f", "f", VOCABULARY)
    except PaperFileError as exc:
        assert exc.line >= 1 and exc.column >= 1 and exc.message


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=300))
def test_random_bytes(data):
    read(data)


@settings(max_examples=400, deadline=None)
@given(st.integers(0, len(SPARSEGPT)), st.integers(0, 40), st.binary(max_size=8))
def test_truncated_and_spliced_files(cut, drop, insert):
    original = SPARSEGPT.encode()
    read(original[:cut])
    read(original[:cut] + insert + original[cut + drop :])


def test_escapes_that_are_not_utf8():
    read(b'paper {\n  title: "\\377\\376"\n}\n')
    read(b'paper {\n  title: "\\ud800"\n}\n')
    read(b'paper {\n  title: "\x00"\n}\n')


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(papers, min_size=1, max_size=4))
def test_check_never_crashes_on_any_paper_values(tmp_path_factory, generated):
    from papershelf import check

    root = tmp_path_factory.mktemp("lib")
    for number, paper in enumerate(generated):
        path = root / "meta" / "2023" / f"p{number}.prototxt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(protofile.format_paper(paper, VOCABULARY), encoding="utf-8")
    (root / "papershelf.toml").write_text(
        "[keywords]\n" + "".join(f'{k} = "{k}"\n' for k in VOCABULARY), encoding="utf-8"
    )
    for finding in check.run(root).findings:
        assert finding.rule in check.RULES and finding.line >= 1
