"""``papershelf fmt``: rewrite every metadata file in canonical form.

Canonical form is what `protofile.format_paper` writes: template field order,
two-space indent, protobuf's quoting and escaping, UTF-8 text unescaped, empty
fields kept as they are (``url: ""`` stays, an absent field stays absent), and
one ``authors`` line per name where a line held a comma-separated list.  It is
idempotent, and it changes no view that ``build`` writes: the views split
author strings on commas already.  Comments stay where they were; a file that
cannot be rewritten without losing something (a field given twice, a comment
with no place left) is reported and left untouched, as are files that do not
parse.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field, replace
from pathlib import Path

from papershelf.cache.loader import load_library
from papershelf.core.errors import PaperFileError
from papershelf.core.model import Paper
from papershelf.library.atomic import write_text_atomic
from papershelf.library.textproto import Unrewritable, rewritten
from papershelf.library.writer_lock import writer_lock


@dataclass
class FmtResult:
    changed: list[str] = field(default_factory=list)  # files rewritten (or, with check, to rewrite)
    split_authors: list[str] = field(default_factory=list)  # files whose author strings were split
    errors: list[PaperFileError] = field(default_factory=list)
    left: list[str] = field(default_factory=list)  # "path: why" of files left as they are, not to lose anything


def with_split_authors(paper: Paper) -> Paper:
    """``paper`` with comma-separated author strings split into one entry per name."""
    if not any("," in entry for entry in paper.authors):
        return paper
    return replace(paper, authors=tuple(paper.split_authors()))


def run(library_dir: Path | str = ".", check: bool = False) -> FmtResult:
    """Rewrite the library's files in canonical form; with ``check``, only list those that would change."""
    with writer_lock(library_dir) if not check else contextlib.nullcontext():
        return _run(load_library(library_dir), check)


def _run(library, check: bool) -> FmtResult:
    result = FmtResult(errors=list(library.errors))
    for paper in library.papers:
        path = library.root / paper.source
        tidy = with_split_authors(paper)
        original = path.read_text("utf-8-sig")
        try:
            text = rewritten(original, tidy, library.vocabulary)
        except Unrewritable as why:
            result.left.append(f"{paper.source}: {why}")
            continue
        if original == text:
            continue
        result.changed.append(paper.source)
        if tidy is not paper:
            result.split_authors.append(paper.source)
        if not check:
            write_text_atomic(path, text)
    return result
