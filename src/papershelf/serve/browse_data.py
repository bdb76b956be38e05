"""The data the search page of the site reads (`site.records`), made from the library for the
editor's browse page, each result linking to the editor; made again when the library changes."""

from __future__ import annotations

import json
import threading

from papershelf.export import bibtex
from papershelf.export.citekeys import citation_keys
from papershelf.library.aliases import canonical_paper
from papershelf.library.contents import Library
from papershelf.library.links import LinkResolver
from papershelf.site.notes import local_file, note_text
from papershelf.site.records import encode, first_page, record

EDIT_LINK = "edit?id={id}"


def _records(library: Library) -> list[dict]:
    config = library.config
    links = LinkResolver(library.root)
    papers = [canonical_paper(p, config) for p in library.papers]
    root = library.root
    return [
        record(p, config, EDIT_LINK.format(id=p.id), note_text(root, local_file(links, p, p.note_url))) for p in papers
    ]


def _bibtex(library: Library) -> dict[str, str]:
    papers = [canonical_paper(p, library.config) for p in library.papers]
    return dict(zip((p.id for p in papers), bibtex.entry_texts(papers, citation_keys(papers))))


MADE = {  # each file the search page reads, from the library (and the records, made once)
    "papers/0.json": lambda library, records: encode(records()),  # one shard: the page says data-shards="1"
    "first.json": lambda library, records: first_page(records()),
    "bibtex/0.json": lambda library, records: _bibtex(library),  # read only when a reader exports
    "pages.json": lambda library, records: {},  # the editor has no venue or author pages
}


class BrowseData:
    """The files of the search page for the library at the version the watcher gives, each made
    when first asked for at that version."""

    def __init__(self):
        self._lock = threading.Lock()
        self._version = None
        self._files: dict[str, bytes] = {}
        self._library = self._records = None

    def get(self, version: int, name: str, load) -> bytes | None:
        if name not in MADE:
            return None
        with self._lock:
            if version != self._version:
                self._version, self._files, self._library, self._records = version, {}, load(), None
            if name not in self._files:
                value = MADE[name](self._library, self._records_of_library)
                self._files[name] = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()
            return self._files[name]

    def _records_of_library(self) -> list[dict]:
        if self._records is None:
            self._records = _records(self._library)
        return self._records
