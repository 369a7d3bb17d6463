"""Spans and units: turn-level analyses count a turn once, however many spans carry a code;
qualkit.span_overlap compares spans with a key's, character by character."""

from __future__ import annotations

import math

import pytest

from qualkit import matrices
from qualkit.code_agreement import code_presence
from qualkit.codings import Coding, Codings
from qualkit.span_overlap import covered, span_agreement
from qualkit.transcripts import parse_transcript

TEXT = (
    "Facilitator: What helped?\n"
    "Dana: She told me her story and I trusted her. She texts at night, which is a lot.\n"
    "Kim: Honestly I'd want check-ins on a schedule."
)


@pytest.fixture
def transcript():
    return parse_transcript(TEXT, "S1")


def span(transcript, turn: int, text: str, code: str, coder: str = "ana") -> Coding:
    segment = transcript.turn(turn)
    start = segment.start + segment.text.index(text)
    return Coding("S1", turn, code, coder, start=start, end=start + len(text))


def test_a_turn_with_two_spans_of_a_code_counts_once_at_turn_level(tiny_corpus):
    turn = tiny_corpus.transcript("PSS-FG1").turn(2)
    codings = [
        Coding("PSS-FG1", 2, "PSS_LIVED_EXP", "ana", start=turn.start, end=turn.start + 3),
        Coding("PSS-FG1", 2, "PSS_LIVED_EXP", "ana", start=turn.start + 9, end=turn.start + 12),
        Coding("PSS-FG1", 3, "PSS_BOUNDARY", "ana"),
    ]
    presence = code_presence(
        codings, [("PSS-FG1", 2), ("PSS-FG1", 3)], ["ana"], ["PSS_LIVED_EXP", "PSS_BOUNDARY"]
    )
    assert presence.astype(int).tolist() == [[[1, 0], [0, 1]]]
    table = matrices.code_frequencies(tiny_corpus, Codings(tuple(codings)))
    assert table.loc["PSS_LIVED_EXP"].sum() == 1 and table.loc["PSS_BOUNDARY"].sum() == 1


def test_span_agreement_counts_shared_characters_and_key_spans_found(transcript):
    mine = [
        span(transcript, 2, "I trusted her", "TRUST"),
        span(transcript, 2, "She texts at night", "BOUNDARY"),
    ]
    key = [
        span(transcript, 2, "She told me her story and I trusted her.", "TRUST", "key"),
        span(transcript, 2, "texts at night, which", "BOUNDARY", "key"),
        span(transcript, 3, "check-ins on a schedule", "IMPROVE", "key"),
    ]
    scores = span_agreement(mine, key, [transcript])
    trust = scores["TRUST"]
    assert (trust.coded, trust.key, trust.shared) == (13, 40, 13)
    assert trust.precision == 1.0 and trust.recall == pytest.approx(13 / 40)
    assert (trust.found, trust.key_spans) == (0, 1)  # 13 of 40 characters: under half
    boundary = scores["BOUNDARY"]
    assert boundary.shared == len("texts at night") and boundary.found == 1
    assert boundary.f1 == pytest.approx(2 * 14 / (18 + 21))
    improve = scores["IMPROVE"]
    assert improve.coded == 0 and improve.found == 0 and math.isnan(improve.precision)
    assert improve.recall == 0.0


def test_a_whole_turn_coding_counts_as_its_turns_text(transcript):
    whole = [Coding("S1", 3, "IMPROVE", "ana")]
    key = [span(transcript, 3, "check-ins on a schedule", "IMPROVE", "key")]
    score = span_agreement(whole, key, {"S1": transcript})["IMPROVE"]
    assert score.coded == len(transcript.turn(3).text) and score.recall == 1.0
    assert score.found == 1


def test_overlapping_spans_of_one_side_are_not_counted_twice(transcript):
    mine = [
        span(transcript, 2, "She told me her story", "TRUST"),
        span(transcript, 2, "her story and I trusted", "TRUST"),
    ]
    key = [span(transcript, 2, "She told me her story and I trusted her.", "TRUST", "key")]
    score = span_agreement(mine, key, [transcript])["TRUST"]
    assert score.coded == len("She told me her story and I trusted") == score.shared
    assert covered((0, 10), [(0, 4), (2, 6)]) == 6
