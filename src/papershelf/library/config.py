"""A library's settings, from ``papershelf.toml`` at its root.  Every setting is optional.

```toml
[keywords]            # keyword name = display label, in display order
sparse_pruning = "Sparse/Pruning"

[venue_colors]        # venue = badge colour; venues not listed are "green"
ICML = "blue"

[aliases]             # canonical name = [its other spellings], for venues, institutions, authors
"IST Austria" = ["IST", "Institute of Science and Technology Austria"]

[build]
style = "papershelf"  # papershelf | efficientpaper | efficientpaper-2025-06 | efficientpaper-2024-03
title = "My papers"   # papershelf style: README heading when there is no README_prefix.md
description = "..."   # papershelf style: the line under that heading
author_min_papers = 2 # papershelf style: authors with fewer papers get no section
author_view_max_mb = 5 # papershelf style: raise that minimum until cls_author.md fits (0: no limit)

[digest]              # papershelf digest: what to fetch (meta/search/*.prototxt adds its words)
categories = ["cs.CL", "cs.LG"]  # arXiv categories
key_words = ["pruning", "quantization"]  # a candidate's title or abstract has one of these
background_words = ["LLM"]       # and one of these (when given)
exclude_words = ["spiking"]      # and none of these
source = "api"        # api (the arXiv API since the last digest) or rss (today's announcements)
days = 7              # without an earlier digest or --since: this many days back
cut = 10              # the cut line of the page: after this share of the candidates (in %)

[related]             # related lists: name = url (the papershelf style's README and the site list them)
"Awesome-LLM-Compression" = "https://github.com/HuangOwen/Awesome-LLM-Compression"
```
"""

from __future__ import annotations

import math
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from papershelf.core.errors import PapershelfError
from papershelf.library.schema import check_keyword_name

CONFIG_FILE = "papershelf.toml"
DEFAULT_STYLE = "papershelf"
DEFAULT_VENUE_COLOR = "green"
_BUILD_SETTINGS = {
    "style": str,
    "title": str,
    "description": str,
    "author_min_papers": int,
    "author_view_max_mb": (int, float),
}


@dataclass(frozen=True)
class Config:
    # None: no [keywords] table, so every keyword a file uses is accepted and shown by its name.
    keywords: dict[str, str] | None = None
    venue_colors: dict[str, str] = field(default_factory=dict)
    style: str = DEFAULT_STYLE
    style_configured: bool = False  # whether papershelf.toml names the style
    title: str | None = None
    description: str | None = None
    author_min_papers: int = 2
    author_view_max_mb: float = 5
    # Other spelling -> canonical name, from [aliases].
    aliases: dict[str, str] = field(default_factory=dict)
    # The [digest] table as written (checked here; `digest.words` gives its defaults).
    digest: dict = field(default_factory=dict)
    # Related lists, name -> url, from [related] (the papershelf style's README and the site list them).
    related: dict[str, str] = field(default_factory=dict)

    def keyword_label(self, name: str) -> str:
        return (self.keywords or {}).get(name, name)

    def keyword_name(self, word: str) -> str | None:
        """The keyword ``word`` names in [keywords]: a name, or a label in any letter case."""
        if word in (self.keywords or {}):
            return word
        folded = word.casefold()
        return next((name for name, label in (self.keywords or {}).items() if label.casefold() == folded), None)

    def venue_color(self, venue: str) -> str:
        return self.venue_colors.get(venue, DEFAULT_VENUE_COLOR)

    def canonical_name(self, name: str) -> str:
        """The name [aliases] gives for ``name`` (itself when it is no listed variant)."""
        return self.aliases.get(name, name)


