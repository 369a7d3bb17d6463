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
import os
import re
import shutil
import subprocess
import sys

import nbformat
import pytest
from nbgrader.auth import Authenticator
from nbgrader.coursedir import CourseDirectory
from nbgrader.exchange.default import ExchangeFetchAssignment, ExchangeSubmit

from conftest import REPO, solved_source

pytestmark = [pytest.mark.pipeline, pytest.mark.xdist_group("nbgrader")]
LESSON = "00-orientation"
POINTS_AUTO = 1  # autograded points of lesson 00 (all hidden; the visible self-check has 0)

SOLUTION = re.compile(r"### BEGIN SOLUTION\n(.*?)### END SOLUTION\n?", re.S)


def solved(cell_source: str) -> str:
    """A solution cell as a student who got it right would leave it (markers gone)."""
    return solved_source(cell_source)


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


def grade_by_hand(api, student: str, score: float) -> None:
    """What a grader's score in Formgrader does to the gradebook."""
    with api.gradebook as gradebook:
        grade = gradebook.find_grade("language_rewrite", LESSON, LESSON, student)
        grade.manual_score, grade.needs_manual_grade = score, False
        gradebook.db.commit()


def hand_in_through_exchange(api, home, student, lesson, edit, beside=None) -> None:
    """What a student does in *Assignment List*, through the exchange: fetch ``lesson`` into
    ``home``, ``edit(nb)`` the notebook, copy the files of folder ``beside`` next to it (a coding
    file as the coding tool left it), submit."""
    config = copy.deepcopy(api.config)
    config.Exchange.assignment_dir = str(home)
    config.Exchange.cache = str(home / ".cache")
    coursedir = CourseDirectory(config=config)
    coursedir.assignment_id, coursedir.student_id = lesson, student
    auth = Authenticator(config=config)
    ExchangeFetchAssignment(coursedir=coursedir, authenticator=auth, config=config).start()
    path = home / lesson / f"{lesson}.ipynb"
    nb = nbformat.read(path, as_version=4)
    edit(nb)
    nbformat.write(nb, path)
    for name in os.listdir(beside) if beside else ():
        shutil.copy2(beside / name, home / lesson / name)
    ExchangeSubmit(coursedir=coursedir, authenticator=auth, config=config).start()


def run_course(build, *args) -> subprocess.CompletedProcess:
    """autograde/course.py as `make autograde` runs it: everything it prints is captured."""
    return subprocess.run(
        [sys.executable, str(REPO / "autograde" / "course.py"), *args],
        env={**os.environ, "QUALKIT_BUILD": str(build)},
        capture_output=True,
        text=True,
        timeout=900,
    )


@pytest.fixture(scope="module")
def graded(course, tmp_path_factory):
    """Publish to the exchange, every student fetches, edits and submits; then the instructor
    runs autograde (collects and grades), marks two written answers by hand, generates and
    releases feedback and exports grades with autograde/course.py."""
    api, module = course.api, course.module
    assert module.publish(api, [LESSON]) == 0
    for student, edit in STUDENTS.items():
        hand_in_through_exchange(api, tmp_path_factory.mktemp(f"home-{student}"), student,
                                 LESSON, edit)  # fmt: skip
    autograded = run_course(course.build, "autograde", LESSON)
    grade_by_hand(api, "solution", 8)
    grade_by_hand(api, "partial", 2)  # "noisy" keeps an answer no grader has marked
    printed = io.StringIO()  # what the instructor would read in the terminal
    with contextlib.redirect_stdout(printed):
        status = {
            "autograde": autograded.returncode,
            "feedback": module.feedback(api, [LESSON]),
            "grades": module.grades(api, [LESSON], course.build / "grades.csv"),
        }
    with (course.build / "grades.csv").open(encoding="utf-8") as handle:
        rows = {row["student_id"]: row for row in csv.DictReader(handle)}
    return {
        "status": status,
        "autograde": autograded,
        "log": autograded.stdout + printed.getvalue(),
        "grades": rows,
        "build": course.build,
        "api": api,
    }


def auto_score(graded, student) -> float:
    return float(graded["grades"][student]["auto_score"])


def test_every_submission_was_collected(graded):
    assert set(graded["grades"]) == set(STUDENTS)


