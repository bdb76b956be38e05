"""A file in parts: a head, sections and a tail, so that a later build can render again only
the sections a change touches (see `render.partial`)."""

from __future__ import annotations

import functools
from collections.abc import Callable, Collection, Hashable
from dataclasses import dataclass, field
from typing import NamedTuple


@dataclass
class Section:
    key: Hashable  # keyword name, year or venue (None: without one), institution or author name
    anchor: str
    text: str


@dataclass
class Page:
    """A file in parts.

    ``groups`` holds the sources of every group's papers in display order, those
    of the groups the page leaves out too (authors with too few papers),
    ``sizes`` the estimated bytes of each author section, and ``row_sizes``
    those of each paper's row they were summed from.
    """

    head: str
    sections: list[Section]
    tail: str
    groups: dict[Hashable, list[str]]
    sizes: dict[Hashable, int] = field(default_factory=dict)
    row_sizes: dict[str, int] = field(default_factory=dict)

    @functools.cached_property
    def text(self) -> str:
        """The file: its `chunks` joined once (the views run to 100 MB)."""
        return "".join(self.chunks)

    @property
    def chunks(self) -> list[str]:
        """The file in parts, ending in one newline: written as they are, never joined (a join of
        a view's 70 MB costs more than writing it)."""
        parts = [self.head, *(section.text for section in self.sections), self.tail]
        while parts and not parts[-1].rstrip("\n"):
            parts.pop()
        if parts:
            parts[-1] = parts[-1].rstrip("\n")
        parts.append("\n")
        return parts


class Parts(list):
    """A file's text as the parts it was made of (a list of str), like a `Page` never joined on
    its way to the disk: an EfficientPaper author view of 100,000 papers is 400 MB, and joined
    and then encoded it was held three times over."""

    @property
    def chunks(self) -> list[str]:
        return self

    @property
    def text(self) -> str:
        return "".join(self)


def chunks_of(file: str | Page) -> list[str]:
    """A rendered file's text in parts, whether the style gave its text or its `Page`."""
    return [file] if isinstance(file, str) else file.chunks


def text_of(file: str | Page) -> str:
    return file if isinstance(file, str) else file.text


class Before(NamedTuple):
    """A section as the last build wrote it, for rendering it again."""

    anchor: str
    text: str
    members: list[str | None]  # the papers it listed, in order; None for those changed or gone since


class Reuse(NamedTuple):
    """What a partial build hands `PagedStyle.compose` from the pages it wrote before."""

    sizes: dict[Hashable, int]  # the author sections' sizes known already
    before: Callable[[Hashable], Before | None]  # a section as it was written, or None
    touched: Collection[Hashable]  # the groups whose papers changed: rendered again
    row_sizes: dict[str, int]  # the row sizes of the papers that did not change (`Page.row_sizes`)
