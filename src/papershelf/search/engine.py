"""``papershelf search``: full-text search over the library, best match first.

The query goes to SQLite FTS5 (see `query.fts_query` for the syntax) and
results are ranked by BM25, a match in the title or abbreviation weighing
most.  Filters and facets are those of `query` and `facets`; `listing` gives
the same without a query.
"""

from __future__ import annotations

import heapq
import marshal
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path

from papershelf.cache.store import Cache, meta_value
from papershelf.core.errors import PapershelfError
from papershelf.core.model import Paper, from_tuple
from papershelf.library.config import Config
from papershelf.search.query import TEXT_COLUMNS, Filters, fts_query, where_clause
from papershelf.search.tables import VERSION_KEY, facet_columns, open_for_search

DEFAULT_LIMIT = 20
# BM25 with each column's weight.  Called by name: FTS5's configured "rank" costs a third more a match.
RANKING = f"bm25(search_text, {', '.join(str(weight) for weight in TEXT_COLUMNS.values())})"


@dataclass
class Hit:
    paper: Paper
    score: float  # FTS5's bm25() (BM25 negated): the lower, the better the match; 0 in listings


@dataclass
class Found:
    """Papers found by `search` or `listing`: the first ``limit`` hits, of ``total``."""

    hits: list[Hit]
    total: int
    facets: dict[str, list[tuple[str, int]]] | None = None
    query: str | None = None

    def as_dict(self) -> dict:
        data = {
            "query": self.query,
            "total": self.total,
            "results": [paper_summary(hit.paper) | {"score": round(hit.score, 4)} for hit in self.hits],
        }
        if self.facets is not None:
            data["facets"] = {
                name: [{"value": value, "count": count} for value, count in values]
                for name, values in self.facets.items()
            }
        return data


def paper_summary(paper: Paper) -> dict:
    return {
        "id": paper.id,
        "path": paper.source,
        "title": paper.title,
        "abbr": paper.abbr,
        "year": paper.year,
        "venue": paper.venue,
        "authors": paper.author_names(),
        "institutions": paper.institution_names(),
        "keywords": list(paper.keywords),
        "url": paper.url,
        "code_url": paper.code_url,
    }


def search(index: Cache, config: Config, query: str, filters: Filters, limit: int | None, facets: bool) -> Found:
    """The papers matching ``query`` and ``filters``, best first.

    FTS5 finds the matches and scores them by BM25 with the column weights of
    `query.TEXT_COLUMNS` (about half a microsecond a match, the bulk of a
    broad query's time).  Without facets, two connections each rank and
    count half of the matches (`_best_on_two_connections`).  With facets, the
    ranking runs on a second connection while this thread counts the facets
    of every match from `facets.FacetColumns`.  Only the papers shown are read
    from ``files``.
    """
    # "+s.rowid": checked on each match.  A bare rowid IN (...) would make FTS5 look every id up.
    where, params = where_clause(filters, config, paper_id="+s.rowid")
    source = "FROM search_text s"
    if filters.reads_facts:  # FTS5 first (CROSS JOIN keeps that order), then each match's facts row
        source += " CROSS JOIN search_facts f ON f.id = s.rowid"
    source += " WHERE search_text MATCH ?" + (f" AND {where}" if where != "1" else "")
    params = [fts_query(query), *params]
    db = index.db
    try:
        with index.snapshot():
            counts = None
            if facets:
                best_first = f"SELECT s.rowid, {RANKING} AS score {source} ORDER BY score, s.rowid"
                best_first += " LIMIT ?" if limit else ""
                with _Background(index, (best_first, params + ([limit] if limit else []))) as ranking:
                    ids = [paper_id for (paper_id,) in db.execute(f"SELECT s.rowid {source}", params)]
                    counts = facet_columns(index).counts(ids, config)
                ranked, total = ranking.rows(), len(ids)
            else:
                ranked, total = _best_on_two_connections(index, source, params, limit, counted=where != "1")
            papers = _papers(db, [paper_id for paper_id, _ in ranked])
    except sqlite3.OperationalError as exc:
        raise PapershelfError(f"malformed query {query!r}: {_reason(exc)}") from None
    return Found([Hit(papers[paper_id], score) for paper_id, score in ranked], total, counts, query)


