"""``papershelf serve``."""

from __future__ import annotations

from pathlib import Path

import click

from papershelf.cli.app import app
from papershelf.cli.common import library_option, say, usage_errors


@app.command("serve", short_help="Edit the list in the browser: a local web editor.")
@library_option
@click.option("--port", type=click.IntRange(0, 65535), default=8765, show_default=True, help="0: any free port.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Listen elsewhere than loopback (warned).")
@click.option("--no-browser", is_flag=True, help="Do not open the browser.")
@click.option("--git", is_flag=True, help="Commit each save: exactly the files it wrote, never `git add .`.")
def serve_command(library: Path, port: int, host: str, no_browser: bool, git: bool) -> None:
    """Serve a web editor of the library on 127.0.0.1: browse and search, add a paper (arXiv, DOI,
    PDF, BibTeX, by hand), edit every field, the file as text, the note and the cover.  Each save is
    checked first, written atomically, refused if the file changed meanwhile, and the views are
    rebuilt.  The address printed holds a fresh secret token: the API answers no one without it."""
    from papershelf.core import speed
    from papershelf.serve import run

    speed.disable()  # a threaded server: no forks, no paused collector (core/speed.py)
    with usage_errors():
        run.serve(library, host, port, git, open_browser=not no_browser, said=lambda line: say(line))
