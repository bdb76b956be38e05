"""The pieces of one cell or list item: text, links (with the images they wrap), images, badges.

A list entry is read from these, never from its characters: a ``[[Paper]](url)``
is a link whose text is ``[Paper]``, a stars badge wrapped in a link is an
image inside a link, ``<br>`` (and a line break) starts a new segment, where
lists put authors or the venue under the title.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote

from markdown_it.token import Token

_BREAK = re.compile(r"^<br\s*/?>$", re.I)
_IMG_SRC = re.compile(r"<img\b[^>]*?\bsrc\s*=\s*[\"']([^\"']+)[\"']", re.I)
_STARS = re.compile(
    r"img\.shields\.io/github/(?:stars|forks|last-commit)/([^/?#\s]+)/([^/?#\s.]+(?:\.[^/?#\s.]+)*?)(?:\.svg)?(?:[?#]|$)"
)
_BADGE = re.compile(r"img\.shields\.io/(?:static/v1\?|badge/)(?P<path>[^?#\s]+)")


@dataclass
class Piece:
    kind: str  # "text", "link", "image"
    text: str = ""  # the text, or a link's text, or an image's alt
    href: str = ""  # a link's target
    src: str = ""  # an image's source; for a link, the first image it wraps
    strong: bool = False
    em: bool = False
    segment: int = 0  # how many line breaks come before it in its cell or item
    tagged: bool = False  # a link written as a button, "[[Code]](url)" or "[[CVPR](url)]": never a title


def pieces(tokens: list[Token], segment: int = 0) -> list[Piece]:
    out: list[Piece] = []
    strong = em = 0
    link: Piece | None = None
    for token in tokens:
        kind = token.type
        if kind in ("strong_open", "strong_close"):
            strong += 1 if kind == "strong_open" else -1
        elif kind in ("em_open", "em_close"):
            em += 1 if kind == "em_open" else -1
        elif kind == "link_open":
            link = Piece("link", href=str(token.attrs.get("href", "")), strong=strong > 0, em=em > 0, segment=segment)
        elif kind == "link_close" and link is not None:
            link.text = " ".join(link.text.split())
            before = out[-1].text.rstrip() if out and out[-1].kind == "text" else ""
            link.tagged = link.text.startswith("[") and link.text.endswith("]") or before.endswith("[")
            out.append(link)
            link = None
        elif kind in ("softbreak", "hardbreak") or (kind == "html_inline" and _BREAK.match(token.content.strip())):
            segment += 1
            if link is not None:
                link.text += " "
        elif kind == "image":
            src = str(token.attrs.get("src", ""))
            if link is not None:
                link.src = link.src or src
            else:
                out.append(Piece("image", text=token.content, src=src, segment=segment))
        elif kind == "html_inline":
            found = _IMG_SRC.search(token.content)
            if found and link is None:
                out.append(Piece("image", src=found.group(1), segment=segment))
            elif found and link is not None:
                link.src = link.src or found.group(1)
        elif kind in ("text", "code_inline"):
            if link is not None:
                link.text += token.content
            else:
                out.append(Piece("text", token.content, strong=strong > 0, em=em > 0, segment=segment))
    for before, link, after in zip([None, *out], out, [*out[1:], None]):  # "[[CVPR](url)]": drop the brackets
        if link.kind == "link" and link.tagged:
            if before is not None and before.kind == "text" and before.text.rstrip().endswith("["):
                before.text = before.text.rstrip()[:-1]
            if after is not None and after.kind == "text" and after.text.lstrip().startswith("]"):
                after.text = after.text.lstrip()[1:]
    return out


def text_of(parts: list[Piece], links: bool = False) -> str:
    """The plain text of ``parts`` (with link texts when ``links``), white space collapsed."""
    words = [p.text for p in parts if p.kind == "text" or (links and p.kind == "link")]
    return " ".join(" ".join(words).split())


def stars_repository(src: str) -> str | None:
    """The repository url a GitHub stars (or forks) badge shows: ``https://github.com/OWNER/REPO``."""
    found = _STARS.search(src)
    return f"https://github.com/{found.group(1)}/{found.group(2)}" if found else None


def badge_text(src: str) -> str | None:
    """The words of a shields.io badge (``Conference-ICML'23-blue`` -> "Conference ICML'23"), or None."""
    found = _BADGE.search(src)
    if not found:
        return None
    path = unquote(found.group("path"))
    if "=" in path:  # static/v1?label=...&message=...
        return " ".join(v for k, v in re.findall(r"(\w+)=([^&]*)", path) if k in ("label", "message"))
    parts = re.split(r"(?<!-)-(?!-)", path.split(".svg")[0])
    words = parts[:-1] if len(parts) > 1 else parts  # the last part is the colour
    return " ".join(w.replace("--", "-").replace("__", "\0").replace("_", " ").replace("\0", "_") for w in words)
