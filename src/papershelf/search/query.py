"""What ``search`` and ``list`` select: filters, and a query turned into SQLite FTS5 syntax.

Filters narrow by year range, venue, keyword, author, institution and code;
names are compared by `names.name_key` and through the config's [aliases], so
``--institution "IST"`` finds the papers that spell it "IST Austria" when the
config says these are one institution.  A filter repeated requires each of its
values, except ``--venue`` (a paper has one venue), which accepts any of them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from papershelf.core.errors import PapershelfError
from papershelf.core.names import name_key
from papershelf.library.config import Config
from papershelf.search.ranking import TEXT_COLUMNS

_YEARS = re.compile(r"^\s*(\d{1,4})?\s*(\.\.)?\s*(\d{1,4})?\s*$")
_QUERY_TOKEN = re.compile(r'"[^"]*"?|\(|\)|[^\s()"]+')
_BAREWORD = re.compile(r"^\w+$")
_OPERATORS = {"AND", "OR", "NOT"}


@dataclass(frozen=True)
class Filters:
    years: tuple[int | None, int | None] | None = None
    venues: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()
    institutions: tuple[str, ...] = ()
    has_code: bool = False

    @property
    def reads_facts(self) -> bool:
        """Whether the filters read ``search_facts`` (the name filters read ``search_names`` only)."""
        return self.years is not None or bool(self.venues) or self.has_code


def parse_years(text: str | None) -> tuple[int | None, int | None] | None:
    """``2023``, ``2023..2025``, ``2023..`` or ``..2020`` as an inclusive (first, last) range."""
    if text is None:
        return None
    match = _YEARS.match(text)
    is_range = bool(match and match[2] and (match[1] or match[3]))
    is_year = bool(match and not match[2] and match[1] and not match[3])
    if not (is_range or is_year):
        raise PapershelfError(f"--year {text!r}: give a year (2023) or a range (2023..2025, 2023.., ..2020)")
    first = int(match[1]) if match[1] else None
    last = int(match[3]) if match[3] else first if is_year else None
    if first is not None and last is not None and first > last:
        raise PapershelfError(f"--year {text!r}: the range ends before it starts")
    return first, last


def spellings(name: str, config: Config) -> list[str]:
    """The keys of every spelling of ``name`` the config's aliases know, its own first.

    Compared by key, so "neurips" finds the canonical "NeurIPS" and with it "NIPS".
    """
    key = name_key(name)
    keys = [key]
    for canonical in dict.fromkeys(config.aliases.values()):
        group = [canonical] + [other for other, target in config.aliases.items() if target == canonical]
        group_keys = [name_key(n) for n in group]
        if key in group_keys:
            keys += group_keys
    return list(dict.fromkeys(keys))


def keyword_key(word: str, config: Config) -> str:
    """The key of the keyword ``word`` names: by name or by label (any letter case)."""
    return (config.keyword_name(word) or word).casefold()


def where_clause(filters: Filters, config: Config, paper_id: str = "f.id") -> tuple[str, list]:
    """SQL conditions for the filters, and their parameters.

    Conditions read ``search_facts`` aliased ``f`` (when `Filters.reads_facts`)
    and the paper's id as ``paper_id``.
    """
    conditions: list[str] = []
    params: list = []
    if filters.years is not None:
        first, last = filters.years
        if first is not None:
            conditions.append("f.year >= ?")
            params.append(first)
        if last is not None:
            conditions.append("f.year <= ?")
            params.append(last)
    if filters.venues:
        keys = [key for venue in filters.venues for key in spellings(venue, config)]
        conditions.append(f"f.venue_key IN ({', '.join('?' * len(keys))})")
        params.extend(keys)
    named = [("keyword", [[keyword_key(k, config)] for k in filters.keywords])]
    named.append(("author", [spellings(a, config) for a in filters.authors]))
    named.append(("institution", [spellings(i, config) for i in filters.institutions]))
    for kind, wanted in named:
        for keys in wanted:
            conditions.append(
                f"{paper_id} IN (SELECT papers.value FROM search_names n, json_each(n.ids) papers"
                f" WHERE n.kind = ? AND n.key IN ({', '.join('?' * len(keys))}))"
            )
            params.extend([kind, *keys])
    if filters.has_code:
        conditions.append("f.has_code = 1")
    return (" AND ".join(conditions) or "1"), params


def fts_query(text: str) -> str:
    """A user's query in FTS5 syntax.

    Words are matched as words ("GPT-4" as the phrase "gpt 4"), ``quant*``
    as a prefix, ``"kv cache"`` as a phrase, ``title:sparse`` in one column;
    AND, OR, NOT and parentheses keep their meaning.  Raises `PapershelfError`
    for an unclosed quote; SQLite judges the rest.
    """
    parts = []
    for token in _QUERY_TOKEN.findall(text):
        if token.startswith('"'):
            if len(token) == 1 or not token.endswith('"'):
                raise PapershelfError(f"malformed query {text!r}: a quote is not closed")
            parts.append(token)
        elif token in ("(", ")") or token in _OPERATORS:
            parts.append(token)
        else:
            parts.append(_term(token))
    if not parts:
        raise PapershelfError("the query is empty")
    return " ".join(parts)


def _term(word: str) -> str:
    column = ""
    name, colon, rest = word.partition(":")
    if colon and name in TEXT_COLUMNS and rest:
        column, word = f"{name} : ", rest
    prefix = word.endswith("*") and len(word) > 1
    word = word.rstrip("*") if prefix else word
    if _BAREWORD.match(word) and word not in _OPERATORS:
        term = word + ("*" if prefix else "")
    else:  # as a phrase: the tokenizer splits it into words, as it split the text
        term = '"' + word.replace('"', '""') + '"' + (" *" if prefix else "")
    return column + term
