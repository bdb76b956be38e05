"""``papershelf import-markdown FILE... --into DIR``: an awesome-list's pages back into metadata files.

Every row of every page is a `Listing`; listings of one paper (the same meta
file, else the same arXiv id, DOI or title) merge into one paper: its keywords,
institutions and authors are the sections it is listed under, its other fields
what the rows say (the first row wins a disagreement, which is reported).  The
paper is written where its meta link points, else to a new id.  Links into
``./notes/`` are stored the way EfficientPaper resolves them when the file is
there, and as written when it is not, so that a build gives the page back.

When DIR has no papershelf.toml, one is written with what the pages show: the
keyword labels, the badge colours and the style they were rendered in.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from pathlib import Path

from papershelf.cache.loader import load_library
from papershelf.core.dedupe import KnownPapers
from papershelf.core.errors import PapershelfError
from papershelf.core.model import Paper
from papershelf.core.names import slug
from papershelf.ingest.readers.markdown_pages import Listing, read_page
from papershelf.library import shelf as shelving
from papershelf.library.aliases import canonical_paper
from papershelf.library.config import CONFIG_FILE, DEFAULT_VENUE_COLOR, Config, load_config
from papershelf.library.contents import Library
from papershelf.library.layout import META_DIR
from papershelf.library.links import LinkResolver
from papershelf.library.schema import is_keyword_name
from papershelf.library.shelf import NewFile, Shelf

GROUP_FIELDS = {"keyword": "keywords", "institution": "institutions", "author": "authors"}


@dataclass
class ImportResult:
    written: list[str] = field(default_factory=list)
    papers: int = 0
    merged: int = 0  # rows that added to a paper already read from another row
    skipped: int = 0  # rows that could not be read, and papers whose file already exists
    problems: list[str] = field(default_factory=list)
    config_written: bool = False

    def as_dict(self) -> dict:
        return {
            "written": self.written,
            "papers": self.papers,
            "merged": self.merged,
            "skipped": self.skipped,
            "problems": self.problems,
        }


@dataclass
class _Draft:
    facts: dict
    path: str | None
    line: str  # "FILE:LINE" of the first listing
    groups: dict[str, list[str]] = field(default_factory=dict)


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


def _merge(draft: _Draft, listing: Listing, where: str, problems: list[str]) -> None:
    for name, value in listing.facts.items():
        if name not in draft.facts:
            draft.facts[name] = value
        elif draft.facts[name] != value and not (name == "venue" and listing.view == "publication"):
            problems.append(
                f"{where}: {name} {value!r} differs from {draft.line} ({draft.facts[name]!r}); kept the first"
            )
    if listing.view and listing.group is not None:
        members = draft.groups.setdefault(listing.view, [])
        if listing.group not in members:
            members.append(listing.group)


def _paper(draft: _Draft, keywords: _Keywords, problems: list[str]) -> Paper:
    facts = dict(draft.facts)
    for view, field_name in GROUP_FIELDS.items():
        values = draft.groups.get(view, [])
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
            facts[field_name] = tuple(dict.fromkeys(values))
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


def run(files: list[Path | str], into: Path | str, now: int | None = None) -> ImportResult:
    into = Path(into)
    texts = []
    for path in files:
        try:
            texts.append((Path(path), Path(path).read_text("utf-8")))
        except (OSError, UnicodeDecodeError) as exc:
            raise PapershelfError(f"cannot read {path}: {getattr(exc, 'strerror', None) or exc}") from exc
    has_config = (into / CONFIG_FILE).is_file()
    config = load_config(into) if has_config else None
    result = ImportResult()
    drafts: dict[str, _Draft] = {}  # by a token "#n" of their own
    by_path: dict[str, str] = {}  # meta path -> token
    by_keys = KnownPapers()
    colors: dict[str, str] = {}
    styles = []
    for path, text in texts:
        page = read_page(text)
        styles.append(page.layout)
        result.problems += [f"{path}:{p}" for p in page.problems]
        result.skipped += len(page.problems)
        for listing in page.listings:
            where = f"{path}:{listing.line}"
            if listing.color and listing.color != DEFAULT_VENUE_COLOR and listing.facts.get("venue"):
                colors.setdefault(listing.facts["venue"], listing.color)
            token = by_path.get(listing.path) if listing.path else None
            if token is None:
                probe = Paper(id="", title=listing.facts.get("title"), url=listing.facts.get("url"))
                found = by_keys.find(probe)
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
    keywords = _Keywords(config or Config())
    papers = [_paper(d, keywords, result.problems) for d in drafts.values()]
    if config is not None:
        papers = [canonical_paper(p, config) for p in papers]

    library = _open_library(into)
    shelf, links = Shelf(library, now), LinkResolver(into)
    held = KnownPapers(library.papers)  # two meta files on the pages stay two files, as in the list
    planned: list[NewFile] = []
    for paper in papers:
        paper = replace(
            paper,
            cover_url=_local_url(paper, paper.cover_url, links),
            note_url=_local_url(paper, paper.note_url, links),
        )
        existing = held.find(paper)
        if existing or (paper.source and (into / paper.source).exists()):
            reason = f"{existing[0].source} ({existing[1]})" if existing else paper.source
            result.problems.append(f"{paper.title!r} is already in the library: {reason}; not written")
            result.skipped += 1
            continue
        if not paper.source:
            planned += shelf.place(paper, note=False).files
            continue
        planned.append(shelf.keep(paper))
    result.papers = len(planned)
    if not has_config and (keywords.found or colors or any(styles)):
        style = next((s for s in styles if s), None)
        planned.append(NewFile(CONFIG_FILE, _config_text(keywords.found, colors, style)))
        result.config_written = True
    result.written = shelving.write(into, planned)
    return result
