"""The model: trained on the list and the earlier digests, cached while its inputs are the same,
measured against the arxiv-sanity recipe; and ``suggest``."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from helpers import FIXTURE, SHARED

CANDIDATES = SHARED / "fixtures" / "digest" / "candidates-2024-09_2025-06.jsonl"

WEEKS = [  # (date, title, abstract, taken)
    ("2024-10-01", "Outlier-aware pruning of LLMs", "We prune large language models by outliers.", True),
    ("2024-10-01", "A benchmark of protein folding", "Proteins fold; we measure it.", False),
    ("2024-10-01", "Graph networks for weather", "Weather forecasts from graph neural networks.", False),
    ("2024-10-08", "Rotation for 4-bit quantization of LLMs", "Rotations remove outliers before quantization.", True),
    ("2024-10-08", "Robots that learn to walk", "A quadruped learns to walk by reinforcement.", False),
    ("2024-10-08", "KV cache eviction for long context LLMs", "We evict KV cache entries of LLMs.", True),
    ("2024-10-08", "Galaxy morphology from images", "Galaxies classified by convolutional networks.", False),
    ("2024-10-08", "Music generation with diffusion", "Diffusion models compose music.", False),
]


def write_candidates(path):
    rows = [{"id": f"2410.{n:05d}", "title": t, "abstract": a, "date": d, "added": k}
            for n, (d, t, a, k) in enumerate(WEEKS)]  # fmt: skip
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return path


def test_evaluate_reports_both_models_on_a_time_split(small_list, tmp_path):
    from papershelf.digest import evaluate

    found = evaluate.run(small_list, write_candidates(tmp_path / "c.jsonl"), "2024-10-08")
    assert (found.trained_on, found.candidates, found.curated, found.digests) == (3, 5, 2, 1)
    assert found.model.roc_auc == 1.0 and found.model.recall_at_10 == 0.5  # top 10 % of 5: one paper
    assert found.list_papers == 11  # the list's paper posted in 2024-11 cannot have been known
    assert set(found.as_dict()) >= {"ap", "roc_auc", "recall_at_5", "recall_at_10", "baseline"}


def test_evaluate_on_the_command_line(small_list, tmp_path):
    command = [sys.executable, "-m", "papershelf", "digest", "-L", str(small_list), "--evaluate",
               str(write_candidates(tmp_path / "c.jsonl")), "--split", "2024-10-08", "--format", "json"]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["baseline"]["roc_auc"] > 0
    done = subprocess.run(command[:-4], capture_output=True, text=True)
    assert done.returncode == 2 and "--evaluate needs --split DATE" in done.stderr


def test_evaluate_refuses_candidates_without_decisions(small_list, tmp_path):
    from papershelf.core.errors import PapershelfError
    from papershelf.digest import evaluate

    path = tmp_path / "c.jsonl"
    path.write_text('{"id": "2410.00001", "title": "T", "abstract": "", "date": "2024-10-01"}\n')
    with pytest.raises(PapershelfError, match="needs its decision"):
        evaluate.run(small_list, path, "2024-10-08")
    path.write_text("not json\n")
    with pytest.raises(PapershelfError, match="c.jsonl:1: not a candidate"):
        evaluate.run(small_list, path, "2024-10-08")


def test_the_trained_model_is_cached_and_a_damaged_cache_is_trained_again(small_list):
    from papershelf.cache.loader import load_library
    from papershelf.digest.candidates import Candidate
    from papershelf.digest.known import as_known
    from papershelf.digest.model_cache import MODEL_FILE, trained_ranker

    known = [as_known(p) for p in load_library(small_list).papers]
    fresh = [Candidate("2501.00001", "Pruning LLMs in one shot", "Sparse LLMs."), Candidate("2501.00002", "Birds", "")]
    first = trained_ranker(small_list, known, [], 2025.0, fresh)
    path = small_list / ".papershelf" / MODEL_FILE
    stamp = path.stat().st_mtime_ns
    again = trained_ranker(small_list, known, [], 2025.0, fresh)
    assert path.stat().st_mtime_ns == stamp
    assert list(again.scores(fresh)) == list(first.scores(fresh))
    path.write_bytes(b"not a pickle")
    mended = trained_ranker(small_list, known, [], 2025.0, fresh)
    assert list(mended.scores(fresh)) == list(first.scores(fresh))
    assert trained_ranker(small_list, known[:-1], [], 2025.0, fresh) is not None
    assert path.stat().st_mtime_ns != stamp  # other inputs: trained and kept anew


def test_suggest_offers_the_keywords_of_papers_like_it(small_list):
    from papershelf.cache.loader import load_library
    from papershelf.digest.suggest import Suggester

    suggester = Suggester(load_library(small_list).papers)
    pruning, cache = suggester.suggest(["Structured Pruning of Large Language Models", "Compressing the KV Cache"])
    assert pruning[0].keyword == "prune"
    assert "kv" in {s.keyword for s in cache}


def test_suggest_on_the_command_line(small_list):
    done = subprocess.run([sys.executable, "-m", "papershelf", "suggest", "wanda", "-L", str(small_list),
                           "--format", "json"], capture_output=True, text=True)  # fmt: skip
    assert done.returncode == 0, done.stderr
    rows = json.loads(done.stdout)["keywords"]
    assert rows[0]["keyword"] == "prune" and rows[0]["has"] and rows[0]["offered"]
    missing = subprocess.run([sys.executable, "-m", "papershelf", "suggest", "nothing", "-L", str(small_list)],
                             capture_output=True, text=True)  # fmt: skip
    assert missing.returncode == 2 and "neither a paper of the list nor an arXiv id" in missing.stderr


@pytest.mark.slow
def test_the_model_beats_the_arxiv_sanity_recipe_on_the_real_digests(shared):
    from papershelf.digest import evaluate

    found = evaluate.run(FIXTURE, CANDIDATES, "2025-02-15")
    assert found.curated == 45
    assert found.model.ap > found.baseline.ap + 0.08
    assert found.model.recall_at_10 > found.baseline.recall_at_10
    assert found.model.ap >= 0.30 and found.model.roc_auc >= 0.94


def test_add_offers_the_keywords(small_list):
    title = "Unstructured Pruning of Large Language Models in One Shot"
    command = [sys.executable, "-m", "papershelf", "add", "-L", str(small_list), "--title", title,
               "--venue", "arXiv", "--suggest"]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "keywords for meta/unstructured_pruning_of_large_language.prototxt: prune (" in done.stderr
