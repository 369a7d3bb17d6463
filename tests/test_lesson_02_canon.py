"""Lesson 02's claims about the corpus hold, and Exercise 2.7's moves cannot be gamed.

The written answers and exemplars of lesson 02 state figures of the study focus groups and
quote the women; the study sessions are the same for every seed, so each figure is computed
here and must match the text, and each quotation, written "exact words" (Speaker, SESSION, turn
N), must be that speaker's words in that turn. Exercise 2.7's autograded test is run here on
plain answers, as the trusted grading step runs it: the model answer earns every point; the same
move for every turn earns no more than a blank.
"""

from __future__ import annotations

import ast
import itertools
import re
from collections import Counter

import nbformat
import pytest

import qualkit

from conftest import REPO

LESSON = REPO / "lessons" / "02-focus-group-data" / "02-focus-group-data.ipynb"
NOTES = REPO / "instructors" / "02-focus-group-data.md"
HIDDEN = re.compile(r"### (?:BEGIN|END) HIDDEN TESTS\n")
# "exact words" (Speaker, SESSION-ID, turn N), straight or curly quotes.
QUOTE = re.compile(r"[\"“]([^\"“”]+)[\"”] \((\w+), ([A-Z]+-[A-Z]+\d+), turn (\d+)\)")


@pytest.fixture(scope="module")
def corpus():
    return qualkit.load_corpus()


@pytest.fixture(scope="module")
def cells():
    return {c.id: c for c in nbformat.read(LESSON, as_version=4).cells}


def words(text: str) -> str:
    return " ".join(text.replace("’", "'").split())


def study_groups(corpus):
    return sorted(
        (s for s in corpus.sessions if s.kind == "focus_group" and s.split == "study"),
        key=lambda s: s.order,
    )


def dynamics(corpus, session):
    """Facilitator share, replies between participants and to the facilitator, and the
    dominant and quiet women by the lesson's rule."""
    turns = corpus.transcript(session.session_id).turns
    spoken = Counter()
    for turn in turns:
        spoken[turn.speaker] += len(turn.text.split())
    facilitator = session.facilitator
    members = {p: w for p, w in spoken.items() if p != facilitator}
    total, n = sum(members.values()), len(members)
    pairs = [(b.speaker, a.speaker) for a, b in itertools.pairwise(turns) if a.speaker != b.speaker]
    return {
        "facilitator_share": spoken[facilitator] / sum(spoken.values()),
        "to_each_other": sum(r != facilitator and s != facilitator for r, s in pairs),
        "to_facilitator": sum(r != facilitator and s == facilitator for r, s in pairs),
        "shares": {p: w / total for p, w in members.items()},
        "dominant": sorted(p for p, w in members.items() if w / total > 1.25 / n),
        "quiet": sorted(p for p, w in members.items() if w / total < 0.75 / n),
    }


def test_the_model_answer_and_exemplars_state_the_corpus_figures(corpus, cells):
    note = words(cells["dynamics_note"].source)
    notes = words(NOTES.read_text(encoding="utf-8"))
    groups = [dynamics(corpus, s) for s in study_groups(corpus)]
    first = groups[0]

    assert len(groups) == 12 and "twelve study groups" in note
    assert f"{max(g['facilitator_share'] for g in groups):.0%}" == "11%"
    assert "at most 11% of the words in any" in note
    assert all(g["to_each_other"] > g["to_facilitator"] for g in groups)
    assert (first["to_each_other"], first["to_facilitator"]) == (55, 30)
    assert "55 times against 30 in the first group" in note
    assert "answered each other 55 times against 30" in notes
    assert f"{first['facilitator_share']:.0%}" == "10%" and "facilitator spoke 10%" in notes

    dominant = Counter(len(g["dominant"]) for g in groups)
    assert (
        dominant == {1: 9, 0: 3} and "nine groups had one dominant woman and three had none" in note
    )
    quiet = [len(g["quiet"]) for g in groups]
    assert sum(q > 0 for q in quiet) == 6 and "six had a quiet woman" in note
    home_visiting = next(
        i for i, s in enumerate(study_groups(corpus)) if s.model == "home_visiting"
    )
    assert max(quiet) == 2 and quiet.index(2) == home_visiting
    assert "the first home-visiting group had two" in note

    # The first group: nobody dominant, Brandi and Crystal a fifth each, Hailey quiet at 12%.
    shares = first["shares"]
    top = sorted(shares, key=shares.get, reverse=True)
    assert first["dominant"] == [] and first["quiet"] == ["Hailey"] == [min(shares, key=shares.get)]
    assert set(top[:2]) == {"Brandi", "Crystal"} and all(
        round(shares[p], 1) == 0.2 for p in top[:2]
    )
    assert f"{shares['Hailey']:.0%}" == "12%"
    assert "Nobody dominated by the course rule" in notes and "Hailey, the quiet one, 12%" in notes


def test_interviews_and_groups_compare_as_the_texts_say(corpus, cells):
    per_turn, per_person = {}, {}
    for kind in ("focus_group", "interview"):
        sessions = [s for s in corpus.sessions if s.split == "study" and s.kind == kind]
        lengths, turns = [], []
        for s in sessions:
            mine = [
                len(t.text.split())
                for t in corpus.transcript(s.session_id).turns
                if t.speaker != s.facilitator
            ]
            lengths.append(sum(mine) / len(mine))
            turns.append(len(mine) / len(s.participant_ids))
        per_turn[kind], per_person[kind] = sum(lengths) / len(lengths), sum(turns) / len(turns)
    assert per_turn["interview"] > 2 * per_turn["focus_group"]  # "more than twice as long"
    assert 1.6 < per_person["interview"] / per_person["focus_group"] < 2  # "nearly twice"
    for text in (words(cells["dynamics_note"].source), words(NOTES.read_text(encoding="utf-8"))):
        assert "more than twice as long" in text and "nearly twice as many turns" in text


