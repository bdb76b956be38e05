"""``papershelf digest --evaluate CANDIDATES.jsonl --split DATE``: how well the model would have
ranked the digests from DATE on, trained only on what came before, beside the arxiv-sanity recipe.

The list's papers taken as positives are those it can have held before DATE (`known.known_before`:
not a paper first posted later, nor one taken from a later digest), so nothing of the answers leaks
into the training.  Measures: average precision and ROC AUC over all later candidates, and the share
of the curated ones found within the top 5 % and 10 % of their own digest.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from pathlib import Path

from papershelf.cache.loader import load_library
from papershelf.core.errors import PapershelfError
from papershelf.digest.baseline import baseline_scores
from papershelf.digest.candidates import Candidate, fractional_year, read_jsonl
from papershelf.digest.known import known_before
from papershelf.digest.model import Ranker


@dataclass(frozen=True)
class Scores:
    ap: float
    roc_auc: float
    recall_at_5: float
    recall_at_10: float


@dataclass(frozen=True)
class Evaluation:
    split: str
    trained_on: int  # earlier candidates
    list_papers: int  # the list's papers known before the split
    digests: int
    candidates: int
    curated: int
    model: Scores
    baseline: Scores

    def as_dict(self) -> dict:
        found = asdict(self.model)
        found.update(baseline=asdict(self.baseline), split=self.split, trained_on=self.trained_on,
                     list_papers=self.list_papers, digests=self.digests, candidates=self.candidates,
                     curated=self.curated)  # fmt: skip
        return found


def measured(candidates: list[Candidate], scores) -> Scores:
    from sklearn.metrics import average_precision_score, roc_auc_score

    taken = [bool(c.added) for c in candidates]
    recalls = []
    for share in (5, 10):
        found = 0
        for day in sorted({c.date for c in candidates}):
            places = [i for i, c in enumerate(candidates) if c.date == day]
            top = sorted(places, key=lambda i: -scores[i])[: max(1, math.ceil(len(places) * share / 100))]
            found += sum(taken[i] for i in top)
        recalls.append(found / sum(taken))
    return Scores(
        round(float(average_precision_score(taken, scores)), 4),
        round(float(roc_auc_score(taken, scores)), 4),
        round(recalls[0], 4),
        round(recalls[1], 4),
    )


def run(library_dir: Path | str, candidates_file: Path | str, split: str) -> Evaluation:
    try:
        fractional_year(split)
    except ValueError:
        raise PapershelfError(f"--split {split!r} is not a date (YYYY-MM-DD)") from None
    candidates = read_jsonl(Path(candidates_file))
    if any(c.added is None for c in candidates):
        raise PapershelfError(f'{candidates_file}: every candidate needs its decision ("added": true or false)')
    past = [c for c in candidates if c.date < split]
    later = [c for c in candidates if c.date >= split]
    if not any(c.added for c in later) or all(c.added for c in later):
        raise PapershelfError(f"the candidates from {split} on need papers taken and papers not taken")
    if not any(c.added for c in past) or all(c.added for c in past):
        raise PapershelfError(f"the candidates before {split} need papers taken and papers not taken")
    library = load_library(library_dir)
    known = known_before(library.papers, split, {c.arxiv_id for c in later})
    ranker = Ranker(known, past, fractional_year(split))
    return Evaluation(
        split=split,
        trained_on=len(past),
        list_papers=len(known),
        digests=len({c.date for c in later}),
        candidates=len(later),
        curated=sum(bool(c.added) for c in later),
        model=measured(later, ranker.scores(later)),
        baseline=measured(later, baseline_scores(past, later)),
    )
