"""Her lesson-03 coding carried into a later lesson, and checked against what she handed in."""

from __future__ import annotations

import pytest

from qualkit import Coding, Codings, StudentError, write_codings
from qualkit.own_study import CODING_LESSON, bring_coding, carried_coding

LATER = "04-intercoder-agreement"


def coding(coder="mj", code="PSS_EMOTIONAL", turn=2) -> Codings:
    return Codings((Coding("PSS-PG-1", turn, code, coder),))


@pytest.fixture
def home(tmp_path):
    """A student's home (or a course's submitted/<student>/): lessons side by side."""
    (tmp_path / CODING_LESSON).mkdir()
    (tmp_path / LATER).mkdir()
    return tmp_path


def test_her_coding_is_brought_into_the_later_lesson_and_read(home):
    write_codings(home / CODING_LESSON / "mj.codings.json", coding())
    carried = bring_coding(home / LATER)
    assert (carried.coder, carried.session_id) == ("mj", "PSS-PG-1")
    assert carried.path == home / LATER / "mj.codings.json" and carried.path.exists()
    assert [c.code for c in carried.codings] == ["PSS_EMOTIONAL"]


def test_a_changed_lesson_03_coding_replaces_the_copy_and_keeps_the_old_one(home):
    write_codings(home / CODING_LESSON / "mj.codings.json", coding())
    bring_coding(home / LATER)
    write_codings(home / CODING_LESSON / "mj.codings.json", coding(code="PSS_ADVOCACY"))
    assert [c.code for c in bring_coding(home / LATER).codings] == ["PSS_ADVOCACY"]
    assert (home / LATER / "mj.codings.json.previous").exists()


def test_without_lesson_03_the_copy_is_used_and_without_either_she_is_told_what_to_do(home):
    with pytest.raises(StudentError, match="Exercise 3.2"):
        bring_coding(home / LATER)
    write_codings(home / LATER / "mj.codings.json", coding())
    (home / CODING_LESSON).rmdir()
    assert bring_coding(home / LATER).coder == "mj"


def test_several_coding_files_are_named_in_the_message(home):
    write_codings(home / CODING_LESSON / "mj.codings.json", coding())
    write_codings(home / CODING_LESSON / "ab.codings.json", coding("ab"))
    with pytest.raises(StudentError, match="ab.codings.json, mj.codings.json"):
        bring_coding(home / LATER)


def test_grading_accepts_only_the_coding_she_handed_in_for_lesson_03(home):
    write_codings(home / CODING_LESSON / "mj.codings.json", coding())
    bring_coding(home / LATER)
    carried = carried_coding(home / LATER)
    assert carried is not None and carried.verified
    # A classmate's file (or any other) handed in with the later lesson is not her coding.
    (home / LATER / "mj.codings.json").unlink()
    write_codings(home / LATER / "ab.codings.json", coding("ab"))
    assert carried_coding(home / LATER) is None
    # Lesson 03 never collected: the copy is used, unverified.
    (home / CODING_LESSON / "mj.codings.json").unlink()
    (home / CODING_LESSON).rmdir()
    assert carried_coding(home / LATER).verified is False
    assert carried_coding(home / "nowhere") is None


def test_the_solutions_coding_counts_only_where_it_is_the_only_one(home):
    """An instructor running the sources: lesson 03's solution file is brought into the later
    lesson; beside a student's own file it is passed over."""
    write_codings(home / CODING_LESSON / "solution.codings.json", coding("solution"))
    assert bring_coding(home / LATER).coder == "solution"
    assert carried_coding(home / LATER).verified
    write_codings(home / CODING_LESSON / "mj.codings.json", coding())
    (home / LATER / "solution.codings.json").unlink()
    assert bring_coding(home / LATER).coder == "mj"
