"""What every command shares: its options, its one-line errors (exit 2), its progress bar."""

from __future__ import annotations

import sqlite3
import sys
from contextlib import contextmanager
from pathlib import Path

import click

from papershelf.core.errors import PapershelfError

PROGRESS_FROM = 500  # files: below this, reading is too quick for a progress bar to help


def say(text: str) -> None:
    """One message for the user, on stderr."""
    print(text, file=sys.stderr)


def library_option(command):
    return click.option(
        "-L",
        "--library",
        type=click.Path(path_type=Path),
        default=Path("."),
        show_default=True,
        help="The library's root folder (holding meta/).",
    )(command)


def day(value: str | None, option: str):
    """The date an option gives (YYYY-MM-DD), None when absent; a usage error when it is no date."""
    from datetime import date

    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise PapershelfError(f"{option} {value!r} is not a date (YYYY-MM-DD)") from None


def format_option(*choices: str, help: str):
    return click.option("output_format", "--format", type=click.Choice(choices), default=choices[0], help=help)


@contextmanager
def usage_errors():
    """Report a usage or input problem (bad library, config, style; a file that cannot be
    written) as one line and exit 2, instead of a traceback."""
    try:
        yield
    except PapershelfError as exc:
        message = str(exc)
    except OSError as exc:
        message = f"cannot write {exc.filename or 'a file'}: {exc.strerror or exc}"
    except sqlite3.OperationalError as exc:  # the cache could not be written: a full disk, most often
        message = f"cannot write the cache (.papershelf/): {exc}"
    else:
        return
    say(f"papershelf: {message}")
    sys.exit(2)


class ProgressBar:
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

    def __enter__(self) -> ProgressBar:
        return self

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.stop()
