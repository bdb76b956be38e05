"""Where a paper's note and cover links point, as EfficientPaper resolves them.

A url is tried as ``notes/<url>``, then ``notes/<year>/<url>``, then
``notes/<year>/<id>/<url>``; the first that exists gives a ``./notes/...``
link, otherwise the url is used as written.  EfficientPaper ran on a
case-insensitive disk, so a url may name a file in another letter case than
the one on disk: such a url still resolves, and the link names the file as it
really is, so that it works on GitHub too.  (On a case-sensitive disk a file in
a paper's own folder is first looked for as spelt, with one stat: a list of
100,000 papers has as many folders, and listing each cost seconds.)
"""

from __future__ import annotations

import marshal
import os
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

from papershelf.core.model import Paper
from papershelf.core.speed import ForkedCall, can_fork
from papershelf.library.file_stats import UNTRUSTED, Signature, signature

# Paths of this many parts are first looked for as spelt (see LinkResolver._find).
DIRECT_FROM = 4
PARALLEL_FROM = 2000  # papers from which `on_two_cores` looks up half the links on another core
T = TypeVar("T")
_CLEAN = re.compile(r"(?!\.\.?(?:/|$))[^/]+(?:/(?!\.\.?(?:/|$))[^/]+)*")  # no "", "." or ".." part


