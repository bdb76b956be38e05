"""Reading and parsing many metadata files, on two cores when there are many.

Each file is statted, read, hashed, decoded and parsed in one go by
`read_file`, so that a second process does all of a file's work and sends back
only a small tuple.  Papers and errors travel as plain field tuples (`model.as_tuple`,
`error_as_tuple`): cheap to send between processes and to store in the cache.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import NamedTuple

from papershelf.core.errors import PaperFileError
from papershelf.core.model import as_tuple
from papershelf.core.speed import ForkedCall, can_fork
from papershelf.library import fast_textproto
from papershelf.library import textproto as protofile
from papershelf.library.layout import paper_id_of
from papershelf.library.text_fields import duplicate_fields

# Below this many files a second process costs more than it saves.
PARALLEL_FROM = 1500
CHUNK = 400  # files read between two progress reports
SECOND_SHARE = 0.45  # of the files, read by the second process
READ_SIZE = 65536  # bytes asked for by each further read of a file that grew while read

SAME, TEXT, PAPER, ERROR = "same", "text", "paper", "error"


class FileReading(NamedTuple):
    path: str
    size: int  # the file's size and mtime when it was read (0 when it could not be)
    mtime_ns: int
    digest: bytes  # blake2b of the bytes, b"" when they could not be read
    used: tuple[str, ...]  # keyword names the text mentions
    outcome: str  # SAME (bytes as before), TEXT (not parsed: no vocabulary given), PAPER or ERROR
    value: object  # the text, the paper's fields or the error's fields
    # (line, "message.field") of each field given again where it may be given once (a paper's only)
    repeated: tuple = ()


def error_as_tuple(error: PaperFileError) -> tuple:
    return (error.path, error.line, error.column, error.message)


def error_from_tuple(fields: tuple | list) -> PaperFileError:
    return PaperFileError(*fields)


def parse_text(path: str, text: str, vocabulary: tuple[str, ...]) -> tuple[str, tuple, tuple]:
    """``(PAPER, fields, repeated)`` or ``(ERROR, fields, ())`` for one file's text.

    ``repeated``: the fields given twice where they may be given once, found while parsing so
    that ``check`` need not read the file again: the fast reader takes no such file, so only a
    file protobuf reads is scanned for them."""
    paper_id = paper_id_of(path)
    fields = fast_textproto.read_tuple(text, paper_id, path, protofile.as_set(vocabulary))
    if fields is not None:
        return PAPER, fields, ()
    try:
        fields = as_tuple(protofile.parse_with_protobuf(text, paper_id, path, vocabulary))
    except PaperFileError as exc:
        return ERROR, error_as_tuple(exc), ()
    return PAPER, fields, tuple(duplicate_fields(text))


def read_file(root: str, path: str, old_digest: bytes | None, vocabulary: tuple[str, ...] | None) -> FileReading:
    """Read the file at ``root/path``; parse it unless its bytes are ``old_digest``'s or no vocabulary is given."""
    try:
        size, mtime_ns, data = _read_bytes(os.path.join(root, path))
    except OSError as exc:
        return FileReading(path, 0, 0, b"", (), ERROR, (path, 1, 1, f"cannot be read: {exc.strerror}"))
    digest = hashlib.blake2b(data, digest_size=16).digest()
    if digest == old_digest:
        return FileReading(path, size, mtime_ns, digest, (), SAME, None)
    try:
        text = protofile.decode(data, path)
    except PaperFileError as exc:
        return FileReading(path, size, mtime_ns, digest, (), ERROR, error_as_tuple(exc))
    used = tuple(sorted(protofile.keywords_used(text)))
    if vocabulary is None:
        return FileReading(path, size, mtime_ns, digest, used, TEXT, text)
    outcome, fields, repeated = parse_text(path, text, vocabulary)
    return FileReading(path, size, mtime_ns, digest, used, outcome, fields, repeated)


def _read_bytes(path: str) -> tuple[int, int, bytes]:
    """The file's size and mtime, then its bytes, by plain system calls (open() and a Path cost
    twice as much for a small file).  Statted first: a change while it is read shows next time.
    One read of the size statted and a byte more takes a file that did not grow whole: a read
    that must come back empty to say so cost a sixth of reading a metadata file."""
    fd = os.open(path, os.O_RDONLY)
    try:
        info = os.fstat(fd)
        data = os.read(fd, info.st_size + 1)
        if len(data) > info.st_size:  # it grew since the stat: read to its end
            chunks = [data]
            while chunks[-1]:
                chunks.append(os.read(fd, READ_SIZE))
            data = b"".join(chunks)
    finally:
        os.close(fd)
    return info.st_size, info.st_mtime_ns, data


def _read_all(root: str, jobs: list[tuple[str, bytes | None]], vocabulary) -> list[FileReading]:
    return [read_file(root, path, old_digest, vocabulary) for path, old_digest in jobs]


def read_files(
    root: Path,
    jobs: list[tuple[str, bytes | None]],
    vocabulary: tuple[str, ...] | None,
    progress: Callable[[int, int], None] | None = None,
) -> Iterator[FileReading]:
    """`read_file` for each ``(path, old digest)``, in order; ``progress`` gets the counts done and to do.

    With many files a forked process reads the last ones while this one reads
    the first, and sends its readings back marshalled (pickling them cost a
    third of the time saved).  Sending and receiving them costs about a
    quarter of reading them, so it reads fewer: `SECOND_SHARE`.
    """
    root_text = os.fspath(root)
    here = len(jobs) - int(len(jobs) * SECOND_SHARE) if _two_cores(len(jobs)) else len(jobs)
    with _second_process(root_text, jobs[here:], vocabulary) as rest:
        for start in range(0, here, CHUNK):
            yield from _read_all(root_text, jobs[start : start + CHUNK], vocabulary)
            if progress:
                progress(min(start + CHUNK, here), len(jobs))
        if rest is not None:
            yield from (FileReading(*fields) for fields in marshal.loads(rest.result()))
            if progress:
                progress(len(jobs), len(jobs))


def _two_cores(files: int) -> bool:
    return files >= PARALLEL_FROM and can_fork()


@contextlib.contextmanager
def _second_process(root: str, jobs: list, vocabulary):
    """The jobs being read in a forked process (None with no jobs)."""
    if not jobs:
        yield None
        return
    with ForkedCall(_read_marshalled, root, jobs, vocabulary) as reading:
        yield reading


def _read_marshalled(root: str, jobs: list, vocabulary) -> bytes:
    return marshal.dumps([tuple(reading) for reading in _read_all(root, jobs, vocabulary)])
