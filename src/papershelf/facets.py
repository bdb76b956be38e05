"""Facets: how many of the matching papers fall under each year, venue, keyword and institution.

Each facet is a small class that counts over a set of paper ids given as SQL
(``matching``, with its parameters), and names its values the way the views
do: venues and institutions through the config's aliases, keywords by label.
"""

from __future__ import annotations

import sqlite3
from collections import Counter

from papershelf.config import Config

TOP = 10  # values shown per facet (every year is shown)


class YearFacet:
    name = "year"

    def counts(self, db: sqlite3.Connection, matching: str, params: list, config: Config) -> list[tuple[str, int]]:
        rows = db.execute(
            f"SELECT year, count(*) FROM search_facts WHERE id IN ({matching}) AND year IS NOT NULL"
            " GROUP BY year ORDER BY year DESC",
            params,
        )
        return [(str(year), count) for year, count in rows]


class VenueFacet:
    name = "venue"

    def counts(self, db, matching, params, config) -> list[tuple[str, int]]:
        rows = db.execute(
            f"SELECT venue, count(*) FROM search_facts WHERE id IN ({matching}) AND venue IS NOT NULL GROUP BY venue",
            params,
        )
        return _top(Counter(_merged(rows, config.canonical)))


class _NameFacet:
    kind = ""

    def label(self, name: str, config: Config) -> str:
        return config.canonical(name)

    def counts(self, db, matching, params, config) -> list[tuple[str, int]]:
        rows = db.execute(
            f"SELECT name, count(DISTINCT id) FROM search_names WHERE kind = ? AND id IN ({matching}) GROUP BY key",
            [self.kind, *params],
        )
        return _top(Counter(_merged(rows, lambda name: self.label(name, config))))


class KeywordFacet(_NameFacet):
    name = kind = "keyword"

    def label(self, name: str, config: Config) -> str:
        return config.keyword_label(name)


class InstitutionFacet(_NameFacet):
    name = kind = "institution"


FACETS = (YearFacet(), VenueFacet(), KeywordFacet(), InstitutionFacet())


def facet_counts(db, matching: str, params: list, config: Config) -> dict[str, list[tuple[str, int]]]:
    return {facet.name: facet.counts(db, matching, params, config) for facet in FACETS}


def _merged(rows, name_of) -> dict[str, int]:
    """Counts by display name: spellings the aliases make one are added up."""
    counts: dict[str, int] = {}
    for name, count in rows:
        shown = name_of(name)
        counts[shown] = counts.get(shown, 0) + count
    return counts


def _top(counts: Counter) -> list[tuple[str, int]]:
    return sorted(counts.items(), key=lambda item: (-item[1], item[0].casefold(), item[0]))[:TOP]
