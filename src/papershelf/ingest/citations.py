"""Citations among the list's own papers, from OpenAlex's ``referenced_works``: fetched once
(``papershelf graph --fetch-citations``) and kept in ``.papershelf/citations.json``.

Each paper is looked up by its DOI (an arXiv paper by arXiv's DOI, 10.48550/arXiv.ID) and by a
title search (OpenAlex keeps a preprint and its published version as two works, each with its
own references); every work whose title agrees is the paper's.  Paper A cites paper B when a
work of A references a work of B.  A kept entry is used only while the paper's DOI and title are
what they were when it was fetched; the curated baseline edges stay apart (kind ``cites``).
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from urllib.parse import quote

from papershelf.cache.loader import load_library
from papershelf.core.errors import PapershelfError
from papershelf.core.ids import arxiv_id, doi_in_text
from papershelf.core.model import Paper
from papershelf.ingest.clients import openalex
from papershelf.ingest.clients.polite import PoliteHttp
from papershelf.ingest.refresh import titles_agree
from papershelf.ingest.resolve import Services
from papershelf.library.atomic import write_text_atomic
from papershelf.library.layout import cache_folder
from papershelf.lineage.graph import Lineage, lineage_of

CACHE_FILE = "citations.json"
NAMES = "_names"  # the cache's entry of the names of works the list cites (missing foundations)
BATCH = 50  # OpenAlex ids one filter asks for at once


@dataclass(frozen=True)
class Derivative:
    """A recent paper that cites several of the list's papers: a candidate for the list."""

    work: str
    title: str
    year: int | None
    doi: str | None
    cites: int  # of the list's papers


@dataclass
class Citations:
    works: dict[str, list[str]] = field(default_factory=dict)  # paper path -> its OpenAlex works
    references: dict[str, list[str]] = field(default_factory=dict)  # paper path -> the works they cite
    problems: list[str] = field(default_factory=list)  # "path: why" of papers not looked up
    names: dict[str, tuple[str, int | None]] = field(default_factory=dict)  # work -> (title, year)
    derivatives: list[Derivative] = field(default_factory=list)

    def pairs(self) -> list[tuple[str, str]]:
        """(citing, cited) paper paths among the list's own papers."""
        owner = {work: path for path, works in self.works.items() for work in works}
        found = set()
        for path, cited in self.references.items():
            for work in cited:
                target = owner.get(work)
                if target and target != path:
                    found.add((path, target))
        return sorted(found)

    def missing_foundations(self, at_least: int = 3) -> list[tuple[str, int]]:
        """Works cited by ``at_least`` papers of the list that are none of its papers, most cited first."""
        mine = {work for works in self.works.values() for work in works}
        counts = Counter(work for cited in self.references.values() for work in set(cited) if work not in mine)
        return sorted(((w, n) for w, n in counts.items() if n >= at_least), key=lambda item: (-item[1], item[0]))


def identity(paper: Paper) -> str:
    """What a kept lookup depends on: the paper's DOI (or arXiv id) and title."""
    return json.dumps([doi_in_text(paper.url) or arxiv_id(paper.url) or "", paper.title or ""])


def _cache_path(root: Path) -> Path:
    return cache_folder(root) / CACHE_FILE


