"""Write a synthetic paper library shaped like a real list, for benchmarks at any size.

usage: python benchmarks/generate_library.py DIR --papers N [--seed S]

Real lists reuse names heavily: a few authors, institutions and venues hold many
papers and most hold one or two.  So every name is drawn from a pool with
Zipf-like weights, and the author and institution pools grow with the list (as
a field-wide catalogue has more people than a lab's list), which makes the
number of groups per view grow as it does in real data.  Venues, keywords and
years come from fixed sets weighted like EfficientPaper's; title words from a
vocabulary with the word frequencies of a field's titles (see TITLE_WORDS).
The same N and seed give the same bytes.
"""

from __future__ import annotations

import argparse
import random
import sys
from itertools import accumulate
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT / "src"))

from papershelf.core.model import Paper  # noqa: E402
from papershelf.library.atomic import write_text_atomic  # noqa: E402
from papershelf.library.textproto import format_paper  # noqa: E402

KEYWORDS = {
    "sparse_pruning": "Sparse/Pruning",
    "quantization": "Quantization",
    "distillation": "Knowledge Distillation",
    "low_rank": "Low Rank Decomposition",
    "kv_cache": "KV Cache",
    "attention": "Efficient Attention",
    "decoding": "Speculative Decoding",
    "serving": "LLM Serving",
    "moe": "Mixture of Experts",
    "training": "Efficient Training",
    "architecture": "Network Structure Design",
    "hardware": "Hardware",
}
VENUES = {  # venue: (weight, badge colour)
    "arXiv": (40, "violet"), "NeurIPS": (10, "blue"), "ICML": (9, "blue"), "ICLR": (9, "blue"),
    "ACL": (4, "blue"), "EMNLP": (4, "blue"), "CVPR": (4, "blue"), "AAAI": (3, "blue"), "MLSys": (3, "orange"),
    "OSDI": (1, "orange"), "SOSP": (1, "orange"), "ASPLOS": (1, "orange"), "ISCA": (1, "orange"),
    "COLM": (1, "blue"), "TMLR": (1, "teal"), "JMLR": (1, "teal"), "NAACL": (1, "blue"), "ICCV": (1, "blue"),
    "ECCV": (1, "blue"), "KDD": (1, "green"),
}  # fmt: skip
YEARS = {year: weight for year, weight in zip(range(2015, 2026), (1, 1, 2, 2, 3, 4, 5, 8, 14, 20, 24))}
FIRST = [
    "Wei",
    "Yang",
    "Jun",
    "Anna",
    "Maria",
    "Elias",
    "Dan",
    "Tri",
    "Song",
    "Ji",
    "Xin",
    "Hao",
    "Yuxin",
    "Amir",
    "Sara",
    "Noam",
    "Ilya",
    "Lucas",
    "Chen",
    "Mei",
    "Ravi",
    "Olga",
]
LAST = [
    "Zhang",
    "Wang",
    "Li",
    "Liu",
    "Chen",
    "Yang",
    "Huang",
    "Zhao",
    "Wu",
    "Zhou",
    "Xu",
    "Sun",
    "Ma",
    "Zhu",
    "Hu",
    "Guo",
    "He",
    "Lin",
    "Luo",
    "Gao",
    "Frantar",
    "Alistarh",
    "Dao",
    "Han",
    "Kim",
    "Lee",
    "Park",
    "Smith",
    "Brown",
    "Garcia",
    "Muller",
    "Rossi",
    "Silva",
    "Novak",
    "Ivanova",
    "Kumar",
    "Singh",
    "Sato",
    "Suzuki",
    "Tanaka",
]
INSTITUTION_STEMS = [
    "Tsinghua",
    "Peking",
    "Stanford",
    "MIT",
    "Berkeley",
    "CMU",
    "ETH",
    "Oxford",
    "Toronto",
    "KAIST",
    "NUS",
    "Meta",
    "Google",
    "Microsoft",
]
SYLLABLES = ["ka", "lo", "mi", "ren", "tov", "sa", "dium", "nu", "pel", "gar", "zen", "bri", "hol"]
INSTITUTION_KINDS = ["University", "Institute of Technology", "Research", "AI Lab", "College"]
# Title words of a machine-learning catalogue, most frequent first: function words, then
# the field's common words and phrases, then its topics.  With TAIL_WORDS after them and
# Zipf weights (exponent 1), "for" is in about half the titles, "learning" in a quarter,
# "efficient" in one in twenty and "quantization" in one in fifty, as in arXiv cs.LG titles;
# most words are rare.  Phrases are drawn whole, as titles use them.
TITLE_WORDS = [
    "for", "of", "learning", "and", "with", "a", "the", "in", "models", "neural networks",
    "large language models", "via", "deep", "on", "efficient", "to", "data", "model", "training",
    "graph", "reinforcement learning", "inference", "transformers", "attention", "optimization",
    "generation", "diffusion", "multi", "sparse", "adaptive", "robust", "representation", "fast",
    "scalable", "federated", "llms", "towards", "using", "self", "long context", "memory",
    "quantization", "low-rank", "decoding", "vision", "policy", "time", "pruning", "supervised",
    "distributed", "parallel", "mixture of experts", "compression", "kv cache", "distillation",
    "serving", "tokens", "kernels", "throughput", "latency", "speculative", "sparsity", "accurate",
    "lossless", "structured", "dynamic", "weights", "activations", "layers", "quantized", "caching",
    "scaling", "experts", "context", "hardware", "accelerator", "gpu", "edge", "mobile",
]  # fmt: skip
TAIL_WORDS = 20_000
TITLE_EXPONENT = 1.0


