"""Lines papershelf adds to a library's ``.gitignore``: each once, the rest of the file as it was.

The file is read and written as bytes, so whatever encoding it is in is kept;
a line counts as present with or without its slashes (``.papershelf``,
``/.papershelf/``).
"""

from __future__ import annotations

from pathlib import Path

from papershelf.library.atomic import write_bytes_atomic


def ignore_in_git(root: Path, lines: dict[str, str | None]) -> bool:
    """Add each of ``lines`` (line -> the comment written above it, or None) that ``.gitignore``
    lacks; whether the file was written."""
    path = root / ".gitignore"
    data = path.read_bytes() if path.is_file() else b""
    held = {line.strip().strip(b"/") for line in data.splitlines()}
    missing = {line: why for line, why in lines.items() if line.strip("/").encode() not in held}
    if not missing:
        return False
    if data and not data.endswith(b"\n"):
        data += b"\n"
    added = "".join((f"# {why}\n" if why else "") + f"{line}\n" for line, why in missing.items())
    write_bytes_atomic(path, data + added.encode("utf-8"))
    return True
