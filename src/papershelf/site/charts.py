"""Charts for the statistics page as inline SVG made at build time: readable without JavaScript.

Each chart is a small function of counts; labels are escaped (`html.escape`),
colours come from the page's CSS (``currentColor`` and the ``bar`` class), so
they follow light and dark mode.
"""

from __future__ import annotations

from html import escape

BAR_HEIGHT = 18
LABEL_WIDTH = 230
CHART_WIDTH = 640


def horizontal_bars(title: str, counts: list[tuple[str, int]]) -> str:
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
    return _svg(title, height, "".join(rows))


def columns(title: str, counts: list[tuple[str, int]]) -> str:
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
    return _svg(title, base + 22, "".join(bars))


def _svg(title: str, height: int, body: str) -> str:
    return (
        f'<figure class="chart"><figcaption>{escape(title)}</figcaption>'
        f'<svg role="img" aria-label="{escape(title)}" viewBox="0 0 {CHART_WIDTH} {height}" '
        f'width="{CHART_WIDTH}" height="{height}" font-size="12" fill="currentColor">{body}</svg></figure>'
    )
