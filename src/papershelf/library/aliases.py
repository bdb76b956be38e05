"""Applying the library's ``[aliases]``: every spelling of a venue, institution or author becomes one."""

from __future__ import annotations

from dataclasses import replace

from papershelf.core.model import Paper
from papershelf.library.config import Config


def canonical_paper(paper: Paper, config: Config) -> Paper:
    """``paper`` with its venue, institutions and authors in their canonical spelling."""
    if not config.aliases:
        return paper
    canonical = config.canonical_name
    authors = tuple(
        ", ".join(canonical(n.strip()) for n in entry.split(",")) if "," in entry else canonical(entry)
        for entry in paper.authors
    )
    changed = replace(
        paper,
        venue=canonical(paper.venue) if paper.venue else paper.venue,
        institutions=tuple(canonical(i) for i in paper.institutions),
        authors=authors,
    )
    return paper if changed == paper else changed
