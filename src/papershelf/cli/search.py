"""``papershelf search`` and ``papershelf list``."""

from __future__ import annotations

import sys

import click

from papershelf.cli.app import app
from papershelf.cli.common import format_option, library_option, say, usage_errors


def filter_options(command):
    """The filters search and list share, and their output options."""
    options = [
        library_option,
        click.option("--year", help="A year or a range: 2023, 2023..2025, 2023.., ..2020."),
        click.option("--venue", multiple=True, help="Published at this venue (repeat: any of them)."),
        click.option("--keyword", multiple=True, help="Has this keyword, by name or label."),
        click.option("--author", multiple=True, help="Has this author (repeat: all of them)."),
        click.option("--institution", multiple=True, help="Has this institution."),
        click.option("--has-code", is_flag=True, help="Only papers with a code link."),
        click.option("--facets", is_flag=True, help="Also count the papers by year, venue, keyword, institution."),
        format_option("table", "json", "ids", help="table, json or ids (one id a line)."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _filters(year, venue, keyword, author, institution, has_code):
    from papershelf.search.query import Filters, parse_years

    return Filters(
        years=parse_years(year),
        venues=tuple(venue),
        keywords=tuple(keyword),
        authors=tuple(author),
        institutions=tuple(institution),
        has_code=has_code,
    )


def _print_found(found, output_format: str, facets: bool, nothing: str) -> None:
    from papershelf.cli import search_output

    if not found.total and output_format == "table":
        say(nothing)
    else:
        sys.stdout.write(search_output.render(found, output_format, facets))
    sys.exit(0 if found.total else 1)


@app.command("search", short_help="Full-text search, best match first.")
@click.argument("query")
@filter_options
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True, help="Show at most this many.")
def search_command(query, library, year, venue, keyword, author, institution, has_code, facets, output_format, limit):
    """Full-text search for QUERY over titles, authors, institutions, venues, keywords and notes, best first.

    QUERY takes words, prefixes (quant*), phrases ("kv cache") and AND/OR/NOT.
    """
    from papershelf.search import engine as search

    with usage_errors():
        filters = _filters(year, venue, keyword, author, institution, has_code)
        found = search.run(library, query, filters, limit, facets)
    _print_found(found, output_format, facets, f"no paper matches {query!r}")


@app.command("list", short_help="List the papers the filters select.")
@filter_options
@click.option("--sort", default="year", show_default=True, help="year, venue, title or updated.")
@click.option("--limit", type=click.IntRange(min=1), help="Show at most this many papers.")
def list_command(library, year, venue, keyword, author, institution, has_code, facets, output_format, sort, limit):
    """List the papers the filters select (all of them without filters), in the order --sort gives."""
    from papershelf.search import listing

    with usage_errors():
        filters = _filters(year, venue, keyword, author, institution, has_code)
        found = listing.run(library, filters, sort, limit, facets)
    _print_found(found, output_format, facets, "no paper matches these filters")
