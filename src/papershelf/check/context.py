"""What every rule of ``papershelf check`` looks at: the library and the text of its files."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from papershelf.core.model import Paper
from papershelf.library.contents import Library
from papershelf.library.links import LinkResolver


@dataclass
class Context:
    library: Library
    texts: dict[str, str]  # file text by path relative to the root
    links: LinkResolver = field(init=False)
    # Corrected papers by source path, filled by rules whose fix ``--fix`` may apply.
    fixes: dict[str, Paper] = field(default_factory=dict)

    def __post_init__(self):
        self.links = LinkResolver(self.library.root)

    @classmethod
    def load(cls, library: Library) -> Context:
        texts = {}
        for paper in library.papers:
            texts[paper.source] = (library.root / paper.source).read_text("utf-8-sig")
        return cls(library, texts)

    @property
    def root(self) -> Path:
        return self.library.root

    def current(self, paper: Paper) -> Paper:
        """The paper with the fixes found so far applied."""
        return self.fixes.get(paper.source, paper)

    def propose(self, paper: Paper, **changes) -> None:
        self.fixes[paper.source] = replace(self.current(paper), **changes)
