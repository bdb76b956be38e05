"""Measure ``papershelf site``: its build, and its search page in headless Chromium.

usage: python benchmarks/bench_site.py [--sizes 1000 10000] [--work DIR]

For each size a library shaped like the real list (generate_library.py,
reused when there) is built into a new site folder, timed as a ``papershelf``
process, then whole again (``--full``: the pages of the last site that are the
same are linked, not rendered), and built again: with nothing changed, with one
paper's title edited, with a paper added (a copy of another, its note folder
too) and with that paper removed again;
the site is served on 127.0.0.1 by Python's static server and opened in
Debian's Chromium (Playwright): the time from navigation to the first results
shown (the page's own ``papershelf:first-results`` mark), the bytes that had
arrived by then, and the time of each keystroke of a typed query (the search, the facets
and the results drawn again, measured in the page).
"""

from __future__ import annotations

import argparse
import functools
import http.server
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT / "benchmarks"))

from generate_library import generate  # noqa: E402

PAPERSHELF = Path(sys.executable).parent / "papershelf"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
TYPED = "quantization pruning"
KEYSTROKE = """(text) => {
  const input = document.querySelector('input[type=search]');
  const start = performance.now();
  input.value = text;
  input.dispatchEvent(new Event('input'));
  return performance.now() - start;
}"""


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def measure_page(url: str) -> dict:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_page()
        page.goto(url)
        page.wait_for_function("performance.getEntriesByName('papershelf:indexed').length > 0")
        # The page marks its first results; the time is from the start of navigation.
        first = page.evaluate("performance.getEntriesByName('papershelf:first-results')[0].startTime") / 1000
        # The bytes of what had arrived when the first results showed: the page, assets, first data.
        transferred = page.evaluate(
            """() => {
              const mark = performance.getEntriesByName('papershelf:first-results')[0].startTime;
              const page = performance.getEntriesByType('navigation')[0].encodedBodySize;
              return page + performance.getEntriesByType('resource')
                .filter((r) => r.responseEnd <= mark).reduce((sum, r) => sum + r.encodedBodySize, 0);
            }"""
        )
        keystrokes = [page.evaluate(KEYSTROKE, TYPED[:n]) for n in range(1, len(TYPED) + 1)]
        browser.close()
    return {"first": first, "bytes": transferred, "keystroke": statistics.median(keystrokes), "worst": max(keystrokes)}


def site(root: Path, out: Path, *options: str) -> float:
    """The wall time of ``papershelf site``; then, until the last version of a site built whole
    is deleted (in the background), nothing else is timed."""
    start = time.perf_counter()
    command = [str(PAPERSHELF), "site", "-L", str(root), "--out", str(out), *options]
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    took = time.perf_counter() - start
    while any(out.parent.glob(f".{out.name}.old-*")):
        time.sleep(0.5)
    return took


def edits(root: Path, out: Path) -> list[float]:
    """The site built again: unchanged, after one title edited, one paper added, that one removed
    (the library is left as it was)."""
    times = [site(root, out)]
    paper = sorted((root / "meta").rglob("*.prototxt"))[len(list((root / "meta").rglob("*.prototxt"))) // 2]
    text = paper.read_text()
    paper.write_text(text.replace('title: "', 'title: "Edited: ', 1))
    times.append(site(root, out))
    paper.write_text(text)
    added = paper.with_name("bench-added.prototxt")
    added.write_text(text.replace('title: "', 'title: "Added: ', 1))
    notes = root / "notes" / paper.parent.name
    if (notes / paper.stem).is_dir():
        shutil.copytree(notes / paper.stem, notes / "bench-added")
    times.append(site(root, out))
    added.unlink()
    shutil.rmtree(notes / "bench-added", ignore_errors=True)
    times.append(site(root, out))
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000])
    parser.add_argument("--work", type=Path, default=PROJECT / "benchmarks" / ".libraries")
    args = parser.parse_args()
    print(
        "| papers | site build: new / whole again (s) | again: unchanged / one edited / one added / one removed (s) |"
        " first results (s) |"
        " transferred by then (MB) | keystroke median / worst (ms) |"
    )
    print("|--:|--:|--:|--:|--:|--:|")
    for size in args.sizes:
        root = args.work / f"papers-{size}"
        if not (root / "meta").is_dir():
            generate(root, size, seed=1)
        out = args.work / f"site-{size}"
        shutil.rmtree(out, ignore_errors=True)  # a new folder: every page rendered
        built = site(root, out), site(root, out, "--full")
        again = edits(root, out)
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(out)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        found = measure_page(f"http://127.0.0.1:{server.server_address[1]}/index.html")
        server.shutdown()
        print(
            f"| {size:,} | {built[0]:.1f} / {built[1]:.1f} | {' / '.join(f'{t:.1f}' for t in again)} | "
            f"{found['first']:.2f} | "
            f"{found['bytes'] / 1e6:.1f} | {found['keystroke']:.0f} / {found['worst']:.0f} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
