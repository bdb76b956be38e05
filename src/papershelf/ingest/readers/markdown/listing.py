"""What a page says: a `Listing` per entry (one paper's facts and its section), and its problems."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Listing:
    """What one entry of a page says about one paper."""

    line: int
    facts: dict = field(default_factory=dict)  # Paper field name -> value
    path: str | None = None  # meta/<year>/<id>.prototxt, when the row links its file
    view: str | None = None  # the view the section groups by: "keyword" on other people's lists
    group: str | None = None  # the section's label (or key)
    color: str | None = None  # the venue badge's colour
    repeated: bool = False  # one of the rows EfficientPaper writes for a name a paper gives twice


@dataclass
class ListPage:
    listings: list[Listing] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # "LINE: why"
    layout: str | None = None  # the EfficientPaper style the page was written in, when it was
    keyword_numbers: dict[str, int] = field(default_factory=dict)  # label -> place, "05-Label" sections
