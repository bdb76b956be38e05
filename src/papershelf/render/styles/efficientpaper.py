"""EfficientPaper's own formats, reproduced byte for byte.

``efficientpaper`` is the format of its ``cls_*.md`` views with a venue badge
column (seed 000); ``efficientpaper-columns`` is the older format with separate
``pub`` and ``year`` columns (seed 001).  Both keep the original's quirks (the
padded column names, the proto2 defaults of absent fields such as a note link
to ``note.md``) so that a list can switch to papershelf without a diff.  Only
its known defects are mended: links name files as they are on disk, and a
paper is listed once per group.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace

from papershelf.core.model import Paper
from papershelf.core.views import README, VIEWS, group, view_file
from papershelf.render.escape import literal, literal_url, safe_url
from papershelf.render.pipe_table import padded_table
from papershelf.render.style import Links, RenderInputs, Style

# What EfficientPaper's proto2 schema answers for fields a file leaves out.
PROTO2_DEFAULTS = {"title": "paper title", "venue": "arXiv", "code_type": "Pytorch", "note_url": "note.md"}
AUTHOR_MIN_PAPERS = 2
# The title column's padded name, by which `check` recognises views written in these styles.
TITLE = "ttttttttttttttttttttttttttttttitle"


def with_proto2_defaults(paper: Paper) -> Paper:
    missing = {name: value for name, value in PROTO2_DEFAULTS.items() if getattr(paper, name) is None}
    return replace(paper, **missing) if missing else paper


def badge(venue: str, year: int, color: str) -> str:
    text = literal_url(f"{year}-{venue}".replace(" ", "_"))
    return f"![Publish](https://img.shields.io/badge/{text}-{literal_url(color)})"


def code_cell(paper: Paper) -> str:
    url = safe_url(paper.code_url)
    if not url:
        return ""
    if "github.com" in url:
        owner_repo = url.split("/")[3:5]
        if len(owner_repo) == 2:
            repo = "/".join(map(literal_url, owner_repo))
            return f"![GitHub Repo stars](https://img.shields.io/github/stars/{repo})"
    return f"[{literal(paper.code_type or 'code')}]({literal_url(url)})"


def title_cell(paper: Paper) -> str:
    url = safe_url(paper.url)
    return f"[{literal(paper.title or '')}]({literal_url(url)})" if url else literal(paper.title or "")


def link_target(links: Links, paper: Paper, url: str) -> str | None:
    """Where a note or cover url points, as a view may write it; None for a url no view may link."""
    target = safe_url(links.target(paper, url))
    return literal_url(target) if target else None


class _Row:
    """The cells of one paper, computed once and shared by every view."""

    def __init__(self, paper: Paper, inputs: RenderInputs, links: Links):
        self.paper = paper
        self.meta = f"[{literal(paper.abbr or 'm')}](./{literal_url(paper.source)})"
        self.title = title_cell(paper)
        cover = link_target(links, paper, paper.cover_url) if paper.cover_url else None
        self.cover = f"<img width='400' alt='image' src='{cover}'>" if cover else ""
        self.venue = literal(paper.venue or "")
        self.year = paper.year or 0
        self.badge = badge(paper.venue or "", self.year, inputs.config.venue_color(paper.venue or ""))
        self.code = code_cell(paper)
        note = link_target(links, paper, paper.note_url) if paper.note_url else None
        self.note = f"[note]({note})" if note else ""


class EfficientPaperStyle(Style):
    name = "efficientpaper"
    headers = ["meta", TITLE, "ccccccccccccccccccover", "Publish", "codeeeee", "note"]

    def cells(self, row: _Row) -> list:
        return [row.meta, row.title, row.cover, row.badge, row.code, row.note]

    def sort_key(self, row: _Row):
        return (row.badge, row.title, row.paper.source)

    def prepare(self, inputs: RenderInputs, links: Links) -> dict[str, _Row]:
        """Every paper's row (its fields with the proto2 defaults), by source: shared by every view."""
        return {p.source: _Row(p, inputs, links) for p in map(with_proto2_defaults, inputs.papers)}

    def render(
        self,
        inputs: RenderInputs,
        links: Links,
        names: Collection[str] | None = None,
        prepared: dict[str, _Row] | None = None,
    ) -> dict[str, str]:
        rows = prepared if prepared is not None else self.prepare(inputs, links)
        papers = [row.paper for row in rows.values()]
        files = {}
        if names is None or README in names:
            files[README] = self.readme(inputs, papers, rows)
        for view in VIEWS:
            if names is None or view_file(view) in names:
                files[view_file(view)] = self.view(view, self.groups(inputs, papers, view), rows)
        return files

    def groups(self, inputs: RenderInputs, papers: list[Paper], view: str) -> dict:
        min_papers = AUTHOR_MIN_PAPERS if view == "author" else 1
        groups = group(papers, view, min_papers)
        if view == "keyword":  # keyed by label; two names with one label share a section
            by_label: dict[str, list[Paper]] = {}
            held: dict[str, set[Paper]] = {}  # what each label's list holds: `in` a list was quadratic
            for name, members in groups.items():
                label = inputs.config.keyword_label(name)
                target, seen = by_label.setdefault(label, []), held.setdefault(label, set())
                for paper in members:
                    if paper not in seen:  # Paper's equality, as the generator's list membership had it
                        seen.add(paper)
                        target.append(paper)
            groups = by_label
        return dict(sorted(groups.items(), reverse=(view == "year")))

    def view(self, view: str, groups: dict, rows: dict) -> str:
        out = [f"<details open><summary>\n\n### {view}\n</summary> \n<p>\n\n"]
        for key, members in groups.items():
            table_rows = sorted((rows[p.source] for p in members), key=self.sort_key)
            table = padded_table(self.headers, [self.cells(r) for r in table_rows])
            heading = literal(str(key))
            out.append(f"<details open><summary><b>{heading}</b></summary> \n<p>\n\n{table}</p>\n</details>\n")
        out.append("</p>\n</details>\n\n")
        return "".join(out)

    def readme(self, inputs: RenderInputs, papers: list[Paper], rows: dict) -> str:
        out = [inputs.readme_prefix, "\n\n", "\n## Paper List\n\n"]
        out.append("<details open><summary>\n\n### year\n</summary> \n<p>\n\n")
        for year, members in self.groups(inputs, papers, "year").items():
            out.append(f"<details open><summary><b>{year}</b></summary> \n<p>\n\n")
            listed = sorted((rows[p.source] for p in members), key=lambda r: (r.year, r.venue, r.title, r.paper.source))
            for number, row in enumerate(listed, start=1):
                out.append(f"{number}. {row.title} [{row.badge}] {row.code} \n")
            out.append("</p>\n</details>\n")
        out.append("</p>\n</details>\n\n")
        out.append(inputs.readme_suffix)
        return "".join(out)


class EfficientPaperColumnsStyle(EfficientPaperStyle):
    name = "efficientpaper-columns"
    headers = ["meta", TITLE, "ccccccccccccccccccover", "pub", "year", "codeeeee", "note"]

    def cells(self, row: _Row) -> list:
        return [row.meta, row.title, row.cover, row.venue, row.year, row.code, row.note]

    def sort_key(self, row: _Row):
        return (row.year, row.venue, row.title, row.paper.source)
