"""Lesson 04's second coder: the key's coding of her group, as lesson 03's feedback shows it."""

from __future__ import annotations

import html

import pytest

from qualkit import Coding, Codings, StudentError, read_codings, write_codings
from qualkit.own_study import CODING_LESSON
from qualkit.second_coder import SECOND_FILE, bring_second_coding, feedback_lines, read_feedback

KEY = [
    Coding("PSS-FG5", 4, "PSS_LIVED_EXP", "k"),
    Coding("PSS-FG5", 4, "PSS_TRUST", "k"),
    Coding("PSS-FG5", 11, "PSS_LIVED_EXP", "k"),
    Coding("OTHER", 1, "X_CPS_FEAR", "k"),
]


def feedback_page(lines: list[str]) -> str:
    """Lines as nbgrader's feedback HTML shows a test's output: escaped, inside tags."""
    body = "".join(f"<span>{html.escape(line)}</span>\n" for line in lines)
    return f"<html><body><pre>Coding accuracy\n{body}</pre><div>next cell</div></body></html>"


def test_feedback_lines_round_trip_through_the_feedback_page():
    session, codings = read_feedback(feedback_page(feedback_lines(KEY, "PSS-FG5")))
    assert session == "PSS-FG5"
    assert sorted((c.turn, c.code, c.coder) for c in codings) == [
        (4, "PSS_LIVED_EXP", "key"),
        (4, "PSS_TRUST", "key"),
        (11, "PSS_LIVED_EXP", "key"),
    ]


def test_a_page_without_the_key_says_where_it_comes_from():
    with pytest.raises(StudentError, match="once lesson 03 is graded"):
        read_feedback("<html>Coding accuracy: 3 of 9 codes at full credit</html>", "page.html")


@pytest.fixture
def home(tmp_path):
    (tmp_path / CODING_LESSON).mkdir()
    (tmp_path / "04-intercoder-agreement").mkdir()
    return tmp_path


def test_brought_from_the_latest_fetched_feedback_and_kept_beside_the_notebook(home):
    for stamp, lines in (
        ("2026-01-02 10:00:00", feedback_lines(KEY[:1], "PSS-FG5")),
        ("2026-01-03 10:00:00", feedback_lines(KEY, "PSS-FG5")),
    ):
        folder = home / CODING_LESSON / "feedback" / stamp
        folder.mkdir(parents=True)
        (folder / f"{CODING_LESSON}.html").write_text(feedback_page(lines), encoding="utf-8")
    here = home / "04-intercoder-agreement"
    second = bring_second_coding(here)
    assert second.session_id == "PSS-FG5" and len(second.codings) == 3
    assert read_codings(here / SECOND_FILE) == second.codings


def test_without_feedback_the_copy_is_used_and_without_either_she_is_told_what_to_do(home):
    here = home / "04-intercoder-agreement"
    with pytest.raises(StudentError, match="fetch the feedback"):
        bring_second_coding(here)
    write_codings(here / SECOND_FILE, Codings(tuple(KEY[:2])))
    assert bring_second_coding(here).session_id == "PSS-FG5"
