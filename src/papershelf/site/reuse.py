"""Building the site again without rendering what did not change.

Each page of the last build is recorded with the key of everything it was made from (the paper,
its note and cover files' signatures, its neighbours, the group pages it links, the config,
papershelf's code...) and the size and time of the file written.  A page whose key is the same,
and whose file in the site is still the one written, is hard-linked from the last site into the
new one instead of being rendered; a copied image likewise when its source file is unchanged.
The record lives in the library's cache folder and is only a shortcut: a missing or damaged
record, or a file changed since, means the page is rendered again.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from papershelf.library.atomic import write_bytes_atomic
from papershelf.library.file_stats import signature
from papershelf.library.layout import cache_folder


def key_of(*parts) -> bytes:
    """A digest of ``parts`` (tuples, strings, numbers, None, lists, dicts of them)."""
    return hashlib.blake2b(marshal.dumps(parts), digest_size=16).digest()


@dataclass
class Record:
    """What the last build wrote into ``out``: each file's key and signature, and what a reused
    paper page brings with it (its search record, the images of its note, its BibTeX entry)."""

    out: str
    files: dict[str, tuple] = field(default_factory=dict)  # site path -> (key, (size, mtime_ns))
    extras: dict[bytes, tuple] = field(default_factory=dict)  # paper page key -> (record, images, BibTeX)

    def reusable(self, path: str, key: bytes) -> bool:
        kept = self.files.get(path)
        return kept is not None and kept[0] == key and signature(os.path.join(self.out, path)) == kept[1]


def cache_file(root: Path, out: Path, suffix: str) -> Path:
    """A file of the library's cache folder kept for the site in ``out`` (named after its place)."""
    name = hashlib.blake2b(str(out.resolve()).encode(), digest_size=8).hexdigest()
    return cache_folder(root) / f"site-{name}{suffix}"


def _record_path(root: Path, out: Path) -> Path:
    return cache_file(root, out, ".marshal")


def load(root: Path, out: Path) -> Record | None:
    """The record of the last build into ``out``, or None (none, damaged, or another folder's)."""
    try:
        with open(_record_path(root, out), "rb") as record:
            out_name = marshal.load(record)
            files, extras = marshal.load(record)
    except (OSError, ValueError, EOFError, TypeError):
        return None
    if out_name != str(out.resolve()) or not isinstance(files, dict) or not isinstance(extras, dict):
        return None
    return Record(str(out), files, extras)


def save(root: Path, out: Path, keys: dict[str, bytes], extras: dict[bytes, tuple], written: dict) -> None:
    """Record the build just swapped into ``out``, whose files have the signatures ``written`` (a
    record that cannot be written is no build's loss: the next one renders everything)."""
    files = {path: (key, written.get(path)) for path, key in keys.items()}
    with contextlib.suppress(OSError, ValueError):  # the site's place first, read alone by `site_of`
        write_bytes_atomic(_record_path(root, out), marshal.dumps(str(out.resolve())) + marshal.dumps((files, extras)))


def site_of(record: Path) -> str | None:
    """The site folder a record file is kept for (None when it cannot be read)."""
    try:
        with open(record, "rb") as opened:
            found = marshal.load(opened)
    except (OSError, ValueError, EOFError, TypeError):
        return None
    return found if isinstance(found, str) else None


def link_or_copy(source: Path, target: Path) -> None:
    """``target`` as a hard link of ``source`` (the same bytes, no copy), else a copy.

    The site's images are links to the library's own files where both are on one disk (at
    100,000 papers, 110,000 files and 740 MB not copied). papershelf replaces a site file only
    by renaming another over it, which leaves the library's file as it was; a tool that rewrote
    a site file in place would rewrite the library's (docs/site.md)."""
    try:
        os.link(source, target)
    except FileExistsError:  # the other part of a build on two cores put it there (a shared cover)
        return
    except OSError:  # another disk, or one without hard links
        shutil.copyfile(source, target)


def replace_by_link(source: Path, target: Path) -> None:
    """`link_or_copy` over an existing ``target``, atomically: made under a temporary name, renamed."""
    temp = target.with_name(f".{target.name}.{os.getpid()}.link.tmp")
    temp.unlink(missing_ok=True)
    link_or_copy(source, temp)
    try:
        os.replace(temp, target)
    finally:  # a rename onto another link of the same file does nothing, and leaves ``temp``
        temp.unlink(missing_ok=True)
