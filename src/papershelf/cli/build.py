"""``papershelf build``."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from papershelf.cli.app import app
from papershelf.cli.common import ProgressBar, format_option, library_option, say, usage_errors


@app.command("build", short_help="Render README.md and the cls_*.md views.")
@library_option
@click.option("--out", type=click.Path(path_type=Path), help="Where to write the views (default: the library root).")
@click.option(
    "--style",
    help="papershelf, efficientpaper, efficientpaper-2025-06 or efficientpaper-2024-03 (default: from config).",
)
@click.option("--keep-going", is_flag=True, help="Build from the good files when some do not parse.")
@format_option("text", "json", help="Report as text or json.")
def build_command(library: Path, out: Path | None, style: str | None, keep_going: bool, output_format: str) -> None:
    """Render README.md and the cls_*.md views (keyword, year, publication, institution, author)."""
    with usage_errors():
        result = _build_with_progress(library, out, style, keep_going)
    for error in result.errors:
        say(str(error))
    if output_format == "json":
        print(json.dumps(result.as_dict(), indent=2))
    elif result.errors and not result.built:
        say(
            f"papershelf: {len(result.errors)} file(s) do not parse; nothing was written "
            "(fix them, or build the rest with --keep-going)",
        )
    else:
        skipped = f", {len(result.errors)} bad file(s) left out" if result.errors else ""
        print(
            f"built {result.papers} papers in style {result.style} into {result.out_dir}: "
            f"{len(result.written)} file(s) written, {len(result.unchanged)} unchanged{skipped}"
        )
    sys.exit(1 if result.errors else 0)


def _build_with_progress(library: Path, out: Path | None, style: str | None, keep_going: bool):
    from papershelf.render import build

    with ProgressBar() as progress:
        return build.run(library, out, style, keep_going, progress=progress)
