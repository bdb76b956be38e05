"""Noticing changes to the library made by others (an editor, git, another papershelf): the one
thread of ``papershelf serve`` besides the server's own.

Every ``INTERVAL`` seconds the watched files' sizes and times are compared
with the last look; a difference raises the version the pages poll
(``GET /api/changes``), so a browser shows papers added or changed on disk.
"""

from __future__ import annotations

import threading
from pathlib import Path

from papershelf.site.serve import snapshot

INTERVAL = 1.0


class Watcher:
    def __init__(self, root: Path, interval: float = INTERVAL):
        self.root = root
        self.interval = interval
        self.version = 1
        self._seen = snapshot(root)
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def look(self) -> int:
        """Compare with the last look now; the version, raised if anything changed."""
        now = snapshot(self.root)
        with self._lock:
            if now != self._seen:
                self._seen = now
                self.version += 1
            return self.version

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="papershelf-watcher", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self.look()