def test_solution_gets_every_autograded_point(graded):
    assert auto_score(graded, "solution") == POINTS_AUTO
    assert graded["grades"]["solution"]["status"] == "graded"  # Exercise 2 marked by hand
    assert graded["grades"]["noisy"]["status"] == "needs manual grading"  # not yet


def test_blank_release_gets_zero(graded):
    assert auto_score(graded, "blank") == 0


def test_partly_right_answer_gets_partial_credit(graded):
    # 2 of 3 models; grades.csv rounds to two decimals
    assert auto_score(graded, "partial") == pytest.approx(2 * POINTS_AUTO / 3, abs=0.005)


def test_a_warning_on_stderr_does_not_cost_points(graded):
    assert auto_score(graded, "noisy") == POINTS_AUTO


def test_deleted_test_cell_is_restored_and_points_reset(graded):
    # Form passes (0 points, as the gradebook says, not 100); the restored hidden test gives 0
    # of 1 for wrong counts.
    assert auto_score(graded, "tamperer") == 0
    assert float(graded["grades"]["tamperer"]["max_score"]) == 10


def test_crashed_kernel_is_reported_not_zeroed(graded):
    assert graded["status"]["autograde"] == 1, "autograde must fail loudly"
    assert "crasher" in graded["autograde"].stdout.split("could not be graded:")[1]
    assert graded["grades"]["crasher"]["status"].startswith("autograde failed")
    assert graded["grades"]["crasher"]["score"] == ""


GRADED = {"solution", "partial", "blank", "tamperer"}  # blank: nothing to mark by hand


def test_autograde_prints_one_line_per_submission_and_a_summary(graded):
    out = graded["autograde"].stdout.strip().splitlines()
    assert out[0] == f"collect {LESSON}: {len(STUDENTS)} new submission(s) from the exchange"
    assert sorted(line.split()[2].rstrip(":") for line in out[1:7]) == sorted(STUDENTS)
    assert "autograde: 5 autograded (2 fully graded, 3 await a grader), 1 failed." in out
    assert "waits for a grader: language_rewrite" in graded["log"]


def test_autograde_prints_no_library_noise(graded):
    noise = graded["autograde"].stdout + graded["autograde"].stderr
    for word in ("Warning", "SAWarning", "encryption", "Traceback"):
        assert word not in noise, noise


def test_feedback_is_written_and_released_for_each_fully_graded_submission(graded):
    for student in GRADED:
        html = graded["build"] / "feedback" / student / LESSON / f"{LESSON}.html"
        assert html.exists(), f"no feedback for {student}"
        assert f"feedback {LESSON} {student}: released" in graded["log"]
    released = list((graded["build"] / "exchange" / "qualkit" / "feedback").glob("*.html"))
    assert len(released) == len(GRADED)


def test_feedback_counts_the_graders_score(graded):
    html = graded["build"] / "feedback" / "solution" / LESSON / f"{LESSON}.html"
    assert "Score: 9.0 / 10.0" in html.read_text(encoding="utf-8")


def test_feedback_waits_for_an_unmarked_written_answer_and_names_it(graded):
    assert not (graded["build"] / "feedback" / "noisy").exists()
    assert f"feedback {LESSON} noisy: held back, not graded yet: language_rewrite" in graded["log"]


def test_formgraders_feedback_button_holds_back_the_same_submission(graded):
    """Formgrader's Generate Feedback runs nbgrader for every student: the course config's
    gate fails the unmarked one, naming it, and still writes everyone else's."""
    result = graded["api"].generate_feedback(LESSON)
    assert not result["success"]
    assert "noisy: held back, not graded yet: language_rewrite" in result["log"]
    assert not list((graded["build"] / "feedback" / "noisy").rglob("*.html"))
    assert (graded["build"] / "feedback" / "solution" / LESSON / f"{LESSON}.html").exists()


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
        assert "Rubric (9 points" not in text, f"{html}: marking rubric in feedback"


def test_partial_feedback_says_what_to_revisit(graded):
    html = graded["build"] / "feedback" / "partial" / LESSON / f"{LESSON}.html"
    assert "2 of 3 models counted right" in html.read_text(encoding="utf-8")


def test_grader_sees_the_rubric_beside_the_answer(graded):
    """Formgrader shows the autograded notebook: the locked prompt keeps its mark scheme."""
    autograded = graded["build"] / "autograded" / "solution" / LESSON / f"{LESSON}.ipynb"
    assert "Rubric (9 points" in autograded.read_text(encoding="utf-8")


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
