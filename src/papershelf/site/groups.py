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
from papershelf.site.neighbours import Summary
from papershelf.site.pages import Pages, group_row
from papershelf.stats import charts
from papershelf.stats.counts import Tally, statistics_of
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


def group_pages(ordered: list[Paper], pages: Pages) -> tuple[list[tuple], dict[str, dict[str, str]]]:
    """The group pages to write, as (path, word, kind, label, members, name), and each kind's {name: path}
    for the links to them; `render_group` makes a page's HTML (the caller decides where).
    ``ordered``: the papers in `order_key` order, the order each page's members keep."""
    planned: list[tuple] = []
    paths: dict[str, dict[str, str]] = {}
    least = max(1, pages.config.author_min_papers)
    for kind, (_, word, _) in KINDS.items():
        taken: set[str] = set()
        paths[kind] = {}
        for name, members in sorted(grouped(ordered, kind).items()):
            if kind in ("author", "institution") and len(members) < least:
                continue
            label = pages.config.keyword_label(name) if kind == "keyword" else name
            base = stem_base(label)
            stem, n = base, 2
            while stem in taken:
                stem, n = f"{base}-{n}", n + 1
            taken.add(stem)
            path = group_path(kind, stem)
            paths[kind][label] = path
            planned.append((path, word, kind, label, members, name))
    return planned, paths


def group_path(kind: str, stem: str) -> str:
    return f"{KINDS[kind][0]}/{stem}.html"


def stem_base(label: str) -> str:
    """A group page's file name before a number tells it from another's (`group_pages`)."""
    return slug(label).lower() or "group"


def render_group(pages: Pages, planned: tuple, summaries: dict[str, Summary]) -> str:
    path, word, kind, label, members = planned[:5]
    rows = "".join(group_row(summaries[p.source]) for p in members)  # in order (`group_pages`)
    return pages.group(word, kind, label, len(members), rows)


def stats_page(counted: Tally, pages: Pages, conferences: list = ()) -> str:
    """The statistics page of the papers ``counted`` (`stats.counts.tally`)."""
    found = statistics_of(counted, pages.config, TOP)
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
    return pages.stats(counted.papers, year_chart, bars, heat)
