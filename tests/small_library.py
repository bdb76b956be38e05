"""Small libraries tests build: one with everything the site and the editor show (keywords with
labels, an alias, code, a note with an image, math and hostile markup, a title with markup in it),
and one whose baselines make a lineage graph."""

from __future__ import annotations

from pathlib import Path

from helpers import write_paper


def paper(title, venue, year, authors, keywords, extra=""):
    lines = [f'  title: "{title}"', *(f'  authors: "{a}"' for a in authors)]
    words = "".join(f"  words: {k}\n" for k in keywords)
    return (
        "paper {\n" + "\n".join(lines) + "\n}\n"
        f'pub {{\n  where: "{venue}"\n  year: {year}\n}}\n'
        f"keyword {{\n{words}}}\n{extra}"
    )


def make_library(root: Path) -> Path:
    write_paper(
        root,
        "papershelf.toml",
        '[keywords]\nquant = "Quantization"\nprune = "Pruning"\n[aliases]\nNeurIPS = ["NIPS"]\n',
    )
    write_paper(
        root,
        "meta/2023/gptq.prototxt",
        paper(
            "GPTQ: Quantizing Transformers",
            "ICLR",
            2023,
            ["Elias Frantar", "Dan Alistarh"],
            ["quant"],
            'code {\n  url: "https://github.com/IST-DASLab/gptq"\n}\n',
        ),
    )
    write_paper(
        root,
        "meta/2023/sparsegpt.prototxt",
        paper("SparseGPT: One-Shot Pruning", "ICML", 2023, ["Elias Frantar", "Dan Alistarh"], ["prune"]),
    )
    write_paper(
        root,
        "meta/2024/wanda.prototxt",
        paper("Wanda: Simple Pruning", "ICLR", 2024, ["Mingjie Sun"], ["prune"], 'note {\n  url: "note.md"\n}\n'),
    )
    note = "# Wanda\n\nPrunes by **weight times activation**, see ![fig](fig.png) and $x^2$.\n\n"
    note += "<script>alert(1)</script>\n[bad](javascript:alert(2))\n"
    write_paper(root, "notes/2024/wanda/note.md", note)
    write_paper(root, "notes/2024/wanda/fig.png", "not really a png")
    write_paper(
        root,
        "meta/2022/llmint8.prototxt",
        paper("LLM.int8(): 8-bit Matrix Multiplication <b>at</b> Scale", "NIPS", 2022, ["Tim Dettmers"], ["quant"]),
    )
    write_paper(
        root,
        "meta/2024/awq.prototxt",
        paper("AWQ: Activation-aware Weight Quantization", "MLSys", 2024, ["Ji Lin", "Song Han"], ["quant", "prune"]),
    )
    return root


LINEAGE_PAPERS = {  # path: (title, abbr, year, baselines)
    "meta/2022/obc.prototxt": ("Optimal Brain Compression", "OBC", 2022, []),
    "meta/2022/llm-int8.prototxt": ('LLM.int8(): 8-bit "Matrix" Multiplication', "LLM.int8()", 2022, []),
    "meta/2023/sparsegpt.prototxt": ("SparseGPT: One-Shot Pruning", "SparseGPT", 2023, ["2022/OBC", "2022/LLM.int8()"]),
    "meta/2024/wanda.prototxt": ("Wanda: Simple Pruning", "Wanda", 2024, ["2023/SparseGPT", "2022/obc", "magnitude"]),
    "meta/2024/streaming-llm.prototxt": ("Efficient Streaming Language Models", "StreamingLLM", 2024, ["2024/H2O"]),
    "meta/2024/h2o.prototxt": ("H2O: Heavy-Hitter Oracle", "H2O", 2024, ["2024/StreamingLLM"]),  # a cycle
    "meta/2023/quest.prototxt": ("Quest: A Query Engine", "Quest", 2023, []),
    "meta/2024/quest_attention.prototxt": ("Quest: Query-Aware Sparsity", "Quest", 2024, []),
    "meta/2025/newer.prototxt": ("Newer Pruning", "Newer", 2025, ["Quest", "2024/Quest", "2023/SparsGPT", "Wanda"]),
}  # fmt: skip


def make_lineage_library(root: Path) -> Path:
    """A list whose baselines have EfficientPaper's faults: references spelt otherwise than the
    files, a name with a dot, a cycle, an ambiguous and an unknown name."""
    for path, (title, abbr, year, baselines) in LINEAGE_PAPERS.items():
        methods = "".join(f'  methods: "{b}"\n' for b in baselines)
        title = title.replace('"', '\\"')
        text = f'paper {{\n  title: "{title}"\n  abbr: "{abbr}"\n}}\npub {{\n  where: "arXiv"\n  year: {year}\n}}\n'
        write_paper(root, path, text + (f"baseline {{\n{methods}}}\n" if methods else ""))
    return root
