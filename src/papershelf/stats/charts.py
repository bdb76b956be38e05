"""Charts of the statistics as SVG: inline in the site's statistics page (readable without
JavaScript), or files for a README (``papershelf stats --svg``).

Each chart is a small function of counts; labels are escaped (`html.escape`).  Inline, colours
come from the page's CSS (``currentColor`` and the ``bar`` class), so they follow light and dark
mode; a file carries its own, a blue and a grey that read on a light and a dark page alike.
"""

from __future__ import annotations

from html import escape

BAR_HEIGHT = 18
LABEL_WIDTH = 230
CHART_WIDTH = 640


FILE_STYLE = "<style>text{fill:#6e7781;font-family:sans-serif}.bar{fill:#0969da;opacity:.8}</style>"


def horizontal_bars(title: str, counts: list[tuple[str, int]], standalone: bool = False) -> str:
    """One bar per (label, count), longest first as given."""
    most = max((c for _, c in counts), default=1) or 1
    height = BAR_HEIGHT * len(counts) + 8
    rows = []
    for i, (label, count) in enumerate(counts):
        y = i * BAR_HEIGHT + 4
        width = (CHART_WIDTH - LABEL_WIDTH - 50) * count / most
        short = label if len(label) <= 34 else label[:33] + "…"
        rows.append(
            f'<text x="{LABEL_WIDTH - 6}" y="{y + 13}" text-anchor="end">{escape(short)}</text>'
            f'<rect class="bar" x="{LABEL_WIDTH}" y="{y + 2}" width="{width:.1f}" height="{BAR_HEIGHT - 5}">'
            f"<title>{escape(label)}: {count}</title></rect>"
            f'<text x="{LABEL_WIDTH + width + 4:.1f}" y="{y + 13}">{count}</text>'
        )
    return wrap(title, height, "".join(rows), standalone)


def columns(title: str, counts: list[tuple[str, int]], standalone: bool = False) -> str:
    """One column per (label, count), in the order given (years, oldest first)."""
    most = max((c for _, c in counts), default=1) or 1
    plot, base = 180, 200
    step = (CHART_WIDTH - 40) / max(len(counts), 1)
    bars = []
    for i, (label, count) in enumerate(counts):
        x = 30 + i * step
        height = plot * count / most
        bars.append(
            f'<rect class="bar" x="{x:.1f}" y="{base - height:.1f}" width="{max(step - 2, 1):.1f}" '
            f'height="{height:.1f}"><title>{escape(label)}: {count}</title></rect>'
        )
        if len(counts) <= 16 or i % max(1, len(counts) // 12) == 0:
            bars.append(f'<text x="{x + step / 2:.1f}" y="{base + 14}" text-anchor="middle">{escape(label)}</text>')
    bars.append(f'<text x="0" y="12">{most}</text>')
    return wrap(title, base + 22, "".join(bars), standalone)


def wrap(title: str, height: int, body: str, standalone: bool = False) -> str:
    """A chart's SVG around its ``body``: inline in a figure, or a file of its own."""
    if standalone:  # a file of its own: its title inside, its colours with it
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{escape(title)}" '
            f'viewBox="0 -24 {CHART_WIDTH} {height + 24}" width="{CHART_WIDTH}" height="{height + 24}" '
            f'font-size="12">{FILE_STYLE}<text x="0" y="-8" font-size="14">{escape(title)}</text>{body}</svg>\n'
        )
    return (
        f'<figure class="chart"><figcaption>{escape(title)}</figcaption>'
        f'<svg role="img" aria-label="{escape(title)}" viewBox="0 0 {CHART_WIDTH} {height}" '
        f'width="{CHART_WIDTH}" height="{height}" font-size="12" fill="currentColor">{body}</svg></figure>'
    )
