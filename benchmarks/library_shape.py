"""The shape of a real paper list, measured, and the laws fitted to it that grow it to any size.

`measure` reads a library (any papershelf library: EfficientPaper's metadata
included) and gives its figures: how many papers have a cover, a note, code;
how many authors, institutions and keywords a paper has; how names are reused
(authors, institutions, venues, title words); title lengths; years.

`fit` turns those figures into a `Shape`, the laws `generate_library` draws
from:

- Reuse of names follows a Pitman-Yor process (the "Chinese restaurant" with a
  discount): the n-th mention is a new name with probability
  (theta + d * K) / (theta + n), where K names exist so far, and otherwise an
  existing name with probability proportional to its count less d.  The
  number of distinct names then grows as n ** d (Heaps' law), a few names keep
  a stable share (the top venue stays near half the papers) and most are
  rare, as in real lists.  See `fit_reuse` for how d and theta are fitted.
  The process starts from the real list's counts (its profile: how many
  names are mentioned once, twice, ...; the names themselves made up), so a
  generated list draws from the real list's predictive law: at the real
  list's size its top names hold the real shares, not one random draw of
  them (with a small theta one draw may give a venue 98 % of the papers).
- Authors a paper: a log-normal (the real counts have a median of 5, a mean
  of 8 and a tail to 200).  Institutions and keywords a paper, years,
  keyword shares and the depth of cover urls: their measured frequencies.
- Title words a title: a normal, clipped to 1..30.

`DEFAULT` holds the fit of EfficientPaper's list at its 2025-07 snapshot
(../shared/fixtures/efficientpaper-2025-07, 249 papers), so the benchmarks
run without it; ``python benchmarks/library_shape.py DIR`` measures and fits
any other library and prints both, which is how DEFAULT was made, and
``python benchmarks/library_shape.py REAL GROWN ...`` prints a table of the
figures side by side (the README's).
"""

from __future__ import annotations

import math
import re
import statistics
import sys
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT / "src"))

from papershelf.cache.loader import LibraryReader  # noqa: E402
from papershelf.core.model import Paper  # noqa: E402

TITLE_WORD = re.compile(r"[\w-]+")


@dataclass(frozen=True)
class Reuse:
    """How one kind of name is reused, measured (first four) and fitted (discount, concentration)."""

    mentions: int
    distinct: int
    singletons: float  # share of the distinct names mentioned once
    top_share: float  # share of the papers that mention the most frequent name
    discount: float  # Pitman-Yor d
    concentration: float  # Pitman-Yor theta
    profile: dict[int, int]  # how many names are mentioned k times, by k


@dataclass(frozen=True)
class Shape:
    papers: int  # of the library measured
    cover: float  # share of papers with a cover url
    note: float  # share with a note url
    code: float  # share with a code url
    colon_title: float  # share of titles "Abbr: the rest"
    authors_log_mean: float  # log-normal of authors a paper
    authors_log_sd: float
    authors_mean: float  # measured, to compare
    authors_median: float
    title_words_mean: float
    title_words_sd: float
    images_per_note_folder: float  # image files besides the cover in a notes/<year>/<id>/ folder
    years: dict[int, float]
    institutions_a_paper: dict[int, float]
    keywords_a_paper: dict[int, float]
    keyword_shares: tuple[float, ...]  # papers with the k-th most used keyword, most used first
    cover_depth: dict[int, float]  # 1: "cover.png" (in the paper's folder), 2: "<folder>/cover.png"
    authors: Reuse
    institutions: Reuse
    venues: Reuse
    title_words: Reuse


