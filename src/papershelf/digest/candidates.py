"""A candidate of a digest: a new arXiv paper, as the API or a feed gives it, or as an archive keeps it."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path

from papershelf.core.errors import PapershelfError
from papershelf.core.model import Paper


@dataclass(frozen=True)
class Candidate:
    arxiv_id: str  # without its version
    title: str
    abstract: str = ""
    date: str = ""  # YYYY-MM-DD: the digest it appeared in (or its announcement)
    authors: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    doi: str = ""
    added: bool | None = None  # known in an archive or an evaluation file: whether the curator took it
    link: str = ""  # where it is, for a paper not on arXiv (another list's link)

    @property
    def url(self) -> str:
        return f"https://arxiv.org/abs/{self.arxiv_id}" if self.arxiv_id else self.link

    @property
    def text(self) -> str:
        return f"{self.title}. {self.abstract}"

    def as_paper(self) -> Paper:
        """The draft ``add`` would make of it: enough for the duplicate check."""
        return Paper(id="", title=self.title, url=self.url, authors=self.authors)

    def as_dict(self) -> dict:
        """The JSON of an archive line (the keys of the evaluation files: ``id``, not ``arxiv_id``)."""
        found = asdict(self)
        found = {"id": found.pop("arxiv_id"), **found}
        found["authors"], found["categories"] = list(self.authors), list(self.categories)
        if self.added is None:
            found.pop("added")
        if not self.link:
            found.pop("link")
        return found


def fractional_year(day: str) -> float:
    """2025-07-01 -> 2025.5: what the model's drift is measured in."""
    when = date.fromisoformat(day)
    return when.year + (when.timetuple().tm_yday - 1) / 366


def read_jsonl(path: Path) -> list[Candidate]:
    """Candidates one JSON object a line (``id``, ``title``, ``abstract``, ``date``, ``added``...)."""
    found = []
    try:
        lines = Path(path).read_text("utf-8").splitlines()
    except OSError as exc:
        raise PapershelfError(f"cannot read {path}: {exc.strerror}") from None
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            found.append(
                Candidate(
                    arxiv_id=str(item.get("id") or item["arxiv_id"]),
                    title=" ".join(str(item["title"]).split()),
                    abstract=" ".join(str(item.get("abstract", "")).split()),
                    date=str(item["date"]),
                    authors=tuple(item.get("authors", ())),
                    categories=tuple(item.get("categories", ())),
                    doi=str(item.get("doi", "")),
                    added=item.get("added"),
                )
            )
            fractional_year(found[-1].date)
        except (ValueError, KeyError, TypeError) as exc:
            raise PapershelfError(f"{path}:{number}: not a candidate ({exc.__class__.__name__}: {exc})") from None
    return found


def write_jsonl(candidates: list[Candidate]) -> str:
    return "".join(json.dumps(c.as_dict(), ensure_ascii=False) + "\n" for c in candidates)
