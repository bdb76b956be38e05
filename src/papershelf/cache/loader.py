"""Loading a library: its config, and its papers through the cache (or straight from the files).

Papers come in the order of their paths (`layout.scan_paths`), whatever order the disk lists them in.
"""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from papershelf.cache.store import (
    Cache,
    CacheUnavailable,
    Read,
    Refresh,
    Uncached,
    delete_cache,
    is_damage,
)
from papershelf.core.errors import PapershelfError
from papershelf.core.notices import warn
from papershelf.core.speed import gc_paused
from papershelf.library.config import load_config
from papershelf.library.contents import Library
from papershelf.library.layout import CACHE_DIR, META_DIR, scan_paths

T = TypeVar("T")


class LibraryReader:
    """Reads a library in two steps: `refresh` (what changed), then `load` (the papers).

    The papers come from the cache when the library's folder can hold one, else
    from the files themselves.  `build` uses the two steps to skip all work when
    nothing changed; everything else calls `load_library`.
    """

    def __init__(self, root: Path | str, use_index: bool = True, database: bool = False):
        """``database``: always end up with a `Cache` (in memory when the library cannot hold
        one), as search needs its tables; otherwise a library without one is read plainly."""
        self.root = Path(root)
        if not (self.root / META_DIR).is_dir():
            raise PapershelfError(
                f"{self.root} is not a paper library: it has no {META_DIR}/ folder "
                f"(make one with `papershelf init {self.root}`, or name a library with -L DIR)"
            )
        self.config = load_config(self.root)
        self.paths = scan_paths(self.root)
        self.cache: Cache | None = None
        if use_index:
            with contextlib.suppress(CacheUnavailable):
                self.cache = Cache.open(self.root)
        self._database = database
        self._refresh: Refresh | None = None
        self._read: Read | None = None

    def close(self) -> None:
        if self.cache is not None:
            self.cache.close()

    def __enter__(self) -> LibraryReader:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def refresh(self, progress: Callable[[int, int], None] | None = None) -> Refresh:
        """Bring the cache up to date (or, without one, read every file)."""
        with gc_paused():
            return self._refresh_files(progress)

    def _refresh_files(self, progress: Callable[[int, int], None] | None) -> Refresh:
        keywords = tuple(self.config.keywords) if self.config.keywords is not None else None
        if self.cache is not None:  # a damaged one raises: see rebuilt_if_damaged
            self._refresh = self.cache.refresh(self.paths, keywords, progress)
            return self._refresh
        if self._database:
            self.cache = Cache.in_memory(self.root)
            self._refresh = self.cache.refresh(self.paths, keywords, progress)
            return self._refresh
        scratch = Uncached(self.root)
        self._refresh = scratch.refresh(self.paths, keywords, progress)
        self._read = scratch.papers()
        return self._refresh

    def load(self) -> Library:
        refresh = self._refresh or self.refresh()
        if self._read is None:
            with gc_paused():
                self._read = self.cache.papers()
        papers, errors, repeated = self._read
        errors = sorted(errors, key=lambda e: (e.path, e.line, e.column))
        library = self.without_papers(refresh)
        return dataclasses.replace(library, papers=papers, errors=errors, repeated_fields=repeated)

    def without_papers(self, refresh: Refresh | None = None) -> Library:
        """The library with none of its papers read: for a build that reads only a few from the cache."""
        refresh = refresh or self._refresh or self.refresh()
        flat = bool(self.paths) and all(path.count("/") == 1 for path in self.paths)
        return Library(self.root, self.config, [], [], "flat" if flat else "year", refresh.vocabulary)


def load_library(root: Path | str, progress: Callable[[int, int], None] | None = None) -> Library:
    """Read a library; files that cannot be read are collected in ``errors``, not raised.

    ``progress`` is called with the numbers of files parsed and to parse (only changed
    files are parsed when the library has a cache).
    """

    def load() -> Library:
        with LibraryReader(root) as reader:
            reader.refresh(progress)
            return reader.load()

    return rebuilt_if_damaged(root, load)


def rebuilt_if_damaged(root: Path | str, action: Callable[[], T]) -> T:
    """``action()``, which reads the library at ``root`` through its cache; if the cache turns out
    damaged on the way, it is deleted (with one warning) and ``action`` runs again on a new one.

    The files are the truth: a cache that does not verify is never worked around, only rebuilt.
    """
    try:
        return action()
    except Exception as exc:
        if not is_damage(exc):
            raise
        warn("the cache in %s was damaged (%s); rebuilding it from the files", Path(root) / CACHE_DIR, exc)
        delete_cache(Path(root))
    return action()
