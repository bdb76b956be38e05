"""What the site's search page knows of each paper: one small JSON record, names as [aliases] give them.

The browser indexes these records (MiniSearch) and counts facets over them,
so a record holds what is searched (title, abbreviation, authors,
institutions, venue, keywords, the beginning of the note) and what is shown
or filtered on (year, code, rating, when it was added), nothing else.
"""

from __future__ import annotations

from papershelf.core.model import Paper
from papershelf.library.config import Config
from papershelf.render.escape import safe_url

NOTE_CHARS = 2000  # of a note's text, searched: its beginning says what it is about


def record(paper: Paper, config: Config, page: str, note_text: str = "") -> dict:
    """The browser's record of ``paper`` (already canonical); ``page`` is its page's path."""
    found = {
        "id": paper.id,
        "title": paper.title or "",
        "page": page,
        "authors": paper.author_names(),
        "institutions": paper.institution_names(),
        "venue": paper.venue or "",
        "year": paper.year or 0,
        "keywords": [config.keyword_label(k) for k in dict.fromkeys(paper.keywords)],
    }
    optional = {
        "abbr": paper.abbr,
        "url": safe_url(paper.url),
        "code": safe_url(paper.code_url),
        "rating": paper.rating,
        "added": paper.update_time,
        "note": " ".join(note_text.split())[:NOTE_CHARS] or None,
    }
    found.update({name: value for name, value in optional.items() if value})
    return found
