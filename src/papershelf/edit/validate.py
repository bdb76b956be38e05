"""Checking a file's new text before it is written: the parse, then every rule of ``check``.

The rules run over the library as it would be with the new text in place of
the old (so a title that now duplicates another paper's is found), and only the
findings about the edited file are kept: a save is not blocked by problems of
other files.  Errors block a save; warnings are shown and saved through.
"""

from __future__ import annotations

from dataclasses import replace

from papershelf.check.context import Context
from papershelf.check.finding import ERROR, Finding
from papershelf.check.runner import findings_of
from papershelf.core.errors import PapershelfError
from papershelf.core.model import Paper, from_tuple
from papershelf.library.contents import Library
from papershelf.library.reading import PAPER, error_from_tuple, parse_text
from papershelf.library.textproto import keywords_used


def vocabulary_for(library: Library, *papers: Paper) -> tuple[str, ...]:
    """The keyword names a file may use: the config's, or (without [keywords]) every one in use."""
    if library.config.keywords is not None:
        return tuple(library.config.keywords)
    return tuple(dict.fromkeys((*library.vocabulary, *(k for p in papers for k in p.keywords))))


def parsed(library: Library, source: str, text: str) -> tuple[Paper | None, list[Finding]]:
    """The paper ``text`` holds as the file ``source``, or the located parse error."""
    vocabulary = vocabulary_for(library)
    if library.config.keywords is None:  # any well-formed keyword name may be new to the library
        vocabulary = tuple(dict.fromkeys((*vocabulary, *sorted(keywords_used(text)))))
    try:
        outcome, fields, _ = parse_text(source, text, vocabulary)
    except PapershelfError as why:  # a keyword name that cannot be one
        return None, [Finding(source, 1, "parse", ERROR, str(why))]
    if outcome != PAPER:
        error = error_from_tuple(fields)
        return None, [Finding(source, error.line, "parse", ERROR, f"column {error.column}: {error.message}")]
    return from_tuple(fields), []


def findings_for(library: Library, paper: Paper, text: str) -> list[Finding]:
    """What ``check`` would say of the file ``paper.source`` if it held ``text`` (which holds ``paper``)."""
    source = paper.source
    repeated = parse_text(source, text, vocabulary_for(library, paper))[2]
    repeated_fields = {path: found for path, found in library.repeated_fields.items() if path != source}
    if repeated:
        repeated_fields[source] = repeated
    others = [p for p in library.papers if p.source != source]
    trial = replace(
        library,
        papers=[*others, paper],
        errors=[e for e in library.errors if e.path != source],
        vocabulary=vocabulary_for(library, paper),
        repeated_fields=repeated_fields,
    )
    context = Context.load(trial)
    context.focus = source
    context.texts[source] = text
    return [finding for finding in findings_of(context) if finding.path == source]


def blocking(findings: list[Finding]) -> list[Finding]:
    return [finding for finding in findings if finding.severity == ERROR]
