"""Rendering again only the sections that a change of a few papers touches.

A build in a `style.PagedStyle` (the papershelf style) leaves in the cache,
beside its record, the state of each page it wrote: the sources of every
group's papers in display order, each shown section's anchor and length in the
file, and the cache's row id of every paper.  A changed file gets a new id, so
comparing ids tells which papers went away and which came in.

The next build, when only papers changed (the config, the README parts, the
link folders and papershelf's code are as they were, and the files written are
untouched), takes the papers that went away out of their groups, puts the ones
that came in into theirs, and renders only the sections of the groups that
changed.  Every other section is copied from the file as it was written: at
100,000 papers a changed title renders a few sections, not 220 MB of tables.
A build that changes too much for that to pay is a full render.
"""

from __future__ import annotations

import bisect
import hashlib
import marshal
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import NamedTuple

from papershelf.cache.store import Cache
from papershelf.core.model import Paper
from papershelf.library.aliases import canonical_paper
from papershelf.library.atomic import write_bytes_atomic
from papershelf.library.config import Config
from papershelf.library.file_stats import Signature, signature
from papershelf.library.links import LinkResolver
from papershelf.render.page import Before, Page, Reuse
from papershelf.render.style import PagedStyle, RenderInputs

# Above this many papers in or out (a changed paper counts twice), a full render is about as quick.
MAX_CHANGED, MAX_CHANGED_SHARE, ALWAYS_FEW = 2000, 0.05, 50


def state_of(page_states: dict[str, bytes], marked: tuple, ids: dict[str, int], vocabulary, outputs: dict) -> dict:
    """What a later build needs to update the pages of ``page_states`` (each from `page_state`;
    written with the stat signatures ``outputs``); ``marked``: the sources of the papers with a
    cover, and of those with a note."""
    return {
        "ids": ids,
        "marks": tuple(sorted(sources) for sources in marked),
        "vocabulary": vocabulary,
        "outputs": outputs,
        "pages": page_states,
    }


def page_state(page: Page) -> bytes:
    """What a later build needs of ``page``, marshalled by the process that rendered it: a page
    rendered in a second process comes back as bytes, not as 160,000 author groups to rebuild."""
    length = len(page.head) + sum(len(s.text) for s in page.sections) + len(page.tail)
    return marshal.dumps(
        {
            "groups": page.groups,
            "sizes": page.sizes,
            "row_sizes": page.row_sizes,
            "head": len(page.head),
            "sections": [(s.key, s.anchor, len(s.text)) for s in page.sections],
            "length": length,
            "stripped": length - sum(map(len, page.chunks)),  # the newlines the file's end lost
        }
    )


# A state file: this header, a blake2b digest of the payload, then the payload (marshal).
STATE_HEADER = b"papershelf page state 2\n"  # 2: with the row sizes
STATE_DIGEST_BYTES = 16


def save(path: Path, state: dict | None) -> None:
    """Keep ``state`` in a file of its own: tens of megabytes at 100,000 papers, read in one go."""
    if state is None:
        path.unlink(missing_ok=True)
    else:
        payload = marshal.dumps(state)
        digest = hashlib.blake2b(payload, digest_size=STATE_DIGEST_BYTES).digest()
        write_bytes_atomic(path, STATE_HEADER + digest + payload)


