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


def test_the_instructor_source_uses_its_solution_coding_but_grading_never_does(home):
    """An instructor running the sources side by side has only lesson 03's solution file; a
    student never has it (the course neither releases nor collects it)."""
    write_codings(home / CODING_LESSON / "solution.codings.json", coding("solution"))
    assert bring_coding(home / LATER).coder == "solution"
    assert carried_coding(home / LATER) is None


def test_a_quote_is_chosen_by_session_and_turn_and_travels_as_plain_data():
    import qualkit
    from qualkit.own_study import quote

    corpus = qualkit.load_corpus()
    turn = corpus.transcript("PSS-FG1").turns[4]
    chosen = quote("PSS-FG1", 5)
    assert chosen == ("PSS-FG1", 5, turn.speaker, turn.text) and isinstance(chosen, tuple)
    assert repr(chosen) == f'"{turn.text}" ({turn.speaker}, PSS-FG1, turn 5)'
    with pytest.raises(StudentError, match="PSS-FG99"):
        quote("PSS-FG99", 1)
    with pytest.raises(StudentError, match=r"PSS-FG1 has turns 1 to \d+, not '5'"):
        quote("PSS-FG1", "5")


def test_her_turns_lists_what_she_coded_or_says_what_to_do(home):
    import qualkit
    from qualkit.own_study import her_turns

    mine = Codings(
        (
            Coding("PSS-FG5", 3, "PSS_EMOTIONAL", "mj"),
            Coding("PSS-FG5", 3, "PSS_LIVED_EXP", "mj", start=None, end=None),
            Coding("PSS-FG5", 7, "PSS_BOUNDARY", "mj"),
        )
    )
    write_codings(home / CODING_LESSON / "mj.codings.json", mine)
    table = her_turns(bring_coding(home / LATER))
    rows = list(table[["session", "turn", "her codes"]].itertuples(index=False, name=None))
    assert rows == [("PSS-FG5", 3, "PSS_EMOTIONAL, PSS_LIVED_EXP"), ("PSS-FG5", 7, "PSS_BOUNDARY")]
    speaker = qualkit.load_corpus().transcript("PSS-FG5").turns[6].speaker
    assert list(her_turns(bring_coding(home / LATER), "PSS_BOUNDARY")["speaker"]) == [speaker]
    assert her_turns(bring_coding(home / LATER), ["X_CPS_FEAR"]).empty
    with pytest.raises(StudentError, match="bring_coding"):
        her_turns(None)


def test_a_lesson_03_folder_holding_only_the_solutions_file_is_not_hers(home):
    """The instructor's source keeps the solution's coding; running a later lesson beside it
    (or a grading sandbox that hides the folder) uses the copy already here."""
    write_codings(home / CODING_LESSON / "solution.codings.json", coding("solution"))
    write_codings(home / LATER / "mj.codings.json", coding())
    assert bring_coding(home / LATER).coder == "mj"


def test_the_solutions_coding_counts_only_where_it_is_the_only_one(home):
    """An instructor running the sources: lesson 03's solution file is brought into the later
    lesson; beside a student's own file it is passed over."""
    write_codings(home / CODING_LESSON / "solution.codings.json", coding("solution"))
    assert bring_coding(home / LATER).coder == "solution"
    assert carried_coding(home / LATER, instructor=True).verified
    write_codings(home / CODING_LESSON / "mj.codings.json", coding())
    (home / LATER / "solution.codings.json").unlink()
    assert bring_coding(home / LATER).coder == "mj"


def group_corpus(folder, student):
    """A student's practice group (from a test secret) and the corpus as the trusted grading
    step loads it for her."""
    import sys

    from conftest import REPO

    sys.path.insert(0, str(REPO / "datasets"))
    from generator.per_student import student_group

    from qualkit.corpus import load_corpus
    from qualkit.practice import PracticeGroup, with_practice

    made = student_group(b"a course secret only the grader reads: 0123456789", student)
    for relative, text in made.files.items():
        (folder / student / relative).parent.mkdir(parents=True, exist_ok=True)
        (folder / student / relative).write_text(text, encoding="utf-8")
    return made, with_practice(load_corpus(), PracticeGroup(student, folder / student))


def test_a_coding_made_for_another_students_group_is_told_from_hers(tmp_path):
    """Her group's key, as she would code it, fits her transcripts (spans or whole turns); a
    classmate's coding of her own group names words (and turns) that hers does not have."""
    from dataclasses import replace

    from qualkit.own_study import not_made_for

    ana, ana_corpus = group_corpus(tmp_path, "ana")
    bea, _ = group_corpus(tmp_path, "bea")
    session = "PSS-FG5"

    def coded(group, coder, spans=True):
        return Codings(tuple(
            replace(c, coder=coder) if spans else replace(c, coder=coder, start=None, end=None)
            for c in group.key if c.session_id == session))  # fmt: skip

    assert not_made_for(coded(ana, "ana"), ana_corpus) == ""
    assert not_made_for(coded(ana, "ana", spans=False), ana_corpus) == ""
    found = not_made_for(coded(bea, "ana"), ana_corpus)
    assert "made for another student's group" in found and session in found
    last = len(ana_corpus.transcript(session).turns)
    beyond = Codings((Coding(session, last + 1, "PSS_BOUNDARY", "ana"),))
    assert f"turn {last + 1} is coded, but your {session} has {last} turns" in (
        not_made_for(beyond, ana_corpus)
    )
