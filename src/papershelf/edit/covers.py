"""A cover image uploaded for a paper: its type told from its bytes, its size capped, stored in the
paper's own note folder (``notes/<year>/<id>/cover.<ext>``), where the library's links resolve it."""

from __future__ import annotations

from pathlib import Path

from papershelf.core.model import Paper
from papershelf.library.links import LinkResolver

MAX_COVER_BYTES = 5 * 1024 * 1024
# The first bytes of each image type a browser shows (a file's name and its Content-Type are the
# sender's word; these are the file's own).
SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpg"),
    (b"GIF87a", "gif"),
    (b"GIF89a", "gif"),
)


class BadCover(ValueError):
    """An upload that is no image papershelf keeps, or too large (the reason)."""


def image_type(data: bytes) -> str | None:
    """The file extension of the image ``data`` is, told from its bytes; None for anything else."""
    for signature, extension in SIGNATURES:
        if data.startswith(signature):
            return extension
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    return None


def cover_place(root: Path, paper: Paper, data: bytes) -> tuple[str, str]:
    """Where the cover ``data`` goes (library path) and the url its metadata gets; `BadCover` if refused."""
    if len(data) > MAX_COVER_BYTES:
        raise BadCover(f"the image is {len(data) / 1e6:.1f} MB; a cover may be at most {MAX_COVER_BYTES // 2**20} MB")
    extension = image_type(data)
    if extension is None:
        raise BadCover("not a PNG, JPEG, GIF or WebP image (told from its first bytes)")
    path = f"notes/{paper.year or 0}/{paper.id}/cover.{extension}"
    return path, LinkResolver(root).url_for(paper, path)
