"""``papershelf fmt``."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from papershelf.cli.app import app
from papershelf.cli.common import library_option, say, usage_errors


@app.command("fmt", short_help="Rewrite every metadata file in canonical form.")
@library_option
@click.option("check_only", "--check", is_flag=True, help="Only list the files that would change; exit 1 if any.")
def fmt_command(library: Path, check_only: bool) -> None:
    """Rewrite every metadata file in canonical form (field order, indent, one author a line)."""
    from papershelf.check import fmt

    with usage_errors():
        result = fmt.run(library, check=check_only)
    for error in result.errors:
        say(f"{error} (left untouched)")
    verb = "would rewrite" if check_only else "rewrote"
    for path in result.changed:
        split = " (author string split into names)" if path in result.split_authors else ""
        print(f"{verb} {path}{split}")
    for line in result.left:
        say(f"{line}; left untouched")
    left = f", {len(result.left)} left untouched" if result.left else ""
    say(f"{verb} {len(result.changed)} file(s); {len(result.errors)} could not be parsed{left}")
    sys.exit(1 if result.errors or result.left or (check_only and result.changed) else 0)
