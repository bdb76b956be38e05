"""Answers of a web service asked politely and once: at most one request per ``INTERVALS`` seconds
to each service, and each answer kept for ``KEEP_DAYS`` in the library's cache folder, so that
``refresh`` run again (or after a failure halfway) asks only what it has not asked yet.

It stands in for `http.Http` (the same ``get_json``); the files are derived: one that does not read
is asked again.
"""

from __future__ import annotations

import hashlib
import json
import time
from pathlib import Path

from papershelf.ingest.clients.http import Http
from papershelf.library.atomic import write_text_atomic

INTERVALS = {"Semantic Scholar": 1.0, "OpenAlex": 0.1, "Crossref": 0.05}  # seconds between requests
KEEP_DAYS = 30


class PoliteHttp:
    def __init__(self, http: Http, folder: Path | None, clock=time.monotonic, now=time.time):
        self.http = http
        self.folder = folder
        self.clock = clock
        self.now = now
        self._last: dict[str, float] = {}

    def get_json(self, service: str, url: str, params: dict | None = None) -> dict | None:
        key = json.dumps([service, url, sorted((params or {}).items())], ensure_ascii=False)
        path = self.folder / f"{hashlib.sha256(key.encode()).hexdigest()[:32]}.json" if self.folder else None
        kept = self._kept(path, key)
        if kept is not None:
            return kept[0]
        wait = self._last.get(service, -1e9) + INTERVALS.get(service, 0.0) - self.clock()
        if wait > 0:
            self.http.sleep(wait)
        self._last[service] = self.clock()
        answer = self.http.get_json(service, url, params)
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_text_atomic(path, json.dumps({"key": key, "at": self.now(), "answer": answer}, ensure_ascii=False))
        return answer

    def _kept(self, path: Path | None, key: str) -> tuple[dict | None] | None:
        if path is None or not path.is_file():
            return None
        try:
            kept = json.loads(path.read_text("utf-8"))
        except (OSError, ValueError):
            return None
        if kept.get("key") != key or self.now() - kept.get("at", 0) > KEEP_DAYS * 86400:
            return None
        return (kept.get("answer"),)
