"""The ``papershelf`` command: a thin layer over the library API.

Exit codes: 0 ok, 1 problems found (files that do not parse), 2 usage or input errors.
Each command imports its module when it runs: ``papershelf build`` or ``search``
should not wait for the importers' PDF and network libraries to load.
"""

from __future__ import annotations

import json
import sys
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from papershelf import __version__
from papershelf.errors import PapershelfError

if TYPE_CHECKING:
    from papershelf import add

app = typer.Typer(
    help="Keep a curated paper list as one metadata file per paper, and render its views.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _say(text: str) -> None:
    """One message for the user, on stderr."""
    print(text, file=sys.stderr)


PROGRESS_FROM = 500  # files: below this, reading is too quick for a progress bar to help


class OutputFormat(StrEnum):
    text = "text"
    json = "json"


class ExportFormat(StrEnum):
    bibtex = "bibtex"
    csl_json = "csl-json"
    json = "json"
    csv = "csv"


class CheckFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"


LibraryOption = Annotated[Path, typer.Option("-L", "--library", help="The library's root folder (holding meta/).")]


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
    raise typer.Exit(2)


def _version(value: bool) -> None:
    if value:
        print(f"papershelf {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    pass


@app.command("build")
def build_command(
    library: LibraryOption = Path("."),
    out: Annotated[
        Path | None, typer.Option("--out", help="Where to write the views (default: the library root).")
    ] = None,
    style: Annotated[
        str | None,
        typer.Option("--style", help="papershelf, efficientpaper or efficientpaper-columns (default: from config)."),
    ] = None,
    keep_going: Annotated[
        bool, typer.Option("--keep-going", help="Build from the good files when some do not parse.")
    ] = False,
    output_format: Annotated[OutputFormat, typer.Option("--format", help="Report as text or json.")] = (
        OutputFormat.text
    ),
) -> None:
    """Render README.md and the cls_*.md views (keyword, year, publication, institution, author)."""
    with _usage_errors():
        result = _build_with_progress(library, out, style, keep_going)
    for error in result.errors:
        _say(str(error))
    if output_format is OutputFormat.json:
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
    raise typer.Exit(1 if result.errors else 0)


@app.command("check")
def check_command(
    library: LibraryOption = Path("."),
    output_format: Annotated[
        CheckFormat, typer.Option("--format", help="text, json (one object a line) or github (annotations).")
    ] = CheckFormat.text,
    fix: Annotated[bool, typer.Option("--fix", help="Apply the safe fixes to the metadata files.")] = False,
    strict: Annotated[bool, typer.Option("--strict", help="Exit 1 on warnings too.")] = False,
) -> None:
    """Lint the library: parse errors, missing fields, bad urls, duplicates, aliases, links, stale views."""
    from papershelf import check

    with _usage_errors():
        result = check.run(library, fix=fix)
    for path in result.fixed:
        _say(f"fixed {path}")
    for finding in result.findings:
        if output_format is CheckFormat.json:
            print(finding.as_json())
        elif output_format is CheckFormat.github:
            print(finding.as_github())
        else:
            print(finding.as_text())
    if output_format is CheckFormat.text:
        errors = sum(f.severity == check.ERROR for f in result.findings)
        warnings = len(result.findings) - errors
        fixable = sum(f.fixable for f in result.findings)
        hint = f"; {fixable} fixable with --fix" if fixable else ""
        _say(f"{errors} error(s), {warnings} warning(s){hint}")
    raise typer.Exit(1 if result.failed(strict) else 0)


@app.command("fmt")
def fmt_command(
    library: LibraryOption = Path("."),
    check_only: Annotated[
        bool, typer.Option("--check", help="Only list the files that would change; exit 1 if any.")
    ] = False,
) -> None:
    """Rewrite every metadata file in canonical form (field order, indent, one author a line)."""
    from papershelf import fmt

    with _usage_errors():
        result = fmt.run(library, check=check_only)
    for error in result.errors:
        _say(f"{error} (left untouched)")
    verb = "would rewrite" if check_only else "rewrote"
    for path in result.changed:
        split = " (author string split into names)" if path in result.split_authors else ""
        print(f"{verb} {path}{split}")
    _say(f"{verb} {len(result.changed)} file(s); {len(result.errors)} could not be parsed")
    raise typer.Exit(1 if result.errors or (check_only and result.changed) else 0)


NOTE_HELP = "Also write a note skeleton to notes/<year>/<id>/note.md (the default)."


def _add_options(abbr, keyword, venue, year, institution, note: bool, force: bool, dry_run: bool) -> add.AddOptions:
    from papershelf import add

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


def _report_added(result: add.AddResult, output_format: OutputFormat) -> None:
    for line in result.skipped:
        _say(line)
    for duplicate in result.duplicates:
        _say(f"{duplicate} (use --force to add it anyway)")
    if output_format is OutputFormat.json:
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


AbbrOption = Annotated[str | None, typer.Option("--abbr", help="Short name; also the file name.")]
KeywordOption = Annotated[
    list[str] | None, typer.Option("--keyword", "-k", help="Keyword name (or label) from [keywords]; repeatable.")
]
VenueOption = Annotated[str | None, typer.Option("--venue", help="Venue, when the metadata has none or a wrong one.")]
YearOption = Annotated[int | None, typer.Option("--year", help="Publication year.")]
InstitutionOption = Annotated[list[str] | None, typer.Option("--institution", help="Institution; repeatable.")]
NoteOption = Annotated[bool, typer.Option("--note/--no-note", help=NOTE_HELP)]
ForceOption = Annotated[bool, typer.Option("--force", help="Add a paper the library already seems to hold.")]
DryRunOption = Annotated[bool, typer.Option("--dry-run", help="Print the files instead of writing them.")]
FormatOption = Annotated[OutputFormat, typer.Option("--format", help="Report as text or json.")]


@app.command("add")
def add_command(
    source: Annotated[str, typer.Argument(help="arXiv id or url, DOI or doi.org url, a .pdf, or a .bib file.")],
    library: LibraryOption = Path("."),
    abbr: AbbrOption = None,
    keyword: KeywordOption = None,
    venue: VenueOption = None,
    year: YearOption = None,
    institution: InstitutionOption = None,
    note: NoteOption = True,
    force: ForceOption = False,
    dry_run: DryRunOption = False,
    output_format: FormatOption = OutputFormat.text,
) -> None:
    """Add a paper from arXiv, a DOI, a PDF or a BibTeX file; refuse one the library already holds (exit 1)."""
    from papershelf import add

    options = _add_options(abbr, keyword, venue, year, institution, note, force, dry_run)
    with _usage_errors():
        result = add.run(library, source, options)
    _report_added(result, output_format)
    raise typer.Exit(1 if result.failed else 0)


@app.command("import-bibtex")
def import_bibtex_command(
    files: Annotated[list[Path], typer.Argument(help="BibTeX files.")],
    library: LibraryOption = Path("."),
    keyword: KeywordOption = None,
    venue: VenueOption = None,
    institution: InstitutionOption = None,
    note: Annotated[bool, typer.Option("--note/--no-note", help=NOTE_HELP)] = False,
    force: ForceOption = False,
    dry_run: DryRunOption = False,
    output_format: FormatOption = OutputFormat.text,
) -> None:
    """Add every entry of BibTeX files as a paper, skipping those the library already holds (exit 1 then)."""
    from papershelf import import_bibtex

    options = _add_options(None, keyword, venue, None, institution, note, force, dry_run)
    with _usage_errors():
        result = import_bibtex.run(library, files, options)
    _report_added(result, output_format)
    raise typer.Exit(1 if result.failed else 0)


@app.command("import-markdown")
def import_markdown_command(
    files: Annotated[list[Path], typer.Argument(help="Markdown pages of an awesome list (README.md, cls_*.md).")],
    into: Annotated[Path, typer.Option("--into", help="The library to write into (created if absent).")],
    output_format: FormatOption = OutputFormat.text,
) -> None:
    """Turn an awesome-list's pages back into one metadata file per paper."""
    from papershelf import import_markdown

    with _usage_errors():
        result = import_markdown.run(files, into)
    for problem in result.problems:
        _say(problem)
    if output_format is OutputFormat.json:
        print(json.dumps(result.as_dict(), indent=2, ensure_ascii=False))
    else:
        config = "; wrote papershelf.toml" if result.config_written else ""
        print(
            f"wrote {result.papers} paper(s) into {into}, merged {result.merged} row(s) into papers "
            f"already read, skipped {result.skipped}{config}"
        )
    raise typer.Exit(1 if result.skipped else 0)


@app.command("export")
def export_command(
    output_format: Annotated[ExportFormat, typer.Option("--format", help="bibtex, csl-json, json or csv.")],
    library: LibraryOption = Path("."),
    out: Annotated[Path | None, typer.Option("--out", help="Write to this file instead of printing.")] = None,
) -> None:
    """Export the library as BibTeX, CSL-JSON, JSON (the full model) or CSV."""
    from papershelf import export

    with _usage_errors():
        result = export.run(library, output_format.value, out)
    for error in result.errors:
        _say(f"{error} (left out)")
    if out is None:
        sys.stdout.write(result.text)
    else:
        _say(f"exported {result.papers} paper(s) to {out}")
    raise typer.Exit(1 if result.errors else 0)


class ListFormat(StrEnum):
    table = "table"
    json = "json"
    ids = "ids"


YearOption = Annotated[str | None, typer.Option("--year", help="A year or a range: 2023, 2023..2025, 2023.., ..2020.")]
VenueOption = Annotated[
    list[str] | None, typer.Option("--venue", help="Published at this venue (repeat: any of them).")
]
KeywordOption = Annotated[list[str] | None, typer.Option("--keyword", help="Has this keyword, by name or label.")]
AuthorOption = Annotated[list[str] | None, typer.Option("--author", help="Has this author (repeat: all of them).")]
InstitutionOption = Annotated[list[str] | None, typer.Option("--institution", help="Has this institution.")]
HasCodeOption = Annotated[bool, typer.Option("--has-code", help="Only papers with a code link.")]
FacetsOption = Annotated[
    bool, typer.Option("--facets", help="Also count the papers by year, venue, keyword, institution.")
]
ListFormatOption = Annotated[ListFormat, typer.Option("--format", help="table, json or ids (one id a line).")]


def _filters(year, venue, keyword, author, institution, has_code):
    from papershelf.query import Filters, parse_years

    return Filters(
        years=parse_years(year),
        venues=tuple(venue or ()),
        keywords=tuple(keyword or ()),
        authors=tuple(author or ()),
        institutions=tuple(institution or ()),
        has_code=has_code,
    )


def _print_found(found, output_format: ListFormat, facets: bool, nothing: str) -> None:
    from papershelf import search_output

    if not found.total and output_format is ListFormat.table:
        _say(nothing)
    else:
        sys.stdout.write(search_output.render(found, output_format.value, facets))
    raise typer.Exit(0 if found.total else 1)


@app.command("search")
def search_command(
    query: Annotated[str, typer.Argument(help='Words, prefixes (quant*), phrases ("kv cache"), AND/OR/NOT.')],
    library: LibraryOption = Path("."),
    year: YearOption = None,
    venue: VenueOption = None,
    keyword: KeywordOption = None,
    author: AuthorOption = None,
    institution: InstitutionOption = None,
    has_code: HasCodeOption = False,
    facets: FacetsOption = False,
    limit: Annotated[int, typer.Option("--limit", min=1, help="Show at most this many papers.")] = 20,
    output_format: ListFormatOption = ListFormat.table,
) -> None:
    """Full-text search over titles, authors, institutions, venues, keywords and notes, best match first."""
    from papershelf import search

    with _usage_errors():
        filters = _filters(year, venue, keyword, author, institution, has_code)
        found = search.run(library, query, filters, limit, facets)
    _print_found(found, output_format, facets, f"no paper matches {query!r}")


@app.command("list")
def list_command(
    library: LibraryOption = Path("."),
    year: YearOption = None,
    venue: VenueOption = None,
    keyword: KeywordOption = None,
    author: AuthorOption = None,
    institution: InstitutionOption = None,
    has_code: HasCodeOption = False,
    facets: FacetsOption = False,
    sort: Annotated[str, typer.Option("--sort", help="year, venue, title or updated.")] = "year",
    limit: Annotated[int | None, typer.Option("--limit", min=1, help="Show at most this many papers.")] = None,
    output_format: ListFormatOption = ListFormat.table,
) -> None:
    """List the papers the filters select (all of them without filters), in the order --sort gives."""
    from papershelf import listing

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
    from papershelf import build

    with _ProgressBar() as progress:
        return build.run(library, out, style, keep_going, progress=progress)


def main() -> None:
    app()
