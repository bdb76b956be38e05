"""``papershelf graph``: the lineage of the list's methods, from its files."""

from __future__ import annotations

from pathlib import Path

from papershelf.cache.loader import load_library
from papershelf.lineage.graph import Lineage, lineage_of


def run(library_dir: Path | str) -> Lineage:
    """The lineage of the list at ``library_dir``, from its files alone (with the citations
    OpenAlex gives: `ingest.citations.lineage`)."""
    return lineage_of(load_library(library_dir).papers)
