"""``papershelf refresh``."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from papershelf.cli.app import app
from papershelf.cli.common import format_option, library_option, say, usage_errors


@app.command("refresh", short_help="The list's preprints that have since been published, and where.")
@library_option
@click.option("--all", "everything", is_flag=True, help="Look up every paper, not only those filed under arXiv.")
@click.option("--apply", is_flag=True, help="Write the proposed venues and years (comments kept).")
@click.option("--force", is_flag=True, help="Also replace a venue other than arXiv (set by hand).")
@format_option("text", "json", help="Report as text or json.")
def refresh_command(library: Path, everything: bool, apply: bool, force: bool, output_format: str) -> None:
    """For each paper filed under arXiv, ask arXiv (the DOI and journal reference of its record),
    Semantic Scholar (its record of the arXiv id) and OpenAlex (a title search; title and first
    author must agree) where it was published; never a repository DOI.  Prints the proposed
    changes with the evidence for each; --apply writes them.  Exit 1 when a service could not
    be asked for some paper."""
    from papershelf.ingest import refresh

    with usage_errors():
        result = refresh.run(library, everything, apply, force)
    if output_format == "json":
        print(json.dumps(_as_json(result), indent=2, ensure_ascii=False))
    else:
        _print(result)
    for line in result.left:
        say(f"not written: {line}")
    if apply:
        say(f"{len(result.applied)} file(s) written")
    sys.exit(1 if result.failed else 0)


def _as_json(result) -> dict:
    return {
        "papers": [
            {
                "file": p.paper.source,
                "title": p.paper.title,
                "venue": p.paper.venue,
                "year": p.paper.year,
                "proposed": p.changes,
                "doi": p.doi,
                "kept": p.kept,
                "evidence": [{"service": e.service, "says": e.says, "accepted": e.accepted} for e in p.evidence],
                "problems": p.problems,
            }
            for p in result.proposals
        ],
        "applied": result.applied,
        "left": result.left,
    }


def _print(result) -> None:
    changed = [p for p in result.proposals if p.changes]
    print(f"{len(result.proposals)} papers looked up; {len(changed)} published since")
    for proposal in result.proposals:
        paper = proposal.paper
        if not (proposal.changes or proposal.kept or proposal.problems):
            continue
        print()
        print(f"{paper.source}: {paper.title}")
        if proposal.changes:
            now = f"{paper.venue or '-'} {paper.year or ''}".strip()
            new = f"{proposal.changes.get('venue', paper.venue)} {proposal.changes.get('year', paper.year) or ''}"
            print(f"  {now} -> {new.strip()}" + (f" (DOI {proposal.doi})" if proposal.doi else ""))
        if proposal.kept:
            print(f"  found {proposal.venue} {proposal.year or ''}, kept: {proposal.kept}")
        for evidence in proposal.evidence:
            print(f"  {'+' if evidence.accepted else ' '} {evidence.service}: {evidence.says}")
        for problem in proposal.problems:
            print(f"  ! {problem}")
