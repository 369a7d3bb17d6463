"""How far a student has coded (qualkit/progress.py), and lesson 03's graded feedback telling
"not finished" from "coded differently from the key", run as the grader runs it."""

from __future__ import annotations

import sys
from dataclasses import replace

import nbformat
import pytest

from qualkit import coding_progress, load_corpus
from qualkit.codings import Codings, format_codings
from qualkit.key import load_key

from conftest import REPO

sys.path.insert(0, str(REPO / "autograde"))
from trusted_grading import run_test

LESSON = "03-codebook-and-coding"
pytestmark = pytest.mark.slow  # the whole corpus and key, and a lesson test as graded


def _practice():
    corpus = load_corpus()
    session = min((s for s in corpus.sessions if s.split == "practice"), key=lambda s: s.order)
    book = set(corpus.codebook.names)
    key = [c for c in load_key().codings if c.session_id == session.session_id and c.code in book]
    return corpus, session, key


def _accuracy_test() -> str:
    nb = nbformat.read(REPO / "lessons" / LESSON / f"{LESSON}.ipynb", as_version=4)
    return next(c.source for c in nb.cells if c.get("id") == "test_answer_3_2_accuracy")


def _feedback(tmp_path, codings) -> str:
    (tmp_path / "me.codings.json").write_text(
        format_codings(Codings(tuple(replace(c, coder="me") for c in codings))), encoding="utf-8"
    )
    _, session, _ = _practice()
    outputs = run_test(
        _accuracy_test(), {"answer_3_2": {"coder": "me", "session": session.session_id}}, tmp_path
    )
    return "".join(o.get("text", "") for o in outputs)


def test_the_key_itself_counts_as_finished():
    corpus, session, key = _practice()
    progress = coding_progress(key, corpus.transcript(session.session_id), session.facilitator)
    assert progress.finished and "finished" in str(progress) and progress.coded > 0


def test_a_coder_who_stopped_halfway_is_told_she_has_not_finished(tmp_path):
    corpus, session, key = _practice()
    turns = sorted({c.turn for c in key})
    stop = turns[len(turns) // 2]
    half = [c for c in key if c.turn <= stop]
    progress = coding_progress(half, corpus.transcript(session.session_id), session.facilitator)
    assert not progress.finished and "not finished" in str(progress)

    feedback = _feedback(tmp_path, half)
    assert str(progress) in feedback
    later_only = {c.code for c in key if c.turn > stop} - {c.code for c in half}
    for code in later_only:  # every turn of it comes after where she stopped
        assert f"{code}: not reached yet" in feedback, feedback
        assert f"{code}: under-applied" not in feedback, feedback


def test_a_finished_coder_who_left_a_code_out_is_told_it_is_under_applied(tmp_path):
    _, _, key = _practice()
    missed = sorted({c.code for c in key})[0]
    feedback = _feedback(tmp_path, [c for c in key if c.code != missed])
    assert "finished" in feedback and "not finished" not in feedback
    assert f"{missed}: under-applied" in feedback, feedback
