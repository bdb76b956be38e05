"""A small list about efficient LLMs (a dozen papers, keywords and search words), for the digest."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import write_paper

pytest.importorskip("sklearn", reason="the digest extra is not installed (pip install '.[digest]')")

PAPERS = [  # id, title, arXiv id, keywords, year
    ("sparsegpt", "SparseGPT: Massive Language Models Can Be Accurately Pruned in One-Shot", "2301.00774",
     ["prune"], 2023),
    ("wanda", "A Simple and Effective Pruning Approach for Large Language Models", "2306.11695", ["prune"], 2023),
    ("llm_pruner", "LLM-Pruner: On the Structural Pruning of Large Language Models", "2305.11627", ["prune"], 2023),
    ("slicegpt", "SliceGPT: Compress Large Language Models by Deleting Rows and Columns", "2401.15024",
     ["prune"], 2024),
    ("gptq", "GPTQ: Accurate Post-Training Quantization for Generative Pre-trained Transformers", "2210.17323",
     ["quant"], 2023),
    ("awq", "AWQ: Activation-aware Weight Quantization for LLM Compression and Acceleration", "2306.00978",
     ["quant"], 2024),
    ("smoothquant", "SmoothQuant: Accurate and Efficient Post-Training Quantization for Large Language Models",
     "2211.10438", ["quant"], 2023),
    ("quarot", "QuaRot: Outlier-Free 4-Bit Inference in Rotated LLMs", "2404.00456", ["quant"], 2024),
    ("kivi", "KIVI: A Tuning-Free Asymmetric 2bit Quantization for KV Cache", "2402.02750", ["quant", "kv"], 2024),
    ("h2o", "H2O: Heavy-Hitter Oracle for Efficient Generative Inference of Large Language Models", "2306.14048",
     ["kv"], 2023),
    ("snapkv", "SnapKV: LLM Knows What You are Looking for Before Generation", "2404.14469", ["kv"], 2024),
    ("pushing_kv", "Pushing the Limits of LLM Inference via 2-Bit Layer-Discriminative KV Cache", "2411.18077",
     ["kv", "quant"], 2024),
]  # fmt: skip
CONFIG = '[keywords]\nprune = "Pruning"\nquant = "Quantization"\nkv = "KV Cache"\n'
SEARCH = """background_words: "LLM"
background_words: "LLMs"
background_words: "language model"
key_words: "pruning"
key_words: "quantization"
key_words: "sparsity"
key_words: "KV"
exclude_words: "spiking"
"""


def make_list(root: Path) -> Path:
    write_paper(root, "papershelf.toml", CONFIG + '[digest]\ncategories = ["cs.CL", "cs.LG"]\n')
    write_paper(root, "meta/search/efficient_keywords.prototxt", SEARCH)
    for paper_id, title, arxiv, keywords, year in PAPERS:
        words = "".join(f"  words: {k}\n" for k in keywords)
        text = (
            f'paper {{\n  title: "{title}"\n  url: "https://arxiv.org/abs/{arxiv}"\n}}\n'
            f'pub {{\n  where: "arXiv"\n  year: {year}\n}}\nkeyword {{\n{words}}}\n'
        )
        write_paper(root, f"meta/{year}/{paper_id}.prototxt", text)
    return root


@pytest.fixture
def small_list(tmp_path) -> Path:
    return make_list(tmp_path / "list")