def load(path: Path) -> dict | None:
    """The state kept at ``path``, or None when there is none or it does not verify (another
    version, damaged bytes): then the build renders everything."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    start = len(STATE_HEADER) + STATE_DIGEST_BYTES
    digest, payload = data[len(STATE_HEADER) : start], data[start:]
    if not data.startswith(STATE_HEADER) or hashlib.blake2b(payload, digest_size=STATE_DIGEST_BYTES).digest() != digest:
        return None
    try:
        state = marshal.loads(payload)
        state["pages"] = {name: marshal.loads(page) for name, page in state["pages"].items()}
    except (EOFError, ValueError, TypeError, KeyError, AttributeError):
        return None
    return state


def update(style: PagedStyle, inputs: RenderInputs, root: Path, cache: Cache, state: dict, out: Path) -> Updated | None:
    """The pages of the library at ``root`` (whose papers are read from ``cache`` as needed; ``inputs``
    holds none), rendered again
    only where the papers changed since ``state``; None when a full render is due (too many
    changes, another vocabulary, a file not as written)."""
    ids = cache.row_ids()
    old_ids = state["ids"]
    gone = {source for source, paper_id in old_ids.items() if ids.get(source) != paper_id}
    came = [source for source, paper_id in ids.items() if old_ids.get(source) != paper_id]
    changed = len(gone) + len(came)
    if changed > min(MAX_CHANGED, max(ALWAYS_FEW, MAX_CHANGED_SHARE * len(ids))):
        return None
    if state["vocabulary"] != inputs.vocabulary or state["pages"].keys() != style.pages.keys():
        return None
    if any(signature(out / name) != recorded for name, recorded in state["outputs"].items()):
        return None
    papers = IndexedPapers(cache, ids, inputs.config)
    came_marks = style.marks(papers[source] for source in came)
    marks = tuple((set(sources) - gone) | new for sources, new in zip(state["marks"], came_marks, strict=True))
    links = LinkResolver(root, sign_folders=True)
    rows = style.rows_of(inputs, links, papers, marks)
    pages = {}
    for name, kind in style.pages.items():
        page_state = state["pages"][name]
        old_text = _text_as_written(out / name, page_state)
        if old_text is None:
            return None
        old_members = {}  # the groups as they were, for those that change
        groups, touched = _regroup(style, inputs, kind, page_state["groups"], gone, came, papers, old_members)
        sizes = {key: size for key, size in page_state["sizes"].items() if key not in touched}
        row_sizes = {source: size for source, size in page_state["row_sizes"].items() if source not in gone}
        before = _sections_before(page_state, old_text, old_members, gone)
        pages[name] = style.compose(inputs, kind, groups, rows, Reuse(sizes, before, touched, row_sizes))
    return Updated(pages, marks, len(papers), links.folder_signatures())


class Updated(NamedTuple):
    pages: dict[str, Page]
    marks: tuple[set[str], ...]  # `PagedStyle.marks` of every paper, for the state kept next
    papers: int
    folders: dict[str, Signature | None]  # the folders the links were looked up in, as they were before


class IndexedPapers(Mapping):
    """The papers of the cache by source, each read when first asked for (names as [aliases] gives them)."""

    def __init__(self, cache: Cache, ids: dict[str, int], config: Config):
        self.cache, self.ids, self.config = cache, ids, config
        self._read: dict[str, Paper] = {}

    def __getitem__(self, source: str) -> Paper:
        paper = self._read.get(source)
        if paper is None:
            paper = self.cache.paper(source) if source in self.ids else None
            if paper is None:
                raise KeyError(source)
            if self.config.aliases:
                paper = canonical_paper(paper, self.config)
            self._read[source] = paper
        return paper

    def __iter__(self) -> Iterator[str]:
        return iter(self.ids)

    def __len__(self) -> int:
        return len(self.ids)


def _regroup(style: PagedStyle, inputs, kind, groups: dict, gone: set[str], came: list[str], papers, old_members):
    """``groups`` (in section order) without the papers that went away and with those that came
    in, and the keys of the groups that changed, whose members as they were go into ``old_members``."""
    touched, created = set(), []
    if gone:
        for key, members in groups.items():
            if not gone.isdisjoint(members):
                old_members[key] = list(members)
                members[:] = [source for source in members if source not in gone]
                touched.add(key)
    for source in came:
        for key in style.keys_of(kind, papers[source]):
            if key not in groups:
                created.append(key)
                groups[key] = []
            old_members.setdefault(key, list(groups[key]))
            bisect.insort(groups[key], source, key=lambda s: style.sort_key(papers[s]))
            touched.add(key)
    keys = [key for key in groups if groups[key]]
    if created:
        order = style.order(inputs, kind)
        new = set(created)
        keys = [key for key in keys if key not in new]
        for key in dict.fromkeys(created):
            if groups[key]:
                bisect.insort(keys, key, key=order)
    return {key: groups[key] for key in keys}, touched


def _text_as_written(path: Path, page_state: dict) -> str | None:
    """The page's text as the last build wrote it, with the newlines its end lost; None if it is not."""
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    return text if len(text) + page_state["stripped"] == page_state["length"] else None


def _sections_before(page_state: dict, old_text: str, old_members: dict, gone: set[str]):
    """A function giving each section as the last build wrote it, or None for one it did not."""
    spans = {}
    start = page_state["head"]
    for key, anchor, length in page_state["sections"]:
        spans[key] = (anchor, start, start + length)
        start += length
    groups = page_state["groups"]

    def before(key) -> Before | None:
        span = spans.get(key)
        if span is None:
            return None
        if key in old_members:
            listed = [None if source in gone else source for source in old_members[key]]
        else:
            listed = groups[key]  # not touched: none of its papers changed
        text = old_text[span[1] : span[2]]
        text += "\n" * (span[2] - span[1] - len(text))  # the last section lost its final newlines
        return Before(span[0], text, listed)

    return before
