"""``papershelf import-markdown FILE... --into DIR``: a list's pages into metadata files.

Any awesome-list page is read (`readers.markdown.page`): every entry is a
`Listing`; listings of one paper (the same meta file, else the same arXiv id,
DOI, OpenReview or ACL Anthology id, or title) merge into one paper: its
keywords, institutions and authors are the sections it is listed under, its
other fields what the entries say (the first wins a disagreement, which is
reported).  The paper is written where its meta link points, else to a new id.
Links into ``./notes/`` are stored the way EfficientPaper resolves them when
the file is there, and as written when it is not, so that a build gives the
page back.

A paper the library holds already is not written again (it is named); with
``update`` its file gains what the pages say and it lacks.  When DIR has no
papershelf.toml, one is written with what the pages show: the keyword labels
in page order, the badge colours and the style they were rendered in.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

from papershelf.cache.loader import load_library
from papershelf.core.dedupe import KnownPapers
from papershelf.core.errors import PapershelfError
from papershelf.core.ids import arxiv_id
from papershelf.core.model import Paper
from papershelf.core.names import slug
from papershelf.ingest.readers.markdown.entries import GUESSED
from papershelf.ingest.readers.markdown.listing import Listing
from papershelf.ingest.readers.markdown.page import read_page
from papershelf.library import shelf as shelving
from papershelf.library.aliases import canonical_paper
from papershelf.library.config import CONFIG_FILE, DEFAULT_VENUE_COLOR, Config, load_config
from papershelf.library.contents import Library
from papershelf.library.layout import META_DIR
from papershelf.library.links import LinkResolver
from papershelf.library.schema import is_keyword_name
from papershelf.library.shelf import NewFile, Shelf
from papershelf.library.text_fields import with_comments
from papershelf.library.textproto import format_paper

GROUP_FIELDS = {"keyword": "keywords", "institution": "institutions", "author": "authors"}


@dataclass
class ImportResult:
    written: list[str] = field(default_factory=list)  # files written (or, on a dry run, that would be)
    papers: int = 0  # papers written
    merged: int = 0  # entries that added to a paper already read from another entry
    skipped: int = 0  # papers not written: the library holds them already
    not_understood: int = 0  # entries that look like papers but could not be read
    updated: int = 0  # papers the library held that gained facts (with update)
    problems: list[str] = field(default_factory=list)  # "FILE:LINE: why" and what was left out
    config_written: bool = False
    dry_run: bool = False

    @property
    def complete(self) -> bool:
        """Whether every entry of every page was read and written (or is held already, updated)."""
        return not (self.skipped or self.not_understood)

    def as_dict(self) -> dict:
        return {
            "written": self.written,
            "papers": self.papers,
            "merged": self.merged,
            "skipped": self.skipped,
            "not_understood": self.not_understood,
            "updated": self.updated,
            "problems": self.problems,
            "dry_run": self.dry_run,
        }


@dataclass
class _Draft:
    facts: dict
    path: str | None
    line: str  # "FILE:LINE" of the first listing
    groups: dict[str, list[str]] = field(default_factory=dict)
    repeats: Counter = field(default_factory=Counter)  # (view, group) -> garbled rows listing it
    guessed: set[str] = field(default_factory=set)  # facts implied, not stated (a preprint's venue)


class _Keywords:
    """Keyword section labels to keyword names: the config's, else a name made from the label."""

    def __init__(self, config: Config):
        self.configured = config
        self.found: dict[str, str] = {}  # name -> label, for a new papershelf.toml

    def name(self, label: str) -> str | None:
        if self.configured.keywords is not None:
            return self.configured.keyword_name(label)
        name = slug(label).lower().replace("-", "_") or "keyword"
        name = name if is_keyword_name(name) else f"k_{name}"
        self.found.setdefault(name, label)
        return name

    def order_by(self, numbers: dict[str, int]) -> None:
        """Put the keywords found in the order the page numbered them ("05-Sparse/Pruning"), a
        placeholder where a number holds no paper, so that a build numbers them the same."""
        if not numbers or not self.found:
            return
        by_number = {numbers[label]: name for name, label in self.found.items() if label in numbers}
        ordered = {}
        for number in range(max(by_number) + 1):
            name = by_number.get(number)
            if name is None:
                ordered[f"unused_{number:02}"] = f"(no paper: section {number:02})"
            else:
                ordered[name] = self.found[name]
        ordered.update({name: label for name, label in self.found.items() if name not in ordered})
        self.found = ordered


