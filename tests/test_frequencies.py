"""qualkit.frequencies: code frequencies and co-occurrence, exact on the tiny corpus (conftest)
and cross-checked against plain Python loops on random codings."""

from __future__ import annotations

import itertools
import random
from collections import Counter

import numpy as np
import pandas as pd
import pytest

from qualkit.codings import Coding, Codings
from qualkit.errors import InputError
from qualkit.framework import framework_matrix
from qualkit.frequencies import code_frequencies, cooccurrence
from qualkit.retrieval import retrieve
from qualkit.tables import turn_table

MODEL_NAMES = {"pss": "Peer support specialists", "home_visiting": "Home visiting"}
MEASURES = ("segments", "segments_per_participant", "percent_participants", "percent_turns")


def extended(tiny_corpus, *extra: Coding) -> Codings:
    return Codings(tiny_corpus.codings("team").codings + tuple(extra))


# --- frequencies ---------------------------------------------------------------------------


def test_segments_by_model(tiny_corpus):
    freq = code_frequencies(tiny_corpus, tiny_corpus.codings("team"))
    assert freq.index.name == "code" and freq.columns.name == "model"
    assert list(freq.columns) == ["pss", "home_visiting"]  # the kit's model order
    assert list(freq.index) == list(tiny_corpus.codebook.names)
    assert freq.loc["PSS_BOUNDARY"].tolist() == [1, 0]
    assert freq.loc["HV_SURVEILLANCE"].tolist() == [0, 1]
    assert freq.attrs == {"measure": "segments", "by": "model", "labels": MODEL_NAMES}


def test_every_measure_by_hand(tiny_corpus):
    # Dana voices PSS_LIVED_EXP twice (turns 2 and 4), Kim never; PSS-FG1 has 2 participants
    # and 4 participant turns.
    codings = extended(tiny_corpus, Coding("PSS-FG1", 4, "PSS_LIVED_EXP", "team"))
    expected = {
        "segments": 2,
        "segments_per_participant": 1.0,
        "percent_participants": 50.0,
        "percent_turns": 50.0,
    }
    for measure, value in expected.items():
        for by in ("model", "session"):
            freq = code_frequencies(tiny_corpus, codings, by, measure)
            assert freq.iloc[0, 0] == pytest.approx(value), (measure, by)
    by_person = code_frequencies(tiny_corpus, codings, "participant", "percent_turns")
    assert by_person.loc["PSS_LIVED_EXP", "P001"] == 100.0  # both of Dana's turns
    assert by_person.loc["PSS_IMPROVE", "P002"] == 50.0  # one of Kim's two turns


def test_facilitator_turns_are_not_participant_talk(tiny_corpus):
    codings = extended(tiny_corpus, Coding("PSS-FG1", 1, "PSS_LIVED_EXP", "team"))
    for measure in MEASURES:
        assert code_frequencies(tiny_corpus, codings, measure=measure).equals(
            code_frequencies(tiny_corpus, tiny_corpus.codings("team"), measure=measure)
        )
    found = retrieve(tiny_corpus, codings, "PSS_LIVED_EXP")
    assert found["turn"].tolist() == [1, 2]
    assert pd.isna(found["participant"].iloc[0]) and found["speaker"].iloc[0] == "Facilitator"


def test_a_segment_counts_once_however_many_coders(tiny_corpus):
    codings = extended(
        tiny_corpus,
        Coding("PSS-FG1", 3, "PSS_BOUNDARY", "ana"),
        Coding("PSS-FG1", 4, "PSS_BOUNDARY", "ana"),
    )
    freq = code_frequencies(tiny_corpus, codings)
    assert freq.loc["PSS_BOUNDARY", "pss"] == 2
    only_ana = code_frequencies(tiny_corpus, codings, coder="ana")
    assert only_ana.loc["PSS_BOUNDARY", "pss"] == 2
    assert only_ana.loc["PSS_IMPROVE", "pss"] == 0
    assert list(only_ana.columns) == ["pss"]  # ana coded only PSS-FG1
    with pytest.raises(InputError, match="coder: expected one of the coders ana, team"):
        code_frequencies(tiny_corpus, codings, coder="anna")


