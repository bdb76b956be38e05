"""Facets: how many of the matching papers fall under each year, venue, keyword and institution.

One query reads the facet columns of ``search_facts`` for every matching
paper, and each facet, a small class, counts its values in Python and names
its values the way the views do: venues and institutions through the config's
aliases, keywords by label.  One pass over the matches costs little more than
finding them; a join per facet cost four times as much at 100,000 papers.
"""

from __future__ import annotations

import sqlite3
from collections import Counter

from papershelf.config import Config

TOP = 10  # values shown per facet (every year is shown)
SEPARATOR = "\n"  # between the values of a multi-valued facet column
UNIT = "\x1f"  # between a value's key and its name, where the column stores both


class Facet:
    """A column (an SQL expression over ``search_facts f``) of "key UNIT name" values.

    Values with the same key are counted as one, under their first name in
    sort order; the names are then shown through the config's aliases.  The key
    is stored beside the name because working it out again costs more than all
    the counting (thousands of institutions).
    """

    name = ""
    column = ""
    multiple = False  # one value a paper, or several joined by SEPARATOR

    def values(self, cells: list) -> list[str]:
        if not self.multiple:
            return [cell for cell in cells if cell is not None]
        joined = SEPARATOR.join(cell for cell in cells if cell)
        return joined.split(SEPARATOR) if joined else []

    def key_and_name(self, value: str) -> tuple[str, str]:
        key, _, name = value.partition(UNIT)
        return key, name

    def label(self, name: str, config: Config) -> str:
        return config.canonical(name)

    def counts(self, cells: list, config: Config) -> list[tuple[str, int]]:
        by_key: dict[str, tuple[str, int]] = {}
        for value, count in Counter(self.values(cells)).items():
            key, name = self.key_and_name(value)
            shown, total = by_key.get(key, (name, 0))
            by_key[key] = (min(shown, name), total + count)
        merged: Counter = Counter()
        for name, count in by_key.values():
            merged[self.label(name, config)] += count
        return sorted(merged.items(), key=lambda item: (-item[1], item[0].casefold(), item[0]))[:TOP]


class YearFacet(Facet):
    name = "year"
    column = "f.year"

    def counts(self, cells: list, config: Config) -> list[tuple[str, int]]:
        counted = Counter(self.values(cells))
        return [(str(year), counted[year]) for year in sorted(counted, reverse=True)]


class VenueFacet(Facet):
    name = "venue"
    column = "f.venue_key || char(31) || f.venue"


class KeywordFacet(Facet):
    name = "keyword"
    column = "f.keywords"  # names only: a keyword's key is its name in lower case
    multiple = True

    def key_and_name(self, value: str) -> tuple[str, str]:
        return value.casefold(), value

    def label(self, name: str, config: Config) -> str:
        return config.keyword_label(name)


class InstitutionFacet(Facet):
    name = "institution"
    column = "f.institutions"
    multiple = True


FACETS = (YearFacet(), VenueFacet(), KeywordFacet(), InstitutionFacet())


COLUMNS = ", ".join(facet.column for facet in FACETS)  # in a query where ``f`` is search_facts


def facet_counts(db: sqlite3.Connection, source: str, params: list, config: Config) -> dict:
    """Every facet's top values over the papers ``source`` selects.

    ``source`` is the FROM and WHERE part of a query in which ``f`` is ``search_facts``.
    """
    return counted(db.execute(f"SELECT {COLUMNS} {source}", params).fetchall(), config)


def counted(rows: list[tuple], config: Config) -> dict:
    """Every facet's top values over ``rows``, each the values of COLUMNS for one paper."""
    cells_by_facet = list(zip(*rows)) if rows else [() for _ in FACETS]
    return {facet.name: facet.counts(list(cells), config) for facet, cells in zip(FACETS, cells_by_facet)}