def quotations(text: str) -> list[tuple[str, str, str, int]]:
    return [(q, who, sid, int(n)) for q, who, sid, n in QUOTE.findall(" ".join(text.split()))]


def test_every_attributed_quotation_is_in_that_turn(corpus, cells):
    texts = {cid: c.source for cid, c in cells.items() if c.cell_type == "markdown"}
    texts["instructors/02-focus-group-data.md"] = NOTES.read_text(encoding="utf-8")
    found = [(where, *q) for where, text in texts.items() for q in quotations(text)]
    assert len(found) >= 4, found  # sections 9 and Exercise 2.7 quote the women four times
    for where, quote, speaker, session, number in found:
        turn = corpus.transcript(session).turns[number - 1]
        assert turn.turn == number and turn.speaker == speaker, (where, quote, turn.speaker)
        assert words(quote) in words(turn.text), (where, quote)


def test_the_worked_examples_quote_the_turns_they_name(corpus, cells):
    """Meaning units are the woman's own words; route questions are the facilitator's."""
    hailey = corpus.transcript("PSS-FG1").turns[26]
    assert hailey.speaker == "Hailey"
    units = re.findall(
        r'\("([^"]+)"\s*\n\s*"([^"]+)"', cells["worked_example_meaning_units"].source
    )
    assert units and all(f"{a}{b}" in hailey.text for a, b in units)
    team = {c.code for c in corpus.codings("team") if c.session_id == "PSS-FG1" and c.turn == 27}
    assert team == {"X_CPS_FEAR", "PSS_LIVED_EXP"}


def run_test_cell(source: str, answer) -> float | None:
    """A test cell run as the trusted step runs it: None when it fails, else its score
    (its last expression, or its points when it has none)."""
    tree = ast.parse(HIDDEN.sub("", source))
    last = tree.body.pop() if isinstance(tree.body[-1], ast.Expr) else None
    space = {"answer_2_7": answer}
    try:
        exec(compile(tree, "test", "exec"), space)
        if last is None:
            return 1.0
        return float(eval(compile(ast.Expression(last.value), "test", "eval"), space))
    except AssertionError:
        return None


def scores(cells, answer) -> float:
    form = run_test_cell(cells["test_answer_2_7_form"].source, answer)
    moves = run_test_cell(cells["test_answer_2_7_moves"].source, answer)
    return (form or 0.0) * cells["test_answer_2_7_form"].metadata.nbgrader["points"] + (moves or 0)


MOVES = ("answer", "agree", "build", "challenge")
TURNS = (60, 61, 62, 63, 65, 66)


def test_the_model_answer_earns_every_point_of_2_7(cells):
    space = {}
    exec(re.sub(r"### (BEGIN|END) SOLUTION\n", "", cells["answer_2_7"].source), space)
    points = sum(
        cells[g].metadata.nbgrader["points"]
        for g in ("test_answer_2_7_form", "test_answer_2_7_moves")
    )
    assert scores(cells, space["answer_2_7"]) == points


@pytest.mark.parametrize("move", MOVES)
def test_the_same_move_for_every_turn_earns_no_more_than_a_blank(cells, move):
    assert scores(cells, dict.fromkeys(TURNS, move)) == 0


def test_guessing_earns_nothing_on_average_and_one_slip_costs_a_little(cells):
    space = {}
    exec(re.sub(r"### (BEGIN|END) SOLUTION\n", "", cells["answer_2_7"].source), space)
    model = space["answer_2_7"]
    # Every permutation of the model's own moves: right marginals, turns shuffled.
    shuffled = {tuple(p) for p in itertools.permutations(model.values())}
    moves = [
        run_test_cell(cells["test_answer_2_7_moves"].source, dict(zip(TURNS, p, strict=True)))
        for p in shuffled
    ]
    points = cells["test_answer_2_7_moves"].metadata.nbgrader["points"]
    assert sum(moves) / len(moves) < points / 4
    slip = {**model, 62: "agree"}
    assert run_test_cell(cells["test_answer_2_7_moves"].source, slip) == pytest.approx(
        points * 19 / 25
    )


def test_the_exchange_is_the_one_the_moves_were_given_for(corpus, cells):
    """The hidden moves fit PSS-FG2's turns 59-67 as written: who speaks where, and what the
    turns that decide a move say. A change to the talk must be met with new moves."""
    turns = corpus.transcript("PSS-FG2").turns[58:67]
    assert [t.speaker for t in turns] == [
        "Facilitator",
        "Rosa",
        "Delia",
        "Nicole",
        "Tiffany",
        "Facilitator",
        "Brittany",
        "Delia",
        "Nicole",
    ]
    assert turns[2].text.startswith("The thread. That's a good way to say it.")
    assert turns[3].text.startswith("That's what I'm worried about")
    assert turns[7].text.startswith("I'll be the other side, though.")
    key = re.search(r"_key = (\{[^}]+\})", cells["test_answer_2_7_moves"].source).group(1)
    assert set(ast.literal_eval(key)) == {t.turn for t in turns if t.speaker != "Facilitator"} - {
        67
    }