def zipf_weights(n: int, exponent: float) -> list[float]:
    return list(accumulate(1 / (rank**exponent) for rank in range(1, n + 1)))


# A flatter head for people than for institutions: in a catalogue of 100,000 papers the most
# prolific author holds about one percent of them, the largest institutions far more.
AUTHOR_EXPONENT, INSTITUTION_EXPONENT = 0.6, 1.1


class Pool:
    """Names drawn with Zipf-like weights: the first few very often, most rarely."""

    def __init__(self, names: list[str], rng: random.Random, exponent: float):
        self.names = names
        self.cumulative = zipf_weights(len(names), exponent)
        self.rng = rng

    def draw(self, k: int) -> list[str]:
        picked = self.rng.choices(self.names, cum_weights=self.cumulative, k=k)
        return list(dict.fromkeys(picked))


def title_pool(rng: random.Random) -> Pool:
    """TITLE_WORDS then TAIL_WORDS made-up words (2 to 4 syllables) in a fixed shuffled order."""
    tail = [a + b for a in SYLLABLES for b in SYLLABLES]
    tail += [word + c for word in tail for c in SYLLABLES]
    tail += [word + d for word in tail[len(SYLLABLES) ** 2 :] for d in SYLLABLES]
    random.Random(0).shuffle(tail)
    words = TITLE_WORDS + [word for word in dict.fromkeys(tail) if word not in TITLE_WORDS][:TAIL_WORDS]
    return Pool(words, rng, TITLE_EXPONENT)


def pools(papers: int, rng: random.Random) -> tuple[Pool, Pool]:
    stems = [(a + b + c).capitalize() for a in SYLLABLES for b in SYLLABLES for c in SYLLABLES if a != b != c]
    # Enough distinct people for two per paper at 100,000 papers and beyond.
    surnames = LAST + sorted(stems)
    authors = [f"{f} {m}. {last}" for last in surnames for f in FIRST for m in "ABCDEFGHJKLMNPRSTW"]
    rng.shuffle(authors)
    institutions = [f"{s} {k}" for s in INSTITUTION_STEMS for k in INSTITUTION_KINDS]
    rng.shuffle(stems)
    institutions += [f"{stem} {kind}" for stem in stems for kind in INSTITUTION_KINDS[:1]]
    author_pool = authors[: max(50, min(len(authors), papers * 2))]
    institution_pool = institutions[: max(20, min(len(institutions), int(papers**0.75)))]
    return Pool(author_pool, rng, AUTHOR_EXPONENT), Pool(institution_pool, rng, INSTITUTION_EXPONENT)


def make_paper(number: int, rng: random.Random, authors: Pool, institutions: Pool, words: Pool) -> Paper:
    year = rng.choices(list(YEARS), weights=list(YEARS.values()))[0]
    venue = rng.choices(list(VENUES), weights=[w for w, _ in VENUES.values()])[0]
    title_words = " ".join(words.draw(rng.randint(6, 11)))
    abbr = "".join(word.capitalize() for word in words.draw(2)).replace(" ", "").replace("-", "") + str(number)
    arxiv_month = f"{year % 100:02d}{rng.randint(1, 12):02d}"
    has_code = rng.random() < 0.6
    return Paper(
        id=f"p{number:06d}",
        title=f"{abbr}: {title_words.capitalize()}",
        abbr=abbr,
        url=f"https://arxiv.org/abs/{arxiv_month}.{number:05d}",
        authors=tuple(authors.draw(rng.randint(2, 8))),
        institutions=tuple(institutions.draw(rng.randint(1, 3))),
        venue=venue,
        year=year,
        code_type="Pytorch" if has_code else None,
        code_url=f"https://github.com/lab{number % 997}/{abbr.lower()}" if has_code else None,
        note_url="note.md" if rng.random() < 0.1 else None,
        keywords=tuple(dict.fromkeys(rng.choices(list(KEYWORDS), k=rng.randint(1, 2)))),
    )


def config_text() -> str:
    lines = ["[keywords]", *(f'{name} = "{label}"' for name, label in KEYWORDS.items()), "", "[venue_colors]"]
    lines += [f'"{venue}" = "{color}"' for venue, (_, color) in VENUES.items()]
    return "\n".join(lines) + "\n"


def generate(root: Path, papers: int, seed: int = 0) -> None:
    rng = random.Random(seed)
    authors, institutions = pools(papers, rng)
    words = title_pool(rng)
    vocabulary = tuple(KEYWORDS)
    write_text_atomic(root / "papershelf.toml", config_text())
    for number in range(papers):
        paper = make_paper(number, rng, authors, institutions, words)
        path = root / "meta" / str(paper.year) / f"{paper.id}.prototxt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(format_paper(paper, vocabulary), encoding="utf-8")
        if paper.note_url:
            note = root / "notes" / str(paper.year) / paper.id / "note.md"
            note.parent.mkdir(parents=True, exist_ok=True)
            note.write_text(f"# {paper.abbr}\n\nNotes on {paper.title}.\n", encoding="utf-8")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", type=Path)
    parser.add_argument("--papers", type=int, required=True)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    if (args.directory / "meta").exists():
        parser.error(f"{args.directory} already holds a library; give an empty folder")
    generate(args.directory, args.papers, args.seed)
    print(f"wrote {args.papers} papers into {args.directory}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
