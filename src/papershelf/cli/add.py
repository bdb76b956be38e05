"""``papershelf add`` and ``papershelf import-bibtex``: the commands that add papers."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from papershelf.cli.app import app
from papershelf.cli.common import format_option, library_option, say, usage_errors

if TYPE_CHECKING:
    from papershelf.ingest import add


NOTE_HELP = "Also write a note skeleton to notes/<year>/<id>/note.md."


def _add_options(abbr, keyword, venue, year, institution, note: bool, force: bool, dry_run: bool, **by_hand):
    from papershelf.ingest import add

    return add.AddOptions(
        abbr=abbr,
        keywords=tuple(keyword or ()),
        venue=venue,
        year=year,
        institutions=tuple(institution or ()),
        note=note,
        force=force,
        dry_run=dry_run,
        title=by_hand.get("title"),
        url=by_hand.get("url"),
        authors=tuple(by_hand.get("author") or ()),
        code=by_hand.get("code"),
    )


def _report_added(result: add.AddResult, output_format: str) -> None:
    for line in (*result.skipped, *(f"warning: {w}" for w in result.warnings)):
        say(line)
    for duplicate in result.duplicates:
        say(f"{duplicate} (use --force to add it anyway)")
    if output_format == "json":
        papers = [
            {"file": p.paper.source, "files": [f.path for f in p.files], "title": p.paper.title} for p in result.added
        ]
        duplicates = [
            {"title": d.draft.title, "existing": d.existing.source, "reason": d.reason} for d in result.duplicates
        ]
        report = {"added": papers, "duplicates": duplicates, "skipped": result.skipped, "dry_run": result.dry_run}
        print(json.dumps(report, indent=2, ensure_ascii=False))
    elif result.dry_run:
        for placement in result.added:
            for new in placement.files:
                print(f"--- would write {new.path}")
                print(new.text, end="" if new.text.endswith("\n") else "\n")
    else:
        for placement in result.added:
            print(f"added {placement.paper.source}: {placement.paper.title}")
        say(
            f"{len(result.added)} paper(s) added, {len(result.duplicates)} already in the library, "
            f"{len(result.skipped)} entr(ies) skipped",
        )


def adding_options(note_default: bool):
    """The options every command that adds papers takes."""

    def decorate(command):
        options = [
            click.option("--keyword", "-k", multiple=True, help="Keyword name (or label) from [keywords]; repeatable."),
            click.option("--venue", help="Venue, when the metadata has none or a wrong one."),
            click.option("--institution", multiple=True, help="Institution; repeatable."),
            click.option("--note/--no-note", default=note_default, show_default=True, help=NOTE_HELP),
            click.option("--force", is_flag=True, help="Add a paper the library already seems to hold."),
            click.option("--dry-run", is_flag=True, help="Print the files instead of writing them."),
            format_option("text", "json", help="Report as text or json."),
        ]
        for option in reversed(options):
            command = option(command)
        return library_option(command)

    return decorate


@app.command("add", short_help="Add a paper from arXiv, a DOI, a PDF, a .bib file, or by hand.")
@click.argument("source", required=False)
@adding_options(note_default=True)
@click.option("--abbr", help="Short name; also the file name.")
@click.option("--year", type=click.IntRange(1, 9999), help="Publication year.")
@click.option("--title", help="The title (without SOURCE: the paper is made from these options, offline).")
@click.option("--url", help="The paper's url.")
@click.option("--author", multiple=True, help="An author; repeatable, in order.")
@click.option("--code", help="The code repository's url.")
@click.option("--suggest", is_flag=True, help="Then offer the keywords the list's own would give it (digest extra).")
def add_command(
    source: str | None,
    library: Path,
    abbr,
    keyword,
    venue,
    year,
    institution,
    note,
    force,
    dry_run,
    output_format,
    title,
    url,
    author,
    code,
    suggest,
):
    """Add a paper from SOURCE: an arXiv id or url, a DOI or doi.org url, a .pdf, or a .bib file; or,
    without SOURCE, the paper --title and the other options describe (nothing is looked up).

    Options given with a SOURCE replace what it says.  A PDF whose identifiers cannot be looked up
    is added with the title (and authors) its first page shows, and a warning.  A paper the
    library already holds is refused (exit 1) unless --force.
    """
    from papershelf.ingest import add

    by_hand = {"title": title, "url": url, "author": author, "code": code}
    options = _add_options(abbr, keyword, venue, year, institution, note, force, dry_run, **by_hand)
    with usage_errors():
        result = add.run(library, source, options)
    _report_added(result, output_format)
    if suggest and result.added and not result.dry_run:
        _offer_keywords(library, [p.paper for p in result.added])
    sys.exit(1 if result.failed else 0)


def _offer_keywords(library: Path, papers) -> None:
    with usage_errors():
        from papershelf.digest.suggest import offers_for

        offers = offers_for(library, papers)
    for paper, offered in zip(papers, offers):
        if offered:
            words = ", ".join(f"{s.keyword} ({s.score:.2f})" for s in offered)
            say(f"keywords for {paper.source}: {words}; set them with papershelf serve, or edit the file")


@app.command("import-bibtex", short_help="Add every entry of BibTeX files.")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@adding_options(note_default=False)
def import_bibtex_command(files, library: Path, keyword, venue, institution, note, force, dry_run, output_format):
    """Add every entry of BibTeX FILES as a paper, skipping those the library already holds (exit 1 then)."""
    from papershelf.ingest import import_bibtex

    options = _add_options(None, keyword, venue, None, institution, note, force, dry_run)
    with usage_errors():
        result = import_bibtex.run(library, list(files), options)
    _report_added(result, output_format)
    sys.exit(1 if result.failed else 0)
