"""A fast reader for the grammar metadata files actually use, beside protobuf's own.

``google.protobuf.text_format`` costs about 200 µs a file, which is 20 s for a
list of 100,000 papers.  Real files use a small part of the text format:
nested messages (``paper {`` ... ``}``), plain quoted strings, decimal integers,
keyword names and ``#`` comments.  `read` handles exactly that part and
returns ``None`` for anything else (escapes, string concatenation, hex or
octal numbers, separators, an unknown field or keyword, unbalanced braces...),
so that the caller hands the file to protobuf, which gives the same result or
the located error.  ``tests/test_fast_textproto.py`` checks against protobuf
that whatever `read` accepts, it reads exactly as protobuf does.
"""

from __future__ import annotations

import re

from papershelf.model import Paper

# One token after any whitespace; a text that is not a sequence of these is not read.
_TOKEN = re.compile(
    r"""
    \s*
    (?: (?P<skip>\#[^\n]*|\Z)
    | (?P<open>[A-Za-z_]\w*)\s*:?\s*\{
    | (?P<close>\})
    | (?P<field>[A-Za-z_]\w*)\s*:\s*
      (?: "(?P<dq>[^"\n\\]*)"
        | '(?P<sq>[^'\n\\]*)'
        | (?P<int>-?(?:0|[1-9]\d*))(?![\w+.-])
        | (?P<name>[A-Za-z_]\w*)(?![\w+.-])
      )
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


def read(text: str, paper_id: str, source: str, vocabulary: frozenset[str]) -> Paper | None:
    """The paper ``text`` describes, or None when the text is outside the grammar read here."""
    values: dict[str, object] = {name: [] for name in _REPEATED}
    stack = ["PaperInfo"]
    position, end = 0, len(text)
    match_at = _TOKEN.match
    while position < end:
        token = match_at(text, position)
        if token is None:
            return None
        position = token.end()
        kind = token.lastgroup
        if kind == "skip":
            continue
        if kind == "close":
            if len(stack) == 1:
                return None
            stack.pop()
            continue
        fields = _SCHEMA[stack[-1]]
        if kind == "open":
            nested = fields.get(token["open"])
            if not isinstance(nested, str):
                return None
            stack.append(nested)
            continue
        spec = fields.get(token["field"])
        if not isinstance(spec, tuple):
            return None
        value_kind, attribute = spec
        if not _store(values, value_kind, attribute, token, vocabulary):
            return None
    if len(stack) != 1:
        return None
    for name in _REPEATED:
        values[name] = tuple(values[name])
    return Paper(id=paper_id, source=source, **values)


def _store(values: dict, kind: str, attribute: str, token: re.Match, vocabulary: frozenset[str]) -> bool:
    """Put one field's value into ``values``; False when protobuf must judge the value."""
    quoted = token["dq"] if token["dq"] is not None else token["sq"]
    if kind in (_STRING, _STRINGS):
        if quoted is None:
            return False
        if kind == _STRING:
            values[attribute] = quoted  # a field given twice keeps its last value, as Merge does
        else:
            values[attribute].append(quoted)
        return True
    if kind == _KEYWORDS:
        name = token["name"]
        if name is None or name not in vocabulary:
            return False
        values[attribute].append(name)
        return True
    number = token["int"]
    if number is None:
        return False
    value = int(number)
    limit = _LIMITS[kind]
    if not -limit <= value < limit:
        return False
    values[attribute] = value
    return True
