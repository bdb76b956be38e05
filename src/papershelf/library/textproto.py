"""Reading and writing a paper's metadata file (protobuf text format).

Reading tries `fast_textproto` first and otherwise goes through
``google.protobuf.text_format`` with the schema of ``schema.py``; writing
produces the layout of EfficientPaper's own files (template field order,
two-space indent, UTF-8 text left unescaped), which is what protobuf's text
printer makes of the message.
"""

from __future__ import annotations

import functools
import re
import warnings

from papershelf.core.errors import PaperFileError, PapershelfError
from papershelf.core.model import Paper, as_tuple, from_tuple
from papershelf.library import fast_textproto
from papershelf.library.schema import NO_KEYWORDS_PLACEHOLDER, paper_info_class
from papershelf.library.text_fields import duplicate_fields, with_comments

MAX_FILE_BYTES = 1024 * 1024
# The integer fields and their bounds (int32, int64): a value beyond cannot be written.
INTEGER_LIMITS = {"year": 2**31, "rating": 2**31, "update_time": 2**63}
_PROTOBUF_LOCATION = re.compile(r"^\d+:\d+ : ")
_UNKNOWN_ENUM = re.compile(r'Enum type "[\w.]+\.Keyword\.Word" has no value named (\w+)\.?')
# Without a leading \b, so that the search runs at the speed of a plain substring search.
_KEYWORD_WORD = re.compile(r"words\s*:\s*([A-Za-z_]\w*)")


def decode(data: bytes, path: str) -> str:
    """The file's text; a file that is too large or not UTF-8 is a located error."""
    if len(data) > MAX_FILE_BYTES:
        raise PaperFileError(path, 1, 1, f"file is {len(data) / 1e6:.1f} MB; a metadata file may be at most 1 MB")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        raise PaperFileError(
            path, line, column, f"not UTF-8 text (byte 0x{data[exc.start]:02x} cannot be decoded)"
        ) from None


def keywords_used(text: str) -> set[str]:
    """Keyword names a file's text mentions, found without parsing it."""
    return {m[1] for m in _KEYWORD_WORD.finditer(text) if m.start() == 0 or not _is_word(text[m.start() - 1])}


def _is_word(character: str) -> bool:
    return character.isalnum() or character == "_"


def parse_tuple(text: str, paper_id: str, path: str, vocabulary: tuple[str, ...]) -> tuple:
    """Parse one metadata file into the fields of a `Paper` (`model.as_tuple`: what the cache stores);
    errors are `PaperFileError` with line and column."""
    values = fast_textproto.read_tuple(text, paper_id, path, as_set(vocabulary))
    if values is not None:
        return values
    return as_tuple(parse_with_protobuf(text, paper_id, path, vocabulary))


@functools.lru_cache(maxsize=16)
def as_set(vocabulary: tuple[str, ...]) -> frozenset[str]:
    return frozenset(vocabulary)


def parse_with_protobuf(text: str, paper_id: str, path: str, vocabulary: tuple[str, ...]) -> Paper:
    """A `Paper` parsed by protobuf's own text-format parser, for any text."""
    from google.protobuf import text_format  # imported when needed: most files take the fast path

    message = paper_info_class(vocabulary)()
    try:
        # protobuf keeps an unknown escape such as "\l" as it is, through a decoder that warns
        # about it (a DeprecationWarning): the text is the user's, not code, so say nothing.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            # Merge, not Parse: like EfficientPaper, a repeated scalar field keeps its last value.
            text_format.Merge(text, message)
    except text_format.ParseError as exc:
        line, column = exc.GetLine() or 1, exc.GetColumn() or 1
        raise PaperFileError(path, line, column, _friendly(str(exc), text, line)) from None
    paper = from_message(message, paper_id, path)
    if NO_KEYWORDS_PLACEHOLDER in paper.keywords:
        raise PaperFileError(path, 1, 1, f"unknown keyword {NO_KEYWORDS_PLACEHOLDER}")
    return paper


