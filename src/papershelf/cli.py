"""The ``papershelf`` command: a thin layer over the library API.

Exit codes: 0 ok, 1 problems found (files that do not parse), 2 usage or input errors.
"""

from __future__ import annotations

import json
import sys
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from papershelf import __version__, build, check, fmt
from papershelf.errors import PapershelfError
from papershelf.library import metadata_files

app = typer.Typer(
    help="Keep a curated paper list as one metadata file per paper, and render its views.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True, highlight=False, soft_wrap=True)
PROGRESS_FROM = 500  # files: below this, reading is too quick for a progress bar to help


class OutputFormat(StrEnum):
    text = "text"
    json = "json"


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
    err.print(f"papershelf: {message}", markup=False)
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
        err.print(str(error), markup=False)
    if output_format is OutputFormat.json:
        print(json.dumps(result.as_dict(), indent=2))
    elif result.errors and not result.built:
        err.print(
            f"papershelf: {len(result.errors)} file(s) do not parse; nothing was written "
            "(fix them, or build the rest with --keep-going)",
            markup=False,
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
    with _usage_errors():
        result = check.run(library, fix=fix)
    for path in result.fixed:
        err.print(f"fixed {path}", markup=False)
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
        err.print(f"{errors} error(s), {warnings} warning(s){hint}", markup=False)
    raise typer.Exit(1 if result.failed(strict) else 0)


@app.command("fmt")
def fmt_command(
    library: LibraryOption = Path("."),
    check_only: Annotated[
        bool, typer.Option("--check", help="Only list the files that would change; exit 1 if any.")
    ] = False,
) -> None:
    """Rewrite every metadata file in canonical form (field order, indent, one author a line)."""
    with _usage_errors():
        result = fmt.run(library, check=check_only)
    for error in result.errors:
        err.print(f"{error} (left untouched)", markup=False)
    verb = "would rewrite" if check_only else "rewrote"
    for path in result.changed:
        split = " (author string split into names)" if path in result.split_authors else ""
        print(f"{verb} {path}{split}")
    err.print(f"{verb} {len(result.changed)} file(s); {len(result.errors)} could not be parsed", markup=False)
    raise typer.Exit(1 if result.errors or (check_only and result.changed) else 0)


def _build_with_progress(library: Path, out: Path | None, style: str | None, keep_going: bool):
    total = len(metadata_files(library)) if (library / "meta").is_dir() else 0
    if total < PROGRESS_FROM or not sys.stderr.isatty():
        return build.run(library, out, style, keep_going)
    columns = (TextColumn("reading papers"), BarColumn(), MofNCompleteColumn())
    with Progress(*columns, console=err, transient=True) as bar:
        task = bar.add_task("read", total=total)
        return build.run(library, out, style, keep_going, progress=lambda done: bar.update(task, completed=done))


def main() -> None:
    app()
