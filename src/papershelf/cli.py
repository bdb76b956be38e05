"""The ``papershelf`` command: a thin layer over the library API.

Exit codes: 0 ok, 1 problems found (files that do not parse), 2 usage or input errors.
"""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from papershelf import __version__, build
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


LibraryOption = Annotated[
    Path, typer.Option("-L", "--library", help="The library's root folder (holding meta/).")
]


def _fail(message: str) -> typer.Exit:
    err.print(f"papershelf: {message}", markup=False)
    return typer.Exit(2)


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
        typer.Option(
            "--style", help="papershelf, efficientpaper or efficientpaper-columns (default: from config)."
        ),
    ] = None,
    keep_going: Annotated[
        bool, typer.Option("--keep-going", help="Build from the good files when some do not parse.")
    ] = False,
    output_format: Annotated[OutputFormat, typer.Option("--format", help="Report as text or json.")] = (
        OutputFormat.text
    ),
) -> None:
    """Render README.md and the cls_*.md views (keyword, year, publication, institution, author)."""
    try:
        result = _build_with_progress(library, out, style, keep_going)
    except PapershelfError as exc:
        raise _fail(str(exc)) from None
    except OSError as exc:
        raise _fail(f"cannot write {exc.filename or 'the views'}: {exc.strerror or exc}") from None
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


def _build_with_progress(library: Path, out: Path | None, style: str | None, keep_going: bool):
    total = len(metadata_files(library)) if (library / "meta").is_dir() else 0
    if total < PROGRESS_FROM or not sys.stderr.isatty():
        return build.run(library, out, style, keep_going)
    columns = (TextColumn("reading papers"), BarColumn(), MofNCompleteColumn())
    with Progress(*columns, console=err, transient=True) as bar:
        task = bar.add_task("read", total=total)
        return build.run(
            library, out, style, keep_going, progress=lambda done: bar.update(task, completed=done)
        )


def main() -> None:
    app()
