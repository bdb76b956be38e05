"""What `search` and `list` give back: the hits shown and how many there are, with facets."""

from __future__ import annotations

from dataclasses import dataclass

from papershelf.core.model import Paper


@dataclass
class Hit:
    paper: Paper
    score: float  # FTS5's bm25() (BM25 negated): the lower, the better the match; 0 in listings


@dataclass
class Found:
    """Papers found by `search` or `listing`: the first ``limit`` hits, of ``total``."""

    hits: list[Hit]
    total: int
    facets: dict[str, list[tuple[str, int]]] | None = None
    query: str | None = None

    def as_dict(self) -> dict:
        data = {
            "query": self.query,
            "total": self.total,
            "results": [paper_summary(hit.paper) | {"score": round(hit.score, 4)} for hit in self.hits],
        }
        if self.facets is not None:
            data["facets"] = {
                name: [{"value": value, "count": count} for value, count in values]
                for name, values in self.facets.items()
            }
        return data


def paper_summary(paper: Paper) -> dict:
    return {
        "id": paper.id,
        "path": paper.source,
        "title": paper.title,
        "abbr": paper.abbr,
        "year": paper.year,
        "venue": paper.venue,
        "authors": paper.author_names(),
        "institutions": paper.institution_names(),
        "keywords": list(paper.keywords),
        "url": paper.url,
        "code_url": paper.code_url,
    }