def test_sessions_and_codes_choose_columns_and_rows(tiny_corpus):
    team = tiny_corpus.codings("team")
    freq = code_frequencies(
        tiny_corpus,
        team,
        "session",
        codes=["HV_SURVEILLANCE", "PSS_BOUNDARY"],
        sessions=["HV-INT1", "PSS-FG1"],
    )
    assert list(freq.index) == ["HV_SURVEILLANCE", "PSS_BOUNDARY"]
    assert list(freq.columns) == ["PSS-FG1", "HV-INT1"]  # collection order, not as given
    with pytest.raises(InputError, match="sessions: expected session ids of the corpus"):
        code_frequencies(tiny_corpus, team, sessions=["PSS-FG9"])
    with pytest.raises(InputError, match="measure: expected one of segments"):
        code_frequencies(tiny_corpus, team, measure="percent")
    with pytest.raises(InputError, match="by: expected one of model, session, participant"):
        code_frequencies(tiny_corpus, team, by="speaker")


def test_choosing_codes_does_not_change_the_sessions_counted(tiny_corpus):
    # The team coded both sessions; asking for one PSS code must not drop the HV session (its
    # participants are part of every denominator, and its column is a true zero).
    team = tiny_corpus.codings("team")
    for measure in MEASURES:
        one = code_frequencies(tiny_corpus, team, measure=measure, codes=["PSS_BOUNDARY"])
        assert one.equals(code_frequencies(tiny_corpus, team, measure=measure).loc[one.index])
    matrix = framework_matrix(tiny_corpus, team, codes=["PSS_BOUNDARY"])
    assert list(matrix.segments.columns) == ["pss", "home_visiting"]


def test_codings_of_turns_not_in_the_corpus_are_named(tiny_corpus):
    with pytest.raises(InputError) as error:
        code_frequencies(tiny_corpus, [Coding("PSS-FG1", 7, "PSS_BOUNDARY", "ana")])
    assert "PSS-FG1 turn 7" in str(error.value) and "a turn 1–6" in str(error.value)
    with pytest.raises(InputError, match="a session of the corpus"):
        retrieve(tiny_corpus, [Coding("XX-FG1", 1, "PSS_BOUNDARY", "ana")])


def random_codings(rng: random.Random, units, codes, coders, share=0.3):
    return [
        Coding(session, turn, code, coder)
        for (session, turn) in units
        for code in codes
        for coder in coders
        if rng.random() < share
    ]


@pytest.mark.parametrize("seed", range(12))
def test_frequencies_match_a_plain_loop(tiny_corpus, seed):
    rng = random.Random(seed)
    turns = turn_table(tiny_corpus)
    units = list(zip(turns.session, turns.turn, strict=True))
    codings = random_codings(rng, units, tiny_corpus.codebook.names, ["ana", "ben"], 0.25)
    speaker_of = {
        (t.session, t.turn): None if pd.isna(t.participant) else t.participant
        for t in turns.itertuples()
    }
    model_of = {s.session_id: s.model for s in tiny_corpus.sessions}
    covered = {c.session_id for c in codings}
    people = {
        model: {
            p
            for s in tiny_corpus.sessions
            if s.model == model and s.session_id in covered
            for p in s.participant_ids
        }
        for model in model_of.values()
    }
    talk = Counter(
        model_of[s] for (s, t), p in speaker_of.items() if p is not None and s in covered
    )
    segments = {(c.session_id, c.turn, c.code) for c in codings if speaker_of[c.unit] is not None}
    counts = Counter((model_of[s], code) for s, _, code in segments)
    voiced = Counter({(model_of[s], code, speaker_of[(s, t)]) for s, t, code in segments})
    voiced = Counter((model, code) for model, code, _ in voiced)
    for measure in MEASURES:
        freq = code_frequencies(tiny_corpus, Codings(tuple(codings)), measure=measure)
        for model in freq.columns:
            for code in freq.index:
                n = counts[(model, code)]
                expected = {
                    "segments": n,
                    "segments_per_participant": n / len(people[model]),
                    "percent_participants": 100 * voiced[(model, code)] / len(people[model]),
                    "percent_turns": 100 * n / talk[model],
                }[measure]
                assert freq.loc[code, model] == pytest.approx(expected), (measure, model, code)


