"""CSL-JSON, the input of citation processors (citeproc-js, citeproc-py, pandoc, Zotero)."""

from __future__ import annotations

import json

from papershelf.core.ids import arxiv_id, doi
from papershelf.core.model import Paper
from papershelf.core.person_names import name_parts
from papershelf.core.venues import CONFERENCE, JOURNAL, venue_kind
from papershelf.export.citekeys import citation_keys

CSL_TYPES = {CONFERENCE: "paper-conference", JOURNAL: "article-journal"}


def csl_name(name: str) -> dict:
    first, von, last, jr = name_parts(name)
    if not first:
        return {"literal": last}
    parts = {"family": last, "given": first, "non-dropping-particle": von, "suffix": jr}
    return {k: v for k, v in parts.items() if v}


def item(paper: Paper, key: str) -> dict:
    entry: dict = {"id": key, "type": CSL_TYPES.get(venue_kind(paper.venue), "article"), "title": paper.title or ""}
    if paper.authors:
        entry["author"] = [csl_name(n) for n in paper.author_names()]
    if paper.year:
        entry["issued"] = {"date-parts": [[paper.year]]}
    eprint = arxiv_id(paper.url)
    if paper.venue and venue_kind(paper.venue) != "preprint":
        entry["container-title"] = paper.venue
    elif eprint:
        entry.update({"container-title": "arXiv", "publisher": "arXiv", "number": f"arXiv:{eprint}"})
    if doi(paper.url):
        entry["DOI"] = doi(paper.url)
    if paper.url:
        entry["URL"] = paper.url
    if paper.keywords:
        entry["keyword"] = ", ".join(paper.keywords)
    return entry


def dumps(papers: list[Paper]) -> str:
    keys = citation_keys(papers)
    return json.dumps([item(p, keys[p.source]) for p in papers], ensure_ascii=False, indent=2) + "\n"
