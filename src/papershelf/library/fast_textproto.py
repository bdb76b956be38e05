"""A fast reader for the grammar metadata files actually use, beside protobuf's own.

``google.protobuf.text_format`` costs about 200 µs a file, which is 20 s for a
list of 100,000 papers.  Real files use a small part of the text format:
nested messages (``paper {`` ... ``}``), plain quoted strings, decimal integers,
keyword names and ``#`` comments.  `read_tuple` handles exactly that part and
returns ``None`` for anything else (escapes, string concatenation, hex or
octal numbers, separators, an unknown field or keyword, unbalanced braces, a
field given twice where it may be given once...),
so that the caller hands the file to protobuf, which gives the same result or
the located error.  ``tests/test_fast_textproto.py`` checks against protobuf
that whatever `read_tuple` accepts, it reads exactly as protobuf does.
"""

from __future__ import annotations

import re

from papershelf.core.model import FIELD_NAMES

# Every token, each after any whitespace.  A character no other token takes is a `bad` one, so
# that findall skips nothing (only trailing whitespace) and a bad token sends the text to protobuf.
# Quoted values keep their quotes, so that an empty string is still a non-empty group.
_TOKEN = re.compile(
    r"""
    \s*
    (?: ([A-Za-z_]\w*)\s*                          # a name, then
        (?: :?\s*(\{)                              #   a nested message opens,
          | :\s*                                    #   or a field's value:
            (?: ("[^"\n\\]*"|'[^'\n\\]*')              #     a plain quoted string
              | (-?(?:0|[1-9]\d*))(?![\w+.-])         #     a decimal integer
              | ([A-Za-z_]\w*)(?![\w+.-])             #     a keyword name
            )
        )
    | (\})                                       # a message closes
    | (\#[^\n]*)                                 # a comment
    | (.)                                        # anything else: bad
    )
    """,
    re.VERBOSE | re.ASCII,
)

# The schema: message -> field -> (kind, Paper attribute) or, for a nested message, its name.
_STRING, _STRINGS, _INT32, _INT64, _KEYWORDS = "string", "strings", "int32", "int64", "keywords"
_SCHEMA: dict[str, dict[str, tuple[str, str] | str]] = {
    "PaperInfo": {
        "paper": "Paper",
        "pub": "Publication",
        "code": "Code",
        "note": "Note",
        "keyword": "Keyword",
        "cover": "Cover",
        "baseline": "Baseline",
        "update_time": (_INT64, "update_time"),
        "rating": (_INT32, "rating"),
    },
    "Paper": {
        "title": (_STRING, "title"),
        "abbr": (_STRING, "abbr"),
        "url": (_STRING, "url"),
        "authors": (_STRINGS, "authors"),
        "institutions": (_STRINGS, "institutions"),
    },
    "Publication": {"where": (_STRING, "venue"), "year": (_INT32, "year")},
    "Code": {"type": (_STRING, "code_type"), "url": (_STRING, "code_url")},
    "Note": {"url": (_STRING, "note_url")},
    "Cover": {"url": (_STRING, "cover_url")},
    "Baseline": {"methods": (_STRINGS, "baseline")},
    "Keyword": {"words": (_KEYWORDS, "keywords")},
}
_REPEATED = ("authors", "institutions", "keywords", "baseline")
_LIMITS = {_INT32: 2**31, _INT64: 2**63}


# The canonical text of a file, as papershelf writes it (protobuf's own printing): every field in
# the schema's order, one a line, two spaces in, each message's fields in a block of its own.
# Most files of a list papershelf keeps are so, and one match reads them at a third of the cost
# of the tokens; any other text is read token by token.
_PLAIN = r'[^"\\\n]*'  # a string's text between its quotes, as the tokens' grammar takes it
_QUOTED = rf'"({_PLAIN})"'
_INTEGER = r"(-?(?:0|[1-9]\d*))"


def _block(message: str, *lines: str) -> str:
    return rf"(?:{message} \{{\n{''.join(lines)}\}}\n)?"


def _one(field: str, value: str = _QUOTED) -> str:
    return rf"(?:  {field}: {value}\n)?"


def _each(field: str, value: str = rf'"{_PLAIN}"') -> str:
    return rf"((?:  {field}: {value}\n)*)"