def _published_later(draft: _Draft, listing: Listing) -> bool:
    """Whether the listing names a venue for a paper so far listed as a preprint: the later,
    published version is what the list means (issue: preprints that got published)."""
    venue = listing.facts.get("venue")
    preprint = draft.facts.get("venue") == "arXiv" and draft.path is None  # a meta file's facts stand
    return preprint and venue not in (None, "arXiv") and listing.path is None


def _same_paper_link(name: str, kept, other) -> bool:
    """Two urls of one arXiv paper (another version) do not disagree."""
    return name == "url" and arxiv_id(kept) is not None and arxiv_id(kept) == arxiv_id(other)


def _merge(draft: _Draft, listing: Listing, where: str, problems: list[str]) -> None:
    facts = dict(listing.facts)
    guessed = facts.pop(GUESSED, frozenset())
    if _published_later(draft, listing):
        draft.facts["venue"] = facts["venue"]
        if "year" in facts:
            draft.facts["year"] = facts["year"]
    for name, value in facts.items():
        if name in draft.guessed and name not in guessed:
            draft.facts[name] = value  # stated here, only implied by the entries before
            draft.guessed.discard(name)
        elif name not in draft.facts:
            draft.facts[name] = value
            if name in guessed:
                draft.guessed.add(name)
        elif name in guessed:
            continue
        elif (
            draft.facts[name] != value
            and not _same_paper_link(name, draft.facts[name], value)
            and not (name == "venue" and listing.view == "publication")
        ):
            problems.append(
                f"{where}: {name} {value!r} differs from {draft.line} ({draft.facts[name]!r}); kept the first"
            )
    if listing.view and listing.group is not None:
        members = draft.groups.setdefault(listing.view, [])
        if listing.repeated:  # n garbled rows: the paper names the group n times
            draft.repeats[(listing.view, listing.group)] += 1
        if listing.group not in members:
            members.append(listing.group)


def _paper(draft: _Draft, keywords: _Keywords, problems: list[str]) -> Paper:
    facts = dict(draft.facts)
    for view, field_name in GROUP_FIELDS.items():
        values = [v for v in draft.groups.get(view, []) for _ in range(max(1, draft.repeats[(view, v)]))]
        if view == "keyword":
            names = []
            for label in values:
                name = keywords.name(label)
                if name is None:
                    problems.append(f"{draft.line}: keyword section {label!r} is not in [keywords]; left out")
                else:
                    names.append(name)
            values = names
        if values:
            facts[field_name] = tuple(values)  # each once, or as often as garbled rows say
    if draft.groups.get("year") and "year" not in facts:
        facts["year"] = int(draft.groups["year"][0])
    if draft.groups.get("publication") and "venue" not in facts:
        facts["venue"] = draft.groups["publication"][0]
    paper_id = Path(draft.path).stem if draft.path else ""
    return Paper(id=paper_id, source=draft.path or "", **facts)


def _local_url(paper: Paper, url: str | None, links: LinkResolver) -> str | None:
    """A ./notes/ link as a url EfficientPaper resolves to the same file (shortest first)."""
    if not url or not url.startswith("./notes/"):
        return url
    target = links.find(url.removeprefix("./"))
    if target is None:
        return url
    for folder in reversed(links.folders(paper)[1:]):  # the paper's own folder, then its year's
        short = target.removeprefix(folder)
        if target.startswith(folder) and links.resolve(paper, short) == "./" + target:
            return short
    return target.removeprefix("notes/")  # notes/<url> is the first place looked in, so this resolves


