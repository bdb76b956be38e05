"""The bundled example library: it parses cleanly and its committed views are current."""

from __future__ import annotations

from helpers import EXAMPLE
from papershelf.cache.loader import load_library
from papershelf.core.views import VIEW_FILES
from papershelf.render import build


def test_example_library_is_clean():
    library = load_library(EXAMPLE)
    assert not library.errors
    assert 40 <= len(library.papers) <= 60
    assert all(p.title and p.url and p.venue and p.year and p.authors and p.keywords for p in library.papers)


def test_committed_views_are_what_build_writes(tmp_path):
    build.run(EXAMPLE, tmp_path)
    for name in VIEW_FILES:
        assert (EXAMPLE / name).read_text() == (tmp_path / name).read_text(), f"run `make run`: {name} is stale"
