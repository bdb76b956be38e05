"""The editor's library API: read one paper with its ETag, save a change, a text, a note or a cover,
delete, add; each save checked, atomic, refused when the file changed meanwhile, then the views
rebuilt and (with git) one commit of exactly what was written.

Safe to call from many threads: saves are serialised by a lock of this
object and, against other processes, by the library's writer lock; the file is
read again under that lock and written only if it still is what the client
saw (its ETag).  Ids are looked up among the library's own papers, so no
request names a path: every file touched is a paper's own.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
import threading
from dataclasses import dataclass, field, replace
from pathlib import Path

from papershelf.cache.loader import load_library
from papershelf.check.finding import ERROR, Finding
from papershelf.core.errors import PapershelfError
from papershelf.core.model import Paper
from papershelf.edit import git_commits
from papershelf.edit.covers import BadCover, cover_place
from papershelf.edit.fields import FieldProblem, InvalidFields, changed
from papershelf.edit.validate import blocking, findings_for, parsed, vocabulary_for
from papershelf.ingest import add as adding
from papershelf.library.atomic import write_bytes_atomic, write_text_atomic
from papershelf.library.config import load_config
from papershelf.library.contents import Library
from papershelf.library.layout import paper_id_of
from papershelf.library.links import LinkResolver
from papershelf.library.shelf import NOTE_NAME, inside_library
from papershelf.library.textproto import Unrewritable, rewritten
from papershelf.library.writer_lock import writer_lock
from papershelf.render import build

MAX_ID = 200  # characters: no file name of a real list comes near


class BadId(PapershelfError):
    """An id that cannot name a paper (empty, too long, a path, a NUL): 400."""


class UnknownPaper(PapershelfError):
    """No paper of the library has this id: 404."""


class PreconditionRequired(PapershelfError):
    """A save without the ETag of the version it changes: 428."""


class Conflict(PapershelfError):
    """The file changed since the client read it: 409, with what it holds now."""

    def __init__(self, current: Loaded):
        super().__init__(f"{current.source} changed since it was loaded")
        self.current = current


class Invalid(PapershelfError):
    """The new version has errors (field problems or check findings): 422, nothing written."""

    def __init__(self, findings: list[Finding] = (), problems: list[FieldProblem] = ()):
        first = (findings or problems)[0]
        super().__init__(first.message)
        self.findings = list(findings)
        self.problems = list(problems)


def etag_of(data: bytes) -> str:
    """The ETag of a file's bytes: the first 128 bits of their SHA-256, quoted as HTTP writes it."""
    return '"' + hashlib.sha256(data).hexdigest()[:32] + '"'


def same_etag(given: str | None, etag: str) -> bool:
    """Whether an ``If-Match`` value names ``etag`` (``*``, a list, or a value without its quotes too)."""
    if given is None:
        return False
    values = [v.strip().removeprefix("W/") for v in given.split(",")]
    return any(v == "*" or v == etag or f'"{v}"' == etag for v in values)


@dataclass(frozen=True)
class Note:
    path: str  # in the library; where a new note would go when there is none yet
    text: str
    etag: str
    exists: bool


@dataclass(frozen=True)
class Loaded:
    """One paper's file as read now: the paper (None when the file does not parse), its text, ETag, note."""

    source: str
    paper_id: str
    paper: Paper | None
    text: str
    etag: str
    note: Note
    error: Finding | None = None
    cover_file: str | None = None  # the library file the cover url names, when it is one


@dataclass
class Saved:
    loaded: Loaded | None  # the file as written (None once deleted)
    findings: list[Finding] = field(default_factory=list)  # warnings, saved through
    written: list[str] = field(default_factory=list)  # library files written or removed
    views: list[str] = field(default_factory=list)  # views rebuilt
    views_problem: str | None = None
    commit: str | None = None
    commit_problem: str | None = None


@dataclass
class Added:
    result: adding.AddResult
    saved: Saved


