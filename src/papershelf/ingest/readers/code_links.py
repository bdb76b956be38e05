"""The code link of a paper, found in its abstract or its arXiv comment."""

from __future__ import annotations

import re

CODE_HOSTS = r"(?:github\.com|gitlab\.com|huggingface\.co|gitee\.com)"
_CODE_URL = re.compile(rf"(?:https?://)?(?:www\.)?{CODE_HOSTS}/[^\s<>\"'{{}}\\]+", re.IGNORECASE)
TRAILING = ".,;:!?)]}>'\"*"


def code_url(text: str | None) -> str | None:
    """The first repository url in ``text`` (trailing punctuation stripped), as https."""
    for found in _CODE_URL.finditer(text or ""):
        url = found.group(0).rstrip(TRAILING)
        if url.count("(") < url.count(")"):
            url = url[: url.rindex(")")]
        path = url.split("/", 3)[-1] if "://" in url else url.split("/", 1)[-1]
        if "/" not in path.strip("/"):  # a host and one segment is a user page, not a repository
            continue
        return url if "://" in url else "https://" + url
    return None
