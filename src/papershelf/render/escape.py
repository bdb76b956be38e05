"""Escaping for GitHub-flavoured markdown, so that no text can break a table, open a tag or make a link.

Two strengths.  The papershelf style escapes every markdown and HTML special
character (`text`, `url`, `attribute`).  The EfficientPaper styles reproduce
real lists byte for byte, so `literal` and `literal_url` touch only what such
lists never hold: line breaks and control characters, ``<``, ``>``, ``|``,
``[`` and ``]`` in text; spaces, quotes, brackets and parentheses in urls.
Every style writes a link only when `safe_url` lets it: http, https, mailto or
a relative path, never ``javascript:`` and the like.
"""

from __future__ import annotations

import html
import re
from urllib.parse import quote

_SPECIAL = re.compile(r"([\\`*_\[\]~|#!])")
# Characters a url may keep as they are; anything else (spaces, parentheses, |, quotes) is encoded.
_URL_SAFE = ":/?#@!$&*+,;=%~-._[]"
# Values that escaping leaves as they are: the common case, recognised at the cost of one match.
_PLAIN_TEXT = re.compile(r"[^\\`*_\[\]~|#!&<>\s\x00-\x1f\x7f-\x9f]+(?: [^\\`*_\[\]~|#!&<>\s\x00-\x1f\x7f-\x9f]+)*")
_PLAIN_URL = re.compile(r"[A-Za-z0-9:/?#@!$&*+,;=%~\-._\[\]]*")


def text(value: str) -> str:
    """``value`` as literal text inside a table cell or link label."""
    if _PLAIN_TEXT.fullmatch(value):
        return value
    value = " ".join(without_controls(value).split())
    value = html.escape(value, quote=False)
    return _SPECIAL.sub(r"\\\1", value)


def url(value: str) -> str:
    """``value`` made safe as a markdown link target inside a table cell."""
    if _PLAIN_URL.fullmatch(value):
        return value
    return quote(without_controls(value).strip(), safe=_URL_SAFE)


SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")
_SQUEEZED = re.compile(r"[\s\x00-\x1f\x7f]+")  # what a browser ignores inside a scheme
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_LINE_BREAKS = re.compile(r"[\t\n\v\f\r\x85\u2028\u2029]+")
_LITERAL_SPECIAL = str.maketrans({"<": "&lt;", ">": "&gt;", "|": "\\|", "[": "\\[", "]": "\\]"})
_PLAIN_LITERAL = re.compile(r"[^<>|\[\]\x00-\x1f\x7f-\x9f\u2028\u2029]*")
# What a url may hold in the EfficientPaper styles as it is: everything real lists' urls hold.
_LITERAL_URL_SAFE = ":/?#@!$&*+,;=%~-._"
_PLAIN_LITERAL_URL = re.compile(r"[A-Za-z0-9:/?#@!$&*+,;=%~\-._]*")


def safe_url(value: str | None) -> str | None:
    """``value`` if a view may link it (http, https, mailto or a relative path), else None.

    The scheme is judged as a browser reads it, with white space and control
    characters inside it ignored (``java\tscript:`` is ``javascript:``).
    """
    if not value or value.startswith(("https://", "http://")):  # nearly every url: no need to look closer
        return value
    scheme = _SCHEME.match(_SQUEEZED.sub("", value))
    if scheme and scheme.group(1).lower() not in SAFE_SCHEMES:
        return None
    return value


def without_controls(value: str) -> str:
    """``value`` without control characters (NUL, escape sequences), line breaks kept."""
    return _CONTROL.sub("", value)


def literal(value: str) -> str:
    """``value`` as text in an EfficientPaper-style cell or heading: on one line, no control
    character, no tag and no table or link syntax; every other character as it is."""
    if _PLAIN_LITERAL.fullmatch(value):
        return value
    value = without_controls(_LINE_BREAKS.sub(" ", value))
    return value.translate(_LITERAL_SPECIAL)


def literal_url(value: str) -> str:
    """``value`` as a link target or quoted attribute in an EfficientPaper-style view: what would
    end the link or the attribute (spaces, quotes, brackets, parentheses) percent-encoded."""
    if _PLAIN_LITERAL_URL.fullmatch(value):
        return value
    return quote(without_controls(value), safe=_LITERAL_URL_SAFE)


def link(label: str, target: str) -> str:
    return f"[{text(label)}]({url(target)})" if target else text(label)


def attribute(value: str) -> str:
    """``value`` inside a double-quoted HTML attribute."""
    return html.escape(url(value), quote=True)


def anchors(keys: list[str]) -> list[str]:
    """A distinct, stable anchor id per key, for ``<a id>`` tags and ``#`` links."""
    seen: dict[str, int] = {}
    out = []
    for key in keys:
        base = re.sub(r"[^\w]+", "-", str(key).casefold()).strip("-_") or "section"
        count = seen.get(base, 0) + 1
        seen[base] = count
        out.append(base if count == 1 else f"{base}-{count}")
    return out
