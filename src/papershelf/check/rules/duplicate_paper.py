"""Rule ``duplicate-paper``: two files for one paper.

Errors: the same arXiv id (whatever the version), the same DOI, or titles equal
once case, punctuation, LaTeX and spacing are folded.  Warnings: titles equal
after a leading "Name:" is dropped, or titles at least ``NEAR_TITLE`` similar
(rapidfuzz ratio).  90 sits above every pair of distinct papers in the real
EfficientPaper list (the closest, "LoRA" and "QA-LoRA", score 81.7) and below
its real duplicate (Sparse-IFT filed twice, 92.3); tests/test_check.py keeps
both facts true.
"""

from __future__ import annotations

from rapidfuzz import fuzz, process

from papershelf.check.context import Context
from papershelf.check.finding import ERROR, WARNING, Finding, line_of
from papershelf.core.dedupe import paper_keys
from papershelf.core.model import Paper
from papershelf.core.names import title_key

NEAR_TITLE = 90
MIN_SUBTITLE_WORDS = 4


def subtitle_key(title: str) -> str | None:
    """The folded title after a leading ``Name:``, when it is long enough to identify a paper."""
    if ":" not in title:
        return None
    rest = title_key(title.split(":", 1)[1])
    return rest if len(rest.split()) >= MIN_SUBTITLE_WORDS else None


def pairs(papers: list[Paper]):
    """(first, second, severity, reason) for every pair of papers that look like one."""
    seen: dict[tuple[str, str], Paper] = {}
    reported: set[tuple[str, str]] = set()
    for paper in papers:
        for kind, key in paper_keys(paper):
            other = seen.setdefault((kind, key), paper)
            if other is not paper and (other.source, paper.source) not in reported:
                reported.add((other.source, paper.source))
                yield other, paper, ERROR, f"same {kind} {key!r}"
    titles = [title_key(p.title or "") for p in papers]
    subtitles = [subtitle_key(p.title or "") for p in papers]
    for i, paper in enumerate(papers):
        for j, other in enumerate(papers[:i]):
            if (other.source, paper.source) in reported or not titles[i]:
                continue
            short_i, short_j = subtitles[i] or titles[i], subtitles[j] or titles[j]
            if short_i == short_j and (subtitles[i] or subtitles[j]):
                reported.add((other.source, paper.source))
                yield other, paper, WARNING, "the same title once a leading 'Name:' is dropped"
        matches = process.extract(titles[i], titles[:i], scorer=fuzz.ratio, score_cutoff=NEAR_TITLE, limit=None)
        for _, score, j in matches:
            other = papers[j]
            if (other.source, paper.source) not in reported:
                reported.add((other.source, paper.source))
                yield other, paper, WARNING, f"titles {score:.0f}% alike"


def check(context: Context):
    for first, second, severity, reason in pairs(context.library.papers):
        yield Finding(
            second.source,
            line_of(context.texts[second.source], "title"),
            "duplicate-paper",
            severity,
            f"looks like the paper in {first.source} ({reason})",
            fix=f"keep one of {first.source} and {second.source}",
        )
