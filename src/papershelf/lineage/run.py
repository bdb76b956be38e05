"""``papershelf graph``: the lineage of the list's methods, from its files."""

from __future__ import annotations

from pathlib import Path

from papershelf.cache.loader import load_library
from papershelf.lineage.graph import Lineage, lineage_of


def run(library_dir: Path | str) -> Lineage:
    return lineage_of(load_library(library_dir).papers)
