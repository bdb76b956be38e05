"""``papershelf check``."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from papershelf.cli.app import app
from papershelf.cli.common import format_option, library_option, say, usage_errors


@app.command("check", short_help="Lint the library like a linter.")
@library_option
@format_option("text", "json", "github", help="text, json (one object a line) or github (annotations).")
@click.option("--fix", is_flag=True, help="Apply the safe fixes to the metadata files.")
@click.option("--strict", is_flag=True, help="Exit 1 on warnings too.")
def check_command(library: Path, output_format: str, fix: bool, strict: bool) -> None:
    """Lint the library: parse errors, missing fields, bad urls, duplicates, aliases, links, stale views."""
    from papershelf import check

    with usage_errors():
        result = check.run(library, fix=fix)
    for path in result.fixed:
        say(f"fixed {path}")
    for line in result.left:
        say(f"not fixed {line}; left as it is")
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
        say(f"{errors} error(s), {warnings} warning(s){hint}")
    sys.exit(1 if result.failed(strict) else 0)
