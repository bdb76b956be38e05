"""Measure ``papershelf digest`` and ``suggest`` on EfficientPaper's real digests (../shared).

usage: python benchmarks/bench_digest.py [--splits 2024-12-01 2025-01-01 2025-02-15 2025-04-01] [--no-loo]

For each split date the model is trained on what is dated before it (the list's papers it can have
held, the earlier candidates with the curator's decisions) and ranks the later digests, beside the
arxiv-sanity recipe on the same split; then the time to train on everything and to rank a week; then
``suggest``'s leave-one-out figures on both snapshots of the list.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
SHARED = PROJECT.parent / "shared" / "fixtures"
LIST = SHARED / "efficientpaper-2025"
CANDIDATES = SHARED / "digest" / "candidates-2024-09_2025-06.jsonl"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--splits", nargs="+", default=["2024-12-01", "2025-01-01", "2025-02-15", "2025-04-01"])
    parser.add_argument("--no-loo", action="store_true", help="Skip suggest's leave-one-out (a minute a list).")
    args = parser.parse_args()

    from papershelf.cache.loader import load_library
    from papershelf.digest import evaluate
    from papershelf.digest.candidates import fractional_year, read_jsonl
    from papershelf.digest.embeddings import embed
    from papershelf.digest.known import as_known
    from papershelf.digest.model import Ranker
    from papershelf.digest.suggest import leave_one_out

    print("| split | curated / candidates | AP | ROC AUC | recall top 5 % | recall top 10 % |")
    print("|---|--:|--:|--:|--:|--:|")
    totals = {"model": [], "baseline": []}
    for split in args.splits:
        found = evaluate.run(LIST, CANDIDATES, split)
        for name, scores in (("papershelf", found.model), ("tf-idf+SVM", found.baseline)):
            totals["model" if name == "papershelf" else "baseline"].append(scores)
            print(f"| {split} {name} | {found.curated} / {found.candidates} | {scores.ap:.3f} | "
                  f"{scores.roc_auc:.3f} | {scores.recall_at_5:.3f} | {scores.recall_at_10:.3f} |")  # fmt: skip
    for name, rows in totals.items():
        mean = [sum(getattr(r, f) for r in rows) / len(rows) for f in ("ap", "roc_auc", "recall_at_5", "recall_at_10")]
        print(f"| mean, {name} | | {mean[0]:.3f} | {mean[1]:.3f} | {mean[2]:.3f} | {mean[3]:.3f} |")

    library = load_library(LIST)
    candidates = read_jsonl(CANDIDATES)
    texts = [c.text for c in candidates]
    embed(texts[:10])  # the model loaded
    start = time.perf_counter()
    embed(texts)
    embedded = time.perf_counter() - start
    start = time.perf_counter()
    ranker = Ranker([as_known(p) for p in library.papers], candidates, fractional_year("2025-06-18"))
    trained = time.perf_counter() - start
    last = max(c.date for c in candidates)
    week = [c for c in candidates if c.date == last]
    start = time.perf_counter()
    ranker.rank(week)
    ranked = time.perf_counter() - start
    print()
    print(f"embedding {len(texts):,} titles and abstracts with WordLlama: {embedded:.1f} s")
    print(f"training on {len(library.papers)} papers and {len(candidates):,} candidates: {trained:.1f} s")
    print(f"ranking one digest of {len(week)} candidates, with explanations: {ranked * 1000:.0f} ms")
    if not args.no_loo:
        for snapshot in ("efficientpaper-2025", "efficientpaper-2025-07"):
            start = time.perf_counter()
            figures = leave_one_out(load_library(SHARED / snapshot).papers)
            took = time.perf_counter() - start
            print(f"suggest, leave-one-out on {snapshot} ({figures.papers} papers, {took:.0f} s): top-1 "
                  f"{figures.top_one:.3f}, precision {figures.precision:.3f}, recall {figures.recall:.3f}")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
