"""The ``papershelf`` command: a thin layer over the library API, one module a command.

Exit codes: 0 ok, 1 problems found (files that do not parse), 2 usage or input errors.
Each command imports what it calls when it runs: ``papershelf build`` or ``search``
should not wait for the importers' PDF and network libraries to load.
"""

from __future__ import annotations

import os
import sys

from papershelf.cli import (  # noqa: F401
    add,
    build,
    check,
    digest,
    export,
    fmt,
    graph,
    import_markdown,
    init,
    refresh,
    related,
    search,
    serve,
    site,
    stats,
)
from papershelf.cli.app import app

__all__ = ["app", "main"]


def main() -> None:
    """The papershelf command.  Here alone the speed tricks are switched on (`core.speed`): this
    process runs one command and ends, with ``os._exit`` once its output is flushed, leaving what
    a build made unfreed."""
    from papershelf.core import notices, speed

    speed.enable()
    notices.show_on_stderr("papershelf: warning: ")
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
