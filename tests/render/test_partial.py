"""A build after a few papers changed renders only their sections, and writes the bytes of a full render."""

from __future__ import annotations

import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import write_paper
from papershelf.cache.loader import LibraryReader
from papershelf.core.model import Paper
from papershelf.core.views import VIEW_FILES
from papershelf.library.textproto import format_paper
from papershelf.render import build

KEYWORDS = ("quantization", "sparse_pruning", "kv_cache")
CONFIG = """[keywords]
quantization = "Quantization"
sparse_pruning = "Sparse/Pruning"
kv_cache = "KV Cache"

[build]
author_min_papers = {least}
author_view_max_mb = {max_mb}
"""
SLOTS = 8  # papers live in meta/p0.prototxt .. meta/p7.prototxt


def subset(values, most):
    return st.lists(st.sampled_from(values), max_size=most, unique=True).map(tuple)


papers = st.builds(
    Paper,
    id=st.just("x"),
    title=st.text(string.ascii_letters + " -", min_size=1, max_size=12).map(str.strip).filter(bool),
    year=st.sampled_from([None, 2022, 2023, 2024]),
    venue=st.sampled_from([None, "ICML", "NeurIPS", "arXiv", "icml"]),
    authors=subset(["Ada Li", "Bo Chen", "Chen Bo", "Dan Wu", "Eve Ng"], 3),
    institutions=subset(["MIT", "mit", "Tsinghua University", "ETH"], 2),
    keywords=subset(KEYWORDS, 2),
    cover_url=st.sampled_from([None, "cover.png"]),
    note_url=st.sampled_from([None, "note.md"]),
    code_url=st.sampled_from([None, "https://github.com/a/b", "https://example.org/code"]),
)
edits = st.lists(st.tuples(st.integers(0, SLOTS - 1), st.none() | papers), min_size=1, max_size=6)


def put(root, slot: int, paper: Paper | None) -> None:
    path = root / "meta" / f"p{slot}.prototxt"
    if paper is None:
        path.unlink(missing_ok=True)
    else:
        write_paper(root, f"meta/p{slot}.prototxt", format_paper(paper, KEYWORDS))


def plain_render(root) -> dict[str, bytes]:
    with LibraryReader(root, use_index=False) as reader:
        library = reader.load()
    return {name: text.encode("utf-8") for name, text in build.render(library, library.config.style).items()}


@pytest.mark.slow
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    start=st.lists(papers, min_size=1, max_size=SLOTS),
    steps=st.lists(edits, min_size=1, max_size=4),
    least=st.sampled_from([1, 2]),
    max_mb=st.sampled_from([0, 0.0015]),
)
def test_partial_builds_write_what_a_full_render_writes(tmp_path_factory, start, steps, least, max_mb):
    root = tmp_path_factory.mktemp("lib")
    write_paper(root, "papershelf.toml", CONFIG.format(least=least, max_mb=max_mb))
    write_paper(root, "notes/note.md", "a note\n")
    for slot, paper in enumerate(start):
        put(root, slot, paper)
    assert build.run(root).rendered
    for step in steps:
        for slot, paper in step:
            put(root, slot, paper)
        result = build.run(root)
        assert not result.errors and (result.partly or not result.rendered)
        assert {name: (root / name).read_bytes() for name in VIEW_FILES} == plain_render(root)


def make_library(root, count: int = 12):
    write_paper(root, "papershelf.toml", CONFIG.format(least=1, max_mb=0))
    for slot in range(count):
        paper = Paper("x", title=f"Paper {slot}", year=2020 + slot % 4, venue="ICML", authors=(f"Author {slot % 3}",))
        write_paper(root, f"meta/p{slot}.prototxt", format_paper(paper, KEYWORDS))
    return root


def test_one_changed_paper_renders_only_its_sections(tmp_path):
    root = make_library(tmp_path)
    assert not build.run(root).partly
    write_paper(root, "meta/p5.prototxt", 'paper {\n  title: "Renamed"\n}\npub {\n  where: "ICML"\n  year: 2021\n}\n')
    result = build.run(root)
    assert result.rendered and result.partly
    assert "| Renamed |" in (root / "cls_year.md").read_text("utf-8")
    assert {name: (root / name).read_bytes() for name in VIEW_FILES} == plain_render(root)


def test_without_its_kept_pages_a_build_renders_everything(tmp_path):
    root = make_library(tmp_path)
    build.run(root)
    for kept in (root / ".papershelf").glob("pages-*.marshal"):
        kept.write_bytes(b"not marshal data")
    write_paper(root, "meta/p5.prototxt", 'paper {\n  title: "Renamed"\n}\n')
    result = build.run(root)
    assert result.rendered and not result.partly
    assert {name: (root / name).read_bytes() for name in VIEW_FILES} == plain_render(root)


def test_an_output_edited_by_hand_is_rendered_whole(tmp_path):
    root = make_library(tmp_path)
    build.run(root)
    (root / "cls_year.md").write_text("edited\n", "utf-8")
    write_paper(root, "meta/p5.prototxt", 'paper {\n  title: "Renamed"\n}\n')
    result = build.run(root)
    assert not result.partly and "cls_year.md" in result.written
    assert {name: (root / name).read_bytes() for name in VIEW_FILES} == plain_render(root)


def test_a_changed_author_section_is_sized_without_reading_its_other_papers(tmp_path, monkeypatch):
    """The author view's size limit sums each section's row sizes; the sizes of the papers that
    did not change are kept from the build before, so an edit does not read every paper of its
    prolific author."""
    from papershelf.cache.store import Cache

    root = make_library(tmp_path, count=30)
    write_paper(root, "papershelf.toml", CONFIG.format(least=1, max_mb=0.002))  # some authors left out
    build.run(root)
    read = []
    original = Cache.paper
    monkeypatch.setattr(Cache, "paper", lambda self, source: read.append(source) or original(self, source))
    write_paper(root, "meta/p6.prototxt", format_paper(Paper("x", title="Renamed", authors=("Author 0",)), KEYWORDS))
    result = build.run(root)
    # the edited paper, and the few others its groups are searched through to place it in order
    # (not the ten of its author, read before to size the author's section)
    assert result.partly and "meta/p6.prototxt" in read and len(read) <= 4
    assert {name: (root / name).read_bytes() for name in VIEW_FILES} == plain_render(root)
