"""A word-spotting coder: TF-IDF features and one logistic regression per code.

It learns from coded turns (the team's codings of the study sessions) which words go with
which code, then codes new turns by their words alone. For each code it marks as many turns
as the code's share in training predicts (ranked by the model's score), so it is not
handicapped by a threshold that suits no code. If the key rewards reading rather than
keywords, this coder does poorly against the key on the practice groups.
"""

from __future__ import annotations

from collections.abc import Sequence

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from qualkit.agreement import cohens_kappa

Example = tuple[str, frozenset[str]]  # (turn text, codes)


def spot(train: Sequence[Example], test: Sequence[str], labels: Sequence[str]) -> list[set[str]]:
    """Codes predicted for each test text."""
    vectorizer = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=1)
    features = vectorizer.fit_transform([text for text, _ in train])
    test_features = vectorizer.transform(list(test))
    predicted: list[set[str]] = [set() for _ in test]
    for label in labels:
        target = [label in codes for _, codes in train]
        positives = sum(target)
        if positives < 2:
            continue
        model = LogisticRegression(C=10.0, max_iter=2000, class_weight="balanced")
        model.fit(features, target)
        scores = model.decision_function(test_features)
        count = max(1, round(positives / len(train) * len(test)))
        for index in sorted(range(len(test)), key=lambda i: -scores[i])[:count]:
            predicted[index].add(label)
    return predicted


def pooled_kappa(
    truth: Sequence[set[str]], guess: Sequence[set[str]], labels: Sequence[str]
) -> float:
    """Cohen's κ over every turn × code presence decision."""
    a = [label in codes for codes in truth for label in labels]
    b = [label in codes for codes in guess for label in labels]
    return cohens_kappa(a, b)
