"""A page per venue, keyword, institution and author, and the statistics page.

Group pages list their papers newest first and link back to the search page
filtered on them.  Authors and institutions get a page from ``[build]
author_min_papers`` papers on (2 by default), as the author view does, so a
list of 100,000 papers does not write a page for each of its 300,000 names.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from papershelf.core.model import Paper
from papershelf.core.names import slug
from papershelf.site import charts
from papershelf.site.pages import Pages

KINDS = {  # facet name -> (folder, heading word, the names a paper has)
    "venue": ("venues", "Venue", lambda p: [p.venue] if p.venue else []),
    "keyword": ("keywords", "Keyword", lambda p: list(dict.fromkeys(p.keywords))),
    "institution": ("institutions", "Institution", lambda p: p.institution_names()),
    "author": ("authors", "Author", lambda p: p.author_names()),
}
TOP = 15
HEAT_VENUES, HEAT_YEARS = 10, 10


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


def stats_page(papers: list[Paper], pages: Pages) -> str:
    config = pages.config
    years = Counter(p.year for p in papers if p.year)
    year_chart = charts.columns("Papers per year", [(str(y), years[y]) for y in sorted(years)])

    def top(kind: str) -> list[tuple[str, int]]:
        counts = Counter({name: len(m) for name, m in grouped(papers, kind).items()})
        found = counts.most_common(TOP)
        return [(config.keyword_label(n), c) for n, c in found] if kind == "keyword" else found

    bars = [
        charts.horizontal_bars("Top venues", top("venue")),
        charts.horizontal_bars("Keywords", top("keyword")),
        charts.horizontal_bars("Top authors", top("author")),
        charts.horizontal_bars("Top institutions", top("institution")),
    ]
    recent = sorted(years)[-HEAT_YEARS:]
    heat = []
    for kind, label in (("venue", "Venues"), ("keyword", "Keywords")):
        names = [n for n, _ in Counter({n: len(m) for n, m in grouped(papers, kind).items()}).most_common(HEAT_VENUES)]
        by = {n: Counter(p.year for p in grouped(papers, kind)[n]) for n in names}
        shown = [config.keyword_label(n) if kind == "keyword" else n for n in names]
        heat.append((label, recent, [(s, [by[n][y] for y in recent]) for s, n in zip(shown, names)]))
    return pages.stats(len(papers), year_chart, bars, heat)
