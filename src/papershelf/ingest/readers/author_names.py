"""Author names in a line of text: a list's line under a title, a paper's byline on its first page.

Read only when the line reads as names and nothing else (two names or more,
each a few capitalised words), since a lone phrase is more often a venue or
a note.  Spacing accents that PDF text extraction leaves before a letter
("Teˇsanovi´c") are put back on it ("Tešanović").
"""

from __future__ import annotations

import re
import unicodedata

_NAME = re.compile(r"^[^\W\d_][\w.'’\-]*(?:\s+[^\W\d_][\w.'’\-]*){0,4}$")
_SPLIT = re.compile(r"\s*(?:,|;|\band\b|&)\s*")
MIN_NAMES = 2  # a lone capitalised phrase is more often a venue or a note than an author
_SPACING_ACCENTS = {"ˇ": "\u030c", "´": "\u0301", "`": "\u0300", "¨": "\u0308", "˜": "\u0303", "¸": "\u0327"}
_ACCENT_BEFORE_LETTER = re.compile(f"([{''.join(_SPACING_ACCENTS)}])([^\\W\\d_])")


def with_accents(text: str) -> str:
    """``text`` with each spacing accent before a letter made that letter's accent."""
    joined = _ACCENT_BEFORE_LETTER.sub(lambda m: m.group(2) + _SPACING_ACCENTS[m.group(1)], text)
    return unicodedata.normalize("NFC", joined)


def author_names(text: str, alone: bool = False) -> list[str]:
    """The names in ``text`` when it reads as a list of names ("A. Lee, Bo Chen and C. Wu, et al."),
    else []; with ``alone``, one name is enough (an Authors column)."""
    text = " ".join(text.strip().strip("*_").rstrip(".").split())
    text = re.sub(r",?\s*(?:et\s+al\.?|etc\.?)$", "", text, flags=re.I)
    names = [n.strip() for n in _SPLIT.split(text) if n.strip()]
    if not names or len(names) < (1 if alone else MIN_NAMES):
        return []
    if not all(_NAME.match(n) and (n[0].isupper() or not n[0].isascii()) for n in names):
        return []
    return names
