"""``papershelf list``: the papers the filters select, in a chosen order, without a query."""

from __future__ import annotations

from pathlib import Path

from papershelf.cache.loader import rebuilt_if_damaged
from papershelf.cache.store import PAPER_COLUMNS, Cache, paper_of_row
from papershelf.core.errors import PapershelfError
from papershelf.library.config import Config
from papershelf.search.query import Filters, where_clause
from papershelf.search.results import Found, Hit
from papershelf.search.tables import facet_columns, open_for_search

# Newest first for years and updates; papers without the value come last.
SORTS = {
    "year": "f.year IS NULL, f.year DESC, f.venue_key, f.title_key",
    "venue": "f.venue_key IS NULL, f.venue_key, f.year DESC, f.title_key",
    "title": "f.title_key",
    "updated": "f.updated IS NULL, f.updated DESC, f.title_key",
}


def listing(cache: Cache, config: Config, filters: Filters, sort: str, limit: int | None, facets: bool) -> Found:
    if sort not in SORTS:
        raise PapershelfError(f"unknown sort {sort!r} (known: {', '.join(SORTS)})")
    where, params = where_clause(filters, config)
    source = f"FROM search_facts f WHERE {where}"
    limit_sql = " LIMIT ?" if limit is not None else ""
    with cache.snapshot():
        rows = cache.db.execute(
            f"SELECT {', '.join('files.' + c for c in PAPER_COLUMNS)} FROM search_facts f"
            f" JOIN files ON files.id = f.file_id WHERE {where}"
            f" ORDER BY {SORTS[sort]}, files.path{limit_sql}",
            params + ([limit] if limit is not None else []),
        ).fetchall()
        if facets:
            ids = [paper_id for (paper_id,) in cache.db.execute(f"SELECT f.id {source}", params)]
            total, counts = len(ids), facet_columns(cache).counts(ids, config)
        else:
            total = cache.db.execute(f"SELECT count(*) {source}", params).fetchone()[0]
            counts = None
    return Found([Hit(paper_of_row(row), 0.0) for row in rows], total, counts)


def run(
    library_dir: Path | str,
    filters: Filters | None = None,
    sort: str = "year",
    limit: int | None = None,
    facets: bool = False,
) -> Found:
    """List the library at ``library_dir``, bringing its cache up to date first."""

    def found() -> Found:
        with open_for_search(library_dir) as (cache, config):
            return listing(cache, config, filters or Filters(), sort, limit, facets)

    return rebuilt_if_damaged(library_dir, found)
