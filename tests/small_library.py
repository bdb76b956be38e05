"""A small library with everything the site and the editor show: keywords with labels, an alias,
code, a note with an image, math and hostile markup, a title with markup in it."""

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
