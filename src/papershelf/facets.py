"""Facets: how many of the matching papers fall under each year, venue, keyword and institution.

Each facet is a small class that counts over the papers whose ids are in the
temporary table ``matched`` (filled by `facet_counts` from the caller's query),
and names its values the way the views do: venues and institutions through the
config's aliases, keywords by label.  Every count starts from ``matched``, so
its cost follows the number of matching papers, not the size of the library.
"""

from __future__ import annotations

import sqlite3
from collections import Counter

from papershelf.config import Config

TOP = 10  # values shown per facet (every year is shown)


class YearFacet:
    name = "year"

    def counts(self, db: sqlite3.Connection, config: Config) -> list[tuple[str, int]]:
        rows = db.execute(
            "SELECT f.year, count(*) FROM temp.matched m CROSS JOIN search_facts f ON f.id = m.id"
            " WHERE f.year IS NOT NULL GROUP BY f.year ORDER BY f.year DESC"
        )
        return [(str(year), count) for year, count in rows]


class VenueFacet:
    name = "venue"

    def counts(self, db: sqlite3.Connection, config: Config) -> list[tuple[str, int]]:
        rows = db.execute(
            "SELECT f.venue, count(*) FROM temp.matched m CROSS JOIN search_facts f ON f.id = m.id"
            " WHERE f.venue IS NOT NULL GROUP BY f.venue"
        )
        return _top(Counter(_merged(rows, config.canonical)))


class _NameFacet:
    kind = ""

    def label(self, name: str, config: Config) -> str:
        return config.canonical(name)

    def counts(self, db: sqlite3.Connection, config: Config) -> list[tuple[str, int]]:
        rows = db.execute(
            "SELECT min(n.name), count(DISTINCT n.id) FROM temp.matched m CROSS JOIN search_names n ON n.id = m.id"
            " WHERE n.kind = ? GROUP BY n.key",
            [self.kind],
        )
        return _top(Counter(_merged(rows, lambda name: self.label(name, config))))


class KeywordFacet(_NameFacet):
    name = kind = "keyword"

    def label(self, name: str, config: Config) -> str:
        return config.keyword_label(name)


class InstitutionFacet(_NameFacet):
    name = kind = "institution"


FACETS = (YearFacet(), VenueFacet(), KeywordFacet(), InstitutionFacet())


def facet_counts(db: sqlite3.Connection, matching: str, params: list, config: Config) -> dict:
    """Every facet's top values over the papers whose ids the query ``matching`` selects."""
    db.execute("CREATE TEMP TABLE IF NOT EXISTS matched (id INTEGER PRIMARY KEY)")
    db.execute("DELETE FROM temp.matched")
    try:
        db.execute(f"INSERT INTO temp.matched {matching}", params)
        return {facet.name: facet.counts(db, config) for facet in FACETS}
    finally:
        db.execute("DELETE FROM temp.matched")


def _merged(rows, name_of) -> dict[str, int]:
    """Counts by display name: spellings the aliases make one are added up."""
    counts: dict[str, int] = {}
    for name, count in rows:
        shown = name_of(name)
        counts[shown] = counts.get(shown, 0) + count
    return counts


def _top(counts: Counter) -> list[tuple[str, int]]:
    return sorted(counts.items(), key=lambda item: (-item[1], item[0].casefold(), item[0]))[:TOP]
