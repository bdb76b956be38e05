"""Markdown pipe tables laid out the way pandas' ``DataFrame.to_markdown`` lays them out.

EfficientPaper's views were written by pandas (through tabulate's "pipe"
format); reproducing them byte for byte needs its exact layout: a running
index column, every column padded to its widest cell or to its header plus two,
numbers right-aligned and text left-aligned, cells stripped of surrounding
white space, and no newline after the last row.
"""

from __future__ import annotations

import functools
import operator

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

    __slots__ = ("texts", "numbers", "lengths", "flags")

    def __init__(self, cells: list):
        self.texts = tuple(c.strip() if isinstance(c, str) else str(c).strip() for c in cells)
        # str(int(cell)) where the cell is an integer (a column of them is right-aligned), else None.
        self.numbers = tuple(str(int(c)) if _is_int(c) else None for c in cells)
        self.lengths = tuple(map(len, self.texts))
        # Bit i: cell i is an integer.  Bit len(cells): each integer reads as its text (nearly always
        # so), which lets a table take the row's texts as they are.
        self.flags = sum(1 << i for i, number in enumerate(self.numbers) if number is not None)
        if all(number is None or number == text for number, text in zip(self.numbers, self.texts)):
            self.flags |= 1 << len(cells)


def padded_table_of(headers: list[str], rows: list[TableRow]) -> str:
    """A table with a running index (0, 1, ...) before the given columns, of rows whose cells
    were looked at already (`TableRow`).

    The rows are gone over once or twice, each in C (an EfficientPaper author view is
    100,000 tables of 700,000 rows in all): their flags say which columns are of integers."""
    count = len(headers)
    flags = functools.reduce(operator.and_, [row.flags for row in rows], (2 << count) - 1 if rows else 1 << count)
    numeric = [bool(rows)] + [bool(flags >> i & 1) for i in range(count)]
    if flags >> count & 1:  # a column of integers is written as their texts
        texts = [row.texts for row in rows]
        longest = list(map(max, zip(*[row.lengths for row in rows]))) if rows else [0] * count
    else:
        texts = [tuple(row.numbers[i] if numeric[i + 1] else row.texts[i] for i in range(count)) for row in rows]
        longest = [max(len(cells[i]) for cells in texts) for i in range(count)] if rows else [0] * count
    widths = [max(MIN_PADDING, len(str(len(rows) - 1)) if rows else 0)]
    widths += [max(len(header) + MIN_PADDING, length) for header, length in zip(headers, longest)]
    # One format for every line: each cell padded right (numbers) or left (text) to its width.
    line = ("| " + " | ".join(f"{{:{'>' if is_num else '<'}{w}}}" for w, is_num in zip(widths, numeric)) + " |").format
    rule = (
        "|"
        + "|".join("-" * (w + 1) + ":" if is_num else ":" + "-" * (w + 1) for w, is_num in zip(widths, numeric))
        + "|"
    )
    return "\n".join([line("", *headers), rule, *[line(index, *cells) for index, cells in enumerate(texts)]])
