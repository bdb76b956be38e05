"""The model that ranks a digest: what the list holds (positives), what the curator passed over in
earlier digests (negatives), interests that drift.

Five views of a paper, each a class-balanced logistic regression (a linear model whose scores are
calibrated log-odds), added with weights after each is put on the scale of its training scores:

- ``title characters``: tf-idf of 2-5 character n-grams of the title, trained on the list's titles
  and the earlier candidates' (the list's files hold titles, not abstracts);
- ``title words``: tf-idf of title words and word pairs, the same examples;
- ``title meaning``: WordLlama embeddings of the same titles;
- ``neighbours``: how close the candidate's title and abstract are to its five nearest papers of
  the list (cosine of embeddings);
- ``abstract``: tf-idf of title and abstract words, trained on the earlier candidates alone
  (present once there are decisions to learn from).

The list's papers weigh less the longer ago they came (half of it every ``HALF_LIFE`` years: a
field's interests drift).  Without earlier decisions, the candidates themselves stand in as the
background of papers not taken (each weighing little: most are not).  This beats the
arxiv-sanity recipe (tf-idf of title and abstract, a linear SVM) on the real list's digests:
see ``digest --evaluate`` and the README.
"""

from __future__ import annotations

from dataclasses import dataclass

from papershelf.digest.candidates import Candidate
from papershelf.digest.embeddings import embed

HALF_LIFE = 0.5  # years: the list's papers of a year ago weigh a quarter
NEIGHBOURS = 5
WEIGHTS = {"title characters": 2.0, "title words": 1.0, "title meaning": 1.0, "neighbours": 1.0, "abstract": 1.0}
BACKGROUND_WEIGHT = 0.2  # of a candidate standing in for "not taken" when there are no decisions yet


@dataclass(frozen=True)
class Known:
    """A paper of the list, as the model sees it."""

    title: str
    when: float  # fractional year it is known from (its arXiv month, else its year)
    name: str  # how an explanation names it (its abbreviation, else its title)


@dataclass(frozen=True)
class Ranked:
    candidate: Candidate
    score: float
    terms: tuple[str, ...]  # its words the list uses much more than the papers not taken do
    neighbours: tuple[str, ...]  # the list's papers it is closest to


def _regression(c: float):
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=c, class_weight="balanced", max_iter=3000)


