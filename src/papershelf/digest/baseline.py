"""The arxiv-sanity-lite recipe the digest is measured against: tf-idf of title and abstract (word
1-2 grams), a linear SVM (C=0.01, class_weight balanced), trained on the earlier candidates."""

from __future__ import annotations

from papershelf.digest.candidates import Candidate


def baseline_scores(past: list[Candidate], candidates: list[Candidate]):
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.svm import LinearSVC

    features = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, stop_words="english")
    matrix = features.fit_transform([c.text for c in past])
    model = LinearSVC(C=0.01, class_weight="balanced").fit(matrix, [bool(c.added) for c in past])
    return model.decision_function(features.transform([c.text for c in candidates]))
