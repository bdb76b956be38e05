"""BibTeX entries as papers, read through ``bibtexparser`` 2.x.

``@string`` macros are resolved, LaTeX accents and braces decoded, names split
with BibTeX's own rules ("de la Vallee Poussin, Charles" is "Charles de la
Vallee Poussin"), a long venue made short ("Advances in Neural Information
Processing Systems" is "NeurIPS"), and an arXiv eprint or a DOI gives the url
when the entry has none.  An entry without a title cannot be a paper and is
skipped with its line number.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

import bibtexparser
from bibtexparser import middlewares
from bibtexparser.middlewares.names import split_multiple_persons_names

from papershelf.core.errors import PapershelfError
from papershelf.core.ids import arxiv_id_in_text, year_in
from papershelf.core.model import Paper
from papershelf.core.names import short_name
from papershelf.core.person_names import name_parts
from papershelf.core.venues import short_venue
from papershelf.ingest.readers.code_links import code_url

NOT_NAMES = {"others", "et al.", "et al"}  # BibTeX's "and others"


@dataclass
class BibtexRead:
    papers: list[Paper] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # "file:line: why"


def _clean(value: object) -> str:
    return " ".join(str(value).split()) if value is not None else ""


def display_name(name: str) -> str:
    """A BibTeX name ("Ford, Jr., Henry") as a list shows it ("Henry Ford Jr.")."""
    first, von, last, jr = name_parts(_clean(name))
    return " ".join(p for p in (first, von, last, jr) if p)


def _arxiv_id(fields: dict[str, str]) -> str | None:
    prefix = (fields.get("archiveprefix") or fields.get("eprinttype") or "").lower()
    if fields.get("eprint") and prefix == "arxiv":
        return fields["eprint"]
    for name in ("journal", "journaltitle", "volume", "note", "howpublished"):
        found = arxiv_id_in_text(fields.get(name, ""))
        if found:
            return found
    return None


def paper_of_entry(fields: dict[str, str]) -> Paper:
    """A paper draft from an entry's fields (keys lower-case, values decoded)."""
    eprint = _arxiv_id(fields)
    venue = fields.get("booktitle") or fields.get("journal") or fields.get("journaltitle")
    venue = short_venue(venue) or ("arXiv" if eprint else None)
    year = year_in(fields.get("year") or fields.get("date"))
    url = fields.get("url")
    if not url and eprint:
        url = f"https://arxiv.org/abs/{eprint}"
    if not url and fields.get("doi"):
        url = f"https://doi.org/{fields['doi']}"
    names = split_multiple_persons_names(fields.get("author", ""))
    authors = [display_name(n) for n in names if n.strip() and n.strip().lower() not in NOT_NAMES]
    code = code_url(" ".join(fields.get(n, "") for n in ("note", "howpublished", "abstract")))
    return Paper(
        id="",
        title=fields.get("title"),
        abbr=short_name(fields.get("title")),
        url=url or None,
        authors=tuple(authors),
        venue=venue,
        year=year,
        code_url=code,
    )


def read_bibtex(path: Path | str) -> BibtexRead:
    path = Path(path)
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise PapershelfError(f"cannot read {path}: {getattr(exc, 'strerror', None) or exc}") from exc
    # bibtexparser logs each block it gives up on, counting lines from 0: said below once, from 1.
    logging.getLogger("bibtexparser").setLevel(logging.ERROR)
    parsed = bibtexparser.parse_string(text, append_middleware=[middlewares.LatexDecodingMiddleware()])
    result = BibtexRead()
    for block in parsed.failed_blocks:
        error = getattr(block, "error", None)
        reason = getattr(error, "abort_reason", None) or str(error or "") or "not valid BibTeX"
        result.skipped.append(f"{path}:{block.start_line + 1}: skipped: {_clean(reason)}")
    for entry in parsed.entries:
        fields = {f.key.lower(): _clean(f.value) for f in entry.fields}
        if not fields.get("title"):
            result.skipped.append(
                f"{path}:{entry.start_line + 1}: skipped @{entry.entry_type}{{{entry.key}}}: no title"
            )
            continue
        result.papers.append(paper_of_entry(fields))
    return result
