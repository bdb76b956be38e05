"""``papershelf digest``: fetch the new papers, drop those the list holds, rank the rest by the
model trained on the list (`model`), give each the keywords it would get (`suggest`), and keep
the candidates in the archive for the next digest to learn from (`archive`).

Nothing is written until everything is fetched and ranked: a network failure writes nothing.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from papershelf.cache.loader import load_library
from papershelf.core.errors import PapershelfError
from papershelf.core.model import Paper
from papershelf.digest import archive, sources
from papershelf.digest.candidates import Candidate, fractional_year
from papershelf.digest.known import as_known, new_to
from papershelf.digest.model import Ranked
from papershelf.digest.model_cache import trained_ranker
from papershelf.digest.suggest import Suggester, Suggestion
from papershelf.digest.words import SearchWords, search_words
from papershelf.ingest.resolve import Services
from papershelf.library.config import Config


@dataclass(frozen=True)
class Entry:
    ranked: Ranked
    matched: tuple[str, ...]  # the search words it holds
    keywords: tuple[Suggestion, ...]  # the keywords it would get


@dataclass
class Digest:
    day: str
    since: str
    source: str
    words: SearchWords
    entries: list[Entry]
    held: list[tuple[Candidate, Paper]]  # fetched, but the list holds them already
    cut: int  # entries above the cut line
    list_papers: int
    past_candidates: int
    config: Config = field(default_factory=Config)
    archived: str | None = None  # the archive file written


def cut_after(count: int, percent: int) -> int:
    return min(count, max(1, math.ceil(count * percent / 100))) if count else 0


def run(
    library_dir: Path | str,
    since: date | None = None,
    source: str | None = None,
    services: Services | None = None,
    today: date | None = None,
    keep: bool = True,
) -> Digest:
    """Make the digest of ``today`` (default: the date) from the papers since ``since`` (default:
    the last digest in the archive, else ``[digest] days`` ago)."""
    library = load_library(library_dir)
    if library.errors:
        raise PapershelfError(f"{len(library.errors)} file(s) do not parse; run papershelf check first")
    today = today or date.today()
    words = search_words(library.root, library.config)
    source = source or words.source
    if since is None:
        last = archive.last_date(library.root, today.isoformat())
        since = date.fromisoformat(last) if last else today - timedelta(days=words.days)
    services = services or Services.online()
    if source == "rss":
        fetched = sources.from_rss(words, services.http, today)
    else:
        fetched = sources.from_api(words, since, services.arxiv, today)
    fetched = list({c.arxiv_id: c for c in fetched}.values())
    fresh, held = new_to(library.papers, fetched)
    past = archive.with_decisions(archive.archived(library.root, today.isoformat()), library.papers)
    this_week = {c.arxiv_id for c in fetched}
    past = [c for c in past if c.arxiv_id not in this_week]
    known = [as_known(p) for p in library.papers]
    ranked = []
    if fresh:
        ranker = trained_ranker(library.root, known, past, fractional_year(today.isoformat()), fresh)
        ranked = ranker.rank(fresh)
    offers = Suggester(library.papers).suggest([r.candidate.text for r in ranked]) if ranked else []
    entries = [Entry(r, words.matched(r.candidate.text), tuple(o)) for r, o in zip(ranked, offers)]
    digest = Digest(
        day=today.isoformat(),
        since=since.isoformat(),
        source=source,
        words=words,
        entries=entries,
        held=held,
        cut=cut_after(len(entries), words.cut),
        list_papers=len(library.papers),
        past_candidates=len(past),
        config=library.config,
    )
    if keep and fetched:
        digest.archived = archive.keep(library.root, digest.day, fetched)  # held ones too: taken, as it shows
    return digest