class Ranker:
    def __init__(self, known: list[Known], past: list[Candidate], now: float, background: list[Candidate] = ()):
        import numpy as np
        from sklearn.feature_extraction.text import TfidfVectorizer

        if not known and not any(c.added for c in past):
            raise ValueError("nothing to learn from: the list holds no paper and no candidate was taken")
        self.known = known
        negatives = [c for c in past if not c.added]
        stand_ins = [] if negatives else list(background)
        examples = [k.title for k in known] + [c.title for c in past] + [c.title for c in stand_ins]
        labels = np.array([1] * len(known) + [int(bool(c.added)) for c in past] + [0] * len(stand_ins))
        decay = np.array([0.5 ** (max(0.0, now - k.when) / HALF_LIFE) for k in known])
        self.closeness = 0.7 + 0.3 * decay
        weights = np.concatenate([decay, np.ones(len(past)), np.full(len(stand_ins), BACKGROUND_WEIGHT)])
        self.models: dict[str, tuple] = {}  # view -> (features, model, mean, spread)
        characters = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True)
        words = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, stop_words="english")
        for view, vectorizer, c in (("title characters", characters, 4.0), ("title words", words, 4.0)):
            matrix = vectorizer.fit_transform(examples)
            self._fit(view, vectorizer, matrix, labels, weights, c)
        self.known_vectors = embed([k.title for k in known])
        title_vectors = np.vstack([self.known_vectors, embed(examples[len(known) :])])
        self._fit("title meaning", None, title_vectors, labels, weights, 1.0)
        near = self._neighbourhood(embed([c.text for c in past + stand_ins]))
        self.models["neighbours"] = (None, None, float(near.mean()), float(near.std()) or 1.0)
        self._lift(examples, labels)
        taken = [int(bool(c.added)) for c in past]
        if past and 0 < sum(taken) < len(taken):
            full = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, stop_words="english")
            matrix = full.fit_transform([c.text for c in past])
            self._fit("abstract", full, matrix, np.array(taken), np.ones(len(past)), 1.0)

    def _fit(self, view, features, matrix, labels, weights, c) -> None:
        model = _regression(c).fit(matrix, labels, sample_weight=weights)
        scores = model.decision_function(matrix)
        self.models[view] = (features, model, float(scores.mean()), float(scores.std()) or 1.0)

    def _lift(self, examples: list[str], labels) -> None:
        """How much more often the list's titles use each word (or pair) than the papers not taken
        do: what explains a rank in words ("terms: pruning, one-shot")."""
        from sklearn.feature_extraction.text import CountVectorizer

        self.vocabulary = CountVectorizer(ngram_range=(1, 2), stop_words="english", binary=True)
        counts = self.vocabulary.fit_transform(examples)
        taken, passed = counts[labels == 1], counts[labels == 0]
        in_list = taken.sum(axis=0).A1
        self.lift = ((in_list + 0.5) / (taken.shape[0] + 1)) / ((passed.sum(axis=0).A1 + 0.5) / (passed.shape[0] + 1))
        self.lift[in_list < 2] = 0.0  # a word one title of the list has says little of the list

    def _neighbourhood(self, vectors):
        import numpy as np

        if not len(self.known) or not len(vectors):
            return np.zeros(len(vectors))
        similarity = (vectors @ self.known_vectors.T) * self.closeness[None, :]
        nearest = min(NEIGHBOURS, similarity.shape[1])
        return np.sort(similarity, axis=1)[:, -nearest:].mean(axis=1)

    def scores(self, candidates: list[Candidate]):
        """Each candidate's score: the weighted mean of its views, each on the scale of its training
        scores (0: as an average paper it was trained on)."""
        return self._scored(candidates)[0]

    def _scored(self, candidates: list[Candidate]):
        """The scores, and the embeddings of the candidates' texts (for their neighbours)."""
        import numpy as np

        total = np.zeros(len(candidates))
        if not candidates:
            return total, np.zeros((0, 256))
        titles = [c.title for c in candidates]
        texts = embed([c.text for c in candidates])
        for view, (features, model, mean, spread) in self.models.items():
            if view == "neighbours":
                raw = self._neighbourhood(texts)
            elif view == "title meaning":
                raw = model.decision_function(embed(titles))
            elif view == "abstract":
                raw = model.decision_function(features.transform([c.text for c in candidates]))
            else:
                raw = model.decision_function(features.transform(titles))
            total += WEIGHTS[view] * (raw - mean) / spread
        return total / sum(WEIGHTS[view] for view in self.models), texts

    def rank(self, candidates: list[Candidate]) -> list[Ranked]:
        """The candidates, best first, each with its score and why."""
        scores, texts = self._scored(candidates)
        order = sorted(range(len(candidates)), key=lambda i: (-scores[i], candidates[i].arxiv_id))
        return [
            Ranked(candidates[i], float(scores[i]), self._terms(candidates[i]), self._near(texts[i])) for i in order
        ]

    def _terms(self, candidate: Candidate, count: int = 4) -> tuple[str, ...]:
        """The candidate's words the list uses most more than other papers do."""
        row = self.vocabulary.transform([candidate.text])
        names = self.vocabulary.get_feature_names_out()
        best = sorted((i for i in row.indices if self.lift[i] > 1), key=lambda i: (-self.lift[i], names[i]))
        chosen: list[str] = []
        for term in (names[i] for i in best):  # "kv cache" says what "kv" and "cache" would say again
            if any(term in other or other in term for other in chosen):
                continue
            chosen.append(term)
            if len(chosen) == count:
                break
        return tuple(chosen)

    def _near(self, text_vector, count: int = 2) -> tuple[str, ...]:
        if not self.known:
            return ()
        similarity = text_vector @ self.known_vectors.T
        best = similarity.argsort()[::-1][:count]
        return tuple(self.known[i].name for i in best)
