"""``papershelf export``: the library as BibTeX, CSL-JSON, JSON or CSV.

Papers come in the library's order (by file path); the same library gives the
same bytes.  Files that do not parse are reported and left out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from papershelf.cache.loader import load_library
from papershelf.core.errors import PaperFileError, PapershelfError
from papershelf.export import bibtex, csl_json, csv_table, json_model
from papershelf.library.aliases import canonical_paper
from papershelf.library.atomic import write_text_atomic

FORMATS = {"bibtex": bibtex.dumps, "csl-json": csl_json.dumps, "json": json_model.dumps, "csv": csv_table.dumps}


@dataclass
class ExportResult:
    text: str
    papers: int
    errors: list[PaperFileError] = field(default_factory=list)


def run(library_dir: Path | str, output_format: str, out: Path | None = None) -> ExportResult:
    """Export the library; write ``out`` atomically when given."""
    if output_format not in FORMATS:
        raise PapershelfError(f"unknown export format {output_format!r}; choose one of {', '.join(FORMATS)}")
    library = load_library(library_dir)
    papers = [canonical_paper(p, library.config) for p in library.papers]
    text = FORMATS[output_format](papers)
    if out is not None:
        write_text_atomic(Path(out), text)
    return ExportResult(text, len(papers), library.errors)
