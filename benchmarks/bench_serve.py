"""Measure ``papershelf serve``: what a curator waits for at each click, through the real app.

usage: python benchmarks/bench_serve.py [--sizes 1000 10000] [--work DIR] [--repeat 5]

For each size a library shaped like the real list (generate_library.py) is
made afresh (a save changes it), its views built once, and the editor's app
driven in process (Starlette's TestClient: the app, the guard and the
editor's code, without a socket): listing the papers, opening one, saving
one changed field (parse, every check rule, the atomic write, the views
rebuilt), the same save refused as stale, and the browse page's data after a
change.  Medians of ``--repeat`` runs, in milliseconds.
"""

from __future__ import annotations

import argparse
import functools
import shutil
import statistics
import sys
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT / "benchmarks"))

from generate_library import generate  # noqa: E402

TOKEN = "benchmark-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


def timed(action) -> tuple[float, object]:
    start = time.perf_counter()
    result = action()
    return (time.perf_counter() - start) * 1000, result


def measure(root: Path, repeat: int) -> dict[str, float]:
    from starlette.testclient import TestClient

    from papershelf.edit.editor import Editor
    from papershelf.render import build
    from papershelf.serve.app import create_app
    from papershelf.serve.security import Secret

    build.run(root)
    client = TestClient(create_app(Editor(root), Secret(TOKEN)), base_url="http://127.0.0.1")
    paper_id = client.get("/api/papers", headers=AUTH).json()[0]["id"]
    figures: dict[str, list[float]] = {}

    def note(name, action, status=200):
        took, answer = timed(action)
        assert answer.status_code == status, (name, answer.status_code, answer.text[:300])
        figures.setdefault(name, []).append(took)
        return answer

    for run in range(repeat):
        note("list papers", lambda: client.get("/api/papers", headers=AUTH))
        opened = note("open a paper", lambda: client.get(f"/api/papers/{paper_id}", headers=AUTH))
        save = functools.partial(
            client.put,
            f"/api/papers/{paper_id}",
            json={"title": f"A Retitled Paper, Take {run}"},
            headers={**AUTH, "If-Match": opened.headers["etag"]},
        )
        note("save a field (views rebuilt)", save)
        note("stale save refused", save, 409)  # the same version again
        note("browse data after a change", lambda: client.get("/api/site/papers/0.json", headers=AUTH))
    return {name: statistics.median(values) for name, values in figures.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--work", type=Path, default=PROJECT / "benchmarks" / ".libraries")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    results = {}
    for size in args.sizes:
        root = args.work / f"serve-{size}"
        shutil.rmtree(root, ignore_errors=True)
        generate(root, size, seed=1)
        results[size] = measure(root, args.repeat)
    names = list(next(iter(results.values())))
    print("| work (ms, median) | " + " | ".join(f"{size:,} papers" for size in results) + " |")
    print("|---|" + "--:|" * len(results))
    for name in names:
        print(f"| {name} | " + " | ".join(f"{results[size][name]:.0f}" for size in results) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
