"""``papershelf related PAGE...``: the papers neighbouring lists hold that this one lacks, ranked by
the digest's model (`model`), grouped by the keyword each would get (`suggest`), each with the
command that adds it.

The pages are read by the importer of ``import-markdown`` (nothing is written); a paper is held
already when it has the same arXiv id (any version), DOI or folded title as one of the list's.
"""

from __future__ import annotations

import shlex
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from papershelf.cache.loader import load_library
from papershelf.core.dedupe import KnownPapers
from papershelf.core.ids import arxiv_id, doi_in_text
from papershelf.core.model import Paper
from papershelf.digest import archive
from papershelf.digest.candidates import Candidate, fractional_year
from papershelf.digest.known import as_known
from papershelf.digest.model import Ranked
from papershelf.digest.model_cache import trained_ranker
from papershelf.digest.suggest import Suggester
from papershelf.ingest.import_markdown import papers_on_pages


@dataclass(frozen=True)
class Lacking:
    paper: Paper  # as the other list gives it
    ranked: Ranked
    keyword: str | None  # the keyword it would get first
    pages: tuple[str, ...]  # the pages that list it

    @property
    def command(self) -> str:
        keyword = f" --keyword {shlex.quote(self.keyword)}" if self.keyword else ""
        found = arxiv_id(self.paper.url) or doi_in_text(self.paper.url)
        if found:
            return f"papershelf add {found}{keyword}"
        parts = [f"--title {shlex.quote(self.paper.title or '')}"]
        if self.paper.url:
            parts.append(f"--url {shlex.quote(self.paper.url)}")
        if self.paper.venue:
            parts.append(f"--venue {shlex.quote(self.paper.venue)}")
        if self.paper.year:
            parts.append(f"--year {self.paper.year}")
        return "papershelf add " + " ".join(parts) + keyword


@dataclass
class Related:
    lacking: list[Lacking]  # best first
    held: int  # papers of the pages the list holds already
    read: int  # papers read off the pages
    problems: list[str] = field(default_factory=list)  # entries not understood

    def by_keyword(self) -> dict[str | None, list[Lacking]]:
        groups: dict[str | None, list[Lacking]] = defaultdict(list)
        for item in self.lacking:
            groups[item.keyword].append(item)
        return dict(groups)


def run(library_dir: Path | str, pages: list[Path | str], today: date | None = None) -> Related:
    library = load_library(library_dir)
    today = today or date.today()
    held = KnownPapers(library.papers)
    where: dict[int, list[str]] = defaultdict(list)  # id() of a paper found -> the pages listing it
    found: list[Paper] = []
    problems: list[str] = []
    seen = KnownPapers([])
    read = held_already = 0
    for page in pages:
        papers, page_problems = papers_on_pages([page])
        problems += page_problems
        read += len(papers)
        for paper in papers:
            if held.find(paper):
                held_already += 1
                continue
            same = seen.find(paper)
            if same:
                where[id(same[0])].append(str(page))
                continue
            seen.add(paper)
            found.append(paper)
            where[id(paper)].append(str(page))
    lacking: list[Lacking] = []
    if found:
        candidates = [_candidate(p, today) for p in found]
        past = archive.with_decisions(archive.archived(library.root, today.isoformat()), library.papers)
        known = [as_known(p) for p in library.papers]
        ranker = trained_ranker(library.root, known, past, fractional_year(today.isoformat()), candidates)
        ranked = ranker.rank(candidates)
        by_candidate = {id(c): p for c, p in zip(candidates, found)}
        offers = Suggester(library.papers).suggest([r.candidate.text for r in ranked])
        for item, offered in zip(ranked, offers):
            paper = by_candidate[id(item.candidate)]
            keyword = offered[0].keyword if offered else None
            lacking.append(Lacking(paper, item, keyword, tuple(dict.fromkeys(where[id(paper)]))))
    return Related(lacking, held_already, read, problems)


def _candidate(paper: Paper, today: date) -> Candidate:
    return Candidate(
        arxiv_id=arxiv_id(paper.url) or "",
        title=paper.title or paper.abbr or "",
        date=today.isoformat(),
        authors=tuple(paper.author_names()),
        link=paper.url or "",
    )
