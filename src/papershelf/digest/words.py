"""What a digest fetches: arXiv categories and search words, from ``meta/search/*.prototxt``
(EfficientPaper's ``background_words``, ``key_words``, ``exclude_words``) and ``[digest]``.

A paper is a candidate when its title or abstract holds a key word (any, when none are given) and a
background word (when any are given) and no exclude word; words match whole, in any letter case.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from papershelf.library.config import Config
from papershelf.library.layout import META_DIR

# EfficientPaper's categories (scripts/search_arxiv.py).
DEFAULT_CATEGORIES = ("cs.CL", "cs.LG", "cs.AI", "cs.AR", "cs.DC", "cs.PF")
DEFAULT_DAYS = 7
DEFAULT_CUT = 10  # % of the candidates above the cut line
SEARCH_FOLDER = f"{META_DIR}/search"
_WORD_LINE = re.compile(r'^\s*(background_words|key_words|exclude_words|categories)\s*:\s*"((?:[^"\\]|\\.)*)"', re.M)


@dataclass(frozen=True)
class SearchWords:
    categories: tuple[str, ...] = DEFAULT_CATEGORIES
    key_words: tuple[str, ...] = ()
    background_words: tuple[str, ...] = ()
    exclude_words: tuple[str, ...] = ()
    source: str = "api"
    days: int = DEFAULT_DAYS
    cut: int = DEFAULT_CUT

    def matched(self, text: str) -> tuple[str, ...]:
        """The key words ``text`` holds; () when it is no candidate (``("*",)`` with no key words)."""
        if any(_holds(text, word) for word in self.exclude_words):
            return ()
        if self.background_words and not any(_holds(text, word) for word in self.background_words):
            return ()
        if not self.key_words:
            return ("*",)
        return tuple(word for word in self.key_words if _holds(text, word))

    def api_query(self) -> str:
        """The arXiv API's search query for these words."""
        parts = ["(" + " OR ".join(f"cat:{c}" for c in self.categories) + ")"] if self.categories else []
        for words in (self.background_words, self.key_words):
            if words:
                parts.append("(" + " OR ".join(f'all:"{w}"' for w in words) + ")")
        query = " AND ".join(parts) or "all:*"
        if self.exclude_words:
            query += " ANDNOT (" + " OR ".join(f'all:"{w}"' for w in self.exclude_words) + ")"
        return query


def _holds(text: str, word: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text, re.IGNORECASE) is not None


def search_words(root: Path, config: Config) -> SearchWords:
    """The words of ``meta/search/*.prototxt`` and ``[digest]`` together (the config's categories,
    when given, replace the default ones)."""
    found: dict[str, list[str]] = {"categories": [], "key_words": [], "background_words": [], "exclude_words": []}
    for path in sorted((root / SEARCH_FOLDER).glob("*.prototxt")):
        for name, value in _WORD_LINE.findall(path.read_text("utf-8", errors="replace")):
            found[name].append(value.replace('\\"', '"'))
    settings = config.digest
    for name in found:
        found[name] += settings.get(name, [])
    return SearchWords(
        categories=tuple(dict.fromkeys(found["categories"])) or DEFAULT_CATEGORIES,
        key_words=tuple(dict.fromkeys(found["key_words"])),
        background_words=tuple(dict.fromkeys(found["background_words"])),
        exclude_words=tuple(dict.fromkeys(found["exclude_words"])),
        source=settings.get("source", "api"),
        days=settings.get("days", DEFAULT_DAYS),
        cut=settings.get("cut", DEFAULT_CUT),
    )
