"""``papershelf related``: what neighbouring lists hold that the list lacks, ranked and grouped."""

from __future__ import annotations

import json
import subprocess
import sys

FIRST = """# Awesome Efficient LLMs

## Pruning

- [SparseGPT: Massive Language Models Can Be Accurately Pruned in One-Shot](https://arxiv.org/abs/2301.00774) ICML 2023
- [Structured Pruning of Large Language Models by Outlier Scores](https://arxiv.org/abs/2410.11111) arXiv 2024
- [Pruning Large Language Models with Semi-Structured Sparsity](https://doi.org/10.1234/prune.2024) NeurIPS 2024

## Other

- [A Survey of Bird Migration Tracking](https://openreview.net/forum?id=Birds2021) ICLR 2021
"""
SECOND = """# Another list

| Title | Venue |
|---|---|
| [Structured Pruning of Large Language Models by Outlier Scores](https://arxiv.org/abs/2410.11111v2) | arXiv |
| [KV Cache Eviction for Long-Context LLM Inference](https://arxiv.org/abs/2411.22222) | arXiv |
"""


def pages(tmp_path):
    first, second = tmp_path / "first.md", tmp_path / "second.md"
    first.write_text(FIRST)
    second.write_text(SECOND)
    return [first, second]


def test_the_papers_the_list_lacks_ranked_and_grouped(small_list, tmp_path):
    from papershelf.digest import related

    found = related.run(small_list, pages(tmp_path))
    assert (found.read, found.held) == (6, 1)  # SparseGPT is in the list
    titles = [item.paper.title for item in found.lacking]
    assert len(titles) == 4 and titles[-1] == "A Survey of Bird Migration Tracking"
    outlier = next(i for i in found.lacking if "Outlier" in i.paper.title)
    assert outlier.pages == (str(tmp_path / "first.md"), str(tmp_path / "second.md"))  # listed by both
    assert outlier.keyword == "prune"
    assert outlier.command == "papershelf add 2410.11111 --keyword prune"
    doi = next(i for i in found.lacking if "Semi-Structured" in i.paper.title)
    assert doi.command.startswith("papershelf add 10.1234/prune.2024 --keyword ")
    birds = found.lacking[-1]
    assert birds.command.startswith(
        "papershelf add --title 'A Survey of Bird Migration Tracking' --url 'https://openreview.net/forum?id=Birds2021'"
        " --venue ICLR --year 2021"
    )
    assert set(found.by_keyword()) <= {"prune", "quant", "kv"}


def test_related_on_the_command_line(small_list, tmp_path):
    command = [sys.executable, "-m", "papershelf", "related", *map(str, pages(tmp_path)), "-L", str(small_list),
               "--format", "json"]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert (report["read"], report["held"], len(report["lacking"])) == (6, 1, 4)
    assert not (small_list / "meta" / "2024" / "structured_pruning_of_large_language.prototxt").exists()
