"""A library as loaded: its root, config, papers (and the files that did not parse), layout and vocabulary."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from papershelf.core.errors import PaperFileError
from papershelf.core.model import Paper
from papershelf.library.config import Config


@dataclass
class Library:
    root: Path
    config: Config
    papers: list[Paper] = field(default_factory=list)
    errors: list[PaperFileError] = field(default_factory=list)
    layout: str = "year"  # "year" or "flat": where new files go and how meta links look
    # The keyword names files may use: the config's, or (without [keywords]) every one the files use.
    vocabulary: tuple[str, ...] = ()
    # (line, "message.field") of each field a file gives twice where it may give it once, by path:
    # found while parsing (`reading.FileReading.repeated`), for ``check``.
    repeated_fields: dict[str, tuple] = field(default_factory=dict)
