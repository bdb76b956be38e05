"""People's names taken apart by BibTeX's rules: first, von, last, jr.

Shared by the BibTeX reader ("von Beethoven, Ludwig" is "Ludwig von Beethoven")
and the exports (citation keys, BibTeX and CSL-JSON names).
"""

from __future__ import annotations

from bibtexparser.middlewares.names import InvalidNameError, parse_single_name_into_parts


def name_parts(name: str) -> tuple[str, str, str, str]:
    """(first, von, last, jr) of a name written "First von Last" (or "Last, First")."""
    try:
        parts = parse_single_name_into_parts(name, strict=False)
    except InvalidNameError:
        return "", "", name, ""
    return " ".join(parts.first), " ".join(parts.von), " ".join(parts.last), " ".join(parts.jr)
