"""The cells of EfficientPaper's views, shared by every generation of its format.

Every generation keeps the original's quirks (the proto2 defaults of absent
fields such as a note link to ``note.md``) so that a list can switch to
papershelf without a diff.  Only its known defects are mended: links name files
as they are on disk.
"""

from __future__ import annotations

from dataclasses import replace
from operator import attrgetter

from papershelf.core.model import Paper
from papershelf.render.escape import literal, literal_url, safe_url
from papershelf.render.style import Links, RenderInputs

# What EfficientPaper's proto2 schema answers for fields a file leaves out.
PROTO2_DEFAULTS = {"title": "paper title", "venue": "arXiv", "code_type": "Pytorch", "note_url": "note.md"}
AUTHOR_MIN_PAPERS = 2
# The title column's padded name, by which `check` recognises views written in these styles.
TITLE = "ttttttttttttttttttttttttttttttitle"


def with_defaults(paper: Paper, defaults: dict = PROTO2_DEFAULTS) -> Paper:
    """The paper as the generator saw it: each field it leaves out set to the schema's default."""
    missing = {name: value for name, value in defaults.items() if getattr(paper, name) is None}
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


class Row:
    """The cells of one paper, computed once and shared by every view."""

    def __init__(self, paper: Paper, inputs: RenderInputs, links: Links):
        self.paper = paper
        # Made on first use, by the one style rendering: its cells as a padded table needs them,
        # the whole table of a section listing it alone (most authors' sections: it recurs), and
        # its sort key inside a section.
        self.table_row = None
        self.alone = None
        self.order = None
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


paper_of = attrgetter("paper")  # a Row's paper, for `views.group`
