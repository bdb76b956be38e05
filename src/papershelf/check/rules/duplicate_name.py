"""Rule ``duplicate-name``: a name repeated inside one paper's authors or institutions."""

from __future__ import annotations

from papershelf.check.context import Context
from papershelf.check.finding import WARNING, Finding
from papershelf.core.names import name_key


def repeats(names: list[str]) -> list[str]:
    if len(set(map(name_key, names))) == len(names):
        return []  # the usual case, at C speed (name_key is cached)
    seen, repeated = set(), []
    for name in names:
        key = name_key(name)
        if key and key in seen:
            repeated.append(name)
        seen.add(key)
    return repeated


def without_repeats(entries: tuple[str, ...]) -> tuple[str, ...]:
    seen, kept = set(), []
    for entry in entries:
        key = name_key(entry)
        if key not in seen or not key:
            kept.append(entry)
        seen.add(key)
    return tuple(kept)


def check(context: Context):
    for paper in context.each_paper():
        for field, names in (("authors", paper.split_authors()), ("institutions", list(paper.institutions))):
            for name in repeats(names):
                yield Finding(
                    paper.source,
                    context.line_of(paper.source, field, name, occurrence=2),
                    "duplicate-name",
                    WARNING,
                    f"{name!r} appears more than once in {field}",
                    fix="remove the repeat",
                    fixable=True,
                )
        if not any(len(set(map(name_key, entries))) < len(entries) for entries in (paper.authors, paper.institutions)):
            continue
        authors, institutions = without_repeats(paper.authors), without_repeats(paper.institutions)
        if (authors, institutions) != (paper.authors, paper.institutions):
            context.propose(paper, authors=authors, institutions=institutions)
