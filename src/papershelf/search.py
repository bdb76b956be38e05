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
from dataclasses import dataclass
from pathlib import Path

from papershelf.config import Config
from papershelf.errors import PapershelfError
from papershelf.facets import COLUMNS as facet_columns
from papershelf.facets import counted
from papershelf.index import Index
from papershelf.model import Paper
from papershelf.parsing import paper_from_fields
from papershelf.query import TEXT_COLUMNS, Filters, fts_query, where_clause
from papershelf.search_index import open_for_search

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


def search(index: Index, config: Config, query: str, filters: Filters, limit: int | None, facets: bool) -> Found:
    """The papers matching ``query`` and ``filters``, best first.

    FTS5 finds the matches and scores them by BM25 with the column weights of
    `query.TEXT_COLUMNS`; filters are checked on each match's ``search_facts``
    row (the name filters' ids are gathered once, from a covering index).
    Scoring costs about half a microsecond a match, so every plan reads the
    matches once.  Only the papers shown are read from ``files``.
    """
    where, params = where_clause(filters, config)
    params = [fts_query(query), *params]
    db = index.db
    try:
        if where == "1" and not facets:
            source = "FROM search_text s WHERE search_text MATCH ?"
            ranked = db.execute(
                f"SELECT s.rowid, {RANKING} AS score {source} ORDER BY score, s.rowid" + (" LIMIT ?" if limit else ""),
                params + ([limit] if limit else []),
            ).fetchall()
            if limit is None or len(ranked) < limit:
                total = len(ranked)
            else:  # FTS5 counts its matches without reading them
                total = db.execute(f"SELECT count(*) {source}", params).fetchone()[0]
            counts = None
        else:
            # One pass: every match with its score (and facet columns), ranked here.  FTS5 runs
            # first (CROSS JOIN keeps that order): driving it by ids would make it look each one up.
            source = "FROM search_text s CROSS JOIN search_facts f ON f.id = s.rowid WHERE search_text MATCH ?"
            source += f" AND {where}" if where != "1" else ""
            columns = f"s.rowid, {RANKING}" + (f", {facet_columns}" if facets else "")
            rows = db.execute(f"SELECT {columns} {source}", params).fetchall()
            best = heapq.nsmallest(limit, rows, key=_by_score) if limit else sorted(rows, key=_by_score)
            ranked = [(row[0], row[1]) for row in best]
            total = len(rows)
            counts = counted([row[2:] for row in rows], config) if facets else None
    except sqlite3.OperationalError as exc:
        raise PapershelfError(f"malformed query {query!r}: {_reason(exc)}") from None
    papers = _papers(db, [paper_id for paper_id, _ in ranked])
    return Found([Hit(papers[paper_id], score) for paper_id, score in ranked], total, counts, query)


def _by_score(row: tuple) -> tuple[float, int]:
    return row[1], row[0]


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