# The fit of EfficientPaper's list at its 2025-07 snapshot (249 papers), printed by this
# script on ../shared/fixtures/efficientpaper-2025-07.
DEFAULT = Shape(
    papers=249, cover=0.6345, note=0.7149, code=0.6627, colon_title=0.7149,
    authors_log_mean=1.6319, authors_log_sd=0.8339, authors_mean=8.68, authors_median=5,
    title_words_mean=7.831, title_words_sd=2.47, images_per_note_folder=1.02,
    years={1989: 0.004, 1993: 0.004, 2016: 0.004, 2017: 0.008, 2018: 0.004, 2019: 0.004, 2020: 0.0161,
           2021: 0.0321, 2022: 0.0562, 2023: 0.2209, 2024: 0.3333, 2025: 0.3133},
    institutions_a_paper={0: 0.0201, 1: 0.3735, 2: 0.4056, 3: 0.1365, 4: 0.0522, 5: 0.008, 6: 0.004},
    keywords_a_paper={1: 0.4137, 2: 0.3373, 3: 0.2209, 4: 0.0281},
    keyword_shares=(0.6546, 0.3052, 0.2369, 0.1044, 0.1044, 0.0803, 0.0643, 0.0562, 0.0482, 0.0442, 0.0442,
                    0.0321, 0.0321, 0.0241, 0.0201, 0.012),
    cover_depth={1: 0.7911, 2: 0.2089},
    authors=Reuse(2143, 1407, 0.7178, 0.0482, discount=0.7178, concentration=243.138,
                  profile={1: 1010, 2: 170, 3: 172, 4: 28, 5: 14, 6: 8, 7: 2, 10: 1, 11: 1, 12: 1}),
    institutions=Reuse(465, 191, 0.6597, 0.1004, discount=0.6597, concentration=12.181,
                       profile={1: 126, 2: 21, 3: 13, 4: 9, 5: 4, 6: 4, 8: 1, 9: 3, 10: 1, 11: 2, 12: 1, 13: 2,
                                14: 1, 16: 1, 18: 1, 25: 1}),
    venues=Reuse(248, 33, 0.6667, 0.5444, discount=0.6667, concentration=-0.281,
                 profile={1: 22, 2: 3, 3: 2, 4: 1, 7: 1, 14: 1, 22: 1, 32: 1, 135: 1}),
    title_words=Reuse(1950, 575, 0.6696, 0.4257, discount=0.6696, concentration=15.626,
                      profile={1: 385, 2: 89, 3: 34, 4: 11, 5: 7, 6: 6, 7: 3, 8: 1, 9: 1, 10: 2, 11: 2, 12: 4,
                               13: 2, 14: 2, 17: 3, 18: 1, 20: 3, 21: 1, 23: 1, 24: 1, 25: 1, 26: 1, 28: 1, 33: 1,
                               35: 1, 40: 1, 44: 1, 45: 3, 49: 1, 50: 1, 65: 1, 73: 1, 82: 1, 106: 1}),
)  # fmt: skip


def shares(counter: Counter, total: int) -> dict:
    return {key: round(count / total, 4) for key, count in sorted(counter.items())}


def expected_names(mentions: int, discount: float, concentration: float) -> float:
    """E[distinct names after ``mentions`` mentions] under Pitman-Yor (a linear recursion, so exact)."""
    distinct = 1.0
    for n in range(1, mentions):
        distinct += (concentration + discount * distinct) / (concentration + n)
    return distinct


def fit_reuse(papers: list[list[str]]) -> Reuse:
    """Pitman-Yor d and theta for one kind of name.

    Under Pitman-Yor the share of names seen once tends to d, so d is the
    measured share of singletons; theta is then the value that gives the
    measured number of distinct names for the measured number of mentions
    (E[names] grows with theta, so bisection finds it).  Fitting the curve of
    names against mentions instead says little on a list of a few hundred
    papers: there it is nearly straight, and the fit drifts to d = 0, a law
    under which a 100,000-paper list would hold only some 10,000 authors.
    """
    counts = Counter(name for names in papers for name in names)
    mentions, distinct = sum(counts.values()), len(counts)
    singletons = sum(1 for c in counts.values() if c == 1) / max(1, distinct)
    discount = min(0.95, singletons)
    low, high = math.log(1e-9), math.log(1e6)  # bisection on log(theta + d): theta ranges over (-d, 1e6)
    for _ in range(100):
        middle = (low + high) / 2
        if expected_names(mentions, discount, math.exp(middle) - discount) < distinct:
            low = middle
        else:
            high = middle
    concentration = math.exp(high) - discount
    top = max(counts.values()) if counts else 0
    return Reuse(
        mentions=mentions,
        distinct=distinct,
        singletons=round(singletons, 4),
        top_share=round(top / max(1, len(papers)), 4),
        discount=round(discount, 4),
        concentration=round(concentration, 3),
        profile=dict(sorted(Counter(counts.values()).items())),
    )


def title_words(paper: Paper) -> list[str]:
    title = paper.title or ""
    rest = title.split(":", 1)[1] if ":" in title else title
    return [word.lower() for word in TITLE_WORD.findall(rest)]


