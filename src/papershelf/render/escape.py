"""Escaping for GitHub-flavoured markdown, so that no title can break a table or a link."""

from __future__ import annotations

import html
import re
from urllib.parse import quote

_SPECIAL = re.compile(r"([\\`*_\[\]~|#!])")
# Characters a url may keep as they are; anything else (spaces, parentheses, |, quotes) is encoded.
_URL_SAFE = ":/?#@!$&*+,;=%~-._[]"
# Values that escaping leaves as they are: the common case, recognised at the cost of one match.
_PLAIN_TEXT = re.compile(r"[^\\`*_\[\]~|#!&<>\s]+(?: [^\\`*_\[\]~|#!&<>\s]+)*")
_PLAIN_URL = re.compile(r"[A-Za-z0-9:/?#@!$&*+,;=%~\-._\[\]]*")


def text(value: str) -> str:
    """``value`` as literal text inside a table cell or link label."""
    if _PLAIN_TEXT.fullmatch(value):
        return value
    value = " ".join(value.split())
    value = html.escape(value, quote=False)
    return _SPECIAL.sub(r"\\\1", value)


def url(value: str) -> str:
    """``value`` made safe as a markdown link target inside a table cell."""
    if _PLAIN_URL.fullmatch(value):
        return value
    return quote(value.strip(), safe=_URL_SAFE)


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
