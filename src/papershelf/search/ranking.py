"""How search ranks its matches: BM25 over the full-text columns, each with its weight.

A match in the title or abbreviation weighs most, then authors, then
institutions, venue and keywords, then the note's text.  FTS5 scores every
match (about half a microsecond each, the bulk of a broad query's time) before
the best can be picked; `engine` splits that work over two connections.
"""

from __future__ import annotations

# Columns of the full-text table, in order, with the weight BM25 gives a match in each.
TEXT_COLUMNS = {
    "title": 10.0,
    "abbr": 10.0,
    "authors": 3.0,
    "institutions": 2.0,
    "venue": 2.0,
    "keywords": 2.0,
    "notes": 1.0,
}
# BM25 with each column's weight.  Called by name: FTS5's configured "rank" costs a third more a match.
RANKING = f"bm25(search_text, {', '.join(str(weight) for weight in TEXT_COLUMNS.values())})"


def by_score(row: tuple) -> tuple[float, int]:
    """The order of (search key, score) rows: best score first (bm25 is lower for better), then by
    key, which follows the files' paths (`tables._keys_for`)."""
    return row[1], row[0]