# --- co-occurrence -------------------------------------------------------------------------


def test_cooccurrence_on_the_tiny_corpus(tiny_corpus):
    codings = extended(tiny_corpus, Coding("PSS-FG1", 3, "PSS_IMPROVE", "team"))
    matrix = cooccurrence(codings, codes=tiny_corpus.codebook.names)
    assert list(matrix.index) == list(tiny_corpus.codebook.names) == list(matrix.columns)
    assert (
        matrix.loc["PSS_BOUNDARY", "PSS_IMPROVE"] == 1 == matrix.loc["PSS_IMPROVE", "PSS_BOUNDARY"]
    )
    assert matrix.loc["PSS_IMPROVE", "PSS_IMPROVE"] == 2
    assert matrix.loc["PSS_LIVED_EXP", "HV_SURVEILLANCE"] == 0
    jaccard = cooccurrence(codings, normalize="jaccard")
    assert jaccard.loc["PSS_BOUNDARY", "PSS_IMPROVE"] == pytest.approx(1 / 2)
    assert np.allclose(np.diag(jaccard), 1.0)


def test_cooccurrence_needs_the_same_coder():
    codings = [Coding("S", 1, "A", "ana"), Coding("S", 1, "B", "ben")]
    assert cooccurrence(codings).loc["A", "B"] == 0
    assert cooccurrence(codings, codes=["A", "B", "C"]).loc["C"].tolist() == [0, 0, 0]
    jaccard = cooccurrence(codings, codes=["A", "C"], normalize="jaccard")
    assert np.isnan(jaccard.loc["C", "C"])  # a code never applied
    with pytest.raises(InputError, match="normalize: expected None or 'jaccard'"):
        cooccurrence(codings, normalize="cosine")


@pytest.mark.parametrize("seed", range(6))
def test_cooccurrence_matches_a_plain_loop(seed):
    rng = random.Random(seed)
    units = [(f"S{s}", t) for s in range(4) for t in range(1, 60)]
    codes = [f"C{i:02d}" for i in range(9)]
    codings = random_codings(rng, units, codes, ["ana", "ben", "cy"], 0.15)
    per_segment: dict = {}
    for c in codings:
        per_segment.setdefault((c.session_id, c.turn, c.coder), set()).add(c.code)
    expected = Counter()
    for applied in per_segment.values():
        for a in applied:
            expected[(a, a)] += 1
        for a, b in itertools.combinations(sorted(applied), 2):
            expected[(a, b)] += 1
            expected[(b, a)] += 1
    matrix = cooccurrence(codings)
    for a in matrix.index:
        for b in matrix.columns:
            assert matrix.loc[a, b] == expected[(a, b)]
    only_cy = cooccurrence(codings, coder="cy")
    assert only_cy.to_numpy().trace() == sum(c.coder == "cy" for c in codings)


def test_a_span_counts_its_turn_once(tiny_corpus):
    team = tiny_corpus.codings("team")
    turn = tiny_corpus.transcript("PSS-FG1").turn(3)
    spans = Codings(
        (
            *team.codings,
            Coding("PSS-FG1", 3, "PSS_BOUNDARY", "team", start=turn.start, end=turn.start + 4),
            Coding("PSS-FG1", 3, "PSS_BOUNDARY", "team", start=turn.end - 4, end=turn.end),
        )
    )
    assert code_frequencies(tiny_corpus, spans).equals(code_frequencies(tiny_corpus, team))
    pairs = cooccurrence(spans)
    assert pairs.equals(cooccurrence(team))
