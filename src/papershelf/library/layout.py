"""Where a library keeps its papers: ``meta/`` with one text-proto file per paper.

Two layouts are read, also mixed: ``meta/<year>/<id>.prototxt`` and the flat
``meta/<id>.prototxt``.  ``meta/search/`` holds EfficientPaper's search words,
not papers, and is skipped.  A paper's id is its file name without the suffix.
"""

from __future__ import annotations

import os
from pathlib import Path

from papershelf.core.notices import warn
from papershelf.library.atomic import TEMP_SUFFIX, remove_if_left_over

META_DIR = "meta"
SUFFIX = ".prototxt"
NOT_PAPERS = {"search"}
CACHE_DIR = ".papershelf"  # what papershelf derives from the files: the cache, page states, the writers' lock


def scan_paths(root: Path) -> list[str]:
    """Every paper file under ``root/meta``, relative to ``root`` with "/", sorted.  Not statted:
    a cold cache reads every file anyway (and stats it as it reads it), a warm one stats those
    it holds.

    A symbolic link is followed only when it leads to a file or folder inside the library; one
    that leads out of it, or nowhere (a loop), is skipped with a warning naming it.
    """
    found: list[str] = []
    inside = os.path.realpath(root)

    def add_files(folder: str) -> list[str]:
        """Add the paper files in ``folder`` (relative); return its subfolders' names."""
        subfolders = []
        with os.scandir(root / folder) as entries:
            for entry in entries:
                if entry.is_symlink() and not _link_stays_inside(entry.path, inside, f"{folder}/{entry.name}"):
                    continue
                if entry.name.endswith(SUFFIX) and entry.is_file():
                    found.append(f"{folder}/{entry.name}")
                elif entry.name.endswith(TEMP_SUFFIX) and entry.name.startswith("."):
                    remove_if_left_over(entry.path)  # a rewrite that a killed process left half done
                elif entry.is_dir() and folder == META_DIR and entry.name not in NOT_PAPERS:
                    subfolders.append(entry.name)
        return subfolders

    for sub in add_files(META_DIR):
        add_files(f"{META_DIR}/{sub}")
    found.sort()
    return found


def _link_stays_inside(path: str, inside: str, shown: str) -> bool:
    """Whether the symbolic link at ``path`` leads somewhere inside the folder ``inside``; a
    warning names it otherwise."""
    target = os.path.realpath(path)
    if not os.path.exists(target):
        warn("%s is a symbolic link that leads nowhere (a loop, or a missing file): skipped", shown)
        return False
    if os.path.commonpath([target, inside]) != inside:
        warn("%s is a symbolic link out of the library (to %s): skipped", shown, target)
        return False
    return True


def paper_id_of(path: str) -> str:
    """The id of the paper a metadata file holds: its file name's stem ("meta/2023/x.prototxt" -> "x")."""
    return path.rsplit("/", 1)[-1].rsplit(".", 1)[0]


def metadata_files(root: Path) -> list[Path]:
    """Every paper file under ``root/meta``, sorted by path."""
    return [root / path for path in scan_paths(root)]


def cache_folder(root: Path) -> Path:
    """The library's ``.papershelf/`` folder, made if absent, with a ``.gitignore`` of ``*`` that
    keeps it out of git even without the library's own."""
    folder = Path(root) / CACHE_DIR
    folder.mkdir(exist_ok=True)
    marker = folder / ".gitignore"
    if not marker.exists():
        marker.write_text("# papershelf's cache: derived from the files, safe to delete\n*\n", "utf-8")
    return folder
