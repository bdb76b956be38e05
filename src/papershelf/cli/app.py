"""The ``papershelf`` group that every command module adds its command to."""

from __future__ import annotations

import click

from papershelf import __version__


@click.group(
    help="Keep a curated paper list as one metadata file per paper, and render its views.",
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(__version__, "--version", prog_name="papershelf", message="%(prog)s %(version)s")
def app() -> None:
    pass