def _best_on_two_connections(
    index: Cache, source: str, params: list, limit: int | None, counted: bool
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
    middle = (index.db.execute("SELECT max(id) FROM search_facts").fetchone()[0] or 0) // 2
    if counted:
        half = (
            f"WITH m AS MATERIALIZED (SELECT s.rowid AS id, {RANKING} AS score {source} AND s.rowid {{}} ?)"
            " SELECT id, score, (SELECT count(*) FROM m) FROM m ORDER BY score, id"
        )
    else:
        half = f"SELECT s.rowid, {RANKING} AS score, NULL {source} AND s.rowid {{}} ? ORDER BY score, s.rowid"
    half += " LIMIT ?" if limit else ""
    tail = [limit] if limit else []
    with _Background(index, (half.format(">"), [*params, middle, *tail])) as upper:
        lower = index.db.execute(half.format("<="), [*params, middle, *tail]).fetchall()
    halves = (lower, upper.rows())
    rows = [(paper_id, score) for half_rows in halves for paper_id, score, _ in half_rows]
    best = heapq.nsmallest(limit, rows, key=_by_score) if limit else sorted(rows, key=_by_score)
    if counted:
        total = sum(half_rows[0][2] for half_rows in halves if half_rows)
    elif not limit or all(len(half_rows) < limit for half_rows in halves):
        total = len(rows)
    else:
        total = index.db.execute(f"SELECT count(*) {source}", params).fetchone()[0]
    return best, total


class _Background(threading.Thread):
    """A query run in a thread on the index's second connection, while this one does other work.

    SQLite lets go of the GIL while it steps, so both cores work.  The other
    connection reads in its own transaction: its rows are used only if it saw
    the same version of the search tables as this one (otherwise, and for an
    index in memory, the query runs here).
    """

    def __init__(self, index: Cache, statement: tuple[str, list]):
        super().__init__(daemon=True)
        self.index, self.statement = index, statement
        self.connection = index.second_connection()
        self.result: tuple | None = None  # (search tables' version, rows), or None if not run there

    def __enter__(self) -> _Background:
        if self.connection is not None:
            self.start()
        return self

    def __exit__(self, *exc) -> None:
        if self.connection is not None:
            self.join()

    def run(self) -> None:
        db = self.connection
        try:
            db.execute("BEGIN")
            try:
                self.result = (meta_value(db, VERSION_KEY), db.execute(*self.statement).fetchall())
            finally:
                db.execute("COMMIT")
        except sqlite3.Error:
            pass  # the query runs again here, where an error is reported

    def rows(self) -> list:
        if self.result is not None and self.result[0] == self.index.get(VERSION_KEY):
            return self.result[1]
        return self.index.db.execute(*self.statement).fetchall()


def _by_score(row: tuple) -> tuple[float, int]:
    return row[1], row[0]


def _papers(db, ids: list[int]) -> dict[int, Paper]:
    rows = db.execute(f"SELECT id, paper FROM files WHERE id IN ({', '.join('?' * len(ids))})", ids)
    return {paper_id: from_tuple(marshal.loads(blob)) for paper_id, blob in rows}


def _reason(exc: sqlite3.OperationalError) -> str:
    return str(exc).removeprefix("fts5: ")


def run(
    library_dir: Path | str,
    query: str,
    filters: Filters | None = None,
    limit: int | None = DEFAULT_LIMIT,
    facets: bool = False,
) -> Found:
    """Search the library at ``library_dir``, bringing its index up to date first."""
    with open_for_search(library_dir) as (index, config):
        return search(index, config, query, filters or Filters(), limit, facets)
