"""``papershelf import-bibtex FILE...``: every entry of BibTeX files as a paper, with add's duplicate check."""

from __future__ import annotations

from pathlib import Path

from papershelf.cache.loader import load_library
from papershelf.ingest.add import AddOptions, AddResult, add_drafts
from papershelf.ingest.readers.bibtex import read_bibtex
from papershelf.ingest.resolve import Drafts


def run(
    library_dir: Path | str, files: list[Path | str], options: AddOptions | None = None, now: int | None = None
) -> AddResult:
    library = load_library(library_dir)
    drafts = Drafts()
    for path in files:
        read = read_bibtex(path)
        drafts.papers += read.papers
        drafts.skipped += read.skipped
    return add_drafts(library, drafts, options or AddOptions(), now)
