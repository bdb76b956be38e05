"""Where a list says a paper appeared: "ICML 2024", "NeurIPS'23", "[ICLR 2024]", "Conference-ICML'23".

The venue names come from ``venue_spellings.tsv`` (a spelling as lists write
it, and the name stored: NIPS -> NeurIPS, "Findings of ACL" -> "ACL
Findings"); what a list adds to a name (Workshop, Oral, Spotlight, Findings)
is kept as it wrote it.  The library's own ``[aliases]`` apply afterwards.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

SUFFIXES = r"findings|workshops?|oral|spotlight|poster|demo|main|short|long|industry"
YEAR = r"(?P<year>(?:19|20)\d\d)|['’‘](?P<short>\d\d)(?!\d)"


@dataclass(frozen=True)
class Claim:
    venue: str | None
    year: int | None


@cache
def spellings() -> dict[str, str]:
    text = resources.files(__package__).joinpath("venue_spellings.tsv").read_text("utf-8")
    rows = [line.split("\t") for line in text.splitlines()[2:] if line.strip() and not line.startswith("#")]
    return {spelling.lower(): name for spelling, name in rows}


@cache
def _pattern() -> re.Pattern:
    names = "|".join(re.escape(s).replace(r"\ ", r"\s+") for s in sorted(spellings(), key=len, reverse=True))
    return re.compile(
        rf"(?<![A-Za-z0-9])(?P<name>{names})(?P<before>-(?-i:[A-Z][A-Za-z0-9]*)|(?:\s+(?!(?:19|20)\d\d\b)[\w\-]+){{0,3}}\s+workshops?|(?:[\s\-]+(?:{SUFFIXES}))*)"
        rf"(?:[\s_\-,]*(?:{YEAR}))?(?P<after>(?:[\s(]+(?:{SUFFIXES})\)?)*)(?![A-Za-z0-9])",
        re.I,
    )


def claims(text: str) -> list[Claim]:
    """Every venue named in ``text``, with the year beside it when there is one."""
    found = []
    for match in _pattern().finditer(text):
        name = spellings()[" ".join(match.group("name").lower().split())]
        before = match.group("before")
        if re.fullmatch(r"-[A-Z][A-Za-z0-9]*", before):  # "NeurIPS-ENLSP": a workshop, as written
            name, before = name + before, ""
        extra = " ".join(re.findall(r"[\w\-]+", before + " " + match.group("after"))).strip("-")
        venue = f"{name} {extra}" if extra else name
        year = match.group("year") or match.group("short")
        found.append(Claim(venue, int(year) if len(year or "") == 4 else 2000 + int(year) if year else None))
    return found


def best_claim(text: str, need_year: bool = True) -> Claim | None:
    """The first venue named with a year in ``text``; else, unless ``need_year``, the first named."""
    named = claims(text)
    with_year = [c for c in named if c.year]
    if with_year:
        return with_year[0]
    return None if need_year or not named else named[0]


def trailing_claim(text: str) -> int | None:
    """Where a venue named with a year that ends ``text`` starts ("Title, ICML, 2023", "Title
    (NeurIPS 2023)"), so that a title read from plain text does not keep it; None if none does."""
    end = len(text.rstrip(" .,;:)]"))
    last = None
    for match in _pattern().finditer(text):
        if (match.group("year") or match.group("short")) and match.end() >= end:
            last = match
    if last is None:
        return None
    start = last.start()
    while start and text[start - 1] in " ,;:-–—([":
        start -= 1
    return start if start >= 8 else None
