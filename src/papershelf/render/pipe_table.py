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
    if isinstance(cell, str) and not cell.lstrip()[:1].isdigit() and cell.lstrip()[:1] not in ("+", "-"):
        return False  # int() would fail: the usual text cell, without raising and catching
    try:
        int(cell)
    except (TypeError, ValueError):
        return False
    return True


def padded_table(headers: list[str], rows: list[list]) -> str:
    """A table with a running index (0, 1, ...) before the given columns."""
    columns: list = [range(len(rows)), *zip(*rows)] if rows else [[] for _ in range(len(headers) + 1)]
    all_headers = ["", *headers]
    numeric = [bool(rows)] + [bool(col) and all(_is_int(c) for c in col) for col in columns[1:]]
    texts = [_texts(col, is_num) for col, is_num in zip(columns, numeric)]
    widths = [max(len(h) + MIN_PADDING, max(map(len, col), default=0)) for h, col in zip(all_headers, texts)]
    # One format for every line: each cell padded right (numbers) or left (text) to its width.
    line = ("| " + " | ".join(f"{{:{'>' if is_num else '<'}{w}}}" for w, is_num in zip(widths, numeric)) + " |").format
    rule = (
        "|"
        + "|".join("-" * (w + 1) + ":" if is_num else ":" + "-" * (w + 1) for w, is_num in zip(widths, numeric))
        + "|"
    )
    out = [line(*all_headers), rule]
    out.extend(line(*cells) for cells in zip(*texts))
    return "\n".join(out)


def _texts(column, numeric: bool) -> list[str]:
    if numeric:
        return [str(int(c)) for c in column]
    try:
        return list(map(str.strip, column))  # cells are text, nearly always
    except TypeError:
        return [str(c).strip() for c in column]
