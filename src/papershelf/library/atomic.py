"""Writing files so that a reader never sees half of one, and a set of files all or none.

A file is written under a temporary name in its target's folder, flushed to
disk, then renamed over the target.  A set of files (a build's views) is
*staged* first, each under its temporary name, and renamed into place only once
every one is written: a failure on the way removes what was staged and leaves
every target as it was.  Staging can happen in several processes; the names
staged are what they pass on.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path

TEMP_SUFFIX = ".tmp"
# ".README.md.1234.k3j5h2l9.tmp": what _write_temporary names a file, the writer's pid in it.
_TEMPORARY = re.compile(r"\A\..+\.(\d+)\.[A-Za-z0-9_]+\.tmp\Z")


def write_text_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` (UTF-8) through a temporary file in the same folder and a rename."""
    write_bytes_atomic(path, text.encode("utf-8"))


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename."""
    commit({path: _write_temporary(path, [data])})


def stage(target: Path, chunks: Iterable[str]) -> str | None:
    """Write the text ``chunks`` (UTF-8) beside ``target`` under a temporary name, for `commit`.

    Returns that name, or None when ``target`` holds these bytes already.  A
    target that is a folder is an error here, before anything is renamed.
    """
    _final(target)  # a folder or a device in the way is an error before anything is written
    chunks = list(chunks)
    if _holds(target, chunks):
        return None
    return _write_temporary(target, (chunk.encode("utf-8") for chunk in chunks))  # a chunk at a time


def commit(staged: dict[Path, str | None]) -> None:
    """Rename each staged file over its target (None: nothing staged for it)."""
    pending = [(target, temp) for target, temp in staged.items() if temp is not None]
    for done, (target, temp) in enumerate(pending):
        try:
            os.replace(temp, _final(target))
        except BaseException:
            remove_staged(temp for _, temp in pending[done:])
            raise


def _final(target: Path) -> Path:
    """Where writing ``target`` puts the bytes: ``target``, or the file a symlink there points to
    (the link stays a link).  A folder, a device or any other special file is an error: it is
    never replaced."""
    final = Path(os.path.realpath(target)) if os.path.islink(target) else Path(target)
    try:
        mode = os.stat(final).st_mode
    except FileNotFoundError:
        return final
    if stat.S_ISDIR(mode):
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(target))
    if not stat.S_ISREG(mode):
        raise OSError(errno.EINVAL, "not a regular file (papershelf writes only files)", str(target))
    return final


def remove_staged(staged: Iterable[str | None]) -> None:
    """Remove staged files that will not be committed."""
    for temp in staged:
        if temp is not None:
            with contextlib.suppress(FileNotFoundError):
                os.remove(temp)


def remove_leftovers(folder: Path) -> list[str]:
    """Remove the temporary files that writers which died (``kill -9``, a power cut) left in
    ``folder``; those of live processes stay.  The names removed."""
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    return [name for name in names if remove_if_left_over(os.path.join(folder, name))]


def remove_if_left_over(path: str) -> bool:
    """Remove ``path`` if it is a temporary file of a writer that died; whether it was removed."""
    found = _TEMPORARY.match(os.path.basename(path))
    if not found or _alive(int(found.group(1))):
        return False
    try:
        os.remove(path)
    except OSError:
        return False
    return True


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # it exists, but is another user's
        return True
    return not _ended(pid)


def _ended(pid: int) -> bool:
    """Whether ``pid`` is a process that ended and was not reaped yet (a zombie: its parent died
    with it, and a container's first process may take its time to reap it), as Linux tells."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            fields = stat.read()
    except OSError:
        return False
    state = fields[fields.rfind(b")") + 2 :][:1]  # after "pid (command) "
    return state == b"Z"


def _holds(target: Path, chunks: list[str]) -> bool:
    """Whether ``target`` holds the bytes of ``chunks``: a size that differs says no with one stat
    (most changed files); else compared a chunk at a time (a view of 400 MB is neither read nor
    encoded whole)."""
    try:
        if target.stat().st_size != sum(len(c) if c.isascii() else len(c.encode("utf-8")) for c in chunks):
            return False
        with open(target, "rb") as handle:
            for chunk in chunks:
                data = chunk.encode("utf-8")
                if handle.read(len(data)) != data:
                    return False
            return handle.read(1) == b""
    except OSError:
        return False


def _write_temporary(target: Path, data: Iterable[bytes]) -> str:
    """``data`` written and flushed to a new file beside ``target``, with ``target``'s permissions."""
    target = _final(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    # The writer's pid in the name: a leftover of a process that died is known (`remove_leftovers`).
    fd, temp = tempfile.mkstemp(prefix=f".{target.name}.{os.getpid()}.", suffix=TEMP_SUFFIX, dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.writelines(data)
            handle.flush()
            os.fsync(handle.fileno())
        try:
            mode = target.stat().st_mode & 0o777
        except FileNotFoundError:
            mode = 0o644
        os.chmod(temp, mode)
    except OSError as exc:
        remove_staged([temp])
        if exc.filename is None:  # a failed write names no file: say which (a full disk, most often)
            raise OSError(exc.errno, exc.strerror, str(target)) from exc
        raise
    except BaseException:
        remove_staged([temp])
        raise
    return temp
