"""A paper library on disk: ``meta/`` with one text-proto file per paper, and its config.

Two layouts are read, also mixed: ``meta/<year>/<id>.prototxt`` and the flat
``meta/<id>.prototxt``.  ``meta/search/`` holds EfficientPaper's search words,
not papers, and is skipped.  A paper's id is its file name without the suffix.
Papers come in the order of their paths, whatever order the disk lists them in.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from papershelf import protofile
from papershelf.config import Config, load_config
from papershelf.errors import PaperFileError, PapershelfError
from papershelf.model import Paper
from papershelf.schema import is_keyword_name

META_DIR = "meta"
SUFFIX = ".prototxt"
NOT_PAPERS = {"search"}


@dataclass
class Library:
    root: Path
    config: Config
    papers: list[Paper] = field(default_factory=list)
    errors: list[PaperFileError] = field(default_factory=list)
    layout: str = "year"  # "year" or "flat": where new files go and how meta links look
    # The keyword names files may use: the config's, or (without [keywords]) every one the files use.
    vocabulary: tuple[str, ...] = ()

    def readme_part(self, name: str) -> str:
        """The text of an optional part of README.md (README_prefix.md, README_suffix.md), or ""."""
        path = self.root / name
        return path.read_text("utf-8") if path.is_file() else ""


def metadata_files(root: Path) -> list[Path]:
    """Every paper file under ``root/meta``, sorted by path."""
    meta = root / META_DIR
    files = [p for p in meta.glob("*" + SUFFIX) if p.is_file()]
    for sub in meta.iterdir():
        if sub.is_dir() and sub.name not in NOT_PAPERS:
            files.extend(p for p in sub.glob("*" + SUFFIX) if p.is_file())
    return sorted(files, key=lambda p: p.relative_to(root).as_posix())


def load_library(root: Path | str, progress: Callable[[int], None] | None = None) -> Library:
    """Read a library; files that cannot be read are collected in ``errors``, not raised.

    ``progress`` is called with the number of files read so far.
    """
    root = Path(root)
    if not (root / META_DIR).is_dir():
        raise PapershelfError(f"{root} is not a paper library: it has no {META_DIR}/ folder")
    config = load_config(root)
    files = metadata_files(root)
    texts: list[tuple[Path, str]] = []
    errors: list[PaperFileError] = []
    for path in files:
        relative = path.relative_to(root).as_posix()
        try:
            texts.append((path, protofile.decode(path.read_bytes(), relative)))
        except PaperFileError as exc:
            errors.append(exc)
        except OSError as exc:
            errors.append(PaperFileError(relative, 1, 1, f"cannot be read: {exc.strerror}"))
    if config.keywords is not None:
        vocabulary = tuple(config.keywords)
    else:
        used = set().union(*(protofile.keywords_used(t) for _, t in texts))
        # A name that cannot be a keyword stays out, and the file using it gets a located error.
        vocabulary = tuple(sorted(n for n in used if is_keyword_name(n)))
    papers: list[Paper] = []
    for done, (path, text) in enumerate(texts, start=1):
        relative = path.relative_to(root).as_posix()
        try:
            papers.append(protofile.parse(text, path.stem, relative, vocabulary))
        except PaperFileError as exc:
            errors.append(exc)
        if progress:
            progress(done)
    errors.sort(key=lambda e: (e.path, e.line, e.column))
    flat = bool(files) and all(p.parent == root / META_DIR for p in files)
    return Library(root, config, papers, errors, "flat" if flat else "year", vocabulary)
