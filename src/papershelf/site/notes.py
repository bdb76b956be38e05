"""A paper's note as safe HTML for its page: markdown-it-py, math kept as TeX, images and links checked.

Raw HTML in a note is shown as text, never run; a link or image is kept only
when `render.escape.safe_url` allows it.  An image beside the note on disk is
copied into the site (the caller copies what ``images`` lists) and linked
there, so the site stands alone.
"""

from __future__ import annotations

import posixpath
from pathlib import Path

from markdown_it import MarkdownIt
from mdit_py_plugins.dollarmath import dollarmath_plugin

from papershelf.core.model import Paper
from papershelf.library.links import LinkResolver
from papershelf.render.escape import safe_url

_PARSER = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable(["table", "strikethrough"])
_PARSER.use(dollarmath_plugin)


def local_file(links: LinkResolver, paper: Paper, url: str | None) -> str | None:
    """The library path a note or cover url names, when it is a file of the library."""
    if not url or "://" in url:
        return None
    found = links.resolve(paper, url)
    return found.removeprefix("./") if found else None


def note_text(root: Path, note_file: str | None) -> str:
    """The text of the note at ``note_file`` (a library path); "" when there is none to read."""
    if not note_file:
        return ""
    try:
        return (root / note_file).read_text("utf-8")
    except (OSError, UnicodeDecodeError):
        return ""


def note_html(text: str, note_path: str, files_prefix: str) -> tuple[str, list[str]]:
    """The note's HTML, and the library paths of the local images it shows.

    ``note_path`` is the note's path in the library (``notes/2023/x/note.md``);
    a local image ``fig.png`` beside it becomes ``{files_prefix}notes/2023/x/fig.png``.
    """
    tokens = _PARSER.parse(text)
    images: list[str] = []
    folder = posixpath.dirname(note_path)
    for token in tokens:
        for child in token.children or ():
            if child.type == "image":
                child.attrs["src"] = _local(child.attrs.get("src", ""), folder, files_prefix, images)
            elif child.type == "link_open" and not safe_url(str(child.attrs.get("href", ""))):
                child.attrs["href"] = ""
    return _PARSER.renderer.render(tokens, _PARSER.options, {}), images


def _local(src, folder: str, files_prefix: str, images: list[str]) -> str:
    src = str(src)
    if not safe_url(src):
        return ""
    if "://" in src or src.startswith(("/", "mailto:", "#")):
        return src
    path = posixpath.normpath(posixpath.join(folder, src))
    if path.startswith(".."):
        return ""
    images.append(path)
    return files_prefix + path
