"""Rule ``baseline``: each ``baseline { methods: ... }`` reference names one paper of the list, in
the form its file gives (``2023/sparsegpt``: what EfficientPaper's graph script reads).

A reference that names a paper in another spelling ("2023/SparseGPT") is fixed by ``--fix``; one
that names several papers, or none, is reported with the papers it may mean.
"""

from __future__ import annotations

from papershelf.check.context import Context
from papershelf.check.finding import WARNING, Finding
from papershelf.lineage.references import Resolver, canonical


def _warning(paper, line: int, message: str, **fix) -> Finding:
    return Finding(paper.source, line, "baseline", WARNING, message, **fix)


def check(context: Context):
    resolver = None
    for paper in context.each_paper():
        if not paper.baseline:
            continue
        resolver = resolver or Resolver(context.library.papers)
        fixed = []
        for number, reference in enumerate(paper.baseline):
            found = resolver.resolve(reference)
            line = context.line_of(paper.source, "methods", reference)
            named = " or ".join(repr(canonical(c)) for c in found.candidates)
            if found.paper is not None and found.paper.source == paper.source:
                yield _warning(paper, line, f"baseline {reference!r} names the paper itself")
            elif found.paper is not None:
                written = canonical(found.paper)
                if written != reference:
                    fixed.append((number, written))
                    message = f"baseline {reference!r} is {found.paper.source} under another spelling"
                    yield _warning(paper, line, message, fix=f"write {written!r}", fixable=True)
            elif found.ambiguous:
                message = f"baseline {reference!r} may name any of {len(found.candidates)} papers"
                yield _warning(paper, line, message, fix=f"write {named}")
            else:
                message = f"baseline {reference!r} names no paper of the list"
                yield _warning(paper, line, message, fix=f"did you mean {named}?" if named else "")
        if fixed:
            methods = list(context.current(paper).baseline)
            for number, written in fixed:
                methods[number] = written
            context.propose(paper, baseline=tuple(methods))
