"""Write a synthetic paper library shaped like a real list, for benchmarks at any size.

usage: python benchmarks/generate_library.py DIR --papers N [--seed S] [--like LIBRARY]

The laws and their figures are in `library_shape`: by default those fitted to
EfficientPaper's list (2025-07), or, with ``--like``, those measured on any
other library.  Names (authors, institutions, venues, title words) are reused
as a Pitman-Yor process reuses them, so the number of groups of every view
grows with the list as a real one's does; note folders are written as
EfficientPaper keeps them (``notes/<year>/<id>/note.md`` with its images and
the cover), so a build resolves as many links as on the real list.
The same N, seed and shape give the same bytes.
"""

from __future__ import annotations

import argparse
import bisect
import math
import random
import sys
from itertools import accumulate, count
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT / "src"))
sys.path.insert(0, str(PROJECT / "benchmarks"))

from library_shape import DEFAULT, Reuse, Shape, measure  # noqa: E402

from papershelf.core.model import Paper  # noqa: E402
from papershelf.library.atomic import write_text_atomic  # noqa: E402
from papershelf.library.textproto import format_paper  # noqa: E402

KEYWORDS = {  # a list's vocabulary, its most used keyword first (the shares are the shape's)
    "sparse_pruning": "Sparse/Pruning",
    "kv_cache": "KV Cache Optimization",
    "attention_sparsity": "Sparsity (Attention)",
    "quantization": "Quantization",
    "structured_sparsity": "Sparsity (Structured)",
    "activation_sparsity": "Sparsity (Activation)",
    "low_rank": "Low Rank Decomposition",
    "efficient_training": "Efficient Training",
    "deployment": "LLM Deployment",
    "survey": "Survey",
    "weight_sparsity": "Sparsity (Weight)",
    "structure_design": "Network Structure Design",
    "overlap": "Communication-Computation Overlap",
    "fusion": "Layer Fusion",
    "tool": "Tool",
    "distillation": "Knowledge Distillation",
}
# The first names each process creates, in order: in a Pitman-Yor process the earliest names
# are the most used, so these become the list's top venues, institutions and title words.
VENUES = ["arXiv", "ICML", "ICLR", "NeurIPS", "ACL", "AAAI", "EMNLP", "MLSys", "CVPR", "ASPLOS", "OSDI", "ISCA"]
VENUE_COLORS = {"arXiv": "violet", "MLSys": "orange", "ASPLOS": "orange", "OSDI": "orange", "ISCA": "orange"}
INSTITUTIONS = [
    "Tsinghua University", "Shanghai Jiao Tong University", "NVIDIA", "Microsoft", "Peking University",
    "MIT", "UC Berkeley", "Meta", "Google", "Alibaba Group", "ETH Zurich", "IST Austria", "CMU",
    "Stanford University", "Zhejiang University", "Huawei", "ByteDance", "University of Washington",
]  # fmt: skip
TITLE_WORDS = [
    "for", "language", "models", "large", "sparse", "efficient", "with", "attention", "and", "pruning",
    "inference", "llm", "of", "in", "sparsity", "a", "via", "model", "llms", "kv", "the", "on", "cache",
    "activation", "quantization", "structured", "long-context", "compression", "accelerating", "neural",
    "training", "decoding", "memory", "fast", "transformers", "serving", "low-rank", "experts", "mixture",
]  # fmt: skip
FIRST = ["Wei", "Yang", "Jun", "Anna", "Maria", "Elias", "Dan", "Tri", "Song", "Ji", "Xin", "Hao", "Yuxin", "Amir",
         "Sara", "Noam", "Ilya", "Lucas", "Chen", "Mei", "Ravi", "Olga", "Zhen", "Lin", "Tianyu", "Kai", "Yue",
         "Jiaming", "Ion", "Tim", "Beidi", "Zhuang", "Hanlin", "Yu", "Qi", "Ming"]  # fmt: skip
LAST = ["Zhang", "Wang", "Li", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Xu", "Sun", "Ma", "Zhu",
        "Hu", "Guo", "He", "Lin", "Luo", "Gao", "Frantar", "Alistarh", "Dao", "Han", "Kim", "Lee", "Park",
        "Smith", "Brown", "Garcia", "Muller", "Rossi", "Silva", "Novak", "Kumar", "Singh", "Sato"]  # fmt: skip
