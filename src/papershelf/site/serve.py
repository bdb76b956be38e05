"""``papershelf site --serve``: the site on 127.0.0.1 for a local look, built again when the list changes.

The only threads of the site live here: the HTTP server runs in one (serving
the built folder, which a full build swaps in whole and an update changes a
file at a time, each replaced atomically, so no page is ever half written),
and this module's loop looks at the library's files every
``INTERVAL`` seconds and builds again when one was added, removed or changed.
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path

from papershelf.core.errors import PapershelfError
from papershelf.library.config import CONFIG_FILE

INTERVAL = 1.0  # seconds between looks at the library
WATCHED_FOLDERS = ("meta", "notes", "templates")
WATCHED_FILES = (CONFIG_FILE, "README_prefix.md", "README_suffix.md")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def snapshot(root: Path) -> frozenset:
    """Every watched file by (path, size, mtime): a change to any is a change of the snapshot."""
    found = []
    for name in WATCHED_FILES:
        path = root / name
        if path.is_file():
            stat = path.stat()
            found.append((name, stat.st_size, stat.st_mtime_ns))
    for folder in WATCHED_FOLDERS:
        for base, _dirs, files in os.walk(root / folder):
            for name in files:
                try:
                    stat = os.stat(os.path.join(base, name))
                except OSError:
                    continue
                found.append((os.path.join(base, name), stat.st_size, stat.st_mtime_ns))
    return frozenset(found)


def serve(
    root: Path,
    out: Path,
    build: Callable[[], object],
    port: int = 8000,
    said: Callable[[str], None] = print,
    stop: threading.Event | None = None,
) -> None:
    """Build, serve ``out`` on 127.0.0.1:``port`` (0: any free port) and build again on change,
    until ``stop`` is set or Ctrl-C."""
    build()
    try:
        server = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(_Quiet, directory=str(out)))
    except OSError as exc:
        raise PapershelfError(f"cannot listen on 127.0.0.1:{port}: {exc.strerror or exc}") from exc
    thread = threading.Thread(target=server.serve_forever, name="papershelf-site-server", daemon=True)
    thread.start()
    said(f"serving http://127.0.0.1:{server.server_address[1]}/index.html (Ctrl-C stops)")
    stop = stop or threading.Event()
    seen = snapshot(root)
    try:
        while not stop.wait(INTERVAL):
            now = snapshot(root)
            if now != seen:
                seen = now
                try:
                    build()
                    said(f"built again at {time.strftime('%H:%M:%S')}")
                except PapershelfError as exc:  # a broken file: say so, keep serving the last site
                    said(f"not built: {exc}")
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        server.server_close()
