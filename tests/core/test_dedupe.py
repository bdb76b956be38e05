"""Near-duplicate titles found by blocking give what comparing every pair gives."""

from __future__ import annotations

import random
import sys
from dataclasses import replace

import pytest
from rapidfuzz import fuzz, process

from helpers import PROJECT, SHARED
from papershelf.cache.loader import load_library
from papershelf.core.dedupe import NEAR_TITLE, duplicate_pairs, paper_keys, subtitle_key
from papershelf.core.model import Paper
from papershelf.core.names import title_key

sys.path.insert(0, str(PROJECT / "benchmarks"))
from generate_library import generate  # noqa: E402


def every_pair(papers: list[Paper]) -> set[tuple[str, str, bool, str]]:
    """What duplicate_pairs found before blocking: every pair of titles compared."""
    found, reported, seen = set(), set(), {}
    for paper in papers:
        for kind, key in paper_keys(paper):
            other = seen.setdefault((kind, key), paper)
            if other is not paper and (other.source, paper.source) not in reported:
                reported.add((other.source, paper.source))
                found.add((other.source, paper.source, True, f"same {kind} {key!r}"))
    titles = [title_key(p.title or "") for p in papers]
    subtitles = [subtitle_key(p.title or "") for p in papers]
    for i, paper in enumerate(papers):
        for j, other in enumerate(papers[:i]):
            if (other.source, paper.source) in reported or not titles[i]:
                continue
            if (subtitles[i] or titles[i]) == (subtitles[j] or titles[j]) and (subtitles[i] or subtitles[j]):
                reported.add((other.source, paper.source))
                found.add((other.source, paper.source, False, "the same title once a leading 'Name:' is dropped"))
        for _, score, j in process.extract(titles[i], titles[:i], scorer=fuzz.ratio, score_cutoff=NEAR_TITLE):
            if (papers[j].source, paper.source) not in reported:
                reported.add((papers[j].source, paper.source))
                found.add((papers[j].source, paper.source, False, f"titles {score:.0f}% alike"))
    return found


def blocked(papers: list[Paper]) -> set[tuple[str, str, bool, str]]:
    return {(a.source, b.source, certain, why) for a, b, certain, why in duplicate_pairs(papers)}


def typo(title: str, rng: random.Random) -> str:
    """``title`` with a slip a curator makes: a letter dropped, doubled or swapped, a word dropped."""
    at = rng.randrange(len(title) - 1)
    kind = rng.choice(["drop", "double", "swap", "word", "case"])
    if kind == "drop":
        return title[:at] + title[at + 1 :]
    if kind == "double":
        return title[:at] + title[at] + title[at:]
    if kind == "swap":
        return title[:at] + title[at + 1] + title[at] + title[at + 2 :]
    if kind == "word":
        words = title.split()
        return " ".join(words[:-1] if len(words) > 6 else words + ["revisited"])
    return title.upper()


@pytest.mark.parametrize("snapshot", ["efficientpaper-2025", "efficientpaper-2025-07"])
def test_the_real_lists_give_what_every_pair_gives(snapshot):
    root = SHARED / "fixtures" / snapshot
    if not root.is_dir():
        pytest.skip("needs ../shared")
    papers = load_library(root).papers
    assert blocked(papers) == every_pair(papers)


@pytest.mark.slow
def test_slips_anywhere_in_a_title_are_found_as_by_every_pair(tmp_path):
    generate(tmp_path, 1500, seed=4)
    papers = load_library(tmp_path).papers
    rng = random.Random(9)
    copies = [
        replace(paper, title=typo(paper.title, rng), url=None, source=f"meta/copy/{n}.prototxt")
        for n, paper in enumerate(rng.sample(papers, 150))
    ]
    found, expected = blocked(papers + copies), every_pair(papers + copies)
    assert found == expected
    assert sum(1 for *_, why in found if "alike" in why) >= 60  # the slips were there to find