class LinkResolver:
    def __init__(self, root: Path, sign_folders: bool = False):
        """``sign_folders``: take each folder's signature before looking into it, for
        `folder_signatures` (a build's record); a stat more a paper's folder, so off otherwise."""
        self.root = root
        self._sign_folders = sign_folders
        self._base = os.fspath(root)
        # Folder (relative, "" for the root) -> its names by their lower-case form.
        self._listings: dict[str, dict[str, list[str]]] = {}
        # What `find` gave for each path asked: "notes/cover.png" is asked once for every paper.
        self._found: dict[str, str | None] = {}
        # Folders ("" for the root) a path was found in by one stat, not listed: links depend on them too.
        self._relied_on: set[str] = set()
        # Each folder's signature, taken before anything was looked up in it (see folder_signatures).
        self._signatures: dict[str, Signature | None] = {}
        self._case_sensitive: bool | None = None

    def _entries(self, folder: str) -> dict[str, list[str]]:
        """Names in ``folder`` by their lower-case form (several on a case-sensitive disk)."""
        listing = self._listings.get(folder)
        if listing is None:
            self._sign(folder)
            listing = {}
            try:
                names = sorted(os.listdir(os.path.join(self._base, folder)))
            except OSError:
                names = []
            for name in names:
                listing.setdefault(name.lower(), []).append(name)
            self._listings[folder] = listing
        return listing

    def listed(self) -> list[str]:
        """The folders looked into so far, relative to the root: what the links depend on."""
        return sorted({folder or "." for folder in self._listings.keys() | self._relied_on})

    def listed_folders(self) -> list[str]:
        """The folders listed so far: where a new file could change what a link finds, for a
        caller that also watches every file the links found (a folder a file was found in by one
        stat matters to it only through that file, which it watches anyway: the site)."""
        return sorted(folder or "." for folder in self._listings)

    def folder_signatures(self) -> dict[str, Signature | None]:
        """Each folder of `listed` with its signature as it was before anything was looked up in
        it: what a build records, so that a file added while it ran makes the next one look again
        (a signature taken afterwards would vouch for what the views never saw)."""
        if not self._sign_folders:
            raise ValueError("a LinkResolver made without sign_folders keeps no signatures")
        return {folder or ".": self._signatures[folder] for folder in self._listings.keys() | self._relied_on}

    def _sign(self, folder: str) -> None:
        """Take the signature of ``folder`` and of those above it, each the first time (when signing)."""
        while self._sign_folders and folder not in self._signatures:
            self._signatures[folder] = signature(os.path.join(self._base, folder))
            folder = folder.rpartition("/")[0]

    def _rely_on(self, folder: str) -> None:
        """Note ``folder`` and the folders above it ("" for the root) as what a link depends on."""
        while folder not in self._relied_on:
            self._relied_on.add(folder)
            if not folder:
                return
            folder = folder.rpartition("/")[0]

    def _disk_is_case_sensitive(self) -> bool:
        """Whether the root's disk tells "notes" from "NOTES" (False when it cannot be told)."""
        if self._case_sensitive is None:
            names = {name for spellings in self._entries("").values() for name in spellings}
            probe = next((name for name in sorted(names) if name.swapcase() not in names and name.isalpha()), None)
            self._case_sensitive = probe is not None and not os.path.exists(os.path.join(self._base, probe.swapcase()))
        return self._case_sensitive

    def find(self, relative: str) -> str | None:
        """The on-disk spelling of ``relative`` (a path under the root), matched ignoring case."""
        try:
            return self._found[relative]
        except KeyError:
            found = self._found[relative] = self._find(relative)
            return found

    def _find(self, relative: str) -> str | None:
        if relative.count("/") >= DIRECT_FROM - 1 and _CLEAN.fullmatch(relative) and self._disk_is_case_sensitive():
            # A paper's own folder (notes/<year>/<id>/...), one of thousands: a stat finds a name
            # spelt right for a fiftieth of a listing's cost (most are); only a miss lists.
            self._sign(relative.rpartition("/")[0])  # before the stat
            try:
                os.stat(self._base + "/" + relative)
            except (OSError, ValueError):  # ValueError: a NUL in the url
                pass
            else:
                self._rely_on(relative.rpartition("/")[0])
                return relative
        parts = [p for p in relative.split("/") if p not in ("", ".")]
        if not parts or ".." in parts:
            return None
        found: list[str] = []
        for part in parts:
            names = self._entries("/".join(found)).get(part.lower())
            if not names:
                return None
            found.append(part if part in names else names[0])
        return "/".join(found)

    @staticmethod
    def folders(paper: Paper) -> list[str]:
        """The folders a note or cover url of ``paper`` is looked up in, in order."""
        return LinkResolver.folders_of(paper.year or 0, paper.id)

    @staticmethod
    def folders_of(year: int, paper_id: str) -> list[str]:
        return ["notes/", f"notes/{year}/", f"notes/{year}/{paper_id}/"]

    def resolve(self, paper: Paper, url: str) -> str | None:
        """The ``./notes/...`` path ``url`` resolves to for ``paper``, or None."""
        for folder in self.folders(paper):
            found = self.find(folder + url)
            if found is not None:
                return "./" + found
        return None

    def url_for(self, paper: Paper, path: str) -> str:
        """The url that names ``path`` (a file in the paper's own folder, ``notes/<year>/<id>/name``)
        from its metadata: the bare name, as EfficientPaper writes it, unless a file of that name
        in a folder looked in first would shadow it."""
        name = path.rpartition("/")[2]
        for folder in self.folders(paper):
            if folder + name == path:
                return name
            if self.find(folder + name):
                break
        return path.removeprefix("notes/")

    def target(self, paper: Paper, url: str) -> str:
        """Where a link for ``url`` points: the resolved file, else the url as written."""
        return self.resolve(paper, url) or url

    def resolve_all(self, papers: Sequence[Paper]) -> None:
        """Look up every note and cover url of ``papers`` now, so that `resolve` answers them from
        what is known.  For many papers a forked process looks up the later half (see `on_two_cores`):
        a stat or a listing a link, 135,000 at 100,000 papers, are most of making a build's cells."""
        self.on_two_cores(papers, self._resolve_each, lambda done: None)

    def _resolve_each(self, papers: Sequence[Paper]) -> None:
        for paper in papers:
            for url in (paper.note_url, paper.cover_url):
                if url:
                    self.resolve(paper, url)

    def on_two_cores(self, papers: Sequence[Paper], work: Callable[[Sequence[Paper]], T], send: Callable[[T], object]):
        """``work`` (which resolves links) of the first half of ``papers`` here and of the second
        in a forked process, when there are many and the speed tricks allow; the two results (the
        second as ``send`` made it marshallable, and marshalled back).  What the second process
        found, the folders it listed and those it relied on are merged here, as if this one had
        looked them up: the folders a build depends on are the same either way."""
        if len(papers) < PARALLEL_FROM or not can_fork():
            return work(papers), None
        self._disk_is_case_sensitive()  # once, for both processes
        middle = len(papers) // 2
        with ForkedCall(self._marshalled, work, send, papers[middle:]) as second:
            here = work(papers[:middle])
            there, (found, listings, relied_on, signatures) = marshal.loads(second.result())
        self._found.update(found)
        for folder, listing in listings.items():
            self._listings.setdefault(folder, listing)
        self._relied_on.update(relied_on)
        self._signatures = joined_signatures(self._signatures, signatures)
        return here, there

    def _marshalled(self, work: Callable, send: Callable, papers: Sequence[Paper]) -> bytes:
        """In the forked process: ``send(work(papers))`` and what it learnt, for the first to merge."""
        known = set(self._found)
        result = send(work(papers))
        found = {path: spelt for path, spelt in self._found.items() if path not in known}
        return marshal.dumps((result, (found, self._listings, list(self._relied_on), self._signatures)))


def joined_signatures(first: dict[str, Signature | None], second: dict[str, Signature | None]) -> dict:
    """The folder signatures two processes took, in one: a folder whose two differ changed while
    they looked into it, and is `UNTRUSTED` (the next build looks again)."""
    joined = dict(first)
    for folder, taken in second.items():
        held = joined.setdefault(folder, taken)
        if held != taken:
            joined[folder] = UNTRUSTED
    return joined
