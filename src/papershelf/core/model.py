"""The one model every part of papershelf shares: a `Paper` value.

It carries every field of EfficientPaper's ``PaperInfo`` message, flattened to
plain names.  ``None`` means "absent from the file" and ``""`` means "present
but empty": the two render differently in EfficientPaper's views (an absent
note url falls back to the proto2 default) and a file written back must keep
the difference.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field, fields


@dataclass(frozen=True)
class Paper:
    id: str
    title: str | None = None
    abbr: str | None = None
    url: str | None = None
    authors: tuple[str, ...] = ()
    institutions: tuple[str, ...] = ()
    venue: str | None = None  # pub.where
    year: int | None = None  # pub.year
    code_type: str | None = None
    code_url: str | None = None
    note_url: str | None = None
    keywords: tuple[str, ...] = ()
    cover_url: str | None = None
    baseline: tuple[str, ...] = ()  # baseline.methods
    update_time: int | None = None  # Unix seconds
    rating: int | None = None  # 1..5
    # Where the paper was read from, relative to the library root ("meta/2023/x.prototxt").
    source: str = field(default="", compare=False)

    def split_authors(self) -> list[str]:
        """Author names in order, with comma-separated author strings split apart."""
        return list(_split_authors(self.authors))

    def author_names(self) -> list[str]:
        """Author names as `split_authors` gives them, once each."""
        return list(_author_names(self.authors))

    def institution_names(self) -> list[str]:
        """Institutions in order, once each, empty entries left out."""
        return list(_institution_names(self.institutions))


# The papers whose author and institution names the functions below keep: a library of 100,000
# papers is read by every view in turn, and a cache smaller than the library kept none of them
# from one pass to the next (2 of the 2.7 s of the papershelf style's author view went so).
CACHED_PAPERS = 1 << 18


@functools.lru_cache(maxsize=CACHED_PAPERS)
def _split_authors(authors: tuple[str, ...]) -> tuple[str, ...]:
    """(Cached: a site or a view asks each paper for its authors a dozen times.)"""
    names = [name.strip() for entry in authors for name in entry.split(",")]
    return tuple(name for name in names if name)


@functools.lru_cache(maxsize=CACHED_PAPERS)
def _author_names(authors: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(_split_authors(authors)))


@functools.lru_cache(maxsize=CACHED_PAPERS)
def _institution_names(institutions: tuple[str, ...]) -> tuple[str, ...]:
    """(Cached: each view and the search tables ask every paper for them.)"""
    return tuple(dict.fromkeys(i for i in institutions if i.strip()))


FIELD_NAMES = tuple(f.name for f in fields(Paper))  # the order of a paper's fields as a plain tuple


def as_tuple(paper: Paper) -> tuple:
    """The paper as a tuple of its fields in `FIELD_NAMES` order: cheap to send, marshal and store."""
    return tuple(getattr(paper, name) for name in FIELD_NAMES)


def from_tuple(values: tuple | list) -> Paper:
    """The paper `as_tuple` gave, every field present.

    Built without the frozen dataclass's ``__init__``, which costs twice as much
    (0.2 s of a build at 100,000 papers): the values come from papershelf itself.
    """
    paper = object.__new__(Paper)
    paper.__dict__.update(zip(FIELD_NAMES, values, strict=True))
    return paper
