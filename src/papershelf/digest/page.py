"""A digest written out: markdown (EfficientPaper's weekly page, improved), JSON, or RSS 2.0.

Every candidate is listed, the best first, with its score, why it ranks there, the keywords it
would get and the one command that adds it; a cut line marks where the model's confidence ends
(``[digest] cut``, a share of the candidates).  Titles, abstracts and names come from arXiv and are
escaped: no text becomes markup.
"""

from __future__ import annotations

import json
import shlex
from datetime import UTC, datetime
from email.utils import format_datetime
from urllib.parse import quote
from xml.sax.saxutils import escape as xml_escape

from papershelf.digest.weekly import Digest, Entry
from papershelf.render import escape

BADGE = "https://img.shields.io/badge/{label}-{colour}"
SOURCES = {"api": "from the arXiv API", "rss": "from arXiv's RSS feed"}


def add_command(entry: Entry) -> str:
    keywords = "".join(f" --keyword {shlex.quote(s.keyword)}" for s in entry.keywords)
    return f"papershelf add {entry.ranked.candidate.arxiv_id}{keywords}"


def _why(entry: Entry) -> str:
    parts = []
    if entry.ranked.neighbours:
        parts.append("close to " + ", ".join(entry.ranked.neighbours))
    if entry.ranked.terms:
        parts.append("terms: " + ", ".join(entry.ranked.terms))
    return "; ".join(parts)


def _badge(word: str) -> str:
    label = quote(word.replace("-", "--").replace("_", "__"), safe="")
    return f"![{escape.text(word)}]({BADGE.format(label=label, colour='blue')})"


def markdown(digest: Digest) -> str:
    words = ", ".join(digest.words.categories)
    lines = [
        f"# Weekly papers, {digest.day}",
        "",
        f"{len(digest.entries)} new papers since {digest.since} (arXiv {words}, {SOURCES[digest.source]}), "
        f"ranked by a model trained on the list's {digest.list_papers} papers and "
        f"{digest.past_candidates} candidates of earlier digests"
        + (f"; {len(digest.held)} more are in the list already." if digest.held else "."),
        "",
        f"The first {digest.cut} are above the cut line.",
        "",
    ]
    for place, entry in enumerate(digest.entries, start=1):
        if place == digest.cut + 1:
            lines += ["---", "", f"**Cut line**: below, the other {len(digest.entries) - digest.cut} candidates.", ""]
        lines += _entry(place, entry, digest)
    if digest.held:
        lines += ["## Already in the list", ""]
        for candidate, paper in digest.held:
            lines.append(f"- [{escape.text(candidate.title)}]({candidate.url}): `{paper.source}`")
        lines.append("")
    return "\n".join(lines)


def _entry(place: int, entry: Entry, digest: Digest) -> list[str]:
    candidate = entry.ranked.candidate
    keywords = ", ".join(f"{digest.config.keyword_label(s.keyword)} ({s.score:.2f})" for s in entry.keywords)
    authors = ", ".join(candidate.authors[:8]) + (", et al." if len(candidate.authors) > 8 else "")
    lines = [
        f"## {place}. [{escape.text(candidate.title)}]({candidate.url})",
        "",
        f"score {entry.ranked.score:.2f}"
        + (" · " + " ".join(_badge(w) for w in entry.matched if w != "*") if entry.matched else ""),
        "",
    ]
    if _why(entry):
        lines += [f"Why: {escape.text(_why(entry))}", ""]
    if keywords:
        lines += [f"Keywords: {escape.text(keywords)}", ""]
    if authors:
        lines += [f"{escape.text(authors)} · {candidate.date}", ""]
    lines += [f"`{add_command(entry)}`", ""]
    if candidate.abstract:
        lines += ["<details><summary>Abstract</summary>", "", escape.text(candidate.abstract), "", "</details>", ""]
    return lines


def as_json(digest: Digest) -> str:
    found = {
        "date": digest.day,
        "since": digest.since,
        "source": digest.source,
        "cut": digest.cut,
        "papers": [
            {
                **entry.ranked.candidate.as_dict(),
                "url": entry.ranked.candidate.url,
                "rank": place,
                "score": round(entry.ranked.score, 4),
                "above_cut": place <= digest.cut,
                "neighbours": list(entry.ranked.neighbours),
                "terms": list(entry.ranked.terms),
                "matched": [w for w in entry.matched if w != "*"],
                "keywords": [{"keyword": s.keyword, "score": s.score} for s in entry.keywords],
                "add": add_command(entry),
            }
            for place, entry in enumerate(digest.entries, start=1)
        ],
        "held": [{"id": c.arxiv_id, "title": c.title, "file": p.source} for c, p in digest.held],
    }
    return json.dumps(found, ensure_ascii=False, indent=2) + "\n"


def rss(digest: Digest) -> str:
    when = format_datetime(datetime.fromisoformat(digest.day).replace(tzinfo=UTC))
    items = []
    for place, entry in enumerate(digest.entries[: digest.cut], start=1):
        candidate = entry.ranked.candidate
        description = f"Score {entry.ranked.score:.2f}. {_why(entry)}. {candidate.abstract}"
        items.append(
            "    <item>\n"
            f"      <title>{xml_escape(f'{place}. {candidate.title}')}</title>\n"
            f"      <link>{xml_escape(candidate.url)}</link>\n"
            f'      <guid isPermaLink="false">arxiv:{xml_escape(candidate.arxiv_id)}</guid>\n'
            f"      <description>{xml_escape(description)}</description>\n"
            f"      <pubDate>{when}</pubDate>\n"
            "    </item>\n"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0">\n  <channel>\n'
        f"    <title>Weekly papers, {digest.day}</title>\n"
        "    <link>https://arxiv.org/</link>\n"
        f"    <description>The {digest.cut} best of {len(digest.entries)} new papers for this list</description>\n"
        f"    <lastBuildDate>{when}</lastBuildDate>\n" + "".join(items) + "  </channel>\n</rss>\n"
    )


WRITERS = {"markdown": markdown, "json": as_json, "rss": rss}
