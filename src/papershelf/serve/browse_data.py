"""The data the search page of the site reads (`site.records`), made from the library for the
editor's browse page, each result linking to the editor; remade when the library changes."""

from __future__ import annotations

import json
import threading

from papershelf.export import bibtex
from papershelf.export.citekeys import citation_keys
from papershelf.library.aliases import canonical_paper
from papershelf.library.contents import Library
from papershelf.library.links import LinkResolver
from papershelf.site.records import encode, first_page, record

EDIT_LINK = "edit?id={id}"


def _note_text(links: LinkResolver, paper) -> str:
    if not paper.note_url or "://" in paper.note_url:
        return ""
    found = links.resolve(paper, paper.note_url)
    if not found:
        return ""
    try:
        return (links.root / found).read_text("utf-8")
    except (OSError, UnicodeDecodeError):
        return ""


def browse_files(library: Library) -> dict[str, bytes]:
    """``papers.json``, ``first.json``, ``bibtex.json`` and ``pages.json`` of ``library``."""
    config = library.config
    papers = [canonical_paper(p, config) for p in library.papers]
    links = LinkResolver(library.root)
    records = [record(p, config, EDIT_LINK.format(id=p.id), _note_text(links, p)) for p in papers]
    entries = dict(zip((p.id for p in papers), bibtex.entry_texts(papers, citation_keys(papers))))
    made = {
        "papers.json": encode(records),
        "first.json": first_page(records),
        "bibtex.json": entries,
        "pages.json": {},  # the editor has no venue or author pages
    }
    return {name: json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode() for name, value in made.items()}


class BrowseData:
    """`browse_files` of the library at the version the watcher gives, made once a version."""

    def __init__(self):
        self._lock = threading.Lock()
        self._version = None
        self._files: dict[str, bytes] = {}

    def get(self, version: int, name: str, load) -> bytes | None:
        with self._lock:
            if version != self._version:
                self._files = browse_files(load())
                self._version = version
            return self._files.get(name)
