"""The ``papershelf`` command: a thin layer over the library API.

Exit codes: 0 ok, 1 problems found (files that do not parse), 2 usage or input errors.
Each command imports its module when it runs: ``papershelf build`` or ``search``
should not wait for the importers' PDF and network libraries to load.
"""

from __future__ import annotations

import json
import os
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import click

from papershelf import __version__
from papershelf.core.errors import PapershelfError

if TYPE_CHECKING:
    from papershelf.ingest import add


@click.group(
    help="Keep a curated paper list as one metadata file per paper, and render its views.",
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(__version__, "--version", prog_name="papershelf", message="%(prog)s %(version)s")
def app() -> None:
    pass


def _say(text: str) -> None:
    """One message for the user, on stderr."""
    print(text, file=sys.stderr)


PROGRESS_FROM = 500  # files: below this, reading is too quick for a progress bar to help


def library_option(command):
    return click.option(
        "-L",
        "--library",
        type=click.Path(path_type=Path),
        default=Path("."),
        show_default=True,
        help="The library's root folder (holding meta/).",
    )(command)


def format_option(*choices: str, help: str):
    return click.option("output_format", "--format", type=click.Choice(choices), default=choices[0], help=help)


@contextmanager
def _usage_errors():
    """Report a usage or input problem (bad library, config, style; a file that cannot be
    written) as one line and exit 2, instead of a traceback."""
    try:
        yield
    except PapershelfError as exc:
        message = str(exc)
    except OSError as exc:
        message = f"cannot write {exc.filename or 'a file'}: {exc.strerror or exc}"
    else:
        return
    _say(f"papershelf: {message}")
    sys.exit(2)


@app.command("build", short_help="Render README.md and the cls_*.md views.")
@library_option
@click.option("--out", type=click.Path(path_type=Path), help="Where to write the views (default: the library root).")
@click.option("--style", help="papershelf, efficientpaper or efficientpaper-columns (default: from config).")
@click.option("--keep-going", is_flag=True, help="Build from the good files when some do not parse.")
@format_option("text", "json", help="Report as text or json.")
def build_command(library: Path, out: Path | None, style: str | None, keep_going: bool, output_format: str) -> None:
    """Render README.md and the cls_*.md views (keyword, year, publication, institution, author)."""
    with _usage_errors():
        result = _build_with_progress(library, out, style, keep_going)
    for error in result.errors:
        _say(str(error))
    if output_format == "json":
        print(json.dumps(result.as_dict(), indent=2))
    elif result.errors and not result.built:
        _say(
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


@app.command("check", short_help="Lint the library like a linter.")
@library_option
@format_option("text", "json", "github", help="text, json (one object a line) or github (annotations).")
@click.option("--fix", is_flag=True, help="Apply the safe fixes to the metadata files.")
@click.option("--strict", is_flag=True, help="Exit 1 on warnings too.")
def check_command(library: Path, output_format: str, fix: bool, strict: bool) -> None:
    """Lint the library: parse errors, missing fields, bad urls, duplicates, aliases, links, stale views."""
    from papershelf import check

    with _usage_errors():
        result = check.run(library, fix=fix)
    for path in result.fixed:
        _say(f"fixed {path}")
    for finding in result.findings:
        if output_format == "json":
            print(finding.as_json())
        elif output_format == "github":
            print(finding.as_github())
        else:
            print(finding.as_text())
    if output_format == "text":
        errors = sum(f.severity == check.ERROR for f in result.findings)
        warnings = len(result.findings) - errors
        fixable = sum(f.fixable for f in result.findings)
        hint = f"; {fixable} fixable with --fix" if fixable else ""
        _say(f"{errors} error(s), {warnings} warning(s){hint}")
    sys.exit(1 if result.failed(strict) else 0)


@app.command("fmt", short_help="Rewrite every metadata file in canonical form.")
@library_option
@click.option("check_only", "--check", is_flag=True, help="Only list the files that would change; exit 1 if any.")
def fmt_command(library: Path, check_only: bool) -> None:
    """Rewrite every metadata file in canonical form (field order, indent, one author a line)."""
    from papershelf.library import fmt

    with _usage_errors():
        result = fmt.run(library, check=check_only)
    for error in result.errors:
        _say(f"{error} (left untouched)")
    verb = "would rewrite" if check_only else "rewrote"
    for path in result.changed:
        split = " (author string split into names)" if path in result.split_authors else ""
        print(f"{verb} {path}{split}")
    _say(f"{verb} {len(result.changed)} file(s); {len(result.errors)} could not be parsed")
    sys.exit(1 if result.errors or (check_only and result.changed) else 0)


NOTE_HELP = "Also write a note skeleton to notes/<year>/<id>/note.md."


def _add_options(abbr, keyword, venue, year, institution, note: bool, force: bool, dry_run: bool) -> add.AddOptions:
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
    )


def _report_added(result: add.AddResult, output_format: str) -> None:
    for line in result.skipped:
        _say(line)
    for duplicate in result.duplicates:
        _say(f"{duplicate} (use --force to add it anyway)")
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
        _say(
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


@app.command("add", short_help="Add a paper from arXiv, a DOI, a PDF or a .bib file.")
@click.argument("source")
@adding_options(note_default=True)
@click.option("--abbr", help="Short name; also the file name.")
@click.option("--year", type=int, help="Publication year.")
def add_command(
    source: str, library: Path, abbr, keyword, venue, year, institution, note, force, dry_run, output_format
):
    """Add a paper from SOURCE: an arXiv id or url, a DOI or doi.org url, a .pdf, or a .bib file.

    A paper the library already holds is refused (exit 1) unless --force.
    """
    from papershelf.ingest import add

    options = _add_options(abbr, keyword, venue, year, institution, note, force, dry_run)
    with _usage_errors():
        result = add.run(library, source, options)
    _report_added(result, output_format)
    sys.exit(1 if result.failed else 0)


@app.command("import-bibtex", short_help="Add every entry of BibTeX files.")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@adding_options(note_default=False)
def import_bibtex_command(files, library: Path, keyword, venue, institution, note, force, dry_run, output_format):
    """Add every entry of BibTeX FILES as a paper, skipping those the library already holds (exit 1 then)."""
    from papershelf.ingest import import_bibtex

    options = _add_options(None, keyword, venue, None, institution, note, force, dry_run)
    with _usage_errors():
        result = import_bibtex.run(library, list(files), options)
    _report_added(result, output_format)
    sys.exit(1 if result.failed else 0)


@app.command("import-markdown", short_help="Turn an awesome-list's pages into metadata files.")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--into", required=True, type=click.Path(path_type=Path), help="The library to write into (created if absent)."
)
@format_option("text", "json", help="Report as text or json.")
def import_markdown_command(files, into: Path, output_format: str) -> None:
    """Turn an awesome-list's pages (FILES: README.md, cls_*.md) back into one metadata file per paper."""
    from papershelf.ingest import import_markdown

    with _usage_errors():
        result = import_markdown.run(list(files), into)
    for problem in result.problems:
        _say(problem)
    if output_format == "json":
        print(json.dumps(result.as_dict(), indent=2, ensure_ascii=False))
    else:
        config = "; wrote papershelf.toml" if result.config_written else ""
        print(
            f"wrote {result.papers} paper(s) into {into}, merged {result.merged} row(s) into papers "
            f"already read, skipped {result.skipped}{config}"
        )
    sys.exit(1 if result.skipped else 0)


@app.command("export", short_help="Export as BibTeX, CSL-JSON, JSON or CSV.")
@click.option(
    "output_format",
    "--format",
    required=True,
    type=click.Choice(["bibtex", "csl-json", "json", "csv"]),
    help="bibtex, csl-json, json or csv.",
)
@library_option
@click.option("--out", type=click.Path(path_type=Path), help="Write to this file instead of printing.")
def export_command(output_format: str, library: Path, out: Path | None) -> None:
    """Export the library as BibTeX, CSL-JSON, JSON (the full model) or CSV."""
    from papershelf import export

    with _usage_errors():
        result = export.run(library, output_format, out)
    for error in result.errors:
        _say(f"{error} (left out)")
    if out is None:
        sys.stdout.write(result.text)
    else:
        _say(f"exported {result.papers} paper(s) to {out}")
    sys.exit(1 if result.errors else 0)


def filter_options(command):
    """The filters search and list share, and their output options."""
    options = [
        library_option,
        click.option("--year", help="A year or a range: 2023, 2023..2025, 2023.., ..2020."),
        click.option("--venue", multiple=True, help="Published at this venue (repeat: any of them)."),
        click.option("--keyword", multiple=True, help="Has this keyword, by name or label."),
        click.option("--author", multiple=True, help="Has this author (repeat: all of them)."),
        click.option("--institution", multiple=True, help="Has this institution."),
        click.option("--has-code", is_flag=True, help="Only papers with a code link."),
        click.option("--facets", is_flag=True, help="Also count the papers by year, venue, keyword, institution."),
        format_option("table", "json", "ids", help="table, json or ids (one id a line)."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _filters(year, venue, keyword, author, institution, has_code):
    from papershelf.search.query import Filters, parse_years

    return Filters(
        years=parse_years(year),
        venues=tuple(venue),
        keywords=tuple(keyword),
        authors=tuple(author),
        institutions=tuple(institution),
        has_code=has_code,
    )


def _print_found(found, output_format: str, facets: bool, nothing: str) -> None:
    from papershelf.cli import search_output

    if not found.total and output_format == "table":
        _say(nothing)
    else:
        sys.stdout.write(search_output.render(found, output_format, facets))
    sys.exit(0 if found.total else 1)


@app.command("search", short_help="Full-text search, best match first.")
@click.argument("query")
@filter_options
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True, help="Show at most this many.")
def search_command(query, library, year, venue, keyword, author, institution, has_code, facets, output_format, limit):
    """Full-text search for QUERY over titles, authors, institutions, venues, keywords and notes, best first.

    QUERY takes words, prefixes (quant*), phrases ("kv cache") and AND/OR/NOT.
    """
    from papershelf.search import engine as search

    with _usage_errors():
        filters = _filters(year, venue, keyword, author, institution, has_code)
        found = search.run(library, query, filters, limit, facets)
    _print_found(found, output_format, facets, f"no paper matches {query!r}")


@app.command("list", short_help="List the papers the filters select.")
@filter_options
@click.option("--sort", default="year", show_default=True, help="year, venue, title or updated.")
@click.option("--limit", type=click.IntRange(min=1), help="Show at most this many papers.")
def list_command(library, year, venue, keyword, author, institution, has_code, facets, output_format, sort, limit):
    """List the papers the filters select (all of them without filters), in the order --sort gives."""
    from papershelf.search import listing

    with _usage_errors():
        filters = _filters(year, venue, keyword, author, institution, has_code)
        found = listing.run(library, filters, sort, limit, facets)
    _print_found(found, output_format, facets, "no paper matches these filters")


class _ProgressBar:
    """A progress bar for reading files, shown on a terminal once there are enough to read."""

    def __init__(self):
        self.bar = None
        self.task = None

    def __call__(self, done: int, total: int) -> None:
        if self.bar is None:
            if total < PROGRESS_FROM or not sys.stderr.isatty():
                return
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

            columns = (TextColumn("reading papers"), BarColumn(), MofNCompleteColumn())
            console = Console(stderr=True, highlight=False, soft_wrap=True)
            self.bar = Progress(*columns, console=console, transient=True)
            self.bar.start()
            self.task = self.bar.add_task("read", total=total)
        self.bar.update(self.task, completed=done, total=total)

    def __enter__(self) -> _ProgressBar:
        return self

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.stop()


def _build_with_progress(library: Path, out: Path | None, style: str | None, keep_going: bool):
    from papershelf.render import build

    with _ProgressBar() as progress:
        return build.run(library, out, style, keep_going, progress=progress)


def main() -> None:
    """The papershelf command.  Here alone the speed tricks are switched on (`core.speed`): this
    process runs one command and ends, with ``os._exit`` once its output is flushed, leaving what
    a build made unfreed."""
    from papershelf.core import speed

    speed.enable()
    try:
        app()
        code = 0
    except SystemExit as done:
        code = done.code
    if code is None:
        code = 0
    elif not isinstance(code, int):
        print(code, file=sys.stderr)
        code = 1
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
