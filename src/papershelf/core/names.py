"""Normalised forms of names and titles, for finding spellings of one thing, and for file names.

``name_key`` folds what never distinguishes two institutions, venues or people:
letter case, accents, typographic quotes, punctuation, spacing, a leading
"The" and company suffixes ("Inc", "Corporation").  ``title_key`` folds what
never distinguishes two paper titles, LaTeX markup included.
"""

from __future__ import annotations

import functools
import re
import unicodedata

_COMPANY_SUFFIXES = {"inc", "corp", "corporation", "ltd", "llc", "co", "gmbh", "limited"}
_LATEX_COMMAND = re.compile(r"\\[A-Za-z]+\*?|\\.")
_NOT_WORD = re.compile(r"[\W_]+")


# Letters NFKD does not take apart into an ASCII letter and an accent.
_ASCII_LETTERS = str.maketrans(
    {"ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D"}
)


def ascii_fold(value: str) -> str:
    """``value`` with accents removed and letters like ß, ø, ł spelled in ASCII."""
    if value.isascii():
        return value
    value = unicodedata.normalize("NFKD", value.translate(_ASCII_LETTERS))
    return "".join(c for c in value if not unicodedata.combining(c))


def fold(value: str) -> str:
    """Case-folded, accents removed (`ascii_fold`), every run of punctuation or space made one space."""
    value = ascii_fold(value).replace("’", "'").replace("'", "")
    return _NOT_WORD.sub(" ", value.casefold()).strip()


@functools.lru_cache(maxsize=1 << 18)
def name_key(name: str) -> str:
    """The key of a name: one per name however spelt (a cache: a list mentions each name often)."""
    words = fold(name).split()
    if words[:1] == ["the"]:
        words = words[1:]
    while len(words) > 1 and words[-1] in _COMPANY_SUFFIXES:
        words = words[:-1]
    return " ".join(words)


def title_key(title: str) -> str:
    return fold(_LATEX_COMMAND.sub("", title).replace("{", "").replace("}", ""))


MAX_SLUG_LENGTH = 48
MAX_SHORT_NAME_WORDS = 3
_UNSAFE = re.compile(r"[^A-Za-z0-9_\-]+")


def slug(text: str | None) -> str:
    """``text`` as a file name: ASCII letters, digits, ``_`` and ``-`` only."""
    text = _UNSAFE.sub("_", ascii_fold(text or "").strip()).strip("_-")
    return re.sub(r"_+", "_", text)[:MAX_SLUG_LENGTH].rstrip("_-")


def short_name(title: str | None) -> str | None:
    """The method name a title starts with, "SparseGPT" in "SparseGPT: Massive Language Models...".

    Only a name of at most three words before a colon counts; "Attention is all you
    need" has none.
    """
    if not title or ":" not in title:
        return None
    head = title.split(":", 1)[0].strip()
    return head if 0 < len(head.split()) <= MAX_SHORT_NAME_WORDS else None


# What a paper's id may be: it names a file on every system and never a path.
_SAFE_ID = re.compile(r"\A[A-Za-z0-9][A-Za-z0-9._+\-]{0,127}\Z")


def is_safe_id(paper_id: str) -> bool:
    """Whether ``paper_id`` is letters, digits, ``.``, ``_``, ``+`` and ``-`` only, not starting with
    a dot or another sign, at most 128 characters: a file name on every system, never a path."""
    return bool(_SAFE_ID.match(paper_id))
