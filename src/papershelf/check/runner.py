"""Running the rules of ``papershelf check``, and ``--fix``.

Each rule is a module with ``check(context)`` yielding `Finding`s; rules that
know a safe fix also record the corrected paper with ``context.propose``,
which ``run(..., fix=True)`` writes back (canonical form, atomically) before
checking again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from papershelf.cache.loader import load_library
from papershelf.check.context import Context
from papershelf.check.finding import ERROR, Finding
from papershelf.check.rules import (
    alias,
    baseline,
    duplicate_field,
    duplicate_name,
    duplicate_paper,
    layout,
    link,
    parse,
    required,
    stale_views,
    url,
)
from papershelf.core.model import from_tuple
from papershelf.core.speed import can_fork, gc_paused, meanwhile
from papershelf.library.atomic import write_text_atomic
from papershelf.library.reading import PAPER, parse_text
from papershelf.library.textproto import Unrewritable, rewritten
from papershelf.library.writer_lock import writer_lock

RULES = {
    "parse": parse,
    "required": required,
    "url": url,
    "duplicate-paper": duplicate_paper,
    "duplicate-field": duplicate_field,
    "duplicate-name": duplicate_name,
    "alias": alias,
    "baseline": baseline,
    "link": link,
    "layout": layout,
    "stale-views": stale_views,
}


@dataclass
class CheckResult:
    findings: list[Finding] = field(default_factory=list)
    fixed: list[str] = field(default_factory=list)  # files --fix rewrote
    left: list[str] = field(default_factory=list)  # "path: why" of files --fix left, not to lose anything

    def failed(self, strict: bool = False) -> bool:
        return any(f.severity == ERROR or strict for f in self.findings)


# Run on the other core for a large library, when the speed tricks allow: the costliest rule (5 of
# 12 s at 100,000 papers), which proposes no fix, so that its findings are all it has to send back.
BESIDE = ("duplicate-paper",)
BESIDE_FROM = 5000  # papers


def findings_of(context: Context) -> list[Finding]:
    beside = BESIDE if len(context.library.papers) >= BESIDE_FROM and can_fork() else ()
    here = [name for name in RULES if name not in beside]
    with gc_paused():  # pairs and keys of 100,000 papers: no cycles for the collector to find
        if not beside:
            return sorted(set(_findings(context, here)))
        with meanwhile(_findings, context, beside) as found_beside:
            found = _findings(context, here)
            found += found_beside()
    return sorted(set(found))


def _findings(context: Context, names) -> list[Finding]:
    return [finding for name in names for finding in RULES[name].check(context)]


def run(library_dir: Path | str = ".", fix: bool = False) -> CheckResult:
    """Check the library at ``library_dir``; with ``fix``, apply the safe fixes first."""
    library = load_library(library_dir)
    context = Context.load(library)
    findings = findings_of(context)
    if not fix or not context.fixes:
        return CheckResult(findings)
    fixed, left = [], []
    with writer_lock(library.root):
        _write_fixes(library, context, fixed, left)
    library = load_library(library_dir)
    return CheckResult(findings_of(Context.load(library)), fixed, left)


def _write_fixes(library, context: Context, fixed: list[str], left: list[str]) -> None:
    checked = {paper.source: paper for paper in library.papers}
    for source, paper in sorted(context.fixes.items()):
        if not _is_what_was_checked(context.texts[source], checked[source], library.vocabulary):
            left.append(f"{source}: it changed on disk while it was checked")
            continue
        try:
            text = rewritten(context.texts[source], paper, library.vocabulary)
        except Unrewritable as why:
            left.append(f"{source}: {why}")
            continue
        if (library.root / source).read_text("utf-8-sig") != context.texts[source]:
            left.append(f"{source}: it changed on disk while it was checked")
            continue
        write_text_atomic(library.root / source, text)
        fixed.append(source)


def _is_what_was_checked(text: str, paper, vocabulary) -> bool:
    """Whether ``text`` (read for the fix) still holds ``paper`` (checked from the cache)."""
    outcome, fields, _ = parse_text(paper.source, text, vocabulary)
    return outcome == PAPER and from_tuple(fields) == paper
