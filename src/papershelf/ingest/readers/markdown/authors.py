"""Author names where lists write them: a line under the title, italics, an "Authors" column."""

from __future__ import annotations

import re

_NAME = re.compile(r"^[^\W\d_][\w.'’\-]*(?:\s+[^\W\d_][\w.'’\-]*){0,4}$")
_SPLIT = re.compile(r"\s*(?:,|;|\band\b|&)\s*")
MIN_NAMES = 2  # a lone capitalised phrase is more often a venue or a note than an author


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
