"""Time every command a user runs at 1k, 10k and 100k papers, against the targets, as medians.

usage: python benchmarks/bench_scale.py [--sizes 1000 10000 100000] [--runs 3]
                                        [--work DIR] [--json FILE]

For each size a library shaped like the real EfficientPaper list
(benchmarks/generate_library.py, seed 1: note folders and covers on disk) is
generated into --work (kept there and reused: 100k papers take a minute or
two to write) and measured, each command a separate ``papershelf`` process
(its time includes starting Python):

- cold build: ``papershelf build`` with no cache and no views;
- the first search after it, which writes the search tables;
- build with nothing changed, right after; build after one paper changed;
- a ``papershelf search`` command with nothing changed (median of five);
  and the 95th percentile over a mixed query set (words, prefixes,
  phrases, filters, facets) of the query alone, in-process;
- ``check``, ``list``, ``export --format bibtex``;
- ``build --style S --out DIR`` for every style, the cache current: the
  render of each style, to compare with the papershelf style's;
- ``import-markdown`` of the library's largest view into a new library;
- peak memory: the largest resident set of any process of these commands.

Builds run as separate ``papershelf`` processes, so their times include
starting Python.  After the runs, the views on disk are compared with a plain
in-memory render of the same library (no index): they must be identical bytes.
The table of medians is printed and written as JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT / "src"))
sys.path.insert(0, str(PROJECT / "benchmarks"))

import machine_state  # noqa: E402
from generate_library import generate  # noqa: E402

from papershelf.cache.loader import LibraryReader  # noqa: E402
from papershelf.cache.store import CACHE_DIR  # noqa: E402
from papershelf.core import speed  # noqa: E402
from papershelf.core.views import VIEW_FILES  # noqa: E402
from papershelf.render.build import render  # noqa: E402
from papershelf.render.styles import STYLES  # noqa: E402
from papershelf.search.engine import search  # noqa: E402
from papershelf.search.query import Filters, parse_years  # noqa: E402
from papershelf.search.tables import open_for_search  # noqa: E402

PAPERSHELF = Path(sys.executable).parent / "papershelf"
TEMPLATES = PROJECT / "examples" / "horseee-table" / "templates"
TARGETS = {  # issues 5 and 16: seconds (search: milliseconds; memory: MB) at 10k and 100k papers
    "cold build (s)": {10_000: 1.0, 100_000: 8.0},
    "first search after it (s)": {100_000: 5.0},
    "no-change build (s)": {10_000: 0.3, 100_000: 1.0},
    "one-changed build (s)": {10_000: 0.6, 100_000: 4.0},
    "search command (s)": {100_000: 1.0},
    "search p95 (ms)": {10_000: 10.0, 100_000: 30.0},
    "check (s)": {100_000: 15.0},
    "peak memory (MB)": {10_000: 300.0, 100_000: 1500.0},
}


def mixed_queries(prolific_author: str) -> list[tuple[str, Filters, bool]]:
    """(query, filters, with facets): common words, topics, prefixes, phrases, operators, filters."""
    return [
        ("quantization", Filters(), False),
        ("learning", Filters(), True),
        ("sparse*", Filters(), False),
        ('"kv cache"', Filters(), False),
        ("attention OR decoding", Filters(), False),
        ("transformers", Filters(years=parse_years("2022..2024")), False),
        ("memory", Filters(venues=("ICML",)), False),
        ("pruning", Filters(keywords=("sparse_pruning",), has_code=True), False),
        ("model*", Filters(institutions=("Tsinghua University",)), True),
        ("efficient", Filters(), False),
        ("experts NOT mixture", Filters(), False),
        ('"large language models"', Filters(years=parse_years("2023..")), False),
        ("graph OR diffusion", Filters(has_code=True), False),
        ("fast*", Filters(authors=(prolific_author,)), False),
    ]


def run_command(args: list[str]) -> tuple[float, float]:
    """Wall seconds and peak resident MB of a ``papershelf`` command (its largest process).

    Any exit status but 0 stops the benchmark (1 too: a traceback exits with it), except
    check's 1, which means findings.  Its messages go to a file, not a pipe: a pipe left
    unread while waiting would stop a command that says much (an import's warnings) once
    the pipe is full."""
    with tempfile.TemporaryFile() as messages:
        start = time.perf_counter()
        process = subprocess.Popen([str(PAPERSHELF), *args], stdout=subprocess.DEVNULL, stderr=messages)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        # 1 is "problems found": check's findings, import-markdown's rows not understood (the grown
        # list has titles its reader cannot tell from prose, two in 10,000)
        if process.returncode != 0 and not (process.returncode == 1 and args[0] in ("check", "import-markdown")):
            messages.seek(0)
            raise RuntimeError(f"papershelf {' '.join(args)} failed: {messages.read().decode()[-2000:]}")
    return elapsed, usage.ru_maxrss / 1024


def library_of(work: Path, size: int) -> Path:
    root = work / f"papers-{size}"
    if not (root / "meta").is_dir():
        print(f"generating {size} papers into {root} ...", file=sys.stderr)
        generate(root, size, seed=1)
    shutil.copytree(TEMPLATES, root / "templates", dirs_exist_ok=True)  # for the templates style
    return root


def clean(root: Path) -> None:
    """No index and no views: where a cold build starts.

    "Cold" is papershelf's own cache.  The system's is warmed (every metadata
    file and every note read once: files written just before, as the issue
    measures them) and the disk left idle (sync).  At 100k a build that had
    to read its files from disk (the system's cache dropped) took 13.5 s
    instead of 6.2 s, and one that ran while the disk was busy took 21.7 s:
    figures of the disk, not of papershelf.  On this virtual machine, files
    left untouched for some minutes read slowly even from the system's cache:
    the first search, which reads the 71,000 notes, took 13.7-14.0 s with
    only the metadata warmed and 8.9-10.1 s with the notes too (2026-12-02).
    """
    shutil.rmtree(root / CACHE_DIR, ignore_errors=True)
    for name in VIEW_FILES:
        (root / name).unlink(missing_ok=True)
    os.sync()
    for folder, pattern in (("meta", "*.prototxt"), ("notes", "*.md")):
        for path in (root / folder).rglob(pattern):
            path.read_bytes()


def edit_one_paper(root: Path, run: int) -> None:
    path = min((root / "meta").rglob("*.prototxt"))
    text = path.read_text("utf-8")
    path.write_text(text.replace('title: "', f'title: "{run}', 1), "utf-8")


def search_latencies(root: Path, rounds: int) -> list[float]:
    """Seconds of each of the mixed queries, ``rounds`` times over, against the up-to-date index."""
    times = []
    with open_for_search(root) as (index, config):
        # The most prolific author, by key: a filter folds the name it is given, and a key folds to itself.
        author = index.db.execute(
            "SELECT key FROM search_names WHERE kind = 'author' ORDER BY json_array_length(ids) DESC, key LIMIT 1"
        ).fetchone()[0]
        for _ in range(rounds):
            for query, filters, facets in mixed_queries(author):
                start = time.perf_counter()
                search(index, config, query, filters, 20, facets)
                times.append(time.perf_counter() - start)
    return times


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def same_bytes_as_plain_render(root: Path) -> bool:
    with LibraryReader(root, use_index=False) as reader:
        library = reader.load()
    files = render(library, library.config.style)
    return all((root / name).read_bytes() == text.encode("utf-8") for name, text in files.items())


def measure(root: Path, runs: int, work: Path) -> dict:
    times: dict[str, list[float]] = {}
    peaks: list[float] = []

    def timed(row: str, args: list[str]) -> None:
        seconds, peak = run_command(args)
        times.setdefault(row, []).append(seconds)
        peaks.append(peak)

    library = ["-L", str(root)]
    for run in range(runs):
        clean(root)
        timed("cold build (s)", ["build", *library])
        timed("first search after it (s)", ["search", "quantization", *library])
        timed("no-change build (s)", ["build", *library])
        edit_one_paper(root, run)
        timed("one-changed build (s)", ["build", *library])
        for _ in range(5):
            timed("search command (s)", ["search", "quantization", *library])
        timed("check (s)", ["check", *library])
        timed("list (s)", ["list", *library])
        timed("export bibtex (s)", ["export", "--format", "bibtex", "--out", str(work / "export.bib"), *library])
        for style in STYLES:
            out = work / f"views-{style}"
            shutil.rmtree(out, ignore_errors=True)
            timed(f"build --style {style} (s)", ["build", "--style", style, "--out", str(out), *library])
        into = work / "imported"
        shutil.rmtree(into, ignore_errors=True)
        timed("import-markdown cls_year.md (s)", ["import-markdown", str(root / "cls_year.md"), "--into", str(into)])
    results = {row: statistics.median(values) for row, values in times.items()}
    latencies = search_latencies(root, rounds=max(5, runs))
    results["search p95 (ms)"] = percentile(latencies, 0.95) * 1000
    results["peak memory (MB)"] = max(peaks)
    results["identical bytes"] = same_bytes_as_plain_render(root)
    return results


def print_table(results: dict[int, dict]) -> None:
    sizes = sorted(results)
    print("| work | " + " | ".join(f"{size:,} papers" for size in sizes) + " |")
    print("|---|" + "--:|" * len(sizes))
    for row in next(iter(results.values())):
        cells = []
        for size in sizes:
            value = results[size][row]
            target = TARGETS.get(row, {}).get(size)
            text = (
                ("yes" if value else "NO")
                if isinstance(value, bool)
                else f"{value:.3g}"
                if value < 10
                else f"{value:.0f}"
            )
            cells.append(f"{text} (≤ {target:g})" if target is not None else text)
        print(f"| {row} | " + " | ".join(cells) + " |")


def main() -> int:
    speed.enable()  # as the papershelf command runs (core/speed.py)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", type=Path, default=PROJECT / "benchmarks" / ".libraries")
    parser.add_argument("--json", type=Path, default=PROJECT / "benchmarks" / "results" / "scale.json")
    args = parser.parse_args()
    results = {}
    before = machine_state.state()
    for size in args.sizes:
        root = library_of(args.work, size)
        print(f"measuring {size} papers, {args.runs} runs ...", file=sys.stderr)
        results[size] = measure(root, args.runs, args.work)
    after = machine_state.state()
    print(f"papershelf benchmark, medians of {args.runs} runs; {machine_state.model()}")
    print(f"before: {before}; after: {after}\n")
    print_table(results)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    report = {
        "machine": machine_state.model(),
        "before": before,
        "after": after,
        "runs": args.runs,
        "results": {str(k): v for k, v in results.items()},
    }
    args.json.write_text(json.dumps(report, indent=2) + "\n", "utf-8")
    return 0 if all(r["identical bytes"] for r in results.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
