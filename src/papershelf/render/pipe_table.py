"""Markdown pipe tables laid out the way pandas' ``DataFrame.to_markdown`` lays them out.

EfficientPaper's views were written by pandas (through tabulate's "pipe"
format); reproducing them byte for byte needs its exact layout: a running
index column, every column padded to its widest cell or to its header plus two,
numbers right-aligned and text left-aligned, cells stripped of surrounding
white space, and no newline after the last row.
"""

from __future__ import annotations

MIN_PADDING = 2


def _is_int(cell) -> bool:
    if isinstance(cell, bool):
        return False
    if isinstance(cell, int):
        return True
    try:
        int(cell)
    except (TypeError, ValueError):
        return False
    return True


def padded_table(headers: list[str], rows: list[list]) -> str:
    """A table with a running index (0, 1, ...) before the given columns."""
    columns = [list(range(len(rows)))] + [list(col) for col in zip(*rows)] if rows else []
    if not columns:
        columns = [[] for _ in range(len(headers) + 1)]
    all_headers = [""] + list(headers)
    numeric = [bool(col) and all(_is_int(c) for c in col) for col in columns]
    texts = [[str(int(c)) if is_num else str(c).strip() for c in col] for col, is_num in zip(columns, numeric)]
    widths = [max([len(h) + MIN_PADDING] + [len(c) for c in col]) for h, col in zip(all_headers, texts)]

    def line(cells: list[str]) -> str:
        padded = [c.rjust(w) if is_num else c.ljust(w) for c, w, is_num in zip(cells, widths, numeric)]
        return "| " + " | ".join(padded) + " |"

    rule = (
        "|"
        + "|".join("-" * (w + 1) + ":" if is_num else ":" + "-" * (w + 1) for w, is_num in zip(widths, numeric))
        + "|"
    )
    out = [line(all_headers), rule]
    out.extend(line([col[i] for col in texts]) for i in range(len(rows)))
    return "\n".join(out)
