"""A student who submits while her coding file's journal is pending loses nothing.

The journal does not have to be compacted before submission: nbgrader's submit, collect and
autograde copy hidden files with the notebook, and the grading kernel reads the coding file
through :func:`qualkit.read_codings`, which replays the journal. Proven for real: lesson 03 is
published to the exchange, two students fetch it, answer alike, and hand in the same codings,
one as a compacted file, one as the coding tool left it mid-session (the file plus a journal
holding its last actions, one of them undone); autograde grades both the same.
"""

from __future__ import annotations

import shutil
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from test_course import hand_in_through_exchange, run_course
from test_lesson_pipeline import case, student_partial

from qualkit.coding_tool import CodingTool
from qualkit.codings import parse_codings, read_codings, write_codings
from qualkit.codings.journal import journal_path
from qualkit.corpus import load_corpus

from conftest import REPO

pytestmark = [pytest.mark.pipeline, pytest.mark.xdist_group("nbgrader")]
LESSON = "03-codebook-and-coding"


def coding_sessions(folder: Path, text: str) -> tuple[Path, Path]:
    """``pt.codings.json`` as the coding tool leaves it with a journal pending (the first half of
    the codings in the file, the rest, and an action undone, only in the journal), and a copy
    the tool compacted on opening it."""
    whole = parse_codings(text)
    half = len(whole.codings) // 2
    pending, compacted = folder / "pending", folder / "compacted"
    pending.mkdir()
    path = pending / "pt.codings.json"
    write_codings(path, replace(whole, codings=whole.codings[:half]))
    tool = CodingTool.for_session(case(LESSON).SESSION, "pt", path, load_corpus())
    for coding in whole.codings[half:]:
        tool.apply(coding.code, turn=coding.turn, start=coding.start, end=coding.end)
    tool.apply(tool.codebook.names[-1], turn=coding.turn)
    tool.undo()
    assert journal_path(path).exists()
    shutil.copytree(pending, compacted)
    CodingTool.for_session(case(LESSON).SESSION, "pt", compacted / path.name, load_corpus())
    assert not journal_path(compacted / path.name).exists()
    assert read_codings(path) == read_codings(compacted / path.name) != read_codings_alone(path)
    return pending, compacted


def read_codings_alone(path: Path):
    """The file without its journal: what a grader that ignored the journal would see."""
    return parse_codings(path.read_text(encoding="utf-8"))


def test_a_pending_journal_is_submitted_collected_and_graded(tmp_path, monkeypatch):
    build = tmp_path / "build"
    monkeypatch.setenv("QUALKIT_BUILD", str(build))
    # What is tested is the journal: both hand in the case's coding of the shared practice
    # group, graded against its key (publish would otherwise give each a group of her own).
    monkeypatch.setenv("QUALKIT_UNSAFE_SHARED_PRACTICE_GROUPS_KEY_IS_PUBLIC", "1")
    monkeypatch.syspath_prepend(str(REPO / "autograde"))
    sys.modules.pop("course", None)  # its configuration reads QUALKIT_BUILD when imported
    import course as module

    api = module.course_api()
    assert module.publish(api, [LESSON]) == 0
    text = case(LESSON).files("partial")["pt.codings.json"]
    handed_in = dict(zip(("journaled", "compacted"), coding_sessions(tmp_path, text), strict=True))
    for student in ("compacted", "journaled"):
        # the coding file, its journal and its lock, as the tool left them
        hand_in_through_exchange(api, tmp_path / f"home-{student}", student, LESSON,
                                 lambda nb: student_partial(nb, LESSON), handed_in[student])  # fmt: skip
    result = run_course(build, "autograde", LESSON)
    assert result.returncode == 0, result.stdout + result.stderr
    submitted = build / "submitted" / "journaled" / LESSON / "pt.codings.json"
    assert journal_path(submitted).exists()  # collected as handed in, journal and all
    # The lesson opens the coding widget on the file, so the grading kernel's tool compacted
    # the journal into its working copy: the file there holds everything.
    graded_copy = build / "autograded" / "journaled" / LESSON / "pt.codings.json"
    assert read_codings(graded_copy) == read_codings(handed_in["compacted"] / "pt.codings.json")
    with api.gradebook as gradebook:
        scores = {
            student: gradebook.find_submission(LESSON, student).code_score
            for student in ("compacted", "journaled")
        }
    assert scores["journaled"] == scores["compacted"] == pytest.approx(case(LESSON).PARTIAL_AUTO)
