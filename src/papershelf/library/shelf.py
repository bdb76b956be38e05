"""Putting new papers on the shelf: their ids, file paths, note skeletons, and the writes.

Every importer (``add``, ``import-bibtex``, ``import-markdown``) plans all its files first and writes
them only when the plan is complete, so a bad input leaves the library as it
was.  A file that already exists is never overwritten.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field, replace
from pathlib import Path

from papershelf.core.dedupe import KnownPapers
from papershelf.core.errors import PapershelfError
from papershelf.core.model import Paper
from papershelf.library.atomic import write_text_atomic
from papershelf.library.contents import Library
from papershelf.library.layout import META_DIR, SUFFIX, metadata_files
from papershelf.library.links import LinkResolver
from papershelf.library.new_ids import unique_id
from papershelf.library.textproto import format_paper
from papershelf.library.writer_lock import writer_lock

NOTE_NAME = "note.md"


@dataclass(frozen=True)
class NewFile:
    path: str  # relative to the library root
    text: str


@dataclass
class Placement:
    """One paper as it will be written: its final value and the files that hold it."""

    paper: Paper
    files: list[NewFile] = field(default_factory=list)


def note_skeleton(paper: Paper) -> str:
    byline = ", ".join(paper.author_names())
    published = " ".join(str(p) for p in (paper.venue, paper.year) if p)
    lines = [f"# {paper.abbr or paper.title}", ""]
    lines.append(f"[{paper.title}]({paper.url})" if paper.url else paper.title or "")
    if byline or published:
        lines += ["", "; ".join(p for p in (byline, published) if p)]
    lines += ["", "## Summary", "", "## Method", "", "## Results", "", "## Thoughts", ""]
    return "\n".join(lines)


class Shelf:
    """Plans new files for ``library``, knowing the ids and papers it holds (and those planned)."""

    def __init__(self, library: Library, now: int | None = None):
        self.library = library
        self.now = int(time.time()) if now is None else now
        self.taken = {p.id.lower() for p in library.papers}
        if (library.root / META_DIR).is_dir():  # a dry run into a library not made yet has none
            self.taken |= {path.stem.lower() for path in metadata_files(library.root)}
        self.known = KnownPapers(library.papers)
        self.links = LinkResolver(library.root)

    def existing(self, paper: Paper) -> tuple[Paper, str] | None:
        """The paper the library (or this run) already holds that ``paper`` is, and why."""
        return self.known.find(paper)

    def place(self, draft: Paper, note: bool = True) -> Placement:
        """Give ``draft`` an id, a path and an update time, and plan its files."""
        paper_id = unique_id(draft, self.taken)
        folder = f"{META_DIR}/{draft.year}" if self.library.layout == "year" and draft.year else META_DIR
        paper = replace(draft, id=paper_id, update_time=self.now, source=f"{folder}/{paper_id}{SUFFIX}")
        files = []
        if note:
            note_path = f"notes/{paper.year or 0}/{paper_id}/{NOTE_NAME}"
            paper = replace(paper, note_url=self.links.url_for(paper, note_path))
            files.append(NewFile(note_path, note_skeleton(paper)))
        return Placement(paper, [self.keep(paper), *files])

    def keep(self, paper: Paper) -> NewFile:
        """Plan the metadata file of ``paper`` at the path it already has (``paper.source``)."""
        vocabulary = tuple(dict.fromkeys((*self.library.vocabulary, *paper.keywords)))
        self.taken.add(paper.id.lower())
        self.known.add(paper)
        return NewFile(paper.source, format_paper(paper, vocabulary))


# Where an importer may write, below the library's root: nowhere else, whatever a page or a file says.
WRITABLE_FOLDERS = (META_DIR, "notes", "digests")
WRITABLE_FILES = ("papershelf.toml",)


def inside_library(root: Path, relative: str) -> bool:
    """Whether ``relative`` names a place papershelf may write in the library at ``root``: under
    meta/ or notes/ (or the config), once every link and ``..`` is resolved."""
    base = root.resolve()
    target = (root / relative).resolve()
    if target.parent == base:
        return target.name in WRITABLE_FILES
    return any(target.is_relative_to(base / folder) for folder in WRITABLE_FOLDERS)


def write(root: Path, files: list[NewFile], replacing: list[NewFile] = ()) -> list[str]:
    """Write every planned file (atomically), and rewrite the existing files of ``replacing``;
    refuse before writing anything if a new file exists, or if one would land outside the
    library's own folders."""
    outside = [f.path for f in (*files, *replacing) if not inside_library(root, f.path)]
    if outside:
        raise PapershelfError(f"{outside[0]} is outside the library's meta/ and notes/; nothing was written")
    with writer_lock(root):
        clashes = [f.path for f in files if (root / f.path).exists()]
        if clashes:
            raise PapershelfError(f"{clashes[0]} already exists; nothing was written")
        for new in (*files, *replacing):
            write_text_atomic(root / new.path, new.text)
    return [f.path for f in (*files, *replacing)]
