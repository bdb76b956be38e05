"""``papershelf graph``."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from papershelf.cli.app import app
from papershelf.cli.common import format_option, library_option, usage_errors


@app.command("graph", short_help="The lineage of the list's methods: which paper builds on which.")
@library_option
@format_option("text", "json", "mermaid", "dot", help="A summary, JSON, Mermaid charts or Graphviz DOT.")
@click.option("--out", type=click.Path(path_type=Path), help="Write it here (default: print it).")
@click.option("--fetch-citations", is_flag=True, help="Look up the papers' citations in OpenAlex (kept after).")
@click.option("--foundations", type=click.IntRange(1, 10000), default=3, show_default=True,
              help="Missing foundations: works cited by this many papers of the list, not in it.")  # fmt: skip
def graph_command(library: Path, output_format: str, out: Path | None, fetch_citations: bool, foundations: int) -> None:
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
        graph = citations.lineage(library, fetch_citations, foundations)
        text = formats.WRITERS[output_format](graph)
        if out is not None:
            from papershelf.library.atomic import write_text_atomic

            write_text_atomic(out, text)
            return
    sys.stdout.write(text)