def _config_text(keywords: dict[str, str], colors: dict[str, str], style: str | None) -> str:
    lines = ["# Written by papershelf import-markdown from what the pages show; every setting is optional.", ""]
    if style:
        lines += ["[build]", f"style = {json.dumps(style)}", ""]
    if keywords:
        lines += ["[keywords]"] + [
            f"{name} = {json.dumps(label, ensure_ascii=False)}" for name, label in keywords.items()
        ]
        lines.append("")
    if colors:
        lines += ["[venue_colors]"]
        lines += [f"{json.dumps(v, ensure_ascii=False)} = {json.dumps(c)}" for v, c in sorted(colors.items())]
        lines.append("")
    return "\n".join(lines)


def _open_library(into: Path) -> Library:
    (into / META_DIR).mkdir(parents=True, exist_ok=True)
    return load_library(into)


def _updated(held: Paper, found: Paper) -> Paper | None:
    """``held`` with what ``found`` says and ``held`` lacks (fields it leaves empty, keywords,
    institutions and authors it does not name); None when that is nothing."""
    changes = {}
    for name in ("title", "abbr", "url", "venue", "year", "code_url", "code_type", "cover_url"):
        if getattr(held, name) in (None, "") and getattr(found, name) not in (None, ""):
            changes[name] = getattr(found, name)
    for name in ("keywords", "institutions", "authors"):
        merged = tuple(dict.fromkeys((*getattr(held, name), *getattr(found, name))))
        if merged != getattr(held, name) and (name == "keywords" or not getattr(held, name)):
            changes[name] = merged
    return replace(held, **changes) if changes else None


def _update_file(root: Path, held: Paper, paper: Paper, vocabulary: tuple[str, ...]) -> NewFile:
    original = (root / held.source).read_text("utf-8")
    formatted = format_paper(paper, tuple(dict.fromkeys((*vocabulary, *paper.keywords))))
    return NewFile(held.source, with_comments(original, formatted) or formatted)


def _drafts(listings: list[tuple[str, Listing]], result: ImportResult) -> list[_Draft]:
    """The papers the listings describe: listings of one paper merged into one draft."""
    drafts: dict[str, _Draft] = {}  # by a token "#n" of their own
    by_path: dict[str, str] = {}  # meta path -> token
    by_keys = KnownPapers()
    for where, listing in listings:
        token = by_path.get(listing.path) if listing.path else None
        if token is None:
            title = listing.facts.get("title")  # the paper of that title first: a list may file one twice
            found = by_keys.find(Paper(id="", title=title)) or by_keys.find(
                Paper(id="", title=title, url=listing.facts.get("url"))
            )
            # Rows of one paper: a row without a meta link joins the paper with its title or
            # url, and so does a linked row whose paper was so far listed without a link.
            if found and (listing.path is None or drafts[found[0].source].path is None):
                token = found[0].source
        if token is None:
            token = f"#{len(drafts)}"
            drafts[token] = _Draft({}, listing.path, where)
            by_keys.add(Paper(id="", title=listing.facts.get("title"), url=listing.facts.get("url"), source=token))
        else:
            result.merged += 1
        draft = drafts[token]
        if listing.path and draft.path is None:
            draft.path = listing.path
        if draft.path:
            by_path[draft.path] = token
        _merge(draft, listing, where, result.problems)
    return list(drafts.values())


def _texts(files: list[Path | str]) -> list[tuple[Path, str]]:
    texts = []
    for path in files:
        try:
            texts.append((Path(path), Path(path).read_text("utf-8")))
        except (OSError, UnicodeDecodeError) as exc:
            raise PapershelfError(f"cannot read {path}: {getattr(exc, 'strerror', None) or exc}") from exc
    return texts


@dataclass
class _Read:
    """What the pages hold: their papers, keyword sections, venue colours and layouts."""

    papers: list[Paper]
    keywords: _Keywords
    colors: dict[str, str]
    styles: list


