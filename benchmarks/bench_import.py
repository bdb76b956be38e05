"""Time ``papershelf import-markdown`` on real awesome-list pages, alone and all together.

usage: python benchmarks/bench_import.py [--runs 3]

Reads the seven real lists of ../shared/fixtures/awesome-lists/ (never copied
into the project) and times, each as a separate ``papershelf`` process into a
new library: every page alone, then all seven in one import (about 1,700
papers).  The goal is a list of 1,500 papers in under 5 s.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
LISTS = PROJECT.parent / "shared" / "fixtures" / "awesome-lists"
PAPERSHELF = Path(sys.executable).parent / "papershelf"


def seconds(pages: list[Path], into: Path) -> float:
    shutil.rmtree(into, ignore_errors=True)
    start = time.perf_counter()
    subprocess.run([str(PAPERSHELF), "import-markdown", *map(str, pages), "--into", str(into)],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    pages = sorted(LISTS.glob("*+*.md"))
    if not pages:
        print(f"no pages in {LISTS}: ../shared is needed", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as work:
        into = Path(work) / "library"
        print("| pages | papers written | seconds (median) |\n|---|--:|--:|")
        for group in [[page] for page in pages] + [pages]:
            times = [seconds(group, into) for _ in range(args.runs)]
            papers = sum(1 for _ in (into / "meta").rglob("*.prototxt"))
            name = group[0].stem if len(group) == 1 else f"all {len(group)} together"
            print(f"| {name} | {papers:,} | {statistics.median(times):.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
