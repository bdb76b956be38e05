"""``papershelf import-markdown``."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from papershelf.cli.app import app
from papershelf.cli.common import format_option, say, usage_errors


@app.command("import-markdown", short_help="Turn awesome-list pages into metadata files.")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--into", required=True, type=click.Path(path_type=Path), help="The library to write into (created if absent)."
)
@click.option("--dry-run", is_flag=True, help="Show what would be written; write nothing.")
@click.option("--update", is_flag=True, help="Add what the pages say to papers the library holds already.")
@format_option("text", "json", help="Report as text or json.")
def import_markdown_command(files, into: Path, dry_run: bool, update: bool, output_format: str) -> None:
    """Read list pages (FILES: any awesome-list README, EfficientPaper's README.md and cls_*.md) into
    one metadata file per paper.  Exit 1 when an entry was not understood or a paper is held already."""
    from papershelf.ingest import import_markdown

    with usage_errors():
        result = import_markdown.run(list(files), into, dry_run=dry_run, update=update)
    for problem in result.problems:
        say(problem)
    if output_format == "json":
        print(json.dumps(result.as_dict(), indent=2, ensure_ascii=False))
    else:
        if dry_run:
            for path in result.written:
                print(f"would write {path}")
        verb = "would write" if dry_run else "wrote"
        config = f"; {verb} papershelf.toml" if result.config_written else ""
        updated = f", updated {result.updated}" if update else ""
        print(
            f"{verb} {result.papers} paper(s) into {into}{updated}: merged {result.merged} entries into papers "
            f"already read, skipped {result.skipped} held already, {result.not_understood} line(s) not "
            f"understood{config}"
        )
    sys.exit(0 if result.complete else 1)
