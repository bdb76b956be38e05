"""``papershelf init``."""

from __future__ import annotations

from pathlib import Path

import click

from papershelf.cli.app import app
from papershelf.cli.common import say, usage_errors


@app.command("init", short_help="Start a paper list in DIR (default: here).")
@click.argument("directory", required=False, default=".", type=click.Path(path_type=Path))
def init_command(directory: Path) -> None:
    """Start a paper list in DIRECTORY: meta/, a commented papershelf.toml, README_prefix.md,
    .gitignore and a GitHub Actions workflow running `papershelf check`.  In a library, nothing
    is changed."""
    from papershelf.start import init

    with usage_errors():
        result = init.run(directory)
    if result.already:
        print(f"{directory} is a paper library already (it has meta/ or papershelf.toml); nothing changed")
        return
    for warning in result.warnings:
        say(f"warning: {warning}")
    for name in result.written:
        print(f"wrote {directory / name}")
    for name in result.kept:
        print(f"kept {directory / name} (there already)")
    print(f"next: papershelf add -L {directory} 2301.00774   (or --title ... offline), then papershelf build")