def _read(texts: list[tuple[Path, str]], config: Config | None, result: ImportResult) -> _Read:
    colors: dict[str, str] = {}
    styles = []
    numbered: dict[str, int] = {}  # keyword label -> its place, where the page numbers its sections
    listings: list[tuple[str, Listing]] = []
    for path, text in texts:
        page = read_page(text)
        styles.append(page.layout)
        numbered.update(page.keyword_numbers)
        result.problems += [f"{path}:{p}" for p in page.problems]
        result.not_understood += len(page.problems)
        if not page.listings and not page.problems:
            result.problems.append(f"{path}:1: no paper entries found (no table row, list item or paragraph links one)")
            result.not_understood += 1
        for listing in page.listings:
            if listing.color and listing.color != DEFAULT_VENUE_COLOR and listing.facts.get("venue"):
                colors.setdefault(listing.facts["venue"], listing.color)
            listings.append((f"{path}:{listing.line}", listing))
    # Entries that link their meta file first: those without one then join the paper they name.
    listings.sort(key=lambda item: item[1].path is None)
    drafts = _drafts(listings, result)
    keywords = _Keywords(config or Config())
    papers = [_paper(d, keywords, result.problems) for d in drafts]
    keywords.order_by(numbered)
    if config is not None:
        papers = [canonical_paper(p, config) for p in papers]
    return _Read(papers, keywords, colors, styles)


def papers_on_pages(files: list[Path | str], config: Config | None = None) -> tuple[list[Paper], list[str]]:
    """The papers other lists' pages hold (nothing written), and the entries not understood."""
    result = ImportResult(dry_run=True)
    return _read(_texts(files), config, result).papers, result.problems


def run(
    files: list[Path | str],
    into: Path | str,
    now: int | None = None,
    dry_run: bool = False,
    update: bool = False,
) -> ImportResult:
    into = Path(into)
    texts = _texts(files)
    has_config = (into / CONFIG_FILE).is_file()
    config = load_config(into) if has_config else None
    result = ImportResult(dry_run=dry_run)
    read = _read(texts, config, result)
    papers, keywords, colors, styles = read.papers, read.keywords, read.colors, read.styles

    library = _open_library(into) if not dry_run or (into / META_DIR).is_dir() else Library(into, Config())
    shelf, links = Shelf(library, now), LinkResolver(into)
    held = KnownPapers(library.papers)  # two meta files on the pages stay two files, as in the list
    by_source = {p.source: p for p in library.papers}
    planned: list[NewFile] = []
    replacing: list[NewFile] = []
    for paper in papers:
        paper = replace(
            paper,
            cover_url=_local_url(paper, paper.cover_url, links),
            note_url=_local_url(paper, paper.note_url, links),
        )
        existing = held.find(paper)
        if existing is None and paper.source in by_source:
            existing = (by_source[paper.source], "same file")
        if existing or (paper.source and (into / paper.source).exists()):
            if update and existing:
                merged = _updated(existing[0], paper)
                if merged is not None:
                    replacing.append(_update_file(into, existing[0], merged, library.vocabulary))
                    result.updated += 1
                continue
            reason = f"{existing[0].source} ({existing[1]})" if existing else paper.source
            result.problems.append(f"{paper.title!r} is already in the library: {reason}; not written")
            result.skipped += 1
            continue
        if not paper.source:
            planned += shelf.place(paper, note=False).files
            continue
        planned.append(shelf.keep(paper))
    result.papers = sum(1 for f in planned if f.path.startswith(META_DIR + "/"))
    if not has_config and (keywords.found or colors or any(styles)):
        style = next((s for s in styles if s), None)
        planned.append(NewFile(CONFIG_FILE, _config_text(keywords.found, colors, style)))
        result.config_written = True
    if dry_run:
        result.written = [f.path for f in planned + replacing]
        return result
    result.written = shelving.write(into, planned, replacing=replacing)
    return result
