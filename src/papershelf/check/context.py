"""What every rule of ``papershelf check`` looks at: the library and the text of its files."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from papershelf.check.finding import line_of
from papershelf.core.model import Paper
from papershelf.library.contents import Library
from papershelf.library.links import LinkResolver


class Texts(dict):
    """File texts by path relative to the root, each read when first asked for: a rule needs the
    text of a file it reports on (for the line), and the papers come from the cache."""

    def __init__(self, root: Path):
        super().__init__()
        self.root = root

    def __missing__(self, source: str) -> str:
        text = self[source] = (self.root / source).read_text("utf-8-sig")
        return text


@dataclass
class Context:
    library: Library
    texts: dict[str, str]  # file text by path relative to the root (`Texts`: read when needed)
    links: LinkResolver = field(init=False)
    # Corrected papers by source path, filled by rules whose fix ``--fix`` may apply.
    fixes: dict[str, Paper] = field(default_factory=dict)
    # The one file whose findings are asked for (the editor checks a file before saving it), or None.
    focus: str | None = None

    def __post_init__(self):
        self.links = LinkResolver(self.library.root)

    @classmethod
    def load(cls, library: Library) -> Context:
        return cls(library, Texts(library.root))

    def line_of(self, source: str, field: str, value: str | None = None, occurrence: int = 1) -> int:
        """`finding.line_of` in the file ``source`` (read now, if no rule needed it before)."""
        return line_of(self.texts[source], field, value, occurrence)

    def each_paper(self) -> list[Paper]:
        """The papers a rule that judges each paper alone looks at: all, or the one in focus
        (rules that compare papers, such as duplicate-paper, still look at them all)."""
        if self.focus is None:
            return self.library.papers
        return [paper for paper in self.library.papers if paper.source == self.focus]

    @property
    def root(self) -> Path:
        return self.library.root

    def current(self, paper: Paper) -> Paper:
        """The paper with the fixes found so far applied."""
        return self.fixes.get(paper.source, paper)

    def propose(self, paper: Paper, **changes) -> None:
        self.fixes[paper.source] = replace(self.current(paper), **changes)
