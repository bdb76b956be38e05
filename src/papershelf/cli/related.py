"""``papershelf related``."""

from __future__ import annotations

import json
from pathlib import Path

import click

from papershelf.cli.app import app
from papershelf.cli.common import format_option, library_option, say, usage_errors


@app.command("related", short_help="What neighbouring lists hold that this one lacks, ranked.")
@click.argument("pages", nargs=-1, required=True, type=click.Path(path_type=Path))
@library_option
@format_option("text", "json", help="Report as text or json.")
@click.option("--top", type=click.IntRange(1, 100000), default=20, show_default=True, help="Papers shown a keyword.")
def related_command(pages, library: Path, output_format: str, top: int) -> None:
    """Read the README PAGES of related lists (as import-markdown reads them; nothing is written)
    and report the papers they hold that this list lacks (matched by arXiv id, DOI, title),
    ranked by the digest's model of this list and grouped by the keyword each would get, each
    with the command that adds it (the digest extra)."""
    from papershelf.digest import related

    with usage_errors():
        found = related.run(library, list(pages))
    if output_format == "json":
        rows = [{"title": i.paper.title, "url": i.paper.url, "venue": i.paper.venue, "year": i.paper.year,
                 "score": round(i.ranked.score, 4), "keyword": i.keyword, "neighbours": list(i.ranked.neighbours),
                 "pages": list(i.pages), "add": i.command} for i in found.lacking]  # fmt: skip
        print(json.dumps({"read": found.read, "held": found.held, "lacking": rows}, indent=2, ensure_ascii=False))
    else:
        print(f"{found.read} papers on the pages; {found.held} in this list already; {len(found.lacking)} lacking")
        for keyword, items in found.by_keyword().items():
            print(f"\n{keyword or 'no keyword'} ({len(items)}):")
            for item in items[:top]:
                when = " ".join(str(v) for v in (item.paper.venue, item.paper.year) if v)
                print(f"  {item.ranked.score:6.2f}  {item.paper.title}" + (f" ({when})" if when else ""))
                print(f"          {item.command}")
    if found.problems:
        say(f"{len(found.problems)} entries of the pages were not understood (import-markdown --dry-run lists them)")
