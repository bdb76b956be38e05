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
from papershelf.query import TEXT_COLUMNS, Filters, fts_query, where_clause
from papershelf.search_index import open_for_search

DEFAULT_LIMIT = 20
_WEIGHTS = ", ".join(str(w) for w in TEXT_COLUMNS.values())


@dataclass
class Hit:
    paper: Paper
    score: float  # BM25: the lower, the better the match; 0 in listings


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
    """The papers matching ``query`` and ``filters``, best first."""
    where, params = where_clause(filters, config)
    matching = (
        "SELECT f.id FROM search_text JOIN search_facts f ON f.id = search_text.rowid"
        f" WHERE search_text MATCH ? AND {where}"
    )
    match_params = [fts_query(query), *params]
    limit_sql = " LIMIT ?" if limit is not None else ""
    try:
        rows = index.db.execute(
            f"SELECT files.paper, bm25(search_text, {_WEIGHTS}) AS score"
            " FROM search_text JOIN search_facts f ON f.id = search_text.rowid JOIN files ON files.id = f.id"
            f" WHERE search_text MATCH ? AND {where} ORDER BY score, files.path{limit_sql}",
            match_params + ([limit] if limit is not None else []),
        ).fetchall()
        total = len(rows) if limit is None or len(rows) < limit else _count(index, matching, match_params)
        counts = facet_counts(index.db, matching, match_params, config) if facets else None
    except sqlite3.OperationalError as exc:
        raise PapershelfError(f"malformed query {query!r}: {_reason(exc)}") from None
    hits = [Hit(paper_from_fields(marshal.loads(blob)), score) for blob, score in rows]
    return Found(hits, total, counts, query)


def _count(index: Index, matching: str, params: list) -> int:
    return index.db.execute(f"SELECT count(*) FROM ({matching})", params).fetchone()[0]


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
