"""``papershelf build``: render a library's views and write them.

Every view is rendered and staged (written beside its place under a temporary
name, see `atomic`) before any is put in place, so a bad input leaves every
output file as it was; a file is staged only when its bytes change.

A build that succeeds leaves a record in the cache: a digest of everything
the views depend on (the papers, the config, the README parts, the folders the
note and cover links were looked up in, papershelf's own code) and the size
and mtime of each file written.  When a later build finds the same digest and
the files untouched, it has nothing to do and renders nothing.  When only
papers changed, a style that renders its files in parts (the papershelf style)
renders again only the sections those papers are in (see `partial`).

A full render of a large library runs on two cores: a forked process renders
and stages some of the files while this one renders and stages the others.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from papershelf.cache.loader import LibraryReader, rebuilt_if_damaged
from papershelf.cache.store import Cache, CacheUnavailable
from papershelf.core.errors import PaperFileError, PapershelfError
from papershelf.core.speed import ForkedCall, TwoEnds, can_fork, gc_paused, keep_until_exit
from papershelf.core.views import VIEW_FILES
from papershelf.library.aliases import canonical_paper
from papershelf.library.atomic import commit, remove_leftovers, remove_staged, stage
from papershelf.library.config import CONFIG_FILE
from papershelf.library.contents import Library
from papershelf.library.file_stats import Signature, differing, signature
from papershelf.library.gitignore import ignore_in_git
from papershelf.library.layout import CACHE_DIR
from papershelf.library.links import LinkResolver, joined_signatures
from papershelf.library.related import REFERENCES_FILE, related_lists
from papershelf.library.writer_lock import writer_lock
from papershelf.render import partial
from papershelf.render.page import Page, chunks_of, text_of
from papershelf.render.style import RenderInputs, Style
from papershelf.render.styles import get_style
from papershelf.render.styles.templates import NAMES as TEMPLATE_NAMES
from papershelf.render.styles.templates import TEMPLATE_DIR, read_templates

README_PARTS = ("README_prefix.md", "README_suffix.md")
# From this many papers a second process renders part of the files.
PARALLEL_FROM = 2000


@dataclass
class BuildResult:
    out_dir: Path
    style: str
    papers: int = 0
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    errors: list[PaperFileError] = field(default_factory=list)
    rendered: bool = True  # False when the cache showed that nothing had changed
    partly: bool = False  # True when only the sections that changed were rendered again

    @property
    def built(self) -> bool:
        return bool(self.written or self.unchanged)

    def as_dict(self) -> dict:
        return {
            "out_dir": str(self.out_dir),
            "style": self.style,
            "papers": self.papers,
            "written": self.written,
            "unchanged": self.unchanged,
            "errors": [{"path": e.path, "line": e.line, "column": e.column, "message": e.message} for e in self.errors],
        }


@dataclass
class Rendered:
    files: dict[str, str | None]  # each file's text; in a build, where it is staged (None: unchanged)
    folders: dict[str, Signature | None]  # the folders the links were looked up in, as they were before
    page_states: dict[str, bytes] | None = None  # partial.page_state of each, from a style of pages


def render_inputs(library: Library) -> RenderInputs:
    """What a style renders of ``library``: its papers with their names as [aliases] gives them,
    and the README parts, read here (a part that is not UTF-8 is a usage error)."""
    papers = library.papers
    if library.config.aliases:
        papers = [canonical_paper(p, library.config) for p in papers]
    prefix, suffix = (_readme_part(library.root, name) for name in README_PARTS)
    name = library.root.resolve().name
    templates = read_templates(library.root)
    related = related_lists(library.root, library.config)
    return RenderInputs(papers, library.config, library.vocabulary, name, prefix, suffix, templates, related)


def _readme_part(root: Path, name: str) -> str:
    path = root / name
    try:
        return path.read_text("utf-8") if path.is_file() else ""
    except UnicodeDecodeError as exc:
        raise PapershelfError(f"a README part in {root} is not UTF-8 text: {exc.reason}") from None


def render(library: Library, style_name: str) -> dict[str, str]:
    """The files a build of ``library`` in ``style_name`` writes, by name, names as [aliases] gives them."""
    return render_all(library, style_name).files


def render_all(library: Library, style_name: str) -> Rendered:
    """Every file of the style, as its text."""
    return _render(library, get_style(style_name), _InMemory())


def _render(library: Library, style: Style, finish: _InMemory) -> Rendered:
    with gc_paused():
        inputs = render_inputs(library)
        links = LinkResolver(library.root, sign_folders=True)
        if len(inputs.papers) >= PARALLEL_FROM and can_fork():
            return _render_on_two_cores(style, inputs, links, finish)
        return _rendered(style, *_finish_here(style, inputs, links, None, None, finish))


class _InMemory:
    """Finishes each file as its text, with its `partial.page_state` (None: not a page)."""

    def all(self, style: Style, files: dict[str, str | Page]) -> dict:
        finished: dict = {}
        try:
            for name, file in files.items():
                finished[name] = (self.one(name, file), _page_state(style, file))
        except BaseException:
            self.discard(finished)
            raise
        return finished

    def one(self, name: str, file: str | Page) -> str | None:
        return text_of(file)

    def discard(self, finished: dict) -> None:
        """Undo what `all` did: nothing, in memory."""


class _Staging(_InMemory):
    """Finishes each file by staging it (`atomic.stage`) for its place in ``out``: each process
    writes the files it rendered, and the build commits them all once every one is staged."""

    def __init__(self, out: Path):
        self.out = out

    def one(self, name: str, file: str | Page) -> str | None:
        return stage(self.out / name, chunks_of(file))

    def discard(self, finished: dict) -> None:
        remove_staged(staged for staged, _ in finished.values())


def _page_state(style: Style, file: str | Page) -> bytes | None:
    return partial.page_state(file) if style.renders_in_parts else None


def _rendered(style: Style, finished: dict, folders: dict) -> Rendered:
    in_order = {name: finished[name] for name in VIEW_FILES if name in finished}
    files = {name: value for name, (value, _) in in_order.items()}
    if not style.renders_in_parts:
        return Rendered(files, folders)
    return Rendered(files, folders, {name: state for name, (_, state) in in_order.items()})


def _render_on_two_cores(style: Style, inputs: RenderInputs, links: LinkResolver, finish: _InMemory) -> Rendered:
    """The files rendered and finished by this process and a forked one, each taking the next file
    of `Style.render_order` when it is free, so that both end together.  With staging, each
    process writes its own files: only their page states come back."""
    # What every file shares, made once: the second process inherits it.  Meanwhile the cache
    # may still be written on the other core (see Cache.refresh).
    prepared = style.prepare(inputs, links)
    keep_until_exit(prepared)  # 100,000 papers' cells are not freed one by one
    order = style.render_order()
    with (
        TwoEnds(len(order), 1) as queue,  # made before the fork: both processes take from it
        ForkedCall(_finish_taken, style, inputs, links, order, queue, prepared, finish) as second,
    ):
        try:
            finished, folders = _finish_taken(style, inputs, links, order, queue, prepared, finish)
        except BaseException:
            _give_up(second, finish)
            raise
        try:
            other_finished, other_folders = second.result()
        except BaseException:
            finish.discard(finished)
            raise
    finished.update(other_finished)
    return _rendered(style, finished, joined_signatures(folders, other_folders))


def _finish_taken(style: Style, inputs, links: LinkResolver, order, queue: TwoEnds, prepared, finish):
    """Each file of ``order`` this process takes from ``queue``, one at a time, rendered and finished;
    and the folders the links were looked up in (as `_finish_here` gives them)."""
    finished: dict = {}
    try:
        while (taken := queue.take()) is not None:  # the folders' signatures once, at the end: 90,000 of them
            finished.update(finish.all(style, style.render(inputs, links, [order[taken.start]], prepared)))
    except BaseException:
        finish.discard(finished)
        raise
    return finished, links.folder_signatures()


def _finish_here(style: Style, inputs, links: LinkResolver, names, prepared, finish) -> tuple[dict, dict]:
    """The files ``names`` rendered and finished, and the folders their links were looked up in
    (`LinkResolver.folder_signatures`)."""
    return finish.all(style, style.render(inputs, links, names, prepared)), links.folder_signatures()


def _give_up(second: ForkedCall, finish: _InMemory) -> None:
    """Wait for the second process and undo what it finished (it undoes what it leaves unfinished)."""
    with contextlib.suppress(Exception):
        finish.discard(second.result()[0])


def run(
    library_dir: Path | str = ".",
    out_dir: Path | str | None = None,
    style: str | None = None,
    keep_going: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> BuildResult:
    """Build the views of the library at ``library_dir`` into ``out_dir`` (default: the library).

    With files that do not parse, nothing is written unless ``keep_going``,
    which builds from the good files.  Usage problems raise `PapershelfError`.
    """
    if style is not None:
        get_style(style)  # an unknown style is reported before any work
    return rebuilt_if_damaged(library_dir, lambda: _build(library_dir, out_dir, style, keep_going, progress))


def _build(library_dir, out_dir, style: str | None, keep_going: bool, progress) -> BuildResult:
    # The reader first: a folder that is no library is said before the lock makes anything in it.
    with gc_paused(), LibraryReader(library_dir) as reader, writer_lock(reader.root):
        style_name = style or reader.config.style
        style_used = get_style(style_name)
        out = Path(out_dir) if out_dir is not None else reader.root
        for folder in (out, reader.root / CACHE_DIR):  # views and page states a killed build left staged
            remove_leftovers(folder)
        record_key = f"build:{style_name}:{out.resolve()}"
        # Read before the refresh, whose writing may go on in another process while this one renders.
        record = _last_record(reader.cache, record_key)
        refresh = reader.refresh(progress)
        cache = reader.cache
        if cache is None:
            record = None
        else:
            _ignore_cache_in_git(reader.root)
            state_path = _state_path(reader.root, record_key)
            base = _base_digest(reader.root, style_name)
            if record is not None and not (record.get("base") == base and _untouched(record, reader.root, out)):
                record = None  # not a build these files can be updated from
            if record is not None and record["generation"] == refresh.generation:
                names = list(record["outputs"])
                return BuildResult(out, style_name, record["papers"], unchanged=names, rendered=False)
        if record is not None and not cache.has_errors():
            updated = _render_partly(reader, style_used, out, state_path)
            if updated is not None:
                result = BuildResult(out, style_name, updated.papers, partly=True)
                # Those of every paper's links: as the record has them (found so at the start), or as
                # they were before this build looked into them again.
                folders = record["folders"] | updated.folders
                rendered = _rendered(style_used, _Staging(out).all(style_used, updated.pages), folders)
                _commit(out, rendered.files, result)
                keep = _Keeping(cache, state_path, record_key, base, refresh.generation)
                keep(rendered, out, result.papers, updated.marks, refresh.vocabulary)
                return result
        library = reader.load()
        result = BuildResult(out, style_name, len(library.papers), errors=list(library.errors))
        keep_until_exit(reader, library)
        if library.errors and not keep_going:
            return result
        rendered = _render(library, style_used, _Staging(out))
        keep_until_exit(rendered)
        _commit(out, rendered.files, result)
        if cache is not None and not library.errors:
            marks = style_used.marks(library.papers) if style_used.renders_in_parts else ()
            keep = _Keeping(cache, state_path, record_key, base, refresh.generation)
            keep(rendered, out, result.papers, marks, library.vocabulary)
    return result


def views_vouched_for(library: Library, style_name: str) -> bool:
    """Whether the record of the last build into the library, in ``style_name``, shows that the
    views on disk are what a build writes now, with nothing rendered: the same papers (the
    cache's generation, current once the library is loaded), config, README parts, code and
    link folders, and the views untouched since.  False when no record can say."""
    try:
        cache = Cache.open(library.root)
    except CacheUnavailable:
        return False
    with cache:
        record = _last_record(cache, f"build:{style_name}:{library.root.resolve()}")
        if record is None or record["generation"] != cache.get("generation", 0):
            return False
        return record.get("base") == _base_digest(library.root, style_name) and _untouched(
            record, library.root, library.root
        )


def has_been_built(root: Path | str, style_name: str) -> bool:
    """Whether papershelf built the views of the library at ``root`` into it, in ``style_name``,
    before (the cache keeps the record): a program that rebuilds views after an edit does so only
    then, never writing a README over one a curator wrote by hand."""
    root = Path(root)
    try:
        cache = Cache.open(root)
    except CacheUnavailable:
        return False
    with cache:
        return _last_record(cache, f"build:{style_name}:{root.resolve()}") is not None


def _last_record(cache: Cache | None, record_key: str) -> dict | None:
    """What the cache says of the last build to ``record_key``; None if SQLite cannot say (the
    refresh that follows meets a damaged cache again, and the build is run anew on a new one)."""
    if cache is None:
        return None
    try:
        return cache.get(record_key)
    except sqlite3.DatabaseError:
        return None


def _render_partly(reader: LibraryReader, style: Style, out: Path, state_path: Path) -> partial.Updated | None:
    """`partial.update` of the pages the last build kept, or None."""
    state = partial.load(state_path) if style.renders_in_parts else None
    if state is None:
        return None
    inputs = render_inputs(reader.without_papers())
    return partial.update(style, inputs, reader.root, reader.cache, state, out)


@dataclass
class _Keeping:
    """Keeps the record of a build, and the state of its pages for updating them next time."""

    cache: Cache
    state_path: Path
    record_key: str
    base: bytes
    generation: int

    def __call__(self, rendered: Rendered, out: Path, papers: int, marks: tuple, vocabulary) -> None:
        outputs = {name: signature(out / name) for name in rendered.files}
        state = None
        if rendered.page_states is not None:
            state = partial.state_of(rendered.page_states, marks, self.cache.row_ids(), vocabulary, outputs)
        partial.save(self.state_path, state)  # first: a record never points at pages not kept
        with self.cache.transaction():
            record = _record(self.base, self.generation, outputs, rendered, papers, self.cache.root, out)
            self.cache.put(self.record_key, record)


def _state_path(root: Path, record_key: str) -> Path:
    """Where the pages of the build ``record_key`` names are kept, for updating them."""
    digest = hashlib.blake2b(record_key.encode("utf-8"), digest_size=8).hexdigest()
    return root / CACHE_DIR / f"pages-{digest}.marshal"


def _commit(out: Path, staged: dict[str, str | None], result: BuildResult) -> None:
    """Put every staged file in place (None: the file held its text already)."""
    commit({out / name: temp for name, temp in staged.items()})
    for name, temp in staged.items():
        (result.written if temp is not None else result.unchanged).append(name)


# -- the record of a build ----------------------------------------------------------------


def _base_digest(root: Path, style_name: str) -> bytes:
    """A digest of what the views depend on besides the papers and the link folders."""
    parts = [style_name, root.resolve().name, code_signature()]
    for name in (CONFIG_FILE, *README_PARTS, REFERENCES_FILE, *(f"{TEMPLATE_DIR}/{t}" for t in TEMPLATE_NAMES)):
        path = root / name
        parts.append(path.read_bytes() if path.is_file() else None)
    return hashlib.blake2b(marshal.dumps(parts), digest_size=16).digest()


def code_signature() -> list:
    """papershelf's own files by size and mtime: a changed renderer renders again."""
    package = Path(__file__).parent
    files = sorted(package.rglob("*.py"))
    return [(p.relative_to(package).as_posix(), *signature(p)) for p in files]


def _record(base: bytes, generation: int, outputs: dict, rendered: Rendered, papers: int, root: Path, out: Path):
    """What the next build compares with.  The folders' signatures are the links' own, taken before
    they looked in them, except those of the folders this build wrote into (the views, and the
    cache's folder in the root): taken now, or the next build would always find them changed."""
    folders = {folder: rendered.folders[folder] for folder in sorted(rendered.folders)}  # by name: a fifth as long
    for written in {root, out}:
        with contextlib.suppress(ValueError):  # another drive than the root's
            relative = os.path.relpath(written, root).replace(os.sep, "/")
            if relative in folders:
                folders[relative] = signature(written)
    return {"base": base, "generation": generation, "papers": papers, "outputs": outputs, "folders": folders}


def _untouched(record: dict, root: Path, out: Path) -> bool:
    """Whether the files written and the link folders are as the build of ``record`` left them.

    A folder's (size, mtime) changes when an entry in it is added, removed or renamed: what
    the links found there depends on."""
    if not all(sig is not None and signature(out / name) == sig for name, sig in record["outputs"].items()):
        return False
    folders = record["folders"]
    return not differing(root, list(folders), list(folders.values()))


def _ignore_cache_in_git(root: Path) -> None:
    """List the cache folder in the library's ``.gitignore``, once."""
    ignore_in_git(root, {f"{CACHE_DIR}/": None})
