"""``papershelf search``: full-text search over the library, best match first.

The query goes to SQLite FTS5 (see `query.fts_query` for the syntax) and
results are ranked by BM25, a match in the title or abbreviation weighing
most.  Filters and facets are those of `query` and `facets`; `listing` gives
the same without a query.
"""

from __future__ import annotations

import marshal
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from papershelf.config import Config
from papershelf.errors import PapershelfError
from papershelf.facets import facet_counts
from papershelf.index import Index
from papershelf.model import Paper
from papershelf.parsing import paper_from_fields
from papershelf.query import Filters, fts_query, where_clause
from papershelf.search_index import open_for_search

DEFAULT_LIMIT = 20


@dataclass
class Hit:
    paper: Paper
    score: float  # FTS5's rank (BM25 negated): the lower, the better the match; 0 in listings


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


def search(index: Index, config: Config, query: str, filters: Filters, limit: int | None, facets: bool) -> Found:
    """The papers matching ``query`` and ``filters``, best first.

    The ranking runs on the full-text table alone (FTS5 orders by its ``rank``,
    BM25 with the column weights set in `search_index`), the filters entering
    as a set of ids; only the papers shown are read from ``files``.
    """
    where, params = where_clause(filters, config)
    db = index.db
    matching = "SELECT rowid FROM search_text WHERE search_text MATCH ?"
    if where != "1":
        # The filters' ids, found once; "+rowid" makes them a filter on the matches, not a
        # lookup FTS5 would run once per id.
        db.execute("CREATE TEMP TABLE IF NOT EXISTS allowed (id INTEGER PRIMARY KEY)")
        db.execute("DELETE FROM temp.allowed")
        db.execute(f"INSERT INTO temp.allowed SELECT f.id FROM search_facts f WHERE {where}", params)
        matching += " AND +rowid IN temp.allowed"
    match_params = [fts_query(query)]
    try:
        ranked = db.execute(
            matching.replace("SELECT rowid", "SELECT rowid, rank", 1)
            + " ORDER BY rank"
            + (" LIMIT ?" if limit else ""),
            match_params + ([limit] if limit else []),
        ).fetchall()
        if limit is None or len(ranked) < limit:
            total = len(ranked)
        else:
            total = db.execute(f"SELECT count(*) FROM ({matching})", match_params).fetchone()[0]
        counts = facet_counts(db, matching, match_params, config) if facets else None
    except sqlite3.OperationalError as exc:
        raise PapershelfError(f"malformed query {query!r}: {_reason(exc)}") from None
    papers = _papers(db, [paper_id for paper_id, _ in ranked])
    return Found([Hit(papers[paper_id], score) for paper_id, score in ranked], total, counts, query)


def _papers(db, ids: list[int]) -> dict[int, Paper]:
    rows = db.execute(f"SELECT id, paper FROM files WHERE id IN ({', '.join('?' * len(ids))})", ids)
    return {paper_id: paper_from_fields(marshal.loads(blob)) for paper_id, blob in rows}


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
