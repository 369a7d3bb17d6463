"""The whole nbgrader cycle, for real: release, fetch, submit, collect, autograde, feedback, grades.

Students are simulated by editing the fetched notebook the way a person would and submitting it
through nbgrader's exchange. Nothing of nbgrader or Jupyter is mocked: kernels run every
submission. Each lesson's answers for the "solution" student come from its source notebook.
"""

from __future__ import annotations

import contextlib
import copy
import csv
import io
import re

import nbformat
import pytest
from nbgrader.auth import Authenticator
from nbgrader.coursedir import CourseDirectory
from nbgrader.exchange.default import ExchangeFetchAssignment, ExchangeSubmit

from conftest import REPO

pytestmark = [pytest.mark.pipeline, pytest.mark.xdist_group("nbgrader")]
LESSON = "00-orientation"
POINTS_AUTO = 4  # autograded points of lesson 00 (1 visible + 3 hidden)

SOLUTION = re.compile(r"### BEGIN SOLUTION\n(.*?)### END SOLUTION\n?", re.S)


def solved(cell_source: str) -> str:
    """A solution cell as a student who got it right would leave it (markers gone)."""
    return SOLUTION.sub(lambda m: m.group(1), cell_source)


def answer_cells(lesson: str) -> dict[str, str]:
    source = nbformat.read(REPO / "lessons" / lesson / f"{lesson}.ipynb", as_version=4)
    return {c.id: solved(c.source) for c in source.cells if c.metadata["nbgrader"].get("solution")}


def edit_solution(nb, answers: dict[str, str]) -> None:
    for cell in nb.cells:
        if cell.id in answers:
            cell.source = answers[cell.id]


# Each student: how their notebook is edited before submitting, and what we expect.
def student_solution(nb):
    edit_solution(nb, answer_cells(LESSON))


def student_blank(nb):
    pass  # submits the release untouched


def student_partial(nb):
    """Two models right, one off by one: partial credit on the hidden test."""
    answers = answer_cells(LESSON)
    answers["answer_0_1"] += '\nanswer_0_1["doula"] += 1\n'
    edit_solution(nb, answers)


def student_noisy(nb):
    """Right answer, but reading it prints a warning on stderr inside the test cells."""
    answers = answer_cells(LESSON)
    answers["answer_0_1"] += (
        "\nimport sys\n\nclass Noisy(dict):\n"
        "    def get(self, *args):\n"
        '        print("FutureWarning: something changed", file=sys.stderr)\n'
        "        return super().get(*args)\n\n"
        "    def values(self):\n"
        '        print("FutureWarning: something changed", file=sys.stderr)\n'
        "        return super().values()\n\nanswer_0_1 = Noisy(answer_0_1)\n"
    )
    edit_solution(nb, answers)


def student_tamperer(nb):
    """Deletes the hidden-test cell and gives the visible test 100 points."""
    edit_solution(nb, {"answer_0_1": 'answer_0_1 = {"pss": 1, "doula": 1, "home_visiting": 1}'})
    nb.cells = [c for c in nb.cells if c.id != "test_answer_0_1_counts"]
    for cell in nb.cells:
        if cell.id == "test_answer_0_1_form":
            cell.metadata["nbgrader"]["points"] = 100


def student_crasher(nb):
    """Kills the kernel: nbgrader cannot grade this, and must not pass it off as a 0."""
    edit_solution(nb, {"answer_0_1": "import os\nos._exit(1)"})


STUDENTS = {
    "solution": student_solution,
    "blank": student_blank,
    "partial": student_partial,
    "noisy": student_noisy,
    "tamperer": student_tamperer,
    "crasher": student_crasher,
}


@pytest.fixture(scope="module")
def graded(course, tmp_path_factory):
    """Release to the exchange, every student fetches, edits and submits; then the instructor
    collects, autogrades, generates feedback and exports grades with autograde/course.py."""
    api, module = course.api, course.module
    assert api.release_assignment(LESSON)["success"]
    for student, edit in STUDENTS.items():
        home = tmp_path_factory.mktemp(f"home-{student}")
        config = copy.deepcopy(api.config)
        config.Exchange.assignment_dir = str(home)
        config.Exchange.cache = str(home / ".cache")
        coursedir = CourseDirectory(config=config)
        coursedir.assignment_id, coursedir.student_id = LESSON, student
        auth = Authenticator(config=config)
        ExchangeFetchAssignment(coursedir=coursedir, authenticator=auth, config=config).start()
        path = home / LESSON / f"{LESSON}.ipynb"
        nb = nbformat.read(path, as_version=4)
        edit(nb)
        nbformat.write(nb, path)
        ExchangeSubmit(coursedir=coursedir, authenticator=auth, config=config).start()
    assert api.collect(LESSON)["success"]
    printed = io.StringIO()  # what the instructor would read in the terminal
    with contextlib.redirect_stdout(printed):
        status = {
            "autograde": module.autograde(api, [LESSON]),
            "feedback": module.feedback(api, [LESSON]),
            "grades": module.grades(api, [LESSON], course.build / "grades.csv"),
        }
    with (course.build / "grades.csv").open(encoding="utf-8") as handle:
        rows = {row["student_id"]: row for row in csv.DictReader(handle)}
    return {"status": status, "log": printed.getvalue(), "grades": rows, "build": course.build}


