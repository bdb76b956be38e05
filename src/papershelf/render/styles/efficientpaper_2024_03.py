"""EfficientPaper's format of 2023-2024 (seed 001), reproduced byte for byte.

Separate ``pub`` and ``year`` columns; no ``cls_keyword.md``: README.md holds
the keyword view after its prefix, in the same tables, sections in label
order.  The author view has a section for every author, and a paper whose file
has no note gets no note link (the schema of that generation had no default
note).
"""

from __future__ import annotations

from typing import ClassVar

from papershelf.core.views import README, view_file
from papershelf.render.style import RenderInputs
from papershelf.render.styles.efficientpaper_2025_06 import EfficientPaper2025_06Style
from papershelf.render.styles.efficientpaper_cells import PROTO2_DEFAULTS, TITLE, Row


class EfficientPaper2024_03Style(EfficientPaper2025_06Style):
    name = "efficientpaper-2024-03"
    headers: ClassVar[list[str]] = ["meta", TITLE, "ccccccccccccccccccover", "pub", "year", "codeeeee", "note"]
    defaults: ClassVar[dict] = {k: v for k, v in PROTO2_DEFAULTS.items() if k != "note_url"}
    views: ClassVar[tuple[str, ...]] = ("year", "publication", "institution", "author")
    files: ClassVar[tuple[str, ...]] = (README, *map(view_file, views))
    # A section for every author: 11.7 s of 22 at 100,000 papers, the README (the keyword view) 5.
    heaviest_first: ClassVar[tuple[str, ...]] = (
        "cls_author.md",
        README,
        "cls_institution.md",
        "cls_publication.md",
        "cls_year.md",
    )
    author_min_papers: ClassVar[int] = 1

    def cells(self, row: Row) -> list:
        return [row.meta, row.title, row.cover, row.venue, row.year, row.code, row.note]

    def sort_key(self, row: Row):
        return (row.year, row.venue, row.title, row.paper.source)

    def readme(self, inputs: RenderInputs, rows: list[Row]) -> str:
        """The prefix, the keyword view, the suffix."""
        keyword_view = self.view("keyword", self.groups(inputs, rows, "keyword"))
        return "".join([inputs.readme_prefix, "\n\n", "\n## Paper List\n\n", *keyword_view, inputs.readme_suffix])
