"""``papershelf export``."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from papershelf.cli.app import app
from papershelf.cli.common import library_option, say, usage_errors


@app.command("export", short_help="Export as BibTeX, CSL-JSON, JSON or CSV.")
@click.option(
    "output_format",
    "--format",
    required=True,
    type=click.Choice(["bibtex", "csl-json", "json", "csv"]),
    help="bibtex, csl-json, json or csv.",
)
@library_option
@click.option("--out", type=click.Path(path_type=Path), help="Write to this file instead of printing.")
def export_command(output_format: str, library: Path, out: Path | None) -> None:
    """Export the library as BibTeX, CSL-JSON, JSON (the full model) or CSV."""
    from papershelf import export

    with usage_errors():
        result = export.run(library, output_format, out)
    for error in result.errors:
        say(f"{error} (left out)")
    if out is None:
        sys.stdout.write(result.text)
    else:
        say(f"exported {result.papers} paper(s) to {out}")
    sys.exit(1 if result.errors else 0)
