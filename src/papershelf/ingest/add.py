"""``papershelf add [SOURCE]``: one paper (or a BibTeX file's papers) into the library, never twice.

The metadata is fetched first (or, without a SOURCE, taken from the options
alone: no network), then every draft is checked against the library (same
arXiv id whatever the version, same DOI, same folded title) and the papers
planned in this run; only when all is planned are the files written.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from papershelf.cache.loader import load_library
from papershelf.core.dedupe import KnownPapers
from papershelf.core.errors import PapershelfError
from papershelf.core.model import Paper
from papershelf.core.names import short_name
from papershelf.ingest.identify import ARXIV, DOI, identify
from papershelf.ingest.resolve import Drafts, Services, drafts_for
from papershelf.library import shelf as shelving
from papershelf.library.aliases import canonical_paper
from papershelf.library.config import Config
from papershelf.library.contents import Library
from papershelf.library.schema import is_keyword_name
from papershelf.library.shelf import Placement, Shelf


@dataclass(frozen=True)
class AddOptions:
    """What the command line sets that metadata cannot (or gets wrong)."""

    abbr: str | None = None
    keywords: tuple[str, ...] = ()
    venue: str | None = None
    year: int | None = None
    institutions: tuple[str, ...] = ()
    title: str | None = None
    url: str | None = None
    authors: tuple[str, ...] = ()
    code: str | None = None
    note: bool = True
    force: bool = False
    dry_run: bool = False


@dataclass
class Duplicate:
    draft: Paper
    existing: Paper
    reason: str

    def __str__(self) -> str:
        named = self.draft.title or self.draft.url
        return f"already in the library: {self.existing.source} ({self.reason}): {named}"


@dataclass
class AddResult:
    added: list[Placement] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    written: list[str] = field(default_factory=list)
    dry_run: bool = False
    warnings: list[str] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return bool(self.duplicates)


def keyword_names(keywords: tuple[str, ...], config: Config) -> tuple[str, ...]:
    """The keyword names ``keywords`` give (a label from the config counts too); a usage error if unknown."""
    names = []
    for word in keywords:
        if config.keywords is None:
            if not is_keyword_name(word):
                raise PapershelfError(f"--keyword {word!r}: a keyword is a name like sparse_pruning")
            names.append(word)
            continue
        name = config.keyword_name(word)
        if name is None:
            known = ", ".join(config.keywords)
            raise PapershelfError(f"--keyword {word!r} is not in [keywords] of papershelf.toml (known: {known})")
        names.append(name)
    return tuple(dict.fromkeys(names))


def with_options(draft: Paper, options: AddOptions, keywords: tuple[str, ...]) -> Paper:
    changes: dict = {"keywords": tuple(dict.fromkeys((*draft.keywords, *keywords)))}
    if options.abbr:
        changes["abbr"] = options.abbr
    if options.venue:
        changes["venue"] = options.venue
    if options.year:
        changes["year"] = options.year
    if options.institutions:
        changes["institutions"] = tuple(dict.fromkeys((*draft.institutions, *options.institutions)))
    for name, value in (("title", options.title), ("url", options.url), ("code_url", options.code)):
        if value and value.strip():
            changes[name] = " ".join(value.split())
    if options.authors:
        changes["authors"] = options.authors
    return replace(draft, **changes)


def by_hand(options: AddOptions) -> Drafts:
    """The paper the options describe, for ``add`` without a SOURCE: nothing is looked up."""
    if not (options.title and options.title.strip()):
        raise PapershelfError("give a SOURCE (an arXiv id or url, a DOI, a .pdf or a .bib file) or --title")
    title = " ".join(options.title.split())
    return Drafts([Paper(id="", title=title, abbr=short_name(title))])


def add_drafts(library: Library, drafts: Drafts, options: AddOptions, now: int | None = None) -> AddResult:
    """Plan every draft that is not a duplicate, then write them all (unless a dry run)."""
    keywords = keyword_names(options.keywords, library.config)
    if options.abbr and len(drafts.papers) > 1:
        raise PapershelfError(f"--abbr names one paper, and the source holds {len(drafts.papers)}")
    shelf = Shelf(library, now)
    result = AddResult(skipped=list(drafts.skipped), dry_run=options.dry_run, warnings=list(drafts.warnings))
    for draft in drafts.papers:
        # The list's own spelling of venues and names ([aliases]), so "MIT" stays "MIT".
        draft = canonical_paper(with_options(draft, options, keywords), library.config)
        found = shelf.existing(draft)
        if found and not options.force:
            result.duplicates.append(Duplicate(draft, *found))
            continue
        result.added.append(shelf.place(draft, note=options.note))
    if not options.dry_run:
        result.written = shelving.write(library.root, [f for p in result.added for f in p.files])
    return result


def run(
    library_dir: Path | str,
    source: str | None,
    options: AddOptions | None = None,
    services: Services | None = None,
    now: int | None = None,
) -> AddResult:
    """Add the paper (or papers) of ``source``; with ``source`` None, the paper the options describe."""
    options = options or AddOptions()
    library = load_library(library_dir)
    keyword_names(options.keywords, library.config)  # a bad option fails before any network call
    if source is None:
        result = add_drafts(library, by_hand(options), options, now)
        if result.added and not options.venue:
            result.warnings.append("no --venue: `check` reports the paper until its pub.where is set (arXiv, ICML...)")
        return result
    known = _known_without_fetching(library, source) if not options.force else None
    if known:
        return AddResult(duplicates=[known], dry_run=options.dry_run)
    return add_drafts(library, drafts_for(source, services), options, now)


def _known_without_fetching(library: Library, source: str) -> Duplicate | None:
    """An arXiv id or DOI the library already holds needs no request to be refused."""
    found = identify(source)
    urls = {ARXIV: f"https://arxiv.org/abs/{found.value}", DOI: f"https://doi.org/{found.value}"}
    if found.kind not in urls:
        return None
    probe = Paper(id="", url=urls[found.kind])
    held = KnownPapers(library.papers).find(probe)
    return Duplicate(probe, *held) if held else None
