"""Time getting papers in and out, and print a table of medians.

usage: python benchmarks/bench_io.py [--runs N]

Rows: every export format over the bundled example and (when ../shared is
present) the real EfficientPaper fixture; import-bibtex of the real d2l.bib
(488 entries, into an empty library, dry run so nothing accumulates); and
import-markdown of seed 000 (225 rows).  No network: add's cost is the
services' latency, not papershelf's.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from bench_build import PROJECT, default_libraries, median_seconds

from papershelf import export
from papershelf.core import speed
from papershelf.ingest import import_bibtex, import_markdown
from papershelf.ingest.add import AddOptions

SHARED = PROJECT.parent / "shared"


def main(argv: list[str]) -> int:
    speed.enable()  # as the papershelf command runs (core/speed.py)
    runs = int(argv[argv.index("--runs") + 1]) if "--runs" in argv else 5
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        for root in default_libraries(scratch):
            for name in export.FORMATS:
                seconds = median_seconds(lambda root=root, name=name: export.run(root, name), runs)
                rows.append((f"export {name}", root.name, seconds))
        bib = SHARED / "fixtures" / "bibtex" / "d2l_dive_into_deep_learning.bib"
        if bib.is_file():
            empty = scratch / "empty"
            (empty / "meta").mkdir(parents=True)
            options = AddOptions(dry_run=True, note=False)
            rows.append(
                (
                    "import-bibtex (dry run)",
                    bib.name,
                    median_seconds(lambda: import_bibtex.run(empty, [bib], options), runs),
                )
            )
        seed = SHARED / "seeds" / "000_8241874cde2ee3fa.txt"
        if seed.is_file():

            def import_seed():
                target = scratch / "imported"
                shutil.rmtree(target, ignore_errors=True)
                import_markdown.run([seed], target)

            rows.append(("import-markdown", "seed 000", median_seconds(import_seed, runs)))
    print("| work | input | median (ms) |")
    print("|---|---|--:|")
    for work, source, seconds in rows:
        print(f"| {work} | {source} | {seconds * 1000:.1f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
