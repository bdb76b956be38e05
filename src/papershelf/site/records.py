"""What the site's search page knows of each paper: one small JSON record, names as [aliases] give them.

The browser indexes these records (MiniSearch) and counts facets over them,
so a record holds what is searched (title, abbreviation, authors,
institutions, venue, keywords, the beginning of the note) and what is shown
or filtered on (year, code, rating, when it was added), nothing else.  The
file the page loads (`encode`) writes each name once, in a table, and the
records by their place in it, with one-letter keys: a third of the bytes.
"""

from __future__ import annotations

import hashlib
import heapq
from collections import Counter
from itertools import chain

from papershelf.core.model import Paper
from papershelf.library.config import Config
from papershelf.render.escape import safe_url

NOTE_CHARS = 600  # of a note's text, searched: its beginning says what it is about (and it is loaded first)


def record(paper: Paper, config: Config, page: str, note_text: str = "") -> dict:
    """The browser's record of ``paper`` (already canonical); ``page`` is its page's path."""
    found = {
        "id": paper.id,
        "title": paper.title or "",
        "page": page,
        "authors": paper.author_names(),
        "institutions": paper.institution_names(),
        "venue": paper.venue or "",
        "year": paper.year or 0,
        "keywords": [config.keyword_label(k) for k in dict.fromkeys(paper.keywords)],
    }
    optional = {
        "abbr": paper.abbr,
        "url": safe_url(paper.url),
        "code": safe_url(paper.code_url),
        "rating": paper.rating,
        "added": paper.update_time,
        "note": " ".join(note_text.split())[:NOTE_CHARS] or None,
    }
    found.update({name: value for name, value in optional.items() if value})
    return found


# The one-letter key of each field in the file the page loads; names are places in "names".
KEYS = {"id": "i", "title": "t", "abbr": "a", "authors": "p", "institutions": "o", "venue": "v", "year": "y",
        "keywords": "k", "url": "u", "code": "c", "rating": "r", "added": "d", "note": "n"}  # fmt: skip
NAMED = ("authors", "institutions", "venue", "keywords")


def encode(records: list[dict]) -> dict:
    """``{"names": [...], "papers": [...]}``: the records with their names replaced by places."""
    places: dict[str, int] = {}

    def place(name: str) -> int:
        if name not in places:
            places[name] = len(places)
        return places[name]

    papers = []
    for found in records:
        short = {}
        for name, value in found.items():
            if name == "page":
                continue  # papers/<id>.html: the page knows it
            if name in NAMED:
                value = [place(v) for v in value] if isinstance(value, list) else place(value)
            short[KEYS[name]] = value
        papers.append(short)
    return {"names": list(places), "papers": papers}


SHARD_PAPERS = 2000  # records a file holds, about: from 4,000 papers on the records are split


def shard_count(papers: int) -> int:
    """How many files the records (and the BibTeX) are split into: a power of two, so that the
    number changes only when the list doubles or halves, and an edit rewrites one file of them."""
    count = 1
    while count * 2 * SHARD_PAPERS <= papers:
        count *= 2
    return count


def shard_of(source: str, count: int) -> int:
    """The file a paper's record is in: by its path, so that it stays there whatever else changes."""
    return int.from_bytes(hashlib.blake2b(source.encode(), digest_size=4).digest(), "big") % count


PAGE_SIZE = 25  # results a page shows (app.js PAGE_SIZE)
SHOWN = 12  # values a facet shows before "all N" (app.js SHOWN)
FACET_VALUES = {  # the values of each facet of a record, as app.js FACETS reads them
    "year": lambda r: [str(r["year"])] if r.get("year") else [],
    "venue": lambda r: [r["venue"]] if r.get("venue") else [],
    "keyword": lambda r: r["keywords"],
    "institution": lambda r: r["institutions"],
    "author": lambda r: r["authors"],
    "code": lambda r: ["has code"] if r.get("code") else [],
    "rating": lambda r: [str(r["rating"])] if r.get("rating") else [],
}
NUMERIC = ("year", "rating")


def newest(records: list[dict]) -> list[dict]:
    """The records of the first page of results the search page shows (newest first)."""
    return heapq.nsmallest(PAGE_SIZE, records, key=lambda r: (-r.get("year", 0), r["title"].lower()))


def count_facets(counts: dict[str, dict[str, int]], found: dict, sign: int = 1) -> None:
    """Count the facet values of the record ``found`` into ``counts`` (facet -> value -> records),
    or out of them with ``sign`` -1."""
    for name, values in FACET_VALUES.items():
        counted = counts.setdefault(name, {})
        for value in dict.fromkeys(values(found)):
            counted[value] = counted.get(value, 0) + sign
            if not counted[value]:
                del counted[value]


def facet_counts(records: list[dict]) -> dict[str, dict[str, int]]:
    """`count_facets` of every record at once, a Counter a facet (0.9 s at 100,000 papers, against
    1.0 s record by record; each process of a full build counts its own records)."""
    counts = {}
    for name, values in FACET_VALUES.items():
        counts[name] = dict(Counter(chain.from_iterable(dict.fromkeys(values(found)) for found in records)))
    return counts


def first_page(records: list[dict]) -> dict:
    """What the search page shows before it has loaded the records: the newest page of the list
    and each facet's first values with their counts over the whole list (and how many it has)."""
    return first_page_of(len(records), facet_counts(records), newest(records))


def first_page_of(total: int, counts: dict[str, dict[str, int]], newest_records: list[dict]) -> dict:
    """`first_page` from the list's facet counts (`count_facets`) and its `newest` records."""
    facets, sizes = {}, {}
    for name in FACET_VALUES:
        found = counts.get(name, {})
        if name in NUMERIC:
            facets[name] = sorted(found.items(), key=lambda item: -int(item[0]))
        else:  # the first SHOWN of 300,000 authors: a heap, not a sort
            facets[name] = heapq.nsmallest(SHOWN, found.items(), key=lambda item: (-item[1], item[0].lower(), item[0]))
        sizes[name] = len(found)
    return {"total": total, "facets": facets, "sizes": sizes, **encode(newest_records)}
