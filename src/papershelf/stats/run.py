"""``papershelf stats``: the statistics of the list, as text, JSON, or SVG charts for its README."""

from __future__ import annotations

from pathlib import Path

from papershelf.cache.loader import load_library
from papershelf.library.atomic import write_text_atomic
from papershelf.stats import charts
from papershelf.stats.counts import Statistics, statistics

CHART_FILES = ("papers_per_year.svg", "venues.svg", "keywords.svg", "authors.svg", "institutions.svg")


def run(library_dir: Path | str, top: int = 15) -> Statistics:
    library = load_library(library_dir)
    return statistics(library.papers, library.config, top)


def write_charts(found: Statistics, folder: Path) -> list[Path]:
    """The charts as SVG files in ``folder`` (made if absent); their paths."""
    made = {
        "papers_per_year.svg": charts.columns("Papers per year", [(str(y), n) for y, n in found.per_year], True),
        "venues.svg": charts.horizontal_bars("Top venues", found.venues, True),
        "keywords.svg": charts.horizontal_bars("Keywords", found.keywords, True),
        "authors.svg": charts.horizontal_bars("Top authors", found.authors, True),
        "institutions.svg": charts.horizontal_bars("Top institutions", found.institutions, True),
    }
    folder.mkdir(parents=True, exist_ok=True)
    for name in CHART_FILES:
        write_text_atomic(folder / name, made[name])
    return [folder / name for name in CHART_FILES]


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
    return "\n".join(lines) + "\n"
