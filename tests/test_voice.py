"""The study talk reads as transcribed speech in the women's own words (issue 25): the
transcription convention's floor of fillers and repairs, women who differ in how much they
stumble, their own words for medications, tests, agencies and withdrawal, and motifs that are
not reused across groups. Measured on the committed corpus with generator/voice.py, the
counts the data card reports."""

from __future__ import annotations

import csv
import sys
from collections import defaultdict
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
DATASETS = REPO / "datasets"
sys.path.insert(0, str(DATASETS))

from generator import voice  # noqa: E402


@pytest.fixture(scope="module")
def study() -> list[tuple[str, str, str]]:
    """(session_id, speaker, text) of every participant turn of the study sessions."""
    with (DATASETS / "corpus" / "sessions.csv").open(encoding="utf-8") as handle:
        sessions = {s["session_id"]: s for s in csv.DictReader(handle)}
    with (DATASETS / "corpus" / "turns.csv").open(encoding="utf-8") as handle:
        return [
            (t["session_id"], t["speaker"], t["text"])
            for t in csv.DictReader(handle)
            if sessions[t["session_id"]]["split"] == "study"
            and t["speaker"] != sessions[t["session_id"]]["facilitator"]
        ]


def test_the_study_talk_meets_the_verbatim_floor(study):
    rates = voice.rates(text for _, _, text in study)
    assert rates.per_1000(rates.fillers + rates.repairs) >= 12
    assert rates.share_with_one >= 0.40
    assert rates.crosstalk >= 10 and rates.inaudible >= 5 and rates.cut_off_turns >= 2


def test_women_differ_in_how_much_they_stumble(study):
    words, marks = defaultdict(int), defaultdict(int)
    for session, speaker, text in study:
        words[session, speaker] += voice.words(text)
        marks[session, speaker] += voice.fillers(text) + voice.repairs(text)
    per_1000 = sorted(1000 * marks[w] / words[w] for w in words if words[w] >= 300)
    low, high = per_1000[len(per_1000) // 10], per_1000[-len(per_1000) // 10]
    assert high >= 3 * max(low, 1), (low, high)  # a fluent tenth and a halting tenth


def test_the_women_use_their_own_words(study):
    found = voice.counts(voice.OWN_WORDS, [(s, t) for s, _, t in study])
    for name in ("Subs / Suboxone / Subutex", "Sublocade", "Vivitrol", "CPS / DCF / DCS", "NAS",
                 "UA / urine / drug screen", "clean (of herself)"):  # fmt: skip
        times, sessions = found[name]
        assert times >= 1 and sessions >= 1, name
    assert found["Subs / Suboxone / Subutex"][1] >= 10 and found["CPS / DCF / DCS"][1] >= 8


def test_motifs_are_not_reused_across_groups(study):
    found = voice.counts(voice.MOTIFS, [(s, t) for s, _, t in study])
    assert found["the empty car seat"][1] <= 1
    assert found['fear as "doing math"'][1] <= 3
    assert found["report card"][1] <= 1
    assert found["trial / evidence / verdict"][1] <= 3
    assert found['"She didn\'t X. She Y."'][1] <= 8  # its comma-joined and quoted forms too
    assert found["a cupcake for her recovery date"][1] <= 1
    assert found["a supporter on hold with an agency for her"][1] <= 2
    assert found["a clipboard"][1] <= 2
    assert found["the clinic's dose letter, the hospital confirming her dose"][1] <= 2


def test_the_measures_tell_written_prose_from_transcribed_talk():
    written = ["She didn't give me the speech. She sat with me. That was everything."] * 5
    spoken = ["Um, she -- she didn't, like, give me the speech, you know. I mean she just sat."] * 5
    assert voice.rates(written).fillers == 0 and voice.rates(spoken).fillers == 15
    assert voice.rates(written).share_with_one == 0 and voice.rates(spoken).share_with_one == 1
    assert voice.counts(voice.MOTIFS, [("A", written[0])])['"She didn\'t X. She Y."'] == (1, 1)
    spoken_formula = "she didn't lecture, she just, um, she showed up with the voucher"
    assert voice.counts(voice.MOTIFS, [("A", spoken_formula)])['"She didn\'t X. She Y."'] == (1, 1)
    assert voice.closing_lines([" ".join(written * 2)]) == 1.0
