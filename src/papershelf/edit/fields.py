"""A paper as the JSON the editor reads and writes, and the checked change a save applies.

The JSON has every field of the model (``null`` for absent, ``""`` for empty,
lists for the repeated ones) and the read-only ``id`` and ``file``.  A change
is a JSON object naming only the fields to change: every other field of the
file, comments included, stays as it was.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from papershelf.core.model import Paper
from papershelf.library.config import Config
from papershelf.library.schema import is_keyword_name

TEXT_FIELDS = ("title", "abbr", "url", "venue", "code_type", "code_url", "note_url", "cover_url")
LIST_FIELDS = ("authors", "institutions", "keywords", "baseline")
NUMBER_FIELDS = {"year": (1, 9999), "rating": (1, 5), "update_time": (0, 2**63 - 1)}
EDITABLE = (*TEXT_FIELDS, *LIST_FIELDS, *NUMBER_FIELDS)
READ_ONLY = ("id", "file")
MAX_TEXT = 10_000  # characters of one field: a metadata file is at most 1 MB
MAX_ITEMS = 2_000  # entries of one list (the longest real author list holds a few hundred)


@dataclass(frozen=True)
class FieldProblem:
    field: str
    message: str

    def as_dict(self) -> dict:
        return {"field": self.field, "message": self.message}


class InvalidFields(ValueError):
    def __init__(self, problems: list[FieldProblem]):
        super().__init__("; ".join(f"{p.field}: {p.message}" for p in problems))
        self.problems = problems


def paper_json(paper: Paper) -> dict:
    """Every field of ``paper``, as the editor shows it."""
    found = {"id": paper.id, "file": paper.source}
    for name in EDITABLE:
        value = getattr(paper, name)
        found[name] = list(value) if isinstance(value, tuple) else value
    return found


def changed(paper: Paper, change: dict, config: Config) -> Paper:
    """``paper`` with the fields ``change`` names set; `InvalidFields` naming every bad one."""
    if not isinstance(change, dict):
        raise InvalidFields([FieldProblem("", "the body must be a JSON object of fields")])
    problems, values = [], {}
    for name, value in change.items():
        if name in READ_ONLY:
            if value != paper_json(paper)[name]:
                problems.append(FieldProblem(name, f"{name} cannot be changed (it is the file's name)"))
            continue
        if name not in EDITABLE:
            problems.append(FieldProblem(name, f"no field {name!r} (fields: {', '.join(EDITABLE)})"))
            continue
        try:
            values[name] = _value(name, value, config)
        except ValueError as why:
            problems.append(FieldProblem(name, str(why)))
    if problems:
        raise InvalidFields(problems)
    return replace(paper, **values)


def _value(name: str, value, config: Config):
    if name in TEXT_FIELDS:
        if value is None:
            return None
        if not isinstance(value, str):
            raise ValueError("must be text or null")
        return _text(value)
    if name in NUMBER_FIELDS:
        low, high = NUMBER_FIELDS[name]
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"must be a whole number from {low} to {high}, or null")
        if not low <= value <= high:
            raise ValueError(f"{value} is not from {low} to {high}")
        return value
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ValueError("must be a list of texts")
    if len(value) > MAX_ITEMS:
        raise ValueError(f"has {len(value)} entries; at most {MAX_ITEMS}")
    items = [" ".join(_text(item).split()) for item in value]
    items = [item for item in items if item]
    if name == "keywords":
        return tuple(dict.fromkeys(_keyword(word, config) for word in items))
    return tuple(items)


def _text(value: str) -> str:
    if len(value) > MAX_TEXT:
        raise ValueError(f"is {len(value)} characters long; at most {MAX_TEXT}")
    if "\x00" in value:
        raise ValueError("holds a NUL character")
    return value


def _keyword(word: str, config: Config) -> str:
    """The keyword name ``word`` stands for (a label from [keywords] counts too)."""
    if config.keywords is None:
        if not is_keyword_name(word):
            raise ValueError(f"{word!r} is not a keyword name (a letter or _, then letters, digits or _)")
        return word
    name = config.keyword_name(word)
    if name is None:
        raise ValueError(f"{word!r} is not in [keywords] of papershelf.toml (known: {', '.join(config.keywords)})")
    return name
