"""The lists a list names as related: ``[related]`` in papershelf.toml (name = url) and, as
EfficientPaper keeps them, the ``repo_url`` entries of ``meta/search/references.prototxt``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from papershelf.library.config import Config
from papershelf.library.layout import META_DIR

REFERENCES_FILE = f"{META_DIR}/search/references.prototxt"
_REPO_URL = re.compile(r'^\s*repo_url\s*:\s*"((?:[^"\\]|\\.)*)"', re.M)


@dataclass(frozen=True)
class RelatedList:
    name: str
    url: str


def related_lists(root: Path, config: Config) -> tuple[RelatedList, ...]:
    """The related lists, the config's first, each url once."""
    found = [RelatedList(name, url) for name, url in config.related.items()]
    path = root / REFERENCES_FILE
    if path.is_file():
        for url in _REPO_URL.findall(path.read_text("utf-8", errors="replace")):
            url = url.replace('\\"', '"').strip()
            name = url.rstrip("/").removeprefix("https://").removeprefix("github.com/") or url
            found.append(RelatedList(name, url))
    seen, kept = set(), []
    for item in found:
        if item.url not in seen:
            seen.add(item.url)
            kept.append(item)
    return tuple(kept)
