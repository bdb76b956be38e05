"""Titles, section labels and names as lists decorate them, cleaned.

Lists put emoji (🔥, ``:star:``), tags (``[DeepSeek-V2]``, ``[**Mooncake**]``),
the lab in parentheses (``(@Microsoft)``), a star count (``[721⭐]``) and a
final full stop around a title; the title is what is left.  What the
decoration said is kept where it is a fact: the tag as the abbreviation, the lab
as the institution.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_SHORTCODE = re.compile(r":[a-z0-9_+\-]+:")
# Emoji and pictographs, dingbats, variation selectors, zero-width joiners, keycaps.
_EMOJI = re.compile("[\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff\ufe0e\ufe0f\u200d\u20e3]")
_TAG = re.compile(r"^\[\s*(?P<tag>[^\[\]]{1,60}?)\s*\]\s*:?\s*")
_LAB = re.compile(r"\s*\(\s*@+\s*(?P<lab>[^()]*?)\s*\)\s*$")
_STARS = re.compile(r"\s*\[\s*\d[\d,.]*\s*k?\s*[⭐★]\s*\]\s*$|\s*\[\s*[⭐★]\s*\d[\d,.]*k?\s*\]\s*$", re.I)
_TRAILING_TAG = re.compile(r"\s*\[[^\[\]]{0,30}\]\s*$")
_EMPTY_BRACKETS = re.compile(r"\[\s*\]|\(\s*(?:(?:and|or|,|&|/|\|)\s*)*\)")
_QUOTES = "\"'“”‘’`*_"


@dataclass
class CleanTitle:
    title: str
    abbr: str | None = None
    institutions: list[str] = field(default_factory=list)


def strip_decoration(text: str) -> str:
    """``text`` without emoji, shortcodes, empty brackets and surplus white space."""
    text = _EMOJI.sub(" ", _SHORTCODE.sub(" ", text))
    text = _EMPTY_BRACKETS.sub(" ", text)
    return " ".join(text.split())


def clean_title(text: str) -> CleanTitle:
    text = strip_decoration(text)
    abbr = None
    tag = _TAG.match(text)
    if tag and len(text) - tag.end() >= 8:
        found = tag.group("tag").strip(_QUOTES + " ")
        text = text[tag.end() :]
        # "[H2O] H2O: ...", "[LTP] Learned Token Pruning": a name; "[KV Cache Compress] ...": a topic.
        abbr = found if found and (" " not in found or found.lower() in text.lower()) else None
    institutions = []
    lab = _LAB.search(text)
    if lab:
        labs = re.sub(r"\s+etc\.?$", "", lab.group("lab").strip())  # "(@UC Berkeley etc)"
        institutions = [i.strip() for i in re.split(r"\s*(?:&|,|;|\band\b)\s*", labs) if i.strip()]
        text = text[: lab.start()]
    text = _STARS.sub("", text)
    while _TRAILING_TAG.search(text) and len(_TRAILING_TAG.sub("", text)) >= 8:
        text = _TRAILING_TAG.sub("", text)  # "Title. [ qnn ]", "Title [hardware]"
    text = text.strip().strip(_QUOTES).strip()
    if text.endswith(".") and not text.endswith(".."):
        text = text[:-1].rstrip()
    text = text.lstrip("-–—:|] ").rstrip("-–—:|[ ")
    return CleanTitle(text, abbr, institutions)


NAVIGATION = {"table of contents", "table of content", "contents", "content", "toc", "quick link", "quick links"}


def clean_label(text: str) -> str:
    """A section heading as a keyword label: decoration, a section number ("2.2") and a trailing
    count ("(12)") removed;
    "" for a heading that only navigates ("Table of Contents")."""
    text = strip_decoration(text)
    if text.lower() in NAVIGATION:
        return ""
    text = re.sub(r"\s*[\(\[]\s*\d+\s*(?:papers?)?\s*[\)\]]\s*$", "", text, flags=re.I)
    text = re.sub(r"^(?:\d+(?:\.\d+)*\.?|[IVX]+\.)\s+(?=\D)", "", text)  # "2.2 Linear Attention", "III. Methods"
    return text.strip(" -–—:|#")
