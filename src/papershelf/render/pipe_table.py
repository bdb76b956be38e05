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


class TableRow:
    """One row's cells as a table needs them, found once: a paper's row is in many sections."""

    __slots__ = ("texts", "numbers", "lengths")

    def __init__(self, cells: list):
        self.texts = [c.strip() if isinstance(c, str) else str(c).strip() for c in cells]
        # str(int(cell)) where the cell is an integer (a column of them is right-aligned), else None.
        self.numbers = [str(int(c)) if _is_int(c) else None for c in cells]
        self.lengths = [len(t) for t in self.texts]


def padded_table_of(headers: list[str], rows: list[TableRow]) -> str:
    """A table with a running index (0, 1, ...) before the given columns, of rows whose cells
    were looked at already (`TableRow`)."""
    count = len(headers)
    numeric = [bool(rows)] + [bool(rows) and all(r.numbers[i] is not None for r in rows) for i in range(count)]
    texts: list[list[str]] = [[str(i) for i in range(len(rows))]]
    widths = [max(MIN_PADDING, len(texts[0][-1]) if rows else 0)]
    for i in range(count):
        if numeric[i + 1]:
            column = [r.numbers[i] for r in rows]
            longest = max(map(len, column))
        else:
            column = [r.texts[i] for r in rows]
            longest = max((r.lengths[i] for r in rows), default=0)
        texts.append(column)
        widths.append(max(len(headers[i]) + MIN_PADDING, longest))
    # One format for every line: each cell padded right (numbers) or left (text) to its width.
    line = ("| " + " | ".join(f"{{:{'>' if is_num else '<'}{w}}}" for w, is_num in zip(widths, numeric)) + " |").format
    rule = (
        "|"
        + "|".join("-" * (w + 1) + ":" if is_num else ":" + "-" * (w + 1) for w, is_num in zip(widths, numeric))
        + "|"
    )
    out = [line("", *headers), rule]
    out.extend(line(*cells) for cells in zip(*texts))
    return "\n".join(out)