def measure(root: Path) -> Shape:
    """The figures of the library at ``root``, and the laws fitted to them."""
    with LibraryReader(root, use_index=False) as reader:
        papers = reader.load().papers
    n = len(papers)
    author_counts = [len(p.author_names()) for p in papers if p.author_names()]
    logs = [math.log(c) for c in author_counts]
    words = [len(title_words(p)) for p in papers if title_words(p)]
    keyword_counts = Counter(k for p in papers for k in dict.fromkeys(p.keywords))
    covers = [p.cover_url for p in papers if p.cover_url]
    folders = [d for d in (root / "notes").glob("*/*") if d.is_dir()]
    images = sum(
        1
        for d in folders
        for f in d.iterdir()
        if f.suffix.lower() in (".png", ".jpg", ".jpeg", ".gif") and not f.stem.lower().startswith("cover")
    )
    return Shape(
        papers=n,
        cover=round(len(covers) / n, 4),
        note=round(sum(1 for p in papers if p.note_url) / n, 4),
        code=round(sum(1 for p in papers if p.code_url) / n, 4),
        colon_title=round(sum(1 for p in papers if ":" in (p.title or "")) / n, 4),
        authors_log_mean=round(statistics.mean(logs), 4),
        authors_log_sd=round(statistics.pstdev(logs), 4),
        authors_mean=round(statistics.mean(author_counts), 2),
        authors_median=statistics.median(author_counts),
        title_words_mean=round(statistics.mean(words), 3),
        title_words_sd=round(statistics.pstdev(words), 3),
        images_per_note_folder=round(images / max(1, len(folders)), 3),
        years=shares(Counter(p.year or 0 for p in papers), n),
        institutions_a_paper=shares(Counter(len(p.institution_names()) for p in papers), n),
        keywords_a_paper=shares(Counter(len(set(p.keywords)) for p in papers), n),
        keyword_shares=tuple(round(c / n, 4) for _, c in keyword_counts.most_common()),
        cover_depth=shares(Counter(min(2, url.count("/") + 1) for url in covers), len(covers)),
        authors=fit_reuse([p.author_names() for p in papers]),
        institutions=fit_reuse([p.institution_names() for p in papers]),
        venues=fit_reuse([[p.venue] for p in papers if p.venue]),
        title_words=fit_reuse([title_words(p) for p in papers]),
    )


def figures(shape: Shape) -> dict[str, str]:
    """The figures a reader compares, as text."""
    rows = {
        "papers": f"{shape.papers:,}",
        "with a cover / a note / code": f"{shape.cover:.0%} / {shape.note:.0%} / {shape.code:.0%}",
        "authors a paper (median, mean)": f"{shape.authors_median:g}, {shape.authors_mean:.1f}",
        "institutions a paper (1 / 2 / 3+)": " / ".join(
            f"{v:.0%}"
            for v in (
                shape.institutions_a_paper.get(1, 0),
                shape.institutions_a_paper.get(2, 0),
                sum(v for k, v in shape.institutions_a_paper.items() if k >= 3),
            )
        ),
        "title words (mean)": f"{shape.title_words_mean:.1f}",
        "titles 'Abbr: ...'": f"{shape.colon_title:.0%}",
        "top keyword's papers": f"{shape.keyword_shares[0]:.0%}" if shape.keyword_shares else "-",
    }
    for kind in ("authors", "institutions", "venues", "title_words"):
        reuse: Reuse = getattr(shape, kind)
        label = kind.replace("_", " ")
        rows[f"{label}: distinct / once / top's papers"] = (
            f"{reuse.distinct:,} / {reuse.singletons:.0%} / {reuse.top_share:.1%}"
        )
        rows[f"{label}: fitted d, theta"] = f"{reuse.discount:.2f}, {reuse.concentration:.3g}"
    return rows


def main(argv: list[str]) -> int:
    """Print the measured figures of one library, or a table of several side by side."""
    if not argv:
        print("usage: python benchmarks/library_shape.py LIBRARY [LIBRARY ...]", file=sys.stderr)
        return 2
    if len(argv) == 1:
        for name, value in asdict(measure(Path(argv[0]))).items():
            print(f"{name} = {value!r}")
        return 0
    columns = [figures(measure(Path(path))) for path in argv]
    print("| figure | " + " | ".join(Path(path).name for path in argv) + " |")
    print("|---|" + "--:|" * len(argv))
    for row in columns[0]:
        print(f"| {row} | " + " | ".join(column[row] for column in columns) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
