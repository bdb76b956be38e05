"""The full model as JSON: one object per paper with every field, for other tools and the website.

Absent fields are ``null`` and empty ones ``""``, as in the model; ``file`` is the
metadata file the paper was read from.
"""

from __future__ import annotations

import json
from dataclasses import asdict, fields

from papershelf.core.model import Paper

FIELDS = [f.name for f in fields(Paper) if f.name != "source"]


def to_dict(paper: Paper) -> dict:
    value = asdict(paper)
    value = {name: list(v) if isinstance(v, tuple) else v for name, v in value.items()}
    value["file"] = value.pop("source")
    return value


def dumps(papers: list[Paper]) -> str:
    return json.dumps([to_dict(p) for p in papers], ensure_ascii=False, indent=2) + "\n"
