"""``papershelf stats``: the statistics of the list, as text, JSON, or SVG charts for its README."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from papershelf.cache.loader import load_library
from papershelf.library.atomic import write_text_atomic
from papershelf.stats import charts
from papershelf.stats.counts import Statistics, statistics
from papershelf.stats.timeline import read_conferences, timeline_svg, upcoming

CHART_FILES = ("papers_per_year.svg", "venues.svg", "keywords.svg", "authors.svg", "institutions.svg")


def run(library_dir: Path | str, top: int = 15, today: date | None = None) -> Statistics:
    library = load_library(library_dir)
    found = statistics(library.papers, library.config, top)
    return replace(found, conferences=tuple(upcoming(read_conferences(library.root), today or date.today())))


def write_charts(found: Statistics, folder: Path, today: date | None = None) -> list[Path]:
    """The charts as SVG files in ``folder`` (made if absent); their paths."""
    made = {
        "papers_per_year.svg": charts.columns("Papers per year", [(str(y), n) for y, n in found.per_year], True),
        "venues.svg": charts.horizontal_bars("Top venues", found.venues, True),
        "keywords.svg": charts.horizontal_bars("Keywords", found.keywords, True),
        "authors.svg": charts.horizontal_bars("Top authors", found.authors, True),
        "institutions.svg": charts.horizontal_bars("Top institutions", found.institutions, True),
    }
    if found.conferences:
        made["conferences.svg"] = timeline_svg(list(found.conferences), today or date.today(), True)
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in made.items():
        write_text_atomic(folder / name, text)
    return [folder / name for name in made]


def as_text(found: Statistics) -> str:
    def share(count: int) -> str:
        return f"{count} ({100 * count / found.papers:.0f} %)" if found.papers else "0"

    lines = [
        f"{found.papers} papers; with code {share(found.with_code)}; arXiv only {share(found.preprints)}",
        "",
        "papers per year:",
        *(f"  {year}  {count:5}" for year, count in found.per_year),
    ]
    for heading, rows in (("venues", found.venues), ("keywords", found.keywords), ("authors", found.authors),
                          ("institutions", found.institutions)):  # fmt: skip
        lines += ["", f"top {heading}:", *(f"  {count:5}  {name}" for name, count in rows)]
    if found.recent_years:
        years = "".join(f"{year:>6}" for year in found.recent_years)
        for heading, rows in (("venues", found.venues_by_year), ("keywords", found.keywords_by_year)):
            width = max((len(name) for name, _ in rows), default=10)
            lines += ["", f"{heading} per year:", f"  {'':{width}}{years}"]
            lines += [f"  {name:{width}}" + "".join(f"{n:6}" for n in counts) for name, counts in rows]
    if found.conferences:
        lines += ["", "upcoming conferences:"]
        for c in found.conferences:
            deadline = f"deadline {c.deadline}, " if c.deadline else ""
            level = f" ({c.level})" if c.level else ""
            lines.append(f"  {c.name}{level}: {deadline}{c.start}" + (f" to {c.end}" if c.end != c.start else ""))
    return "\n".join(lines) + "\n"