_CANONICAL = re.compile(
    _block("paper", _one("title"), _one("abbr"), _one("url"), _each("authors"), _each("institutions"))
    + _block("pub", _one("where"), _one("year", _INTEGER))
    + _block("code", _one("type"), _one("url"))
    + _block("note", _one("url"))
    + _block("keyword", _each("words", r"[A-Za-z_]\w*"))
    + _block("cover", _one("url"))
    + _block("baseline", _each("methods"))
    + rf"(?:update_time: {_INTEGER}\n)?(?:rating: {_INTEGER}\n)?",
    re.ASCII,
)
# The groups of _CANONICAL are the fields of a paper's tuple, in order, but its first and last.
assert (FIELD_NAMES[0], FIELD_NAMES[-1]) == ("id", "source") and len(FIELD_NAMES) - 2 == _CANONICAL.groups


def read_tuple(text: str, paper_id: str, source: str, vocabulary: frozenset[str]) -> tuple | None:
    """The fields of the paper ``text`` describes (`model.as_tuple`: no Paper made, the cache stores
    this), or None when the text is outside the grammar read here."""
    canonical = _CANONICAL.fullmatch(text)
    if canonical is not None:
        return _canonical_tuple(canonical.groups(), paper_id, source, vocabulary)
    values: dict[str, object] = {"id": paper_id, "source": source} | {name: [] for name in _REPEATED}
    stack = ["PaperInfo"]
    fields = _SCHEMA["PaperInfo"]
    for field, opened, quoted, number, name, closed, _comment, bad in _TOKEN.findall(text):
        if opened:
            nested = fields.get(field)
            if nested.__class__ is not str:
                return None
            stack.append(nested)
            fields = _SCHEMA[nested]
        elif field:
            spec = fields.get(field)
            if spec.__class__ is not tuple:
                return None
            kind, attribute = spec
            if attribute in values and kind is not _STRINGS and kind is not _KEYWORDS:
                return None  # given twice: protobuf reads it (the last value) and the check says where
            if kind is _STRING and quoted:
                values[attribute] = quoted[1:-1]
            elif kind is _STRINGS and quoted:
                values[attribute].append(quoted[1:-1])
            elif kind is _KEYWORDS and name in vocabulary:
                values[attribute].append(name)
            elif number and (kind is _INT32 or kind is _INT64) and -_LIMITS[kind] <= int(number) < _LIMITS[kind]:
                values[attribute] = int(number)
            else:
                return None
        elif closed:
            if len(stack) == 1:
                return None
            stack.pop()
            fields = _SCHEMA[stack[-1]]
        elif bad:
            return None
    if len(stack) != 1:
        return None
    for name in _REPEATED:
        values[name] = tuple(values[name])
    return tuple(map(values.get, FIELD_NAMES))  # a field absent from the text: None, Paper's default


def _canonical_tuple(groups: tuple, paper_id: str, source: str, vocabulary: frozenset[str]) -> tuple | None:
    """The paper's tuple of the groups of a `_CANONICAL` match: repeated fields are blocks of lines
    (their values between the quotes, or a keyword after its name), integers are text."""
    (title, abbr, url, authors, institutions, venue, year, code_type, code_url, note_url) = groups[:10]
    (keywords, cover_url, baseline, update_time, rating) = groups[10:]
    words = tuple(keywords.split()[1::2]) if keywords else ()
    if not vocabulary.issuperset(words):
        return None  # protobuf says which is unknown
    numbers = []
    for number, kind in ((year, _INT32), (update_time, _INT64), (rating, _INT32)):
        if number is not None:
            number = int(number)
            if not -_LIMITS[kind] <= number < _LIMITS[kind]:
                return None
        numbers.append(number)
    year, update_time, rating = numbers
    authors, institutions, baseline = (
        tuple(block.split('"')[1::2]) if block else () for block in (authors, institutions, baseline)
    )
    return (
        paper_id,
        title,
        abbr,
        url,
        authors,
        institutions,
        venue,
        year,
        code_type,
        code_url,
        note_url,
        words,
        cover_url,
        baseline,
        update_time,
        rating,
        source,
    )
