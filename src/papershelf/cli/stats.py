"""``papershelf stats``."""

from __future__ import annotations

import json
from pathlib import Path

import click

from papershelf.cli.app import app
from papershelf.cli.common import format_option, library_option, say, usage_errors


@app.command("stats", short_help="Counts and growth of the list, as text, JSON or SVG charts.")
@library_option
@format_option("text", "json", help="Report as text or json.")
@click.option("--top", type=click.IntRange(1, 1000), default=15, show_default=True, help="Names in each top list.")
@click.option("--svg", "svg_folder", type=click.Path(path_type=Path), help="Also write the charts as SVG files here.")
def stats_command(library: Path, output_format: str, top: int, svg_folder: Path | None) -> None:
    """Papers per year, top venues, keywords, authors and institutions, venues and keywords over the
    recent years, the share with code and the share that is an arXiv preprint only (names as
    [aliases] give them).  --svg DIR writes the charts for a README (colours that read in light
    and dark mode)."""
    from papershelf.stats import run

    with usage_errors():
        found = run.run(library, top)
        written = run.write_charts(found, svg_folder) if svg_folder is not None else []
    if output_format == "json":
        print(json.dumps(found.as_dict(), indent=2, ensure_ascii=False))
    else:
        print(run.as_text(found), end="")
    for path in written:
        say(f"wrote {path}")
