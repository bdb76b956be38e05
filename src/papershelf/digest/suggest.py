"""``papershelf suggest``: the keywords a paper should get, by one classifier a keyword trained on the
list's own labels (title words and characters, and the title's WordLlama embedding).

Each keyword with two papers or more, and a paper without it, gets a logistic regression; its
probability is the score.  A paper is offered the keywords scoring ``SUGGEST_FROM`` or more, and
always its best one.
"""

from __future__ import annotations

from dataclasses import dataclass

from papershelf.core.model import Paper
from papershelf.digest.embeddings import embed

SUGGEST_FROM = 0.4
MIN_PAPERS = 2


@dataclass(frozen=True)
class Suggestion:
    keyword: str
    score: float


class Suggester:
    def __init__(self, papers: list[Paper]):
        import numpy as np
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression

        titles = [p.title or p.abbr or p.id for p in papers]
        counts: dict[str, int] = {}
        for paper in papers:
            for keyword in dict.fromkeys(paper.keywords):
                counts[keyword] = counts.get(keyword, 0) + 1
        self.keywords = [k for k, n in counts.items() if MIN_PAPERS <= n < len(papers)]
        self.always = [k for k, n in counts.items() if n == len(papers)]  # every paper has it
        self.words = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, stop_words="english")
        self.characters = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True)
        if not titles:
            self.keywords = []
            return
        matrix = self._features(titles, fit=True)
        self.models = {}
        for keyword in self.keywords:
            labels = np.array([keyword in p.keywords for p in papers])
            self.models[keyword] = LogisticRegression(C=10.0, solver="liblinear").fit(matrix, labels)

    def _features(self, texts: list[str], fit: bool = False):
        from scipy.sparse import csr_matrix, hstack

        if fit:
            words, characters = self.words.fit_transform(texts), self.characters.fit_transform(texts)
        else:
            words, characters = self.words.transform(texts), self.characters.transform(texts)
        return hstack([words, characters, csr_matrix(embed(texts))]).tocsr()

    def scores(self, texts: list[str]) -> list[list[Suggestion]]:
        """For each text, every keyword with its score, best first."""
        if not texts:
            return []
        found: list[list[Suggestion]] = [[Suggestion(k, 1.0) for k in self.always] for _ in texts]
        if self.keywords:
            matrix = self._features(texts)
            for keyword, model in self.models.items():
                for row, probability in zip(found, model.predict_proba(matrix)[:, 1]):
                    row.append(Suggestion(keyword, round(float(probability), 3)))
        return [sorted(row, key=lambda s: (-s.score, s.keyword)) for row in found]

    def suggest(self, texts: list[str]) -> list[list[Suggestion]]:
        """For each text, the keywords to offer: those scoring ``SUGGEST_FROM`` or more, or the best."""
        return [[s for i, s in enumerate(row) if i == 0 or s.score >= SUGGEST_FROM] for row in self.scores(texts)]


def offers_for(library_dir, papers: list[Paper]) -> list[list[Suggestion]]:
    """The keywords to offer each of ``papers`` (just added, say), from the rest of the list."""
    from papershelf.cache.loader import load_library

    sources = {p.source for p in papers}
    others = [p for p in load_library(library_dir).papers if p.source not in sources]
    return Suggester(others).suggest([p.title or p.abbr or p.id for p in papers])


@dataclass(frozen=True)
class LeaveOneOut:
    papers: int  # papers with a keyword, each predicted by a model trained without it
    top_one: float  # share whose best suggestion is one of its keywords
    precision: float  # of the keywords offered, the share it has
    recall: float  # of its keywords, the share offered


def leave_one_out(papers: list[Paper]) -> LeaveOneOut:
    """Each paper's keywords predicted by a suggester trained on the others."""
    labelled = [p for p in papers if p.keywords]
    right_first = offered = offered_right = wanted = 0
    for index, paper in enumerate(labelled):
        suggester = Suggester(labelled[:index] + labelled[index + 1 :])
        offers = suggester.suggest([paper.title or paper.abbr or paper.id])[0]
        has = set(paper.keywords)
        right_first += bool(offers) and offers[0].keyword in has
        offered += len(offers)
        offered_right += sum(s.keyword in has for s in offers)
        wanted += len(has)
    count = len(labelled)
    return LeaveOneOut(count, right_first / count, offered_right / max(offered, 1), offered_right / max(wanted, 1))