def load_config(root: Path) -> Config:
    path = root / CONFIG_FILE
    if not path.is_file():
        return Config()
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except UnicodeDecodeError:
        raise PapershelfError(f"{path}: not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise PapershelfError(f"{path}: {_toml_message(exc)}") from None
    return _from_toml(data, path)


def _toml_message(exc: tomllib.TOMLDecodeError) -> str:
    message = str(exc)
    where = re.search(r"\(at line (\d+), column (\d+)\)", message)
    if where:
        message = message[: where.start()].strip()
        return f"line {where.group(1)}, column {where.group(2)}: {message}"
    return message


def _string_table(data: dict, table: str, path: Path) -> dict[str, str] | None:
    if table not in data:
        return None
    value = data[table]
    if not isinstance(value, dict):
        raise PapershelfError(f"{path}: [{table}] must be a table")
    for key, item in value.items():
        if not isinstance(item, str):
            raise PapershelfError(f"{path}: [{table}] {key} must be a string, not {item!r}")
    return dict(value)


def _from_toml(data: dict, path: Path) -> Config:
    unknown = sorted(set(data) - {"keywords", "venue_colors", "aliases", "build", "digest", "related"})
    if unknown:
        raise PapershelfError(f"{path}: unknown table [{unknown[0]}]")
    keywords = _string_table(data, "keywords", path)
    for name in keywords or {}:
        try:
            check_keyword_name(name)
        except PapershelfError as exc:
            raise PapershelfError(f"{path}: [keywords] {exc}") from None
    build = data.get("build", {})
    if not isinstance(build, dict):
        raise PapershelfError(f"{path}: [build] must be a table")
    for key, value in build.items():
        expected = _BUILD_SETTINGS.get(key)
        if expected is None:
            known = ", ".join(sorted(_BUILD_SETTINGS))
            raise PapershelfError(f"{path}: unknown setting [build] {key} (known: {known})")
        if not isinstance(value, expected) or isinstance(value, bool):
            kind = "number" if isinstance(expected, tuple) else expected.__name__
            raise PapershelfError(f"{path}: [build] {key} must be a {kind}")
    if build.get("author_min_papers", 2) < 1:
        raise PapershelfError(f"{path}: [build] author_min_papers must be 1 or more")
    if not math.isfinite(build.get("author_view_max_mb", 0)) or build.get("author_view_max_mb", 0) < 0:
        raise PapershelfError(f"{path}: [build] author_view_max_mb must be 0 (no limit) or more")
    return Config(
        keywords=keywords,
        venue_colors=_string_table(data, "venue_colors", path) or {},
        aliases=_aliases(data.get("aliases", {}), path),
        digest=_digest(data.get("digest", {}), path),
        related=_string_table(data, "related", path) or {},
        style_configured="style" in build,
        **build,
    )


_DIGEST_LISTS = ("categories", "key_words", "background_words", "exclude_words")
_DIGEST_SOURCES = ("api", "rss")


def _digest(table, path: Path) -> dict:
    if not isinstance(table, dict):
        raise PapershelfError(f"{path}: [digest] must be a table")
    for key, value in table.items():
        if key in _DIGEST_LISTS:
            if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
                raise PapershelfError(f"{path}: [digest] {key} must be a list of words")
        elif key == "source":
            if value not in _DIGEST_SOURCES:
                raise PapershelfError(f"{path}: [digest] source must be one of {', '.join(_DIGEST_SOURCES)}")
        elif key in ("days", "cut"):
            if (
                not isinstance(value, int)
                or isinstance(value, bool)
                or not 1 <= value <= (100 if key == "cut" else 366)
            ):
                raise PapershelfError(f"{path}: [digest] {key} must be a whole number from 1 to "
                                      f"{100 if key == 'cut' else 366}")  # fmt: skip
        else:
            known = ", ".join((*_DIGEST_LISTS, "source", "days", "cut"))
            raise PapershelfError(f"{path}: unknown setting [digest] {key} (known: {known})")
    return dict(table)


def _aliases(table, path: Path) -> dict[str, str]:
    if not isinstance(table, dict):
        raise PapershelfError(f"{path}: [aliases] must be a table")
    variants: dict[str, str] = {}
    for canonical, names in table.items():
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            raise PapershelfError(f"{path}: [aliases] {canonical!r} must be a list of names")
        for name in names:
            if variants.get(name, canonical) != canonical:
                raise PapershelfError(
                    f"{path}: [aliases] {name!r} is listed under both {variants[name]!r} and {canonical!r}"
                )
            if name != canonical:
                variants[name] = canonical
    for canonical in variants.values():
        if canonical in variants:
            raise PapershelfError(
                f"{path}: [aliases] {canonical!r} is a canonical name and a variant of {variants[canonical]!r}"
            )
    return variants