def auto_score(graded, student) -> float:
    return float(graded["grades"][student]["auto_score"])


def test_every_submission_was_collected(graded):
    assert set(graded["grades"]) == set(STUDENTS)


def test_solution_gets_every_autograded_point(graded):
    assert auto_score(graded, "solution") == POINTS_AUTO
    assert graded["grades"]["solution"]["status"] == "needs manual grading"  # Exercise 2 waits


def test_blank_release_gets_zero(graded):
    assert auto_score(graded, "blank") == 0


def test_partly_right_answer_gets_partial_credit(graded):
    assert auto_score(graded, "partial") == pytest.approx(1 + 2)  # form + 2 of 3 models


def test_a_warning_on_stderr_does_not_cost_points(graded):
    assert auto_score(graded, "noisy") == POINTS_AUTO


def test_deleted_test_cell_is_restored_and_points_reset(graded):
    # Form passes (1 point, not 100); the restored hidden test gives 0 of 3 for wrong counts.
    assert auto_score(graded, "tamperer") == 1
    assert float(graded["grades"]["tamperer"]["max_score"]) == 10


def test_crashed_kernel_is_reported_not_zeroed(graded):
    assert graded["status"]["autograde"] == 1, "autograde must fail loudly"
    assert "crasher" in graded["log"].split("could not be graded:")[1]
    assert graded["grades"]["crasher"]["status"].startswith("autograde failed")
    assert graded["grades"]["crasher"]["score"] == ""


def test_feedback_is_written_for_each_graded_submission(graded):
    for student in set(STUDENTS) - {"crasher"}:
        html = graded["build"] / "feedback" / student / LESSON / f"{LESSON}.html"
        assert html.exists(), f"no feedback for {student}"


def test_feedback_shows_no_hidden_test_and_no_rubric(graded):
    source = nbformat.read(REPO / "lessons" / LESSON / f"{LESSON}.ipynb", as_version=4)
    hidden = [
        line.strip()
        for cell in source.cells
        for region in re.findall(r"BEGIN HIDDEN TESTS\n(.*?)### END", cell.source, re.S)
        for line in region.splitlines()
        if len(line.strip()) > 12
    ]
    assert hidden, "lesson 00 should have hidden tests"
    for html in (graded["build"] / "feedback").rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        assert "HIDDEN TESTS" not in text and "MARK SCHEME" not in text, html
        assert "_expected" not in text, f"{html}: hidden test code in feedback"
        assert "Rubric (6 points" not in text, f"{html}: marking rubric in feedback"


def test_partial_feedback_says_what_to_revisit(graded):
    html = graded["build"] / "feedback" / "partial" / LESSON / f"{LESSON}.html"
    assert "2 of 3 models counted right" in html.read_text(encoding="utf-8")


def test_grader_sees_the_rubric_beside_the_answer(graded):
    """Formgrader shows the autograded notebook: the locked prompt keeps its mark scheme."""
    autograded = graded["build"] / "autograded" / "solution" / LESSON / f"{LESSON}.ipynb"
    assert "Rubric (6 points" in autograded.read_text(encoding="utf-8")


def test_students_validate_judges_a_warning_as_autograde_does(graded):
    """A student's environment has only autograde/validate_config.py: with it, Validate passes
    the noisy but right notebook; nbgrader's defaults would fail it on the stderr line."""
    from nbgrader.validator import Validator
    from traitlets.config import Config
    from traitlets.config.loader import PyFileConfigLoader

    submitted = graded["build"] / "submitted" / "noisy" / LESSON / f"{LESSON}.ipynb"
    student = PyFileConfigLoader("validate_config.py", path=str(REPO / "autograde")).load_config()
    assert Validator(config=student).validate(str(submitted)) == {}
    assert "failed" in Validator(config=Config()).validate(str(submitted))
