"""The synthetic library generator behind the benchmarks: valid, deterministic, shaped like a real list."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from helpers import PROJECT, SHARED
from papershelf import check
from papershelf.cache.loader import load_library
from papershelf.core.views import group

sys.path.insert(0, str(PROJECT / "benchmarks"))
from generate_library import generate  # noqa: E402
from library_shape import DEFAULT, measure  # noqa: E402


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


pytestmark = pytest.mark.slow  # generates libraries of hundreds of papers


def test_same_size_and_seed_give_the_same_bytes(tmp_path):
    generate(tmp_path / "a", 120, seed=3)
    generate(tmp_path / "b", 120, seed=3)
    assert snapshot(tmp_path / "a") == snapshot(tmp_path / "b")
    generate(tmp_path / "c", 120, seed=4)
    assert snapshot(tmp_path / "a") != snapshot(tmp_path / "c")


def test_generated_library_is_clean_and_reuses_names(tmp_path):
    small, large = tmp_path / "small", tmp_path / "large"
    generate(small, 100)
    generate(large, 800)
    library = load_library(large)
    assert len(library.papers) == 800 and not library.errors
    assert not [f for f in check.run(large).findings if f.severity == check.ERROR]
    authors = group(library.papers, "author", 1)
    sizes = sorted((len(members) for members in authors.values()), reverse=True)
    assert sizes[0] >= 20 and sizes[len(sizes) // 2] <= 3  # a few prolific authors, most with one or two papers
    assert sizes[0] <= 0.15 * 800  # but nobody on every paper
    small_groups = len(group(load_library(small).papers, "institution", 1))
    assert small_groups < len(group(library.papers, "institution", 1))  # groups grow with the list


CURRENT_FORMAT = SHARED / "fixtures" / "efficientpaper-2025-07"


@pytest.mark.skipif(not CURRENT_FORMAT.is_dir(), reason="needs ../shared")
def test_default_shape_is_the_fit_of_the_real_list():
    assert measure(CURRENT_FORMAT) == DEFAULT


def test_a_list_grown_to_the_real_size_has_the_real_figures(tmp_path):
    generate(tmp_path, DEFAULT.papers, seed=1)
    grown = measure(tmp_path)
    for share in ("cover", "note", "code", "colon_title"):
        assert getattr(grown, share) == pytest.approx(getattr(DEFAULT, share), abs=0.08), share
    assert abs(grown.authors_median - DEFAULT.authors_median) <= 1
    assert grown.title_words_mean == pytest.approx(DEFAULT.title_words_mean, rel=0.1)
    for kind in ("authors", "institutions", "venues", "title_words"):
        real, made = getattr(DEFAULT, kind), getattr(grown, kind)
        assert made.distinct == pytest.approx(real.distinct, rel=0.25), kind
        assert made.top_share == pytest.approx(real.top_share, rel=0.5), kind
        assert made.singletons == pytest.approx(real.singletons, abs=0.15), kind
    notes = sorted((tmp_path / "notes").glob("*/*/note.md"))
    assert len(notes) == sum(1 for p in load_library(tmp_path).papers if p.note_url)
