"""Reading and parsing many metadata files, on two cores when there are many.

Each file is read, hashed, decoded and parsed in one go by `read_file`, so
that a worker process does all of a file's work and sends back only a small
tuple.  Papers and errors travel as plain field tuples (`paper_fields`,
`error_fields`): cheap to send between processes and to store in the index.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import NamedTuple

from papershelf import protofile
from papershelf.errors import PaperFileError
from papershelf.model import Paper

# Below this many files a second process costs more than it saves.
PARALLEL_FROM = 1500
CHUNK = 400

FIELD_NAMES = tuple(f.name for f in dataclasses.fields(Paper))

SAME, TEXT, PAPER, ERROR = "same", "text", "paper", "error"


class FileReading(NamedTuple):
    path: str
    digest: bytes  # blake2b of the bytes, b"" when they could not be read
    used: tuple[str, ...]  # keyword names the text mentions
    outcome: str  # SAME (bytes as before), TEXT (not parsed: no vocabulary given), PAPER or ERROR
    value: object  # the text, the paper's fields or the error's fields


def paper_fields(paper: Paper) -> tuple:
    return tuple(getattr(paper, name) for name in FIELD_NAMES)


def paper_from_fields(fields: tuple | list) -> Paper:
    return Paper(*fields)


def error_fields(error: PaperFileError) -> tuple:
    return (error.path, error.line, error.column, error.message)


def error_from_fields(fields: tuple | list) -> PaperFileError:
    return PaperFileError(*fields)


def parse_text(path: str, text: str, vocabulary: tuple[str, ...]) -> tuple[str, tuple]:
    """``(PAPER, fields)`` or ``(ERROR, fields)`` for one file's text."""
    paper_id = path.rsplit("/", 1)[-1].rsplit(".", 1)[0]  # the file name's stem
    try:
        return PAPER, paper_fields(protofile.parse(text, paper_id, path, vocabulary))
    except PaperFileError as exc:
        return ERROR, error_fields(exc)


def read_file(root: Path, path: str, old_digest: bytes | None, vocabulary: tuple[str, ...] | None) -> FileReading:
    """Read the file at ``root/path``; parse it unless its bytes are ``old_digest``'s or no vocabulary is given."""
    try:
        data = (root / path).read_bytes()
    except OSError as exc:
        return FileReading(path, b"", (), ERROR, (path, 1, 1, f"cannot be read: {exc.strerror}"))
    digest = hashlib.blake2b(data, digest_size=16).digest()
    if digest == old_digest:
        return FileReading(path, digest, (), SAME, None)
    try:
        text = protofile.decode(data, path)
    except PaperFileError as exc:
        return FileReading(path, digest, (), ERROR, error_fields(exc))
    used = tuple(sorted(protofile.keywords_used(text)))
    if vocabulary is None:
        return FileReading(path, digest, used, TEXT, text)
    outcome, fields = parse_text(path, text, vocabulary)
    return FileReading(path, digest, used, outcome, fields)


def _read_chunk(args) -> list[FileReading]:
    root, jobs, vocabulary = args
    return [read_file(root, path, old_digest, vocabulary) for path, old_digest in jobs]


def read_files(
    root: Path,
    jobs: list[tuple[str, bytes | None]],
    vocabulary: tuple[str, ...] | None,
    progress: Callable[[int, int], None] | None = None,
) -> Iterator[FileReading]:
    """`read_file` for each ``(path, old digest)``, in order; ``progress`` gets the counts done and to do."""
    chunks = [(root, jobs[i : i + CHUNK], vocabulary) for i in range(0, len(jobs), CHUNK)]
    done = 0
    with _workers(len(jobs)) as pool:
        for results in (pool.imap if pool else map)(_read_chunk, chunks):
            done += len(results)
            if progress:
                progress(done, len(jobs))
            yield from results


@contextlib.contextmanager
def _workers(files: int):
    """Two worker processes when there are enough files to pay for them, else None."""
    if files < PARALLEL_FROM or (os.cpu_count() or 1) < 2:
        yield None
        return
    # fork: workers start at once, with everything already imported.
    import multiprocessing  # here: reading a few files should not import it

    with multiprocessing.get_context("fork").Pool(2) as pool:
        yield pool