SYLLABLES = ["ka", "lo", "mi", "ren", "tov", "sa", "dium", "nu", "pel", "gar", "zen", "bri", "hol", "vex",
             "qua", "do", "fen", "ti", "mor", "las", "cu", "bel", "rin", "so", "va", "ket", "ju", "nar", "pi",
             "wes"]  # fmt: skip
KINDS = ["University", "Institute of Technology", "Research", "AI Lab", "College", "Academy of Sciences"]
NOTE = "# {abbr}\n\n{title}\n\n![]({image})\n\n- method: see the figure above\n- results: see the paper\n"


def made_up_words(rng: random.Random):
    """Words of 2 to 4 syllables, in a shuffled order, never repeating: names beyond a head list.

    There are some 800,000 of them; a list of 100,000 papers uses about 50,000.
    """
    seen: set[str] = set()
    while True:
        word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))
        if word not in seen:
            seen.add(word)
            yield word


class NameProcess:
    """Pitman-Yor reuse of names: a new name (taken from ``fresh``) or an existing one."""

    def __init__(self, reuse: Reuse, fresh, rng: random.Random):
        self.discount, self.concentration = reuse.discount, reuse.concentration
        self.fresh, self.rng = fresh, rng
        self.names: list[str] = []
        self.counts: list[int] = []
        self.mentions: list[int] = []  # a name's index once per mention: a uniform pick is proportional to counts
        for mentions, names in sorted(reuse.profile.items(), reverse=True):  # the real list's counts, most used first
            for _ in range(names):
                self.mentions += [len(self.names)] * mentions
                self.names.append(next(fresh))
                self.counts.append(mentions)

    def draw(self) -> str:
        total, distinct = len(self.mentions), len(self.names)
        new_weight = self.concentration + self.discount * distinct
        if not total or self.rng.random() * (self.concentration + total) < new_weight:
            self.names.append(next(self.fresh))
            self.counts.append(0)
            chosen = distinct
        else:  # proportional to count - d: a mention picked uniformly, kept with chance (count - d) / count
            while True:
                chosen = self.mentions[self.rng.randrange(total)]
                count = self.counts[chosen]
                if self.rng.random() * count < count - self.discount:
                    break
        self.counts[chosen] += 1
        self.mentions.append(chosen)
        return self.names[chosen]

    def draw_distinct(self, k: int) -> list[str]:
        picked: dict[str, None] = {}
        for _ in range(50 * k):
            if len(picked) == k:
                break
            picked[self.draw()] = None
        return list(picked)


class Categorical:
    def __init__(self, weights: dict, rng: random.Random):
        self.values = list(weights)
        self.cumulative = list(accumulate(weights.values()))
        self.rng = rng

    def draw(self):
        return self.values[bisect.bisect(self.cumulative, self.rng.random() * self.cumulative[-1])]


def heads_then(head: list[str], tail):
    yield from head
    yield from tail


def author_names(rng: random.Random):
    """Distinct author names: a first name, perhaps an initial, and a surname (often a common one)."""
    surnames = made_up_words(rng)
    common = LAST[:]
    while True:
        last = rng.choice(common) if rng.random() < 0.5 else next(surnames).capitalize()
        for first in rng.sample(FIRST, k=len(FIRST)):
            yield f"{first} {last}"
            yield f"{first} {rng.choice('ABCDEFGHJKLMNPRSTW')}. {last}"


