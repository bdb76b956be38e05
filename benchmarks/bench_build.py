"""Time the stages of a build on a real library and print a table of medians.

usage: python benchmarks/bench_build.py [LIBRARY ...] [--runs N]

Without a library it measures the bundled example and, when ../shared is
present, the real EfficientPaper fixture (with its keywords in a temporary
papershelf.toml).  Figures are medians over N runs (default 5).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT / "src"))
sys.path.insert(0, str(PROJECT / "tests"))

from papershelf.cache.loader import load_library  # noqa: E402
from papershelf.core import speed  # noqa: E402
from papershelf.render.build import render  # noqa: E402

STYLES = ("papershelf", "efficientpaper", "efficientpaper-2025-06", "efficientpaper-2024-03")


def median_seconds(action, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def default_libraries(scratch: Path) -> list[Path]:
    libraries = [PROJECT / "examples" / "efficient-ml"]
    from conftest import FIXTURE, config_from_tsv

    if FIXTURE.is_dir():
        import shutil

        copy = scratch / "efficientpaper-2025"
        shutil.copytree(FIXTURE, copy)
        (copy / "papershelf.toml").write_text(config_from_tsv(FIXTURE), encoding="utf-8")
        libraries.append(copy)
    return libraries


def main(argv: list[str]) -> int:
    speed.enable()  # as the papershelf command runs (core/speed.py)
    runs = 5
    if "--runs" in argv:
        runs = int(argv[argv.index("--runs") + 1])
        argv = [a for i, a in enumerate(argv) if a != "--runs" and argv[i - 1] != "--runs"]
    with tempfile.TemporaryDirectory() as scratch:
        libraries = [Path(a) for a in argv] or default_libraries(Path(scratch))
        print(f"| library | papers | load (ms) | {' | '.join(f'render {s} (ms)' for s in STYLES)} |")
        print("|---|--:|--:|" + "--:|" * len(STYLES))
        for root in libraries:
            library = load_library(root)
            load = median_seconds(lambda root=root: load_library(root), runs)
            renders = [median_seconds(lambda s=s, lib=library: render(lib, s), runs) for s in STYLES]
            cells = " | ".join(f"{r * 1000:.1f}" for r in renders)
            print(f"| {root.name} | {len(library.papers)} | {load * 1000:.1f} | {cells} |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
