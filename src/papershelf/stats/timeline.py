"""The conference timeline: the list's conferences file (``meta/search/conferences.json``, where
EfficientPaper keeps it) as rows of the next twelve months, each conference's dates as a bar and
its submission deadline as a mark, coloured by its level; for ``stats`` and the site.

The file is a JSON list of objects: ``name`` (or ``title``), the conference's ``start`` and
``end`` (or one ``date``), an optional ``deadline`` and ``level`` ("A", "CCF-A"...); dates as
YYYY-MM-DD, a time after them ignored.  A file that cannot be read is a located error.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta
from html import escape
from pathlib import Path

from papershelf.core.errors import PapershelfError
from papershelf.library.layout import META_DIR
from papershelf.stats.charts import wrap

CONFERENCES_FILE = f"{META_DIR}/search/conferences.json"
MONTHS = 12
WIDTH, LABEL, ROW = 640, 150, 20
LEVEL_COLOURS = {"A": "#0969da", "B": "#1a7f37", "C": "#9a6700"}
OTHER_COLOUR = "#6e7781"


@dataclass(frozen=True)
class Conference:
    name: str
    start: date
    end: date
    deadline: date | None = None
    level: str = ""

    @property
    def colour(self) -> str:
        return LEVEL_COLOURS.get(self.level.upper().removeprefix("CCF-").strip()[:1], OTHER_COLOUR)


def _day(value, where: str) -> date | None:
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        raise PapershelfError(f"{where}: {value!r} is not a date (YYYY-MM-DD)") from None


def read_conferences(root: Path) -> list[Conference]:
    """The conferences of the library's file, or none when it has none."""
    path = root / CONFERENCES_FILE
    if not path.is_file():
        return []
    try:
        items = json.loads(path.read_text("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise PapershelfError(f"{path}: not JSON ({exc})") from None
    if not isinstance(items, list):
        raise PapershelfError(f"{path}: must be a list of conferences")
    found = []
    for number, item in enumerate(items, start=1):
        where = f"{CONFERENCES_FILE}, conference {number}"
        if not isinstance(item, dict) or not (item.get("name") or item.get("title")):
            raise PapershelfError(f"{where}: needs a name")
        start = _day(item.get("start") or item.get("date"), where)
        if start is None:
            raise PapershelfError(f"{where}: needs its dates (start and end, or date)")
        end = _day(item.get("end"), where) or start
        found.append(Conference(str(item.get("name") or item.get("title")), start, max(start, end),
                                _day(item.get("deadline"), where), str(item.get("level") or "")))  # fmt: skip
    return found


def upcoming(conferences: list[Conference], today: date) -> list[Conference]:
    """Those not over yet and within the next months, by their next date (deadline, else start)."""
    horizon = today + timedelta(days=31 * MONTHS)

    def next_date(c: Conference) -> date:
        return c.deadline if c.deadline and c.deadline >= today else c.start

    kept = [c for c in conferences if c.end >= today and next_date(c) <= horizon]
    return sorted(kept, key=lambda c: (next_date(c), c.name))


def timeline_svg(conferences: list[Conference], today: date, standalone: bool = False) -> str:
    shown = upcoming(conferences, today)
    span = 31 * MONTHS
    plot = WIDTH - LABEL - 10

    def x(day: date) -> float:
        return LABEL + plot * min(max((day - today).days, 0), span) / span

    parts = []
    first = today.replace(day=1)
    for month in range(MONTHS + 1):  # month ticks
        tick = date(first.year + (first.month - 1 + month) // 12, (first.month - 1 + month) % 12 + 1, 1)
        if tick >= today:
            parts.append(f'<text x="{x(tick):.1f}" y="12" font-size="10">{tick.strftime("%b")}</text>')
    for row, conference in enumerate(shown):
        y = 20 + row * ROW
        label = escape(conference.name + (f" ({conference.level})" if conference.level else ""))
        parts.append(f'<text x="{LABEL - 6}" y="{y + 13}" text-anchor="end">{label}</text>')
        left, right = x(conference.start), x(conference.end)
        when = f"{label}: {conference.start}..{conference.end}"
        parts.append(f'<rect x="{left:.1f}" y="{y + 3}" width="{max(right - left, 3):.1f}" height="{ROW - 8}" '
                     f'fill="{conference.colour}"><title>{when}</title></rect>')  # fmt: skip
        if conference.deadline and conference.deadline >= today:
            d = x(conference.deadline)
            parts.append(f'<path d="M{d:.1f} {y + 2}l5 7l-5 7l-5 -7z" fill="none" stroke="{conference.colour}" '
                         f'stroke-width="1.5"><title>deadline {conference.deadline}</title></path>')  # fmt: skip
    height = 24 + ROW * max(len(shown), 1)
    title = f"Conferences, the next {MONTHS} months (◇ deadline, ▬ conference)"
    body = "".join(parts) or '<text x="0" y="30">No conference in the next months.</text>'
    return wrap(title, height, body, standalone)
