"""``papershelf site``."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from papershelf.cli.app import app
from papershelf.cli.common import library_option, say, usage_errors


@app.command("site", short_help="Write the list as a static, searchable website.")
@library_option
@click.option("--out", type=click.Path(path_type=Path), help="Where the site goes (default: <library>/site).")
@click.option("--base-url", default="", help="The address the site is published at (for canonical links).")
@click.option("--serve", is_flag=True, help="Then serve it on 127.0.0.1 and build again when the list changes.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="The port of --serve.")
@click.option("--full", is_flag=True, help="Build every file anew, not only what changed since the last build.")
def site_command(library: Path, out: Path | None, base_url: str, serve: bool, port: int, full: bool) -> None:
    """Write the site: index.html (search with facets), a page per paper, venue, keyword, institution
    and author, statistics, the data and the assets.  Every link is relative and every script ships
    with it: any static host serves it as it is.  Built again, only what the list's changes touch
    is written (--full writes it all).  Exits 1 when files of the list do not parse (the site is
    written without them, as `build` writes the views)."""
    from papershelf.site import build

    def built() -> int:
        result = build.run(library, out, base_url, full=full)
        for error in result.errors:
            say(f"{error.path}:{error.line}:{error.column}: {error.message}")
        how = "updated" if result.partly else "wrote"
        skipped = f", {len(result.errors)} bad file(s) left out" if result.errors else ""
        print(f"{how} the site of {result.papers} papers in {result.out} ({result.files} files{skipped})", flush=True)
        return len(result.errors)

    with usage_errors():
        if not serve:
            sys.exit(1 if built() else 0)
        from papershelf.site import serve as serving

        target = out if out is not None else library / build.DEFAULT_OUT
        serving.serve(library, target, built, port, said=lambda line: print(line, flush=True))
