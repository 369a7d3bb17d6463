"""Lesson 03's calibration round: each turn checked against the team's coding."""

from __future__ import annotations

import qualkit
from qualkit.calibration import check_turns, report


def round_of(corpus, n=10):
    session = min(
        (s for s in corpus.sessions if s.kind == "focus_group" and s.split == "study"),
        key=lambda s: s.order,
    )
    turns = [
        (t.turn, t.speaker)
        for t in corpus.transcript(session.session_id).turns
        if t.speaker != session.facilitator
    ][:n]
    return session.session_id, turns


def test_coding_as_the_team_agrees_on_every_turn_reached():
    corpus = qualkit.load_corpus()
    session, turns = round_of(corpus)
    team = [c for c in corpus.codings("team") if c.session_id == session]
    mine = [c for c in team if c.turn <= turns[4][0]]  # five turns done
    checks = check_turns(mine, team, session, turns, corpus.codebook)
    reached = [c for c in checks if c.reached]
    assert [c.turn for c in reached] == [t for t, _ in turns if t <= max(c.turn for c in mine)]
    assert all(c.agrees for c in reached)
    assert report(checks).endswith(
        f"{len(reached)} of 10 turns of the round coded; "
        f"{len(reached)} agree with the team's coding."
    )


def test_a_difference_shows_the_line_of_the_codebook_that_decides():
    corpus = qualkit.load_corpus()
    session, turns = round_of(corpus)
    team = [c for c in corpus.codings("team") if c.session_id == session]
    coded = next(t for t, _ in turns if any(c.turn == t for c in team))
    theirs = sorted({c.code for c in team if c.turn == coded})
    other = next(k for k in corpus.codebook.names if k not in theirs)
    mine = [qualkit.Coding(session, coded, other, "me")]
    check = next(
        c for c in check_turns(mine, team, session, turns, corpus.codebook) if c.turn == coded
    )
    assert check.missed == tuple((k, corpus.codebook[k].when_to_use) for k in theirs)
    assert check.extra == ((other, corpus.codebook[other].when_not_to_use),)
    text = report([check])
    assert f"the team did not apply {other}. When not to use it: " in text
    assert corpus.codebook[theirs[0]].when_to_use in text


def test_before_any_turn_she_is_told_to_start():
    corpus = qualkit.load_corpus()
    session, turns = round_of(corpus)
    checks = check_turns([], corpus.codings("team"), session, turns, corpus.codebook)
    assert not any(c.reached for c in checks)
    assert "No turn of the round coded yet" in report(checks)
