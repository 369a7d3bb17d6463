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
PREFIX = {"pss": "PSS_", "doula": "DOULA_", "home_visiting": "HV_"}


class WordSpotter:
    """TF-IDF features of the training turns and one logistic regression per code."""

    def __init__(self, train: Sequence[Example], labels: Sequence[str]) -> None:
        self.vectorizer = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2)
        features = self.vectorizer.fit_transform([text for text, _ in train])
        self.models: dict[str, tuple[LogisticRegression, float]] = {}
        for label in labels:
            target = [label in codes for _, codes in train]
            if sum(target) >= 2:
                model = LogisticRegression(C=1.0, solver="liblinear", class_weight="balanced")
                self.models[label] = (model.fit(features, target), sum(target) / len(train))

    def code(self, texts: Sequence[str], labels: Sequence[str]) -> list[set[str]]:
        """For each code, the texts it scores highest, as many as its share in training."""
        features = self.vectorizer.transform(list(texts))
        predicted: list[set[str]] = [set() for _ in texts]
        for label in labels:
            if label not in self.models:
                continue
            model, share = self.models[label]
            scores = model.decision_function(features)
            count = max(1, round(share * len(texts)))
            for index in sorted(range(len(texts)), key=lambda i: -scores[i])[:count]:
                predicted[index].add(label)
        return predicted


def spot(train: Sequence[Example], test: Sequence[str], labels: Sequence[str]) -> list[set[str]]:
    """Codes predicted for each test text."""
    return WordSpotter(train, labels).code(test, labels)


def pooled_kappa(
    truth: Sequence[set[str]], guess: Sequence[set[str]], labels: Sequence[str]
) -> float:
    """Cohen's κ over every turn × code presence decision."""
    a = [label in codes for codes in truth for label in labels]
    b = [label in codes for codes in guess for label in labels]
    return cohens_kappa(a, b)


def study_spotter(corpus) -> WordSpotter:
    """A spotter trained on the team's codings of the study participants' turns."""
    labels = {c.label for c in corpus.codebook.codes}
    team: dict = {}
    for c in corpus.codings("team"):
        team.setdefault(c.unit, set()).add(c.code)
    train = [
        (turn.text, frozenset(team.get(turn.unit, ())))
        for session in sorted(corpus.sessions, key=lambda s: s.order)
        if session.split == "study"
        for turn in corpus.transcript(session.session_id).turns
        if turn.speaker != session.facilitator
    ]
    return WordSpotter(train, sorted(labels))


def spotter_kappa(corpus, key, spotter: WordSpotter | None = None) -> float:
    """Train on the team's codings of the study participants' turns (or take ``spotter``, so
    trained); score against the key on the practice groups' participant turns, each model
    with its own and the shared codes."""
    labels = {c.label for c in corpus.codebook.codes}
    truth_codes: dict = {}
    for c in key.codings:
        truth_codes.setdefault(c.unit, set()).add(c.code)

    def turns(split: str):
        return [
            (turn, session.model)
            for session in sorted(corpus.sessions, key=lambda s: s.order)
            if session.split == split
            for turn in corpus.transcript(session.session_id).turns
            if turn.speaker != session.facilitator
        ]

    spotter = spotter if spotter is not None else study_spotter(corpus)
    truth: list[bool] = []
    guess: list[bool] = []
    for model in corpus.models:
        own = [
            label for label in labels if label.startswith(PREFIX[model]) or label.startswith("X_")
        ]
        own.sort()
        test = [t for t, m in turns("practice") if m == model]
        predicted = spotter.code([t.text for t in test], own)
        truth += [label in truth_codes.get(t.unit, set()) for t in test for label in own]
        guess += [label in found for found in predicted for label in own]
    return cohens_kappa(truth, guess)
