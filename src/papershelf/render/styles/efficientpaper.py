"""EfficientPaper's current format (since July 2025), reproduced byte for byte.

Unpadded tables (``| Meta | Title | Cover | Publish | Code | Note |``) with a
row of width spacers under the header, cells written as they are; keyword
sections headed by the keyword's place in the vocabulary and its label
(``05-Sparse/Pruning``).  README.md is as in the 2025-06 generation.

One quirk of this generator shows on real lists and is kept: a paper that
names one author (or institution, or keyword) twice is listed twice in that
section, and its row is garbled the way the generator garbles it (it rewrote
one shared row once per listing: the badge wraps the code cell, and the last
cells read ``None``).  `repeated_cells` says exactly how.
"""

from __future__ import annotations

from collections import Counter

from papershelf.core.model import Paper
from papershelf.core.views import group
from papershelf.render.escape import literal
from papershelf.render.page import Parts
from papershelf.render.style import RenderInputs
from papershelf.render.styles.efficientpaper_2025_06 import SECTIONS_END, SECTIONS_START, EfficientPaper2025_06Style
from papershelf.render.styles.efficientpaper_cells import Row, paper_of

WIDTHS = (50, 400, 400, 100, 100, 60)  # the spacer row's pixel widths, one per column
TABLE_HEAD = (
    "\n| Meta | Title | Cover | Publish | Code | Note |\n|:-----|:------|:------|:--------|:-----|:-----|\n|"
    + "|".join(f'<div style="width: {w}px"></div>' for w in WIDTHS)
    + "|\n"
)
REWRITES_BEFORE_CRASH = 3  # a fourth listing made the generator fail; papershelf lists it as the third
UNKNOWN_COLOR = "green"  # the generator's colour for a badge text that is no venue


def repeated_names(view: str, paper: Paper) -> Counter | None:
    """How often ``paper`` names each of its keys in ``view`` (the times the generator listed it
    there), or None when it names each once, as nearly every paper does."""
    if view == "author":
        names = paper.split_authors()
    elif view == "institution":
        names = paper.institutions
    elif view == "keyword":
        names = paper.keywords
    else:
        return None
    return Counter(names) if len(set(names)) < len(names) else None


def repeated_cells(row: Row, times: int) -> list[str]:
    """The cells of a paper listed ``times`` times in one section, as the generator wrote them.

    It rewrote its one shared row [meta, title, cover, venue, year, code, note]
    once per listing: the fourth cell became the badge of the fourth and fifth,
    and the fifth was dropped.  Once gives the usual row; twice, the badge of
    (the code cell, the badge); missing cells print as ``None``.
    """
    cells = [row.meta, row.title, row.cover, row.badge, row.code, row.note]
    for _ in range(min(times, REWRITES_BEFORE_CRASH) - 1):
        text = f"{cells[4]}-{cells[3]}".replace(" ", "_")
        cells[3] = f"![Publish](https://img.shields.io/badge/{text}-{UNKNOWN_COLOR})"
        del cells[4]
    return cells + ["None"] * (6 - len(cells))


class EfficientPaperStyle(EfficientPaper2025_06Style):
    name = "efficientpaper"

    def groups(self, inputs: RenderInputs, rows: list[Row], view: str) -> dict:
        """Groups of (row, times its paper is named), kept when the listings number at least the
        view's minimum."""
        minimum = self.author_min_papers if view == "author" else 1
        repeats = {row: counts for row in rows if (counts := repeated_names(view, row.paper))}
        groups = {}
        for key, members in group(rows, view, paper_of=paper_of).items():
            listed = [(row, repeats[row][key] if row in repeats else 1) for row in members]
            if sum(times for _, times in listed) >= minimum:
                groups[key] = listed
        if view == "keyword":
            place = {name: number for number, name in enumerate(inputs.vocabulary)}
            groups = {f"{place[k]:02}-{inputs.config.keyword_label(k)}": v for k, v in groups.items()}
        return dict(sorted(groups.items(), reverse=(view == "year")))

    def view(self, view: str, groups: dict) -> Parts:
        out = Parts([SECTIONS_START.format(view=view)])
        for key, listed in groups.items():
            lines = []
            for row, times in listed:
                cells = repeated_cells(row, times)
                lines += [(cells[3], cells[1], row.paper.source, "| " + " | ".join(cells) + " |\n")] * times
            lines.sort()
            body = TABLE_HEAD + "".join(line for *_, line in lines)
            out.append(f"<details open><summary><b>{literal(str(key))}</b></summary> \n<p>\n\n{body}</p>\n</details>\n")
        out.append(SECTIONS_END)
        return out

    def readme(self, inputs: RenderInputs, rows: list[Row]) -> str:
        year_groups = {year: [row for row, _ in listed] for year, listed in self.groups(inputs, rows, "year").items()}
        return self.year_list(inputs, year_groups)
