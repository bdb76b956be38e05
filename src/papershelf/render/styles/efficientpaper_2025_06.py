"""EfficientPaper's format of 2024-2025 (seed 000), reproduced byte for byte.

Views are pandas-padded tables with a venue badge column (``Publish``) and the
generator's padded column names; README.md lists the papers by year as
numbered items.  A paper is listed once per group (the generator listed it
once per repetition of a name), and two keyword names with one label share a
section, as the generator's label-keyed dict had it.

`EfficientPaper2025_06Style` is also the frame of the other generations: they
change its hooks (the columns, the table layout, the keyword sections, what
README.md holds), never its grouping.
"""

from __future__ import annotations

from collections.abc import Collection, Hashable
from operator import attrgetter
from typing import ClassVar

from papershelf.core.model import Paper
from papershelf.core.views import README, VIEWS, group, view_file
from papershelf.render.escape import literal
from papershelf.render.page import Parts
from papershelf.render.pipe_table import TableRow, padded_table_of
from papershelf.render.style import Links, RenderInputs, Style
from papershelf.render.styles.efficientpaper_cells import (
    AUTHOR_MIN_PAPERS,
    PROTO2_DEFAULTS,
    TITLE,
    Row,
    paper_of,
    with_defaults,
)

_order = attrgetter("order")
SECTIONS_START = "<details open><summary>\n\n### {view}\n</summary> \n<p>\n\n"
SECTIONS_END = "</p>\n</details>\n\n"


class EfficientPaper2025_06Style(Style):
    name = "efficientpaper-2025-06"
    headers: ClassVar[list[str]] = ["meta", TITLE, "ccccccccccccccccccover", "Publish", "codeeeee", "note"]
    defaults: ClassVar[dict] = PROTO2_DEFAULTS  # what the generation's schema answered for absent fields
    views: ClassVar[tuple[str, ...]] = VIEWS  # the cls_<view>.md files written
    author_min_papers: ClassVar[int] = AUTHOR_MIN_PAPERS
    # At 100,000 papers: the author view 7.8 s, keyword 2.7, institution 2.2, the rest 1 s or less.
    heaviest_first: ClassVar[tuple[str, ...]] = (
        "cls_author.md",
        "cls_keyword.md",
        "cls_institution.md",
        "cls_publication.md",
        "cls_year.md",
        README,
    )

    def cells(self, row: Row) -> list:
        return [row.meta, row.title, row.cover, row.badge, row.code, row.note]

    def sort_key(self, row: Row):
        return (row.badge, row.title, row.paper.source)

    def table(self, rows: list[Row]) -> str:
        for row in rows:
            if row.table_row is None:  # once per paper, though it is listed in many sections
                row.table_row = TableRow(self.cells(row))
        if len(rows) == 1:
            if rows[0].alone is None:
                rows[0].alone = padded_table_of(self.headers, [rows[0].table_row])
            return rows[0].alone
        return padded_table_of(self.headers, [row.table_row for row in rows])

    def section(self, key: Hashable, rows: list[Row]) -> str:
        heading = literal(str(key))
        return f"<details open><summary><b>{heading}</b></summary> \n<p>\n\n{self.table(rows)}</p>\n</details>\n"

    def keyword_sections(self, inputs: RenderInputs, groups: dict[str, list[Row]]) -> dict[str, list[Row]]:
        """Keyword groups by section heading: the label, two names with one label sharing it."""
        by_label: dict[str, list[Row]] = {}
        held: dict[str, set[Paper]] = {}  # what each label's list holds: `in` a list was quadratic
        for name, members in groups.items():
            label = inputs.config.keyword_label(name)
            target, seen = by_label.setdefault(label, []), held.setdefault(label, set())
            for row in members:
                if row.paper not in seen:  # Paper's equality, as the generator's list membership had it
                    seen.add(row.paper)
                    target.append(row)
        return by_label

    def prepare(self, inputs: RenderInputs, links: Links) -> dict[str, Row]:
        """Every paper's row (its fields with the schema's defaults), by source: shared by every view.
        The links are looked up first, on two cores for many papers."""
        papers = [with_defaults(p, self.defaults) for p in inputs.papers]
        links.resolve_all(papers)
        return {p.source: Row(p, inputs, links) for p in papers}

    def render(
        self,
        inputs: RenderInputs,
        links: Links,
        names: Collection[str] | None = None,
        prepared: dict[str, Row] | None = None,
    ) -> dict[str, str | Parts]:
        rows = list((prepared if prepared is not None else self.prepare(inputs, links)).values())
        files = {}
        if names is None or README in names:
            files[README] = self.readme(inputs, rows)
        for view in self.views:
            if names is None or view_file(view) in names:
                files[view_file(view)] = self.view(view, self.groups(inputs, rows, view))
        return files

    def groups(self, inputs: RenderInputs, rows: list[Row], view: str) -> dict:
        """The papers' rows by key, sorted by key.  Rows, not papers: a view looks up nothing (for
        an author view of 100,000 papers, 700,000 lookups that took 1.5 s, each a paper touched)."""
        groups = group(rows, view, self.author_min_papers if view == "author" else 1, paper_of)
        if view == "keyword":
            groups = self.keyword_sections(inputs, groups)
        return dict(sorted(groups.items(), reverse=(view == "year")))

    def view(self, view: str, groups: dict[Hashable, list[Row]]) -> Parts:
        out = Parts([SECTIONS_START.format(view=view)])
        for key, listed in groups.items():
            for row in listed:
                if row.order is None:  # once per paper, though it is listed in many sections
                    row.order = self.sort_key(row)
            listed.sort(key=_order)
            out.append(self.section(key, listed))
        out.append(SECTIONS_END)
        return out

    def readme(self, inputs: RenderInputs, rows: list[Row]) -> str:
        return self.year_list(inputs, self.groups(inputs, rows, "year"))

    def year_list(self, inputs: RenderInputs, year_groups: dict[int, list[Row]]) -> str:
        """README.md: the prefix, the papers by year as numbered items, the suffix."""
        out = [inputs.readme_prefix, "\n\n", "\n## Paper List\n\n", SECTIONS_START.format(view="year")]
        for year, members in year_groups.items():
            out.append(f"<details open><summary><b>{year}</b></summary> \n<p>\n\n")
            listed = sorted(members, key=lambda r: (r.year, r.venue, r.title, r.paper.source))
            for number, row in enumerate(listed, start=1):
                out.append(f"{number}. {row.title} [{row.badge}] {row.code} \n")
            out.append("</p>\n</details>\n")
        out.append(SECTIONS_END)
        out.append(inputs.readme_suffix)
        return "".join(out)
