"""What a style is: the protocol ``build`` calls to turn a loaded library into its files.

A style receives everything it renders, already read: the papers (names as
``[aliases]`` gives them), the config, the keyword vocabulary and the README
parts (`RenderInputs`), and a `Links` resolver for note and cover urls.  It
returns each file as its text or as a `page.Page` (the text in parts).  It
reads and writes no file itself: the build stages and writes what it returns.

A style may render in two steps: `Style.prepare` makes what every file shares
(the cells of each paper), once, before a build on two cores forks, and
`Style.render` makes the files (all, or those named) from it.

A style whose files are `page.Page`\\ s of sections (`PagedStyle`) also lets a
build render again only the sections a few changed papers touch
(`render.partial`): it says which groups list a paper, in which order the
sections come, and composes a page reusing sections and rows written before.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Collection, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar, Protocol

from papershelf.core.model import Paper
from papershelf.core.views import VIEW_FILES
from papershelf.library.config import Config
from papershelf.render.page import Page, Reuse


@dataclass(frozen=True)
class RenderInputs:
    """What a style renders, every part of it read before rendering starts."""

    papers: list[Paper]  # in library order, names as [aliases] gives them
    config: Config
    vocabulary: tuple[str, ...]  # the keyword names, in the config's order
    name: str  # the library folder's name: the README's title when nothing else gives one
    readme_prefix: str = ""  # README_prefix.md, "" when absent
    readme_suffix: str = ""  # README_suffix.md, "" when absent
    templates: dict[str, str] = field(default_factory=dict)  # templates/*.j2 by name (the templates style)
    related: tuple = ()  # `library.related.RelatedList`s: the lists the list names as related


class Links(Protocol):
    """Where a note or cover url of a paper points (`library.links.LinkResolver`)."""

    def target(self, paper: Paper, url: str) -> str: ...

    def resolve_all(self, papers: Sequence[Paper]) -> None: ...

    def on_two_cores(self, papers: Sequence[Paper], work: Callable, send: Callable) -> tuple: ...


class Style(ABC):
    """An output style: the files of a build, from `RenderInputs`."""

    name: ClassVar[str]
    files: ClassVar[tuple[str, ...]] = VIEW_FILES  # the files a build in this style writes, in order
    # The files by their cost to render, the costliest first, as measured at 100,000 papers on a
    # list shaped like the real one: a build on two cores hands them out in this order to whichever
    # process is free (files not named here come last).
    heaviest_first: ClassVar[tuple[str, ...]] = (
        "cls_author.md",
        "cls_institution.md",
        "cls_keyword.md",
        "README.md",
        "cls_publication.md",
        "cls_year.md",
    )
    renders_in_parts: ClassVar[bool] = False  # True for a `PagedStyle`

    def render_order(self) -> list[str]:
        """The files in the order a build on two cores hands them out (`heaviest_first`)."""
        return [name for name in self.heaviest_first if name in self.files] + [
            name for name in self.files if name not in self.heaviest_first
        ]

    def prepare(self, inputs: RenderInputs, links: Links) -> Any:
        """What every file shares, made once (before a render on two cores forks); None by default."""
        return None

    @abstractmethod
    def render(
        self, inputs: RenderInputs, links: Links, names: Collection[str] | None = None, prepared: Any = None
    ) -> dict[str, str | Page]:
        """The files (only ``names`` when given) by file name, from what `prepare` made (or made here)."""


class PagedStyle(Style):
    """A style of `Page`\\ s that a build can update section by section (see `render.partial`)."""

    renders_in_parts: ClassVar[bool] = True
    pages: ClassVar[Mapping[str, str]]  # file name -> the kind of page it is

    @abstractmethod
    def rows_of(self, inputs: RenderInputs, links: Links, papers: Mapping[str, Paper], marks: tuple) -> Any:
        """What `compose` renders rows from, for ``papers`` (by source; read when first asked for)."""

    @abstractmethod
    def marks(self, papers: Iterable[Paper]) -> tuple[set[str], ...]:
        """Sets of the sources of papers that change how a section looks (those with a cover...)."""

    @abstractmethod
    def keys_of(self, kind: str, paper: Paper) -> Iterable[Hashable]:
        """The groups of a page of ``kind`` that list ``paper``, each once."""

    @abstractmethod
    def order(self, inputs: RenderInputs, kind: str) -> Callable[[Hashable], Any]:
        """The sort key of a group key: the order of the sections."""

    @abstractmethod
    def sort_key(self, paper: Paper) -> Any:
        """The order of papers inside every section."""

    @abstractmethod
    def compose(
        self, inputs: RenderInputs, kind: str, groups: dict[Hashable, list[str]], rows: Any, reuse: Reuse | None = None
    ) -> Page:
        """The page of ``kind`` listing ``groups`` (sources by group key); with ``reuse``, the groups
        are in section order already and what was written before is copied where it still holds."""
