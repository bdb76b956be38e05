"""Which column of a list's table holds what, from its header's words.

"Title & Authors" holds the title and the authors, "Venue"/"Conference"/"Pub"
the venue, "Date"/"Year" the date; a column whose header says nothing known
is read for what its cells hold.  "Paper" is the title column only when no
column is called "Title" (lists write ``| Title | Paper |`` with the pdf
link under Paper).
"""

from __future__ import annotations

import re

ROLES = {
    "title": ("title", "titles", "name", "paper title"),
    "authors": ("author", "authors"),
    "venue": ("venue", "venues", "conference", "conf", "pub", "publication", "published", "journal", "where"),
    "date": ("date", "year", "time", "month", "published date", "release"),
    "code": ("code", "codes", "github", "repo", "repository", "implementation"),
    "links": ("links", "link", "pdf", "url", "arxiv", "resources"),
    "cover": ("introduction", "cover", "figure", "image", "overview", "framework", "illustration"),
    "institution": ("institute", "institution", "institutions", "affiliation", "org", "organization", "lab"),
}
_TAG = re.compile(r"<[^>]*>")  # "<div style=...>Title & Take-away</div>"
_BY_WORD = {word: role for role, words in ROLES.items() for word in words}


def roles(header: list[str]) -> list[str | None]:
    """Each column's role ("title", "authors", "venue", ...), or None."""
    folded = [" ".join(re.sub(r"[^\w&]+", " ", _TAG.sub(" ", cell).lower()).split()) for cell in header]
    found: list[str | None] = []
    for text in folded:
        role = _BY_WORD.get(text)
        if role is None and "&" in text:  # "Title & Authors"
            role = _BY_WORD.get(text.split("&")[0].strip())
        if role is None and text in ("paper", "papers", "paper name"):
            role = "paper"
        found.append(role)
    if "title" not in found:
        found = ["title" if r == "paper" else r for r in found]
    return ["links" if r == "paper" else r for r in found]
