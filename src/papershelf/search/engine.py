"""``papershelf search``: full-text search over the library, best match first.

The query goes to SQLite FTS5 (see `query.fts_query` for the syntax) and
results are ranked by BM25 (`ranking`), a match in the title or abbreviation
weighing most.  Filters and facets are those of `query` and `facets`; `listing` gives
the same without a query.
"""

from __future__ import annotations

import heapq
import sqlite3
from pathlib import Path

from papershelf.cache.loader import rebuilt_if_damaged
from papershelf.cache.store import PAPER_COLUMNS, BackgroundQuery, Cache, CacheDamaged, paper_of_row
from papershelf.core.errors import PapershelfError
from papershelf.core.model import Paper
from papershelf.library.config import Config
from papershelf.search.query import Filters, fts_query, where_clause
from papershelf.search.ranking import RANKING, by_score
from papershelf.search.results import Found, Hit
from papershelf.search.tables import facet_columns, open_for_search, reading, search_version

DEFAULT_LIMIT = 20


def search(cache: Cache, config: Config, query: str, filters: Filters, limit: int | None, facets: bool) -> Found:
    """The papers matching ``query`` and ``filters``, best first.

    FTS5 finds the matches and scores them by BM25 with the column weights of
    `ranking.TEXT_COLUMNS` (about half a microsecond a match, the bulk of a
    broad query's time).  Without facets, two connections each rank and
    count half of the matches (`_best_on_two_connections`).  With facets, the
    ranking runs on a second connection while this thread counts the facets
    of every match from `facets.FacetColumns`.  Only the papers shown are read
    from ``files``.

    Matches that score the same come in the order of their row ids, which
    follow the order of the files' paths (`tables._keys_for`), as in a cache
    built anew.
    """
    # "+s.rowid": checked on each match.  A bare rowid IN (...) would make FTS5 look every id up.
    where, params = where_clause(filters, config, paper_id="+s.rowid")
    source = "FROM search_text s"
    if filters.reads_facts:  # FTS5 first (CROSS JOIN keeps that order), then each match's facts row
        source += " CROSS JOIN search_facts f ON f.id = s.rowid"
    source += " WHERE search_text MATCH ?" + (f" AND {where}" if where != "1" else "")
    params = [fts_query(query), *params]
    db = cache.db
    try:
        with reading(cache):
            counts = None
            if facets:
                best_first = f"SELECT s.rowid, {RANKING} AS score {source} ORDER BY score, s.rowid"
                best_first += " LIMIT ?" if limit else ""
                ranking_query = (best_first, params + ([limit] if limit else []))
                with BackgroundQuery(cache, ranking_query, search_version) as ranking:
                    ids = [paper_id for (paper_id,) in db.execute(f"SELECT s.rowid {source}", params)]
                    counts = facet_columns(cache).counts(ids, config)
                ranked, total = ranking.rows(), len(ids)
            else:
                ranked, total = _best_on_two_connections(cache, source, params, limit, counted=where != "1")
            papers = _papers(db, [paper_id for paper_id, _ in ranked])
    except sqlite3.OperationalError as exc:
        raise PapershelfError(f"malformed query {query!r}: {_reason(exc)}") from None
    return Found([Hit(papers[paper_id], score) for paper_id, score in ranked], total, counts, query)


def _best_on_two_connections(
    cache: Cache, source: str, params: list, limit: int | None, counted: bool
) -> tuple[list, int]:
    """The best ``limit`` matches of ``source`` (whose WHERE ends the statement) as (id, score),
    and how many there are: the lower half of the ids scored here, the upper half on the second
    connection meanwhile.

    Each half sends back only its best rows: threads that each fetch thousands
    of rows pass the GIL back and forth for every row, and end up slower than
    one.  With filters (``counted``) each half counts its matches in the same
    pass (a second would check every match against the filters again);
    without, FTS5 counts them afterwards without scoring them.
    """
    middle = (cache.db.execute("SELECT max(id) FROM search_facts").fetchone()[0] or 0) // 2
    if counted:
        half = (
            f"WITH m AS MATERIALIZED (SELECT s.rowid AS id, {RANKING} AS score {source} AND s.rowid {{}} ?)"
            " SELECT id, score, (SELECT count(*) FROM m) FROM m ORDER BY score, id"
        )
    else:
        half = f"SELECT s.rowid, {RANKING} AS score, NULL {source} AND s.rowid {{}} ? ORDER BY score, s.rowid"
    half += " LIMIT ?" if limit else ""
    tail = [limit] if limit else []
    with BackgroundQuery(cache, (half.format(">"), [*params, middle, *tail]), search_version) as upper:
        lower = cache.db.execute(half.format("<="), [*params, middle, *tail]).fetchall()
    halves = (lower, upper.rows())
    rows = [(paper_id, score) for half_rows in halves for paper_id, score, _ in half_rows]
    best = heapq.nsmallest(limit, rows, key=by_score) if limit else sorted(rows, key=by_score)
    if counted:
        total = sum(half_rows[0][2] for half_rows in halves if half_rows)
    elif not limit or all(len(half_rows) < limit for half_rows in halves):
        total = len(rows)
    else:
        total = cache.db.execute(f"SELECT count(*) {source}", params).fetchone()[0]
    return best, total


def _papers(db, ids: list[int]) -> dict[int, Paper]:
    """The papers of the rows ``ids``; one the search tables name but ``files`` lacks is damage."""
    columns = ", ".join(f"p.{column}" for column in PAPER_COLUMNS)
    rows = db.execute(
        f"SELECT f.id, {columns} FROM search_facts f JOIN files p ON p.id = f.file_id"
        f" WHERE f.id IN ({', '.join('?' * len(ids))})",
        ids,
    )
    papers = {row[0]: paper_of_row(row[1:]) for row in rows}
    if len(papers) != len(set(ids)):
        raise CacheDamaged("the search tables name papers the cache does not hold")
    return papers


def _reason(exc: sqlite3.OperationalError) -> str:
    return str(exc).removeprefix("fts5: ")


def run(
    library_dir: Path | str,
    query: str,
    filters: Filters | None = None,
    limit: int | None = DEFAULT_LIMIT,
    facets: bool = False,
) -> Found:
    """Search the library at ``library_dir``, bringing its cache up to date first."""

    def found() -> Found:
        with open_for_search(library_dir) as (cache, config):
            return search(cache, config, query, filters or Filters(), limit, facets)

    return rebuilt_if_damaged(library_dir, found)