class Editor:
    def __init__(self, root: Path | str, git: bool = False, services=None, now: int | None = None):
        self.root = Path(root)
        self.git = git
        self.services = services  # the importers' network clients (tests give recorded ones)
        self.now = now
        self._lock = threading.Lock()
        load_library(self.root)  # a folder that is no library fails here, not at the first request
        if git:
            git_commits.require_repository(self.root)

    # -- reading ----------------------------------------------------------------------------

    def library(self) -> Library:
        return load_library(self.root)

    def source_of(self, paper_id: str, library: Library | None = None) -> tuple[str, Paper | None]:
        """The metadata file of the paper ``paper_id`` names (and the paper, when it parses)."""
        if not isinstance(paper_id, str) or not paper_id or len(paper_id) > MAX_ID:
            raise BadId(f"a paper id is 1 to {MAX_ID} characters")
        if any(c in paper_id for c in "/\\\x00") or paper_id in (".", ".."):
            raise BadId("a paper id is a file name, not a path")
        library = library or self.library()
        found = [(p.source, p) for p in library.papers if p.id == paper_id]
        found += [(e.path, None) for e in library.errors if paper_id_of(e.path) == paper_id]
        if not found:
            raise UnknownPaper(f"no paper {paper_id!r} in the library")
        if len(found) > 1:
            raise BadId(f"id {paper_id!r} is held by {len(found)} files ({', '.join(s for s, _ in found)})")
        return found[0]

    def load(self, paper_id: str) -> Loaded:
        library = self.library()
        source, paper = self.source_of(paper_id, library)
        return self._loaded(library, source, paper)

    def _loaded(self, library: Library, source: str, paper: Paper | None, written: str | None = None) -> Loaded:
        """The file ``source`` as it is on disk (holding ``paper``), or as this process just wrote
        it (``written``, whose text is ``paper``'s: nothing to parse again)."""
        data = (self.root / source).read_bytes() if written is None else written.encode("utf-8")
        text = data.decode("utf-8-sig", errors="replace")
        error = None
        if paper is None:
            error = next(iter(parsed(library, source, text)[1]), None)
        links = LinkResolver(self.root)
        cover = None
        if paper is not None and paper.cover_url and "://" not in paper.cover_url:
            cover = (links.resolve(paper, paper.cover_url) or "").removeprefix("./") or None
        note = self._note(links, paper)
        return Loaded(source, paper_id_of(source), paper, text, etag_of(data), note, error, cover)

    def _note(self, links: LinkResolver, paper: Paper | None) -> Note:
        if paper is None:
            return Note("", "", etag_of(b""), False)
        found = links.resolve(paper, paper.note_url) if paper.note_url and "://" not in paper.note_url else None
        if found:
            path = found.removeprefix("./")
            data = (self.root / path).read_bytes()
            return Note(path, data.decode("utf-8", errors="replace"), etag_of(data), True)
        return Note(f"notes/{paper.year or 0}/{paper.id}/{NOTE_NAME}", "", etag_of(b""), False)

    # -- saving ------------------------------------------------------------------------------

    def save_fields(self, paper_id: str, change: dict, if_match: str | None) -> Saved:
        """Set the fields ``change`` names; every other field and comment of the file stays."""
        with self._lock:
            library, loaded = self._opened(paper_id, if_match)
            source, paper = loaded.source, loaded.paper
            try:
                new = changed(paper, change, library.config)
            except InvalidFields as bad:
                raise Invalid(problems=bad.problems) from None
            try:
                text = rewritten(loaded.text, new, vocabulary_for(library, new))
            except Unrewritable as why:
                raise Invalid([_finding(source, f"the form cannot change this file without loss: {why}; "
                                        "edit it as text")]) from None  # fmt: skip
            except PapershelfError as why:  # a value out of range for the file
                raise Invalid([_finding(source, str(why))]) from None
            return self._write(library, loaded, text, f"edit {paper_id}", new)

    def save_text(self, paper_id: str, text: str, if_match: str | None) -> Saved:
        """Replace the whole metadata file by ``text``, once it parses and passes the rules."""
        with self._lock:
            library = self.library()
            source, paper = self.source_of(paper_id, library)
            loaded = self._checked(library, source, paper, if_match)
            new, errors = parsed(library, source, text)
            if errors:
                raise Invalid(errors)
            return self._write(library, loaded, text, f"edit {paper_id} as text", new)

    def save_note(self, paper_id: str, text: str, if_match: str | None) -> Saved:
        """Write the paper's note (a new one at ``notes/<year>/<id>/note.md``, linked from its file)."""
        with self._lock:
            library = self.library()
            source, paper = self.source_of(paper_id, library)
            if paper is None:
                raise Invalid([_finding(source, "the file does not parse: correct it as text first")])
            loaded = self._loaded(library, source, paper)
            if if_match is None:
                raise PreconditionRequired("a save needs If-Match: the ETag of the note it changes")
            if not same_etag(if_match, loaded.note.etag):
                raise Conflict(loaded)
            extra = {}
            if not loaded.note.exists:
                url = LinkResolver(self.root).url_for(paper, loaded.note.path)
                extra = {"paper": replace(paper, note_url=url)}
            return self._write_file(library, loaded, loaded.note.path, text.encode("utf-8"), "note", extra)

    def set_cover(self, paper_id: str, data: bytes, if_match: str | None) -> Saved:
        """Store an uploaded cover image in the paper's folder and point its cover url at it."""
        with self._lock:
            library, loaded = self._opened(paper_id, if_match)
            source, paper = loaded.source, loaded.paper
            try:
                path, url = cover_place(self.root, paper, data)
            except BadCover as why:
                raise Invalid([_finding(source, str(why))]) from None
            extra = {"paper": replace(paper, cover_url=url)}
            return self._write_file(library, loaded, path, data, "cover", extra)

    def delete(self, paper_id: str, if_match: str | None = None) -> Saved:
        """Remove the paper's metadata file (its note folder stays: a note is the curator's writing)."""
        with self._lock:
            library = self.library()
            source, paper = self.source_of(paper_id, library)
            if if_match is not None:
                self._checked(library, source, paper, if_match)
            with writer_lock(self.root):
                current = self._loaded(library, source, paper)
                if if_match is not None and not same_etag(if_match, current.etag):
                    raise Conflict(current)
                os.remove(self.root / source)
            saved = Saved(None, written=[source])
            self._after(saved, f"delete {paper_id}" + (f" ({paper.title})" if paper and paper.title else ""))
            return saved

    def add(self, source: str | None, options: adding.AddOptions, upload: tuple[str, bytes] | None = None) -> Added:
        """`ingest.add.run` for a SOURCE, the options alone (by hand), or an uploaded file
        (``(".pdf" or ".bib", bytes)``), then the views and the commit."""
        with self._lock, contextlib.ExitStack() as stack:
            if upload is not None:
                suffix, data = upload
                folder = stack.enter_context(tempfile.TemporaryDirectory(prefix="papershelf-upload-"))
                source = os.path.join(folder, "upload" + suffix)
                Path(source).write_bytes(data)
            result = adding.run(self.root, source, options, self.services, self.now)
            saved = Saved(None, written=list(result.written))
            if result.written:
                titles = ", ".join(p.paper.title or p.paper.id for p in result.added)
                self._after(saved, f"add {titles}")
            return Added(result, saved)

    # -- the steps every save takes -----------------------------------------------------------

    def _opened(self, paper_id: str, if_match: str | None) -> tuple[Library, Loaded]:
        """The library and the paper's file, as the client saw it (its ETag) and parsed."""
        library = self.library()
        source, paper = self.source_of(paper_id, library)
        loaded = self._checked(library, source, paper, if_match)
        if paper is None:
            raise Invalid([_finding(source, "the file does not parse: correct it as text first")])
        return library, loaded

    def _checked(self, library: Library, source: str, paper: Paper | None, if_match: str | None) -> Loaded:
        loaded = self._loaded(library, source, paper)
        if if_match is None:
            raise PreconditionRequired("a save needs If-Match: the ETag of the version it changes")
        if not same_etag(if_match, loaded.etag):
            raise Conflict(loaded)
        return loaded

    def _write(self, library: Library, loaded: Loaded, text: str, message: str, new: Paper) -> Saved:
        new = replace(new, source=loaded.source)
        findings = findings_for(library, new, text)
        errors = blocking(findings)
        if errors:
            raise Invalid(errors)
        with writer_lock(self.root):
            if etag_of((self.root / loaded.source).read_bytes()) != loaded.etag:
                raise Conflict(self._loaded(library, loaded.source, loaded.paper))
            if text != loaded.text:
                write_text_atomic(self.root / loaded.source, text)
        saved = Saved(None, findings, [loaded.source] if text != loaded.text else [])
        self._after(saved, message + (f" ({new.title})" if new.title else ""))
        saved.loaded = self._loaded(library, loaded.source, new, text)
        return saved

    def _write_file(self, library: Library, loaded: Loaded, path: str, data: bytes, what: str, extra: dict) -> Saved:
        """Write a note or cover ``data`` at ``path`` (and the paper's file, when ``extra`` holds the
        paper linking it)."""
        if not inside_library(self.root, path):
            raise Invalid([_finding(loaded.source, f"{path} is outside the library's notes/")])
        metadata, new = None, extra.get("paper", loaded.paper)
        if extra:
            try:
                metadata = rewritten(loaded.text, new, vocabulary_for(library, new))
            except Unrewritable as why:
                raise Invalid([_finding(loaded.source, f"cannot link the {what} without loss: {why}")]) from None
        with writer_lock(self.root):
            if etag_of((self.root / loaded.source).read_bytes()) != loaded.etag:
                raise Conflict(self._loaded(library, loaded.source, loaded.paper))
            target = self.root / path
            target.parent.mkdir(parents=True, exist_ok=True)
            write_bytes_atomic(target, data)
            written = [path]
            if metadata is not None and metadata != loaded.text:
                write_text_atomic(self.root / loaded.source, metadata)
                written.append(loaded.source)
        saved = Saved(None, written=written)
        self._after(saved, f"{what} of {loaded.paper_id}")
        saved.loaded = self._loaded(library, loaded.source, new)
        return saved

    def _after(self, saved: Saved, message: str) -> None:
        """Rebuild the views (when papershelf built them before) and commit, reporting, not raising."""
        if not saved.written:
            return
        if build.has_been_built(self.root, load_config(self.root).style):
            try:
                result = build.run(self.root)
            except PapershelfError as exc:
                saved.views_problem = str(exc)
            else:
                saved.views = list(result.written)
                if result.errors:
                    saved.views_problem = f"views not rebuilt: {len(result.errors)} file(s) do not parse"
        if self.git:
            try:
                saved.commit = git_commits.commit_files(self.root, [*saved.written, *saved.views], message)
            except PapershelfError as exc:
                saved.commit_problem = str(exc)


def _finding(source: str, message: str) -> Finding:
    return Finding(source, 1, "edit", ERROR, message)