def _read_cache(root: Path) -> dict:
    """The kept lookups, {} when there are none or the file does not read."""
    try:
        data = json.loads(_cache_path(root).read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def kept(root: Path, papers: list[Paper], data: dict | None = None) -> Citations:
    """The citations kept for ``papers`` (only entries whose paper is still the one looked up);
    ``data``: the cache as `_read_cache` gave it, when read already."""
    found = Citations()
    data = _read_cache(root) if data is None else data
    if isinstance(data.get(NAMES), dict):
        found.names = {work: tuple(name) for work, name in data[NAMES].items()}
    for paper in papers:
        entry = data.get(paper.source)
        if isinstance(entry, dict) and entry.get("identity") == identity(paper):
            found.works[paper.source] = list(entry.get("works", []))
            found.references[paper.source] = list(entry.get("references", []))
    return found


def _looked_up(http, paper: Paper) -> tuple[list[str], list[str]]:
    works: dict[str, list[str]] = {}
    found_id = arxiv_id(paper.url)
    doi = doi_in_text(paper.url) or (f"10.48550/arxiv.{found_id}" if found_id else None)
    if doi:
        work = http.get_json(openalex.SERVICE, f"{openalex.API}/https://doi.org/{quote(doi, safe='/')}")
        if work and work.get("id"):
            works[work["id"]] = work.get("referenced_works", [])
    if paper.title:
        for work in openalex.works_by_title(http, paper.title):
            if work.get("id") and titles_agree(paper.title, work.get("title") or ""):
                works.setdefault(work["id"], work.get("referenced_works", []))
    references = sorted({r for cited in works.values() for r in cited})
    return sorted(works), references


def fetch(
    root: Path, papers: list[Paper], services: Services | None = None, at_least: int = 3, since: date | None = None
) -> Citations:
    """Look up the papers not kept yet, keep what was found, and give every paper's citations; the
    names of the works ``at_least`` papers cite that the list lacks; with ``since``, the papers
    published from then on that cite ``at_least`` of the list's (`derivatives`)."""
    services = services or Services.online()
    http = PoliteHttp(services.http, cache_folder(root) / "refresh")
    data = _read_cache(root)
    found = kept(root, papers, data)
    for paper in papers:
        if paper.source in found.works:
            continue
        try:
            works, references = _looked_up(http, paper)
        except PapershelfError as exc:
            found.problems.append(f"{paper.source}: {exc}")
            continue
        found.works[paper.source], found.references[paper.source] = works, references
        data[paper.source] = {"identity": identity(paper), "works": works, "references": references}
    unnamed = [work for work, _ in found.missing_foundations(at_least) if work not in found.names]
    try:
        found.names.update(_names(http, unnamed))
    except PapershelfError as exc:
        found.problems.append(f"the names of the missing foundations: {exc}")
    data[NAMES] = {work: list(name) for work, name in found.names.items()}
    write_text_atomic(_cache_path(root), json.dumps(data, ensure_ascii=False, sort_keys=True))
    if since is not None:
        try:
            found.derivatives = derivatives(http, found, since, at_least)
        except PapershelfError as exc:
            found.problems.append(f"the new derivatives: {exc}")
    return found


def _short(work: str) -> str:
    return work.rsplit("/", 1)[-1]


def _names(http, works: list[str]) -> dict[str, tuple[str, int | None]]:
    """The titles and years of ``works``, asked ``BATCH`` at a time."""
    found = {}
    for start in range(0, len(works), BATCH):
        batch = works[start : start + BATCH]
        params = {"filter": "openalex_id:" + "|".join(_short(w) for w in batch), "per-page": BATCH}
        for work in (http.get_json(openalex.SERVICE, openalex.API, params=params) or {}).get("results", []):
            if work.get("id"):
                found[work["id"]] = (work.get("display_name") or work.get("title") or "", work.get("publication_year"))
    return found


def derivatives(http, found: Citations, since: date, at_least: int = 3) -> list[Derivative]:
    """Papers published from ``since`` on that cite ``at_least`` of the list's papers, not in it,
    most citing first: where the list's line of work goes next (a source for the digest)."""
    owner = {work: path for path, works in found.works.items() for work in works}
    mine = sorted(owner)
    cited: dict[str, set[str]] = {}
    about: dict[str, dict] = {}
    for start in range(0, len(mine), BATCH):
        batch = mine[start : start + BATCH]
        cites = "|".join(_short(w) for w in batch)
        params = {"filter": f"cites:{cites},from_publication_date:{since.isoformat()}", "per-page": 200}
        for work in (http.get_json(openalex.SERVICE, openalex.API, params=params) or {}).get("results", []):
            if not work.get("id") or work["id"] in owner:
                continue
            papers = {owner[w] for w in work.get("referenced_works", []) if w in owner}
            cited.setdefault(work["id"], set()).update(papers)
            about[work["id"]] = work
    kept = [
        Derivative(work, about[work].get("display_name") or about[work].get("title") or "",
                   about[work].get("publication_year"), (about[work].get("doi") or "").removeprefix("https://doi.org/")
                   or None, len(papers))
        for work, papers in cited.items()
        if len(papers) >= at_least
    ]  # fmt: skip
    return sorted(kept, key=lambda d: (-d.cites, d.work))


def lineage(
    library_dir: Path | str, fetch_missing: bool = False, at_least: int = 3, since: date | None = None
) -> tuple[Lineage, Citations]:
    """The lineage graph with the citations kept (looked up first where missing, if asked) and the
    works cited by ``at_least`` of the list's papers that it lacks; and the citations themselves."""
    library = load_library(library_dir)
    if fetch_missing:
        found = fetch(library.root, library.papers, at_least=at_least, since=since)
    else:
        found = kept(library.root, library.papers)
    missing = [(w, n, *found.names.get(w, ("", None))) for w, n in found.missing_foundations(at_least)]
    graph = lineage_of(library.papers, found.pairs(), missing)
    graph.derivatives = list(found.derivatives)
    return graph, found
