"""The digest archive: ``digests/YYYY-MM-DD.jsonl`` in the library, every candidate of each digest.

It is what the model learns the curator's taste from: a candidate of an earlier digest that the list
now holds was taken, one it does not hold was passed over.  (The files are the truth: no decision is
written down, it is read off the list.)
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from papershelf.core.dedupe import KnownPapers
from papershelf.core.model import Paper
from papershelf.digest.candidates import Candidate, read_jsonl, write_jsonl
from papershelf.library.atomic import write_text_atomic

ARCHIVE_DIR = "digests"
_NAME = re.compile(r"\d{4}-\d{2}-\d{2}\.jsonl")


def archived(root: Path, before: str) -> list[Candidate]:
    """The candidates of the digests dated before ``before``."""
    folder = root / ARCHIVE_DIR
    found = []
    for path in sorted(folder.glob("*.jsonl")) if folder.is_dir() else ():
        if _NAME.fullmatch(path.name) and path.stem < before:
            found += read_jsonl(path)
    return found


def last_date(root: Path, before: str) -> str | None:
    folder = root / ARCHIVE_DIR
    days = (
        [p.stem for p in folder.glob("*.jsonl") if _NAME.fullmatch(p.name) and p.stem < before]
        if folder.is_dir()
        else []
    )
    return max(days, default=None)


def with_decisions(candidates: list[Candidate], papers: list[Paper]) -> list[Candidate]:
    """The candidates, each ``added`` when the list now holds it."""
    held = KnownPapers(papers)
    return [replace(c, added=held.find(c.as_paper()) is not None) for c in candidates]


def keep(root: Path, day: str, candidates: list[Candidate]) -> str:
    """Write the digest of ``day`` into the archive (replacing one of the same day); its path."""
    path = f"{ARCHIVE_DIR}/{day}.jsonl"
    (root / ARCHIVE_DIR).mkdir(exist_ok=True)
    write_text_atomic(root / path, write_jsonl(candidates))
    return path
