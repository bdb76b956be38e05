"""BibTeX export, written through ``bibtexparser`` 2.x.

arXiv preprints are ``@article`` with ``eprint`` and ``archivePrefix``; journals
``@article``; conferences ``@inproceedings`` with ``booktitle``.  LaTeX's special
characters and non-ASCII letters are escaped (pylatexenc), and words with
capitals inside ("SparseGPT", "LLaMA") are braced so that a bibliography style
does not lower-case them.
"""

from __future__ import annotations

import functools
import re

import bibtexparser
from bibtexparser.middlewares import AddEnclosingMiddleware
from bibtexparser.model import Entry, Field
from pylatexenc.latexencode import UnicodeToLatexEncoder

from papershelf.core.ids import arxiv_id, doi
from papershelf.core.model import Paper
from papershelf.core.person_names import name_parts
from papershelf.core.venues import JOURNAL, PREPRINT, venue_kind
from papershelf.export.citekeys import citation_keys

_ENCODER = UnicodeToLatexEncoder(
    non_ascii_only=False,
    replacement_latex_protection="braces-all",
    unknown_char_policy="keep",
    unknown_char_warning=False,
)
_CASED_WORD = re.compile(r"(?<![\w{\\])([A-Za-z0-9\-]*[A-Z][A-Za-z0-9\-]*[A-Z0-9][A-Za-z0-9\-]*)")


# The ASCII characters the encoder rewrites; text with none of them (and no other) is left as it is.
_LATEX_SPECIAL = re.compile(r'["#$%&<>\\^_{}~]')


@functools.lru_cache(maxsize=1 << 16)
def latex(text: str) -> str:
    """``text`` as LaTeX (cached: a list names its authors and venues many times)."""
    text = " ".join(text.split())
    if text.isascii() and not _LATEX_SPECIAL.search(text):
        return text  # what the encoder gives, without its 20 µs a string
    return _ENCODER.unicode_to_latex(text)


def protected_title(title: str) -> str:
    """The title escaped, with every word that has a capital after its first letter braced."""
    return _CASED_WORD.sub(r"{\1}", latex(title))


@functools.lru_cache(maxsize=1 << 18)
def bibtex_name(name: str) -> str:
    """A name as BibTeX reads it without doubt: "von Last, Jr, First" (cached: a field's names
    recur, and taking one apart costs 30 µs)."""
    first, von, last, jr = name_parts(name)
    if not first:
        return latex(last)
    family = " ".join(p for p in (von, last) if p)
    return ", ".join(latex(p) for p in (family, jr, first) if p)


def entry(paper: Paper, key: str) -> Entry:
    kind = venue_kind(paper.venue)
    eprint = arxiv_id(paper.url)
    fields = [Field("title", protected_title(paper.title or ""))]
    if paper.authors:
        fields.append(Field("author", " and ".join(bibtex_name(n) for n in paper.author_names())))
    if paper.year:
        fields.append(Field("year", str(paper.year)))
    if kind == PREPRINT:
        entry_type = "article"
        fields.append(Field("journal", f"arXiv preprint arXiv:{eprint}" if eprint else latex(paper.venue or "")))
    elif kind == JOURNAL:
        entry_type = "article"
        fields.append(Field("journal", latex(paper.venue or "")))
    else:
        entry_type = "inproceedings"
        fields.append(Field("booktitle", latex(paper.venue or "")))
    if eprint:
        fields += [Field("eprint", eprint), Field("archivePrefix", "arXiv")]
    if doi(paper.url):
        fields.append(Field("doi", doi(paper.url)))
    if paper.url:
        fields.append(Field("url", paper.url))
    if paper.code_url:
        fields.append(Field("note", f"Code: \\url{{{paper.code_url.strip()}}}"))
    if paper.keywords:
        fields.append(Field("keywords", ", ".join(paper.keywords)))
    return Entry(entry_type, key, fields)


def dumps(papers: list[Paper]) -> str:
    return dumps_with_keys(papers, citation_keys(papers))


def entry_texts(papers: list[Paper], keys: dict[str, str]) -> list[str]:
    """Each paper's entry as text, with the keys of the whole list (``citation_keys``)."""
    text = dumps_with_keys(papers, keys)
    found = [e.strip() for e in ("\n" + text).split("\n@") if e.strip()]
    if len(found) != len(papers):  # a value holding "\n@": write them one by one
        return [dumps_with_keys([p], keys).strip() for p in papers]
    return ["@" + e for e in found]


def dumps_with_keys(papers: list[Paper], keys: dict[str, str]) -> str:
    """The BibTeX of ``papers`` under the given keys (by source)."""
    library = bibtexparser.Library([entry(p, keys[p.source]) for p in papers])
    # bibtexparser's default stack, but in place: the library is made here for this string, and
    # the default copies every entry first (4 s at 10,000 papers).
    enclosing = AddEnclosingMiddleware(
        allow_inplace_modification=True, default_enclosing="{", reuse_previous_enclosing=False, enclose_integers=True
    )
    return bibtexparser.write_string(library, unparse_stack=[enclosing])
