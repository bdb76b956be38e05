"""A page per venue, keyword, institution and author, and the statistics page.

Group pages list their papers newest first and link back to the search page
filtered on them.  Authors and institutions get a page from ``[build]
author_min_papers`` papers on (2 by default), as the author view does, so a
list of 100,000 papers does not write a page for each of its 300,000 names.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from papershelf.core.model import Paper
from papershelf.core.names import slug
from papershelf.site.pages import Pages
from papershelf.stats import charts
from papershelf.stats.counts import statistics
from papershelf.stats.timeline import timeline_svg

KINDS = {  # facet name -> (folder, heading word, the names a paper has)
    "venue": ("venues", "Venue", lambda p: [p.venue] if p.venue else []),
    "keyword": ("keywords", "Keyword", lambda p: list(dict.fromkeys(p.keywords))),
    "institution": ("institutions", "Institution", lambda p: p.institution_names()),
    "author": ("authors", "Author", lambda p: p.author_names()),
}
TOP = 15
HEAT_ROWS = 10  # venues and keywords over the recent years


def grouped(papers: list[Paper], kind: str) -> dict[str, list[Paper]]:
    members: dict[str, list[Paper]] = defaultdict(list)
    names = KINDS[kind][2]
    for paper in papers:
        for name in names(paper):
            members[name].append(paper)
    return members


def group_pages(papers: list[Paper], pages: Pages) -> tuple[list[tuple], dict[str, dict[str, str]]]:
    """The group pages to write, as (path, word, kind, label, members), and each kind's {name: path}
    for the links to them; `render_group` makes a page's HTML (the caller decides where)."""
    planned: list[tuple] = []
    paths: dict[str, dict[str, str]] = {}
    least = max(1, pages.config.author_min_papers)
    for kind, (folder, word, _) in KINDS.items():
        taken: set[str] = set()
        paths[kind] = {}
        for name, members in sorted(grouped(papers, kind).items()):
            if kind in ("author", "institution") and len(members) < least:
                continue
            label = pages.config.keyword_label(name) if kind == "keyword" else name
            base = slug(label).lower() or "group"
            stem, n = base, 2
            while stem in taken:
                stem, n = f"{base}-{n}", n + 1
            taken.add(stem)
            path = f"{folder}/{stem}.html"
            paths[kind][label] = path
            planned.append((path, word, kind, label, members))
    return planned, paths


def render_group(pages: Pages, planned: tuple) -> str:
    path, word, kind, label, members = planned
    members = sorted(members, key=lambda p: (-(p.year or 0), (p.title or "").lower()))
    return pages.group(word, kind, label, members)


def stats_page(papers: list[Paper], pages: Pages, conferences: list = ()) -> str:
    found = statistics(papers, pages.config, TOP)
    year_chart = charts.columns("Papers per year", [(str(y), n) for y, n in found.per_year])
    bars = [
        charts.horizontal_bars("Top venues", found.venues),
        charts.horizontal_bars("Keywords", found.keywords),
        charts.horizontal_bars("Top authors", found.authors),
        charts.horizontal_bars("Top institutions", found.institutions),
    ]
    heat = [
        ("Venues", found.recent_years, found.venues_by_year[:HEAT_ROWS]),
        ("Keywords", found.recent_years, found.keywords_by_year[:HEAT_ROWS]),
    ]
    if conferences:
        bars.append(timeline_svg(conferences, date.today()))
    return pages.stats(len(papers), year_chart, bars, heat)