class Generator:
    def __init__(self, shape: Shape, rng: random.Random):
        self.shape, self.rng = shape, rng
        words = made_up_words(rng)
        self.authors = NameProcess(shape.authors, unique(author_names(rng)), rng)
        self.institutions = NameProcess(
            shape.institutions,
            heads_then(INSTITUTIONS, (f"{next(words).capitalize()} {rng.choice(KINDS)}" for _ in count())),
            rng,
        )
        self.venues = NameProcess(shape.venues, heads_then(VENUES, (w.upper()[:6] for w in words)), rng)
        self.title_words = NameProcess(shape.title_words, heads_then(TITLE_WORDS, words), rng)
        self.years = Categorical(shape.years, rng)
        self.institution_counts = Categorical(shape.institutions_a_paper, rng)
        keywords = list(KEYWORDS)[: len(shape.keyword_shares)]
        self.keywords = dict(zip(keywords, shape.keyword_shares))
        self.cover_depth = Categorical(shape.cover_depth, rng)

    def authors_a_paper(self) -> int:
        value = math.exp(self.rng.gauss(self.shape.authors_log_mean, self.shape.authors_log_sd))
        return max(1, min(200, round(value)))

    def keyword_set(self) -> tuple[str, ...]:
        """Each keyword with its share's chance (their sum is the mean keywords a paper), at least one."""
        chosen = tuple(name for name, share in self.keywords.items() if self.rng.random() < share)
        return chosen or tuple(self.rng.choices(list(self.keywords), weights=list(self.keywords.values())))

    def title(self, abbr: str) -> str:
        shape = self.shape
        length = max(1, min(30, round(self.rng.gauss(shape.title_words_mean, shape.title_words_sd))))
        words = " ".join(self.title_words.draw_distinct(length)).capitalize()
        return f"{abbr}: {words}" if self.rng.random() < shape.colon_title else words

    def paper(self, number: int) -> Paper:
        rng, shape = self.rng, self.shape
        year = self.years.draw() or 2024
        abbr = "".join(w.capitalize() for w in self.title_words.draw_distinct(2)).replace("-", "")[:16] + str(number)
        has_code = rng.random() < shape.code
        cover = None
        if rng.random() < shape.cover:
            cover = "cover.png" if self.cover_depth.draw() == 1 else f"{abbr}/cover.png"
        return Paper(
            id=abbr,
            title=self.title(abbr),
            abbr=abbr,
            url=f"https://arxiv.org/abs/{year % 100:02d}{rng.randint(1, 12):02d}.{number:05d}",
            authors=tuple(self.authors.draw_distinct(self.authors_a_paper())),
            institutions=tuple(self.institutions.draw_distinct(self.institution_counts.draw())),
            venue=self.venues.draw(),
            year=year,
            code_type="Pytorch" if has_code else None,
            code_url=f"https://github.com/lab{number % 997}/{abbr.lower()}" if has_code else None,
            note_url="note.md" if rng.random() < shape.note else None,
            keywords=self.keyword_set(),
            cover_url=cover,
        )

    def images(self) -> int:
        """Images in a note folder besides the cover: Poisson with the shape's mean."""
        limit, k, product = math.exp(-self.shape.images_per_note_folder), 0, self.rng.random()
        while product > limit:
            k += 1
            product *= self.rng.random()
        return k


def unique(names):
    seen: set[str] = set()
    for name in names:
        if name not in seen:
            seen.add(name)
            yield name


def config_text(vocabulary: list[str]) -> str:
    lines = ["[keywords]", *(f'{name} = "{KEYWORDS[name]}"' for name in vocabulary), "", "[venue_colors]"]
    lines += [f'"{venue}" = "{VENUE_COLORS.get(venue, "blue")}"' for venue in VENUES]
    return "\n".join(lines) + "\n"


def write_note_folder(root: Path, paper: Paper, images: int) -> None:
    folder = root / "notes" / str(paper.year) / paper.id
    folder.mkdir(parents=True, exist_ok=True)
    figures = [f"fig{k + 1}.png" for k in range(images)]
    for name in figures + (["cover.png"] if paper.cover_url else []):
        (folder / name).write_bytes(b"\x89PNG\r\n\x1a\n" + paper.id.encode())
    if paper.note_url:
        image = figures[0] if figures else "cover.png"
        (folder / "note.md").write_text(NOTE.format(abbr=paper.abbr, title=paper.title, image=image), "utf-8")


def generate(root: Path, papers: int, seed: int = 0, shape: Shape = DEFAULT) -> None:
    rng = random.Random(seed)
    generator = Generator(shape, rng)
    write_text_atomic(root / "papershelf.toml", config_text(list(generator.keywords)))
    vocabulary = tuple(generator.keywords)
    for number in range(papers):
        paper = generator.paper(number)
        path = root / "meta" / str(paper.year) / f"{paper.id}.prototxt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(format_paper(paper, vocabulary), encoding="utf-8")
        if paper.note_url or paper.cover_url:
            write_note_folder(root, paper, generator.images())


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", type=Path)
    parser.add_argument("--papers", type=int, required=True)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--like", type=Path, help="a library whose shape to measure and follow (default: DEFAULT)")
    args = parser.parse_args(argv)
    if (args.directory / "meta").exists():
        parser.error(f"{args.directory} already holds a library; give an empty folder")
    shape = measure(args.like) if args.like else DEFAULT
    generate(args.directory, args.papers, args.seed, shape)
    print(f"wrote {args.papers} papers into {args.directory}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
