"""``papershelf import-markdown``."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from papershelf.cli.app import app
from papershelf.cli.common import format_option, say, usage_errors


@app.command("import-markdown", short_help="Turn an awesome-list's pages into metadata files.")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--into", required=True, type=click.Path(path_type=Path), help="The library to write into (created if absent)."
)
@format_option("text", "json", help="Report as text or json.")
def import_markdown_command(files, into: Path, output_format: str) -> None:
    """Turn an awesome-list's pages (FILES: README.md, cls_*.md) back into one metadata file per paper."""
    from papershelf.ingest import import_markdown

    with usage_errors():
        result = import_markdown.run(list(files), into)
    for problem in result.problems:
        say(problem)
    if output_format == "json":
        print(json.dumps(result.as_dict(), indent=2, ensure_ascii=False))
    else:
        config = "; wrote papershelf.toml" if result.config_written else ""
        print(
            f"wrote {result.papers} paper(s) into {into}, merged {result.merged} row(s) into papers "
            f"already read, skipped {result.skipped}{config}"
        )
    sys.exit(1 if result.skipped else 0)