def _friendly(message: str, text: str, line: int) -> str:
    """protobuf's message without the location and the echo of the line it already gives."""
    message = _PROTOBUF_LOCATION.sub("", message)
    lines = text.splitlines()
    if line <= len(lines):
        message = message.removeprefix(f"'{lines[line - 1]}': ")
    unknown = _UNKNOWN_ENUM.search(message)
    if unknown:
        return f"unknown keyword {unknown.group(1)!r}: add it to [keywords] in papershelf.toml or correct the spelling"
    return message


def _get(message, name: str):
    return getattr(message, name) if message.HasField(name) else None


def from_message(info, paper_id: str, path: str = "") -> Paper:
    words = info.keyword.DESCRIPTOR.fields_by_name["words"].enum_type
    return Paper(
        id=paper_id,
        title=_get(info.paper, "title"),
        abbr=_get(info.paper, "abbr"),
        url=_get(info.paper, "url"),
        authors=tuple(info.paper.authors),
        institutions=tuple(info.paper.institutions),
        venue=_get(info.pub, "where"),
        year=_get(info.pub, "year"),
        code_type=_get(info.code, "type"),
        code_url=_get(info.code, "url"),
        note_url=_get(info.note, "url"),
        keywords=tuple(words.values_by_number[w].name for w in info.keyword.words),
        cover_url=_get(info.cover, "url"),
        baseline=tuple(info.baseline.methods),
        update_time=_get(info, "update_time"),
        rating=_get(info, "rating"),
        source=path,
    )


def to_message(paper: Paper, vocabulary: tuple[str, ...]):
    info = paper_info_class(vocabulary)()
    words = info.keyword.DESCRIPTOR.fields_by_name["words"].enum_type
    _set(info.paper, title=paper.title, abbr=paper.abbr, url=paper.url)
    _extend(info.paper.authors, paper.authors)
    _extend(info.paper.institutions, paper.institutions)
    _set(info.pub, where=paper.venue, year=paper.year)
    _set(info.code, type=paper.code_type, url=paper.code_url)
    _set(info.note, url=paper.note_url)
    _extend(info.keyword.words, [words.values_by_name[name].number for name in paper.keywords])
    _set(info.cover, url=paper.cover_url)
    _extend(info.baseline.methods, paper.baseline)
    _set(info, update_time=paper.update_time, rating=paper.rating)
    return info


def _extend(repeated, values) -> None:
    # Extending with nothing would still mark the enclosing message as present.
    if values:
        repeated.extend(values)


def _set(message, **values) -> None:
    for name, value in values.items():
        if value is not None:
            setattr(message, name, value)


def format_paper(paper: Paper, vocabulary: tuple[str, ...] | None = None) -> str:
    """The canonical text of a metadata file for ``paper``."""
    from google.protobuf import text_format

    if vocabulary is None:
        vocabulary = tuple(dict.fromkeys(paper.keywords))
    for name, limit in INTEGER_LIMITS.items():
        value = getattr(paper, name)
        if value is not None and not -limit <= value < limit:
            where = paper.source or paper.title or paper.id
            raise PapershelfError(f"{where}: {name} {value} is out of range for a metadata file")
    return text_format.MessageToString(to_message(paper, vocabulary), as_utf8=True)


class Unrewritable(PapershelfError):
    """A file that cannot be rewritten without losing what its curator wrote (the reason)."""


def rewritten(original: str, paper: Paper, vocabulary: tuple[str, ...]) -> str:
    """The canonical text of ``paper`` for the file whose text is ``original``, its comments kept.

    Raises `Unrewritable` rather than lose anything: a field given twice (which
    value the curator meant is theirs to say), a comment that has no place left,
    or a text that would not read back as ``paper``.
    """
    for line, name in duplicate_fields(original):
        raise Unrewritable(f"field {name} is given twice (again on line {line})")
    text = with_comments(original, format_paper(paper, vocabulary))
    if text is None:
        raise Unrewritable("a comment in it would have no place in the rewritten file")
    try:
        back = from_tuple(parse_tuple(text, paper.id, paper.source, vocabulary))
    except PaperFileError as exc:
        raise Unrewritable(f"the rewritten file would not parse ({exc.message})") from None
    if back != paper:
        raise Unrewritable("the rewritten file would not read back the same")
    return text
