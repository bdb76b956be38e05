"""``papershelf build``: render a library's views and write them.

Every view is rendered in memory before anything is written, so a bad input
leaves every output file as it was; each file is then written atomically, and
only when its bytes change.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from papershelf.aliases import canonical_paper
from papershelf.atomic import write_text_atomic
from papershelf.errors import PaperFileError, PapershelfError
from papershelf.library import Library, load_library
from papershelf.links import LinkResolver
from papershelf.styles import get_style


@dataclass
class BuildResult:
    out_dir: Path
    style: str
    papers: int = 0
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    errors: list[PaperFileError] = field(default_factory=list)

    @property
    def built(self) -> bool:
        return bool(self.written or self.unchanged)

    def as_dict(self) -> dict:
        return {
            "out_dir": str(self.out_dir),
            "style": self.style,
            "papers": self.papers,
            "written": self.written,
            "unchanged": self.unchanged,
            "errors": [{"path": e.path, "line": e.line, "column": e.column, "message": e.message} for e in self.errors],
        }


def render(library: Library, style_name: str) -> dict[str, str]:
    """The files a build of ``library`` in ``style_name`` writes, by name, names as [aliases] gives them."""
    style = get_style(style_name)
    if library.config.aliases:
        papers = [canonical_paper(p, library.config) for p in library.papers]
        library = dataclasses.replace(library, papers=papers)
    try:
        return style.render(library, LinkResolver(library.root))
    except UnicodeDecodeError as exc:
        raise PapershelfError(f"a README part in {library.root} is not UTF-8 text: {exc.reason}") from None


def run(
    library_dir: Path | str = ".",
    out_dir: Path | str | None = None,
    style: str | None = None,
    keep_going: bool = False,
    progress: Callable[[int], None] | None = None,
) -> BuildResult:
    """Build the views of the library at ``library_dir`` into ``out_dir`` (default: the library).

    With files that do not parse, nothing is written unless ``keep_going``,
    which builds from the good files.  Usage problems raise `PapershelfError`.
    """
    if style is not None:
        get_style(style)  # an unknown style is reported before any work
    library = load_library(library_dir, progress=progress)
    style_name = style or library.config.style
    out = Path(out_dir) if out_dir is not None else library.root
    result = BuildResult(out, style_name, len(library.papers), errors=list(library.errors))
    files = render(library, style_name)
    if library.errors and not keep_going:
        return result
    for name, text in files.items():
        target = out / name
        if target.is_file() and target.read_bytes() == text.encode("utf-8"):
            result.unchanged.append(name)
            continue
        write_text_atomic(target, text)
        result.written.append(name)
    return result
