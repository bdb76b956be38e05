"""``papershelf graph``."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from papershelf.cli.app import app
from papershelf.cli.common import day, format_option, library_option, usage_errors

FOUNDATIONS_HELP = "Works cited by (or citing) this many of the list: its missing foundations (new derivatives)."


@app.command("graph", short_help="The lineage of the list's methods: which paper builds on which.")
@library_option
@format_option("text", "json", "mermaid", "dot", help="A summary, JSON, Mermaid charts or Graphviz DOT.")
@click.option("--out", type=click.Path(path_type=Path), help="Write it here (default: print it).")
@click.option("--fetch-citations", is_flag=True, help="Look up the papers' citations in OpenAlex (kept after).")
@click.option("--foundations", type=click.IntRange(1, 10000), default=3, show_default=True, help=FOUNDATIONS_HELP)
@click.option("--since", help="With --fetch-citations: the new derivatives published from this date (YYYY-MM-DD).")
def graph_command(library: Path, output_format: str, out: Path | None, fetch_citations: bool, foundations: int,
                  since: str | None) -> None:  # fmt: skip
    """The graph of the baselines each paper names (baseline { methods: ... }), each resolved to a
    paper of the list by its file name, abbreviation or title in any spelling, with or without its
    year: families, the papers most built on, the roots and newest leaves of each family, and the
    references that name no one paper (check's rule baseline reports them too, and --fix writes
    the resolved ones as their files spell them).  With citations (--fetch-citations once, kept
    in .papershelf/), also the edges of papers citing each other (kind cites) and the missing
    foundations."""
    from papershelf.ingest import citations
    from papershelf.lineage import formats

    with usage_errors():
        graph, _ = citations.lineage(library, fetch_citations, foundations, day(since, "--since"))
        text = formats.WRITERS[output_format](graph)
        if out is not None:
            from papershelf.library.atomic import write_text_atomic

            write_text_atomic(out, text)
            return
    sys.stdout.write(text)
