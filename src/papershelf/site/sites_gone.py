"""The cache files of site folders that are gone, removed.

A full build keeps, in the library's cache folder, a record of the pages it wrote
(`reuse`) and the state an update works from (`state`), named after the site
folder's place.  A site built into another ``--out`` once, and deleted since,
would leave both behind for good: at 100,000 papers some 770 MB.  After each full
build, the files of every site folder that no longer holds a site of papershelf's
are removed; the next build there is a full one in any case.
"""

from __future__ import annotations

import contextlib
import marshal
import sqlite3
from pathlib import Path

from papershelf.library.layout import CACHE_DIR
from papershelf.site.parts import MARKER
from papershelf.site.reuse import site_of


def forget_sites_gone(root: Path) -> list[Path]:
    """Remove the cache files of sites whose folder no longer holds one; the files removed."""
    folder = Path(root) / CACHE_DIR  # not made here: a library without one has nothing to remove
    removed = []
    for found in sorted(folder.glob("site-*.marshal")) + sorted(folder.glob("site-*.sqlite")):
        out = site_of(found) if found.suffix == ".marshal" else _state_site(found)
        if out is not None and not (Path(out) / MARKER).is_file():
            with contextlib.suppress(OSError):
                found.unlink()
                removed.append(found)
    return removed


def _state_site(path: Path) -> str | None:
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = db.execute("SELECT value FROM meta WHERE key = 'out'").fetchone()
        finally:
            db.close()
        found = marshal.loads(row[0]) if row else None
    except (sqlite3.Error, ValueError, EOFError, TypeError):
        return None
    return found if isinstance(found, str) else None
