"""What the editor's form offers: each field described, and the library's own values to complete
from (venues, authors, institutions, baseline methods, code types, keywords), most used first, with
the ``[aliases]`` that map one spelling to another."""

from __future__ import annotations

from collections import Counter

from papershelf.edit.fields import LIST_FIELDS, NUMBER_FIELDS
from papershelf.library.contents import Library

FORM = (  # name, label, what to write; in the order of a metadata file
    ("title", "Title", "The paper's title, as it is printed."),
    ("abbr", "Short name", "The method's name (SparseGPT); views show it before the title."),
    ("url", "Paper url", "arXiv, OpenReview, ACL Anthology, DOI or the publisher's page."),
    ("authors", "Authors", "One a line, in the paper's order."),
    ("institutions", "Institutions", "One a line."),
    ("venue", "Venue", "Where it was published: ICML, NeurIPS, arXiv..."),
    ("year", "Year", "The year of that venue."),
    ("code_type", "Code host", "github, gitlab... (shown as a badge)."),
    ("code_url", "Code url", "The code repository."),
    ("note_url", "Note url", "The note's file, beside the paper's folder under notes/."),
    ("keywords", "Keywords", "From the library's vocabulary ([keywords] in papershelf.toml)."),
    ("cover_url", "Cover url", "An image file in the paper's note folder, or a url."),
    ("baseline", "Baselines", "Methods it compares against: YEAR/abbr or a paper's id."),
    ("update_time", "Updated", "Unix seconds; views sort recent additions by it."),
    ("rating", "Rating", "1 to 5."),
)
TOP = 5000  # values offered a field: the most used


def _kind(name: str) -> str:
    if name == "keywords":
        return "keywords"
    if name in LIST_FIELDS:
        return "list"
    return "number" if name in NUMBER_FIELDS else "text"


def form(library: Library) -> dict:
    """The form's fields, the values to complete each from, the keywords and the aliases."""
    papers = library.papers
    counted = {
        "venue": Counter(p.venue for p in papers if p.venue),
        "authors": Counter(name for p in papers for name in p.author_names()),
        "institutions": Counter(name for p in papers for name in p.institution_names()),
        "baseline": Counter(method for p in papers for method in p.baseline),
        "code_type": Counter(p.code_type for p in papers if p.code_type),
    }
    for paper in papers:  # a baseline may name a paper as YEAR/abbr
        if paper.abbr and paper.year:
            counted["baseline"].setdefault(f"{paper.year}/{paper.abbr}", 0)
    used = Counter(k for p in papers for k in p.keywords)
    names = list(library.config.keywords) if library.config.keywords is not None else sorted(used)
    return {
        "fields": [{"name": n, "label": label, "help": text, "kind": _kind(n)} for n, label, text in FORM],
        "values": {field: [v for v, _ in counts.most_common(TOP)] for field, counts in counted.items()},
        "keywords": [{"name": n, "label": library.config.keyword_label(n), "papers": used[n]} for n in names],
        "aliases": dict(sorted(library.config.aliases.items())),
        "open_vocabulary": library.config.keywords is None,
    }
