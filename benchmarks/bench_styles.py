"""Time a build in every style, on one library, against the papershelf style (the limit is 1.5x).

usage: python benchmarks/bench_styles.py [--sizes 10000 100000] [--runs 3] [--work DIR]

For each size a library shaped like the real list (generate_library.py, as
bench_scale.py makes them, reused when there) gets the templates of
examples/horseee-table, its cache is made current by one build, and then
``papershelf build --style S --out DIR`` runs for every style, each a separate
process with the cache current: what is timed is reading the cache and
rendering.  Each round builds every style once, so that the machine's speed,
which changes from hour to hour here, weighs on every style alike.  Prints the
medians and each style's ratio to the papershelf style, with the machine's
state before and after (`machine_state.py`).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT / "src"))
sys.path.insert(0, str(PROJECT / "benchmarks"))

import machine_state  # noqa: E402
from generate_library import generate  # noqa: E402

from papershelf.render.styles import STYLES  # noqa: E402

PAPERSHELF = Path(sys.executable).parent / "papershelf"
TEMPLATES = PROJECT / "examples" / "horseee-table" / "templates"


def build_seconds(root: Path, style: str, out: Path) -> float:
    shutil.rmtree(out, ignore_errors=True)
    start = time.perf_counter()
    subprocess.run([str(PAPERSHELF), "build", "-L", str(root), "--style", style, "--out", str(out)], check=True,
                   stdout=subprocess.DEVNULL)  # fmt: skip
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", type=Path, default=PROJECT / "benchmarks" / ".libraries")
    args = parser.parse_args()
    print(f"before: {machine_state.state()}\n")
    print("| style | " + " | ".join(f"{size:,} papers (s) | ratio" for size in args.sizes) + " |")
    print("|---|" + "--:|--:|" * len(args.sizes))
    medians: dict[int, dict[str, float]] = {}
    for size in args.sizes:
        root = args.work / f"papers-{size}"
        if not (root / "meta").is_dir():
            generate(root, size, seed=1)
        shutil.copytree(TEMPLATES, root / "templates", dirs_exist_ok=True)
        subprocess.run([str(PAPERSHELF), "build", "-L", str(root)], check=True, stdout=subprocess.DEVNULL)
        times: dict[str, list[float]] = {style: [] for style in STYLES}
        for _ in range(args.runs):  # every style once a round: a slower hour slows them alike
            for style in STYLES:
                times[style].append(build_seconds(root, style, args.work / f"views-{style}"))
        medians[size] = {style: statistics.median(seconds) for style, seconds in times.items()}
    for style in STYLES:
        cells = []
        for size in args.sizes:
            seconds = medians[size][style]
            cells.append(f"{seconds:.2f} | {seconds / medians[size]['papershelf']:.2f}x")
        print(f"| {style} | " + " | ".join(cells) + " |")
    print(f"\nafter: {machine_state.state()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
