"""CSV: one row per paper, list fields joined with "; " (a separator no name uses)."""

from __future__ import annotations

import csv
import io

from papershelf.core.model import Paper
from papershelf.export.json_model import FIELDS, to_dict

SEPARATOR = "; "


def dumps(papers: list[Paper]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([*FIELDS, "file"])
    for paper in papers:
        value = to_dict(paper)
        row = [SEPARATOR.join(v) if isinstance(v, list) else ("" if v is None else v) for v in value.values()]
        writer.writerow(row)
    return out.getvalue()
