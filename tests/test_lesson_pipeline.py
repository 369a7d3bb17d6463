"""Every lesson through the real nbgrader pipeline, with honest, partial and hostile students.

For each lesson (its facts in ``tests/lessons/<lesson>/case.py``, see the README there) the
students below submit; the course then autogrades every submission of every lesson in one batch
(``autograde/course.py``, nbgrader's API, real kernels, two workers), writes feedback and exports
grades:

- ``solution``: every autograded point; ``blank``: the release untouched, zero, no grader error;
- ``partial``: partial credit, with feedback that says what to revisit and not the answer;
- hostile students score no more than blank: they edit and re-point locked cells, delete or
  duplicate test cells, rewrite later cells or the display from their kernel, hand in answers
  that claim to equal anything, and read (or write) course files the grader holds.

Submissions are written straight into nbgrader's ``submitted`` folder (what ``collect`` makes);
tests/test_course.py covers the exchange itself. Execution times are printed, not asserted
(``make bench`` tracks them).
"""

from __future__ import annotations

import contextlib
import csv
import functools
import io
import os
import re
import shutil
import subprocess
import sys
import time
from html import unescape
from pathlib import Path

import nbformat
import pytest

from conftest import LESSONS, REPO, lesson_case, solved_source

pytestmark = [pytest.mark.pipeline, pytest.mark.xdist_group("nbgrader")]

CASES = REPO / "tests" / "lessons"
SOLUTION = re.compile(r"[ \t]*### BEGIN SOLUTION\n(.*?)[ \t]*### END SOLUTION\n?", re.S)
# (markers may be indented, as inside a function body the student writes)
HIDDEN = re.compile(r"### BEGIN HIDDEN TESTS\n(.*?)### END HIDDEN TESTS", re.S)
SCHEME = re.compile(r"=== BEGIN MARK SCHEME ===\n(.*?)\n=== END MARK SCHEME ===", re.S)
SECOND_SEED = 77


case = lesson_case


def source(lesson: str):
    return nbformat.read(REPO / "lessons" / lesson / f"{lesson}.ipynb", as_version=4)


def meta(cell) -> dict:
    return cell.metadata.get("nbgrader", {})


def is_test(cell) -> bool:
    return cell.cell_type == "code" and meta(cell).get("grade") and not meta(cell).get("solution")


@functools.cache  # asked for every cell of every notebook a harness writes
def solutions(lesson: str) -> dict[str, str]:
    """Solution cells as a student who got everything right leaves them (markers gone)."""
    return {c.id: solved_source(c.source) for c in source(lesson).cells if meta(c).get("solution")}


def answer_names(lesson: str) -> list[str]:
    names = []
    for cell in source(lesson).cells:
        if cell.cell_type == "code" and meta(cell).get("solution"):
            names += re.findall(r"^(answer_\w+)\s*=", cell.source, flags=re.M)
    return list(dict.fromkeys(names))


def first_code_answer(nb) -> object:
    return next(c for c in nb.cells if c.cell_type == "code" and meta(c).get("solution"))


def lines_of(pattern: re.Pattern, cells) -> list[str]:
    return [
        line.strip()
        for cell in cells
        for region in pattern.findall(cell.source)
        for line in region.splitlines()
        if len(line.strip()) > 12
    ]


# --- the students: each edits the released notebook of a lesson -------------------------------


def student_solution(nb, lesson):
    for cell in nb.cells:
        if cell.id in solutions(lesson):
            cell.source = solutions(lesson)[cell.id]


def student_blank(nb, lesson):
    pass


def student_partial(nb, lesson):
    student_solution(nb, lesson)
    for cell in nb.cells:
        cell.source = case(lesson).PARTIAL.get(cell.id, cell.source)


def student_tamperer(nb, lesson):
    """Rewrites every locked cell to pass, gives tests 1000 points, turns one into markdown, makes
    its own answer cell a test and adds a test of its own worth 100."""
    for cell in nb.cells:
        if meta(cell).get("locked") and cell.cell_type == "code":
            cell.source = "pass"
        if is_test(cell):
            meta(cell)["points"] = 1000
    answer = first_code_answer(nb)
    meta(answer).update(grade=True, points=50)
    answer.source = "pass"
    tests = [c for c in nb.cells if is_test(c)]
    tests[0].cell_type = "markdown"
    tests[0].pop("outputs", None), tests[0].pop("execution_count", None)
    fake = nbformat.v4.new_code_cell("pass")
    fake.metadata["nbgrader"] = {
        "grade": True,
        "grade_id": "my_own_test",
        "locked": True,
        "points": 100,
        "schema_version": 3,
        "solution": False,
        "task": False,
    }
    nb.cells.append(fake)


def student_deleter(nb, lesson):
    nb.cells = [c for c in nb.cells if not is_test(c)]


def student_duplicator(nb, lesson):
    """Each test cell twice, the copy emptied, and the answer cells twice."""
    cells = []
    for cell in nb.cells:
        if is_test(cell) or (meta(cell).get("solution") and cell.cell_type == "code"):
            copy = nbformat.from_dict(cell)
            copy.id = cell.id + "-copy"
            copy.source = "pass"
            cells += [cell, copy]  # nbgrader keeps the last of a grade id: the empty copy
        else:
            cells.append(cell)
    nb.cells = cells


# Runs in the grading kernel: every later cell becomes "1000" (a full partial-credit score).
TRANSFORMER = """
get_ipython().input_transformers_post.append(lambda lines: ["1000\\n"])
"""

# Runs in the grading kernel: lie through the display, forge the capture, and answer with
# objects that claim to equal anything.
LIAR = """
class Anything(dict):
    def __eq__(self, other): return True
    def __ne__(self, other): return False
    def __hash__(self): return 0
    def __contains__(self, item): return True
    def get(self, *args): return Anything()
    def __getitem__(self, key): return Anything()
    def __len__(self): return 3
    def __float__(self): return 1000.0
for _name in {names!r}:
    globals()[_name] = Anything()
import sys
sys.displayhook = lambda value: print(1000)
_ip = get_ipython()
_ip.display_formatter.formatters["text/plain"].for_type(float, lambda *a: print(1000))
_ip.events.register("post_run_cell", lambda result: print("QUALKIT-ANSWERS {{}}"))
import qualkit
qualkit.load_corpus = lambda *a, **k: None
"""

# Runs in the grading kernel: find the course's private files and use them.
READER = """
import glob, json, os, re, sqlite3, sys
from pathlib import Path
report = []
def attempt(what, action):
    try:
        result = action()
        report.append("READ " + what)
        return result
    except Exception as error:
        report.append("refused " + what + ": " + type(error).__name__)
import qualkit
roots = [Path(qualkit.__file__).resolve().parents[2], Path.cwd().parents[2]]  # checkout, build
for root in roots:
    for path in [root / "lessons" / {lesson!r} / {notebook!r}]:
        text = attempt(str(path), lambda: path.read_text())
        if text:
            for cell in json.loads(text)["cells"]:
                code = "".join(cell["source"])
                for found in re.findall(r"### BEGIN SOLUTION\\n(.*?)### END SOLUTION", code, re.S):
                    exec(found, globals())
    attempt("key", lambda: __import__("qualkit.key").key.load_key())
    attempt("glob " + str(root), lambda: glob.glob(str(root / "**" / "*.ipynb"), recursive=True) or 1 / 0)
    attempt("gradebook", lambda: sqlite3.connect(str(root / "gradebook.db")).execute("select 1"))
build = Path.cwd().parents[2]
attempt("gradebook", lambda: sqlite3.connect(str(build / "gradebook.db")).execute("select 1"))
attempt("other students", lambda: os.listdir(build / "submitted"))
attempt("write qualkit", lambda: open(qualkit.__file__, "a").close())
attempt("chdir up", lambda: os.chdir(".."))
print("reader:", "; ".join(report))
"""


def student_transformer(nb, lesson):
    first_code_answer(nb).source = TRANSFORMER


def student_liar(nb, lesson):
    first_code_answer(nb).source = LIAR.format(names=answer_names(lesson))


def student_reader(nb, lesson):
    first_code_answer(nb).source = READER.format(lesson=lesson, notebook=f"{lesson}.ipynb")


STUDENTS = {
    "solution": student_solution,
    "blank": student_blank,
    "partial": student_partial,
    "h-tamperer": student_tamperer,
    "h-deleter": student_deleter,
    "h-duplicator": student_duplicator,
    "h-transformer": student_transformer,
    "h-liar": student_liar,
    "h-reader": student_reader,
}
HOSTILE = [name for name in STUDENTS if name.startswith("h-")]


def students(lesson: str) -> dict:
    """Every lesson's students, and the hostile students of its own that its case adds."""
    return {**STUDENTS, **getattr(case(lesson), "STUDENTS", {})}


def hand_in(folder: Path, files: dict) -> None:
    """Files a student submits beside the notebook (a coding file): text, bytes (an export),
    or a Path for a symbolic link to that path."""
    for name, content in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)  # ../03-…/ when 03 is not played
        if isinstance(content, Path):
            (folder / name).symlink_to(content)
        elif isinstance(content, bytes):
            (folder / name).write_bytes(content)
        else:
            (folder / name).write_text(content, encoding="utf-8")


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """A course of its own: every lesson released, every student submits every lesson, one
    autograde batch, feedback, grades."""
    build = tmp_path_factory.mktemp("pipeline-build")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("QUALKIT_BUILD", str(build))
        sys.path.insert(0, str(REPO / "autograde"))
        import course as module

        api = module.course_api()
        with contextlib.redirect_stdout(io.StringIO()):
            assert module.release(api, list(LESSONS)) == 0
        for lesson in LESSONS:
            released = build / "release" / lesson / f"{lesson}.ipynb"
            for student, edit in students(lesson).items():
                nb = nbformat.read(released, as_version=4)
                edit(nb, lesson)
                folder = build / "submitted" / student / lesson
                folder.mkdir(parents=True)
                nbformat.write(nb, folder / f"{lesson}.ipynb")
                hand_in(folder, getattr(case(lesson), "files", lambda student: {})(student))
                (folder / "timestamp.txt").write_text("2026-01-01 00:00:00.000000 UTC")
        printed = io.StringIO()
        start = time.perf_counter()
        with contextlib.redirect_stdout(printed):
            # Two workers: grading one submission waits on its kernel about half the time (one
            # worker kept about half a core busy); tests/test_course.py runs the one-process path.
            status = module.autograde(api, list(LESSONS), workers=2)
            elapsed = time.perf_counter() - start
            mark_written_answers(api, list(LESSONS))
            module.feedback(api, list(LESSONS), workers=2)
            module.grades(api, list(LESSONS), build / "grades.csv")
    n = sum(len(students(lesson)) for lesson in LESSONS)
    print(f"\nautograde: {n} submissions in {elapsed:.1f} s ({elapsed / n:.1f} s each)")
    with (build / "grades.csv").open(encoding="utf-8") as handle:
        rows = {(r["lesson"], r["student_id"]): r for r in csv.DictReader(handle)}
    return {"build": build, "grades": rows, "log": printed.getvalue(), "status": status}


def mark_written_answers(api, lessons) -> None:
    """A grader marks every written answer, as in Formgrader: feedback waits for that (the
    harness judges only what machines grade, so each gets 0)."""
    with api.gradebook as gradebook:
        for lesson in lessons:
            for submission in gradebook.assignment_submissions(lesson):
                for notebook in submission.notebooks:
                    for grade in notebook.grades:
                        if grade.needs_manual_grade:
                            grade.manual_score, grade.needs_manual_grade = 0, False
        gradebook.db.commit()


def test_every_submission_was_graded(graded):
    assert graded["status"] == 0, graded["log"]


def auto(graded, lesson, student) -> float:
    return float(graded["grades"][(lesson, student)]["auto_score"])


def feedback_html(graded, lesson, student) -> str:
    path = graded["build"] / "feedback" / student / lesson / f"{lesson}.html"
    return path.read_text(encoding="utf-8")


def autograded(graded, lesson, student):
    path = graded["build"] / "autograded" / student / lesson / f"{lesson}.ipynb"
    return nbformat.read(path, as_version=4)


def test_every_lesson_has_a_case():
    for lesson in LESSONS:
        assert (CASES / lesson / "case.py").exists(), f"add tests/lessons/{lesson}/case.py"


@pytest.mark.parametrize("lesson", LESSONS)
def test_solution_gets_every_autograded_point(graded, lesson):
    row = graded["grades"][(lesson, "solution")]
    assert auto(graded, lesson, "solution") == case(lesson).AUTO_POINTS, row
    assert float(row["max_score"]) == case(lesson).TOTAL_POINTS


@pytest.mark.parametrize("lesson", LESSONS)
def test_blank_release_scores_zero_without_a_grader_error(graded, lesson):
    assert auto(graded, lesson, "blank") == 0
    assert not graded["grades"][(lesson, "blank")]["status"].startswith("autograde failed")


@pytest.mark.parametrize("lesson", LESSONS)
def test_partly_right_gets_partial_credit_and_says_what_to_revisit(graded, lesson):
    facts = case(lesson)
    assert 0 < facts.PARTIAL_AUTO < facts.AUTO_POINTS, "a partial case must be partial"
    # grades.csv rounds to two decimals
    assert auto(graded, lesson, "partial") == pytest.approx(facts.PARTIAL_AUTO, abs=0.005)
    html = feedback_html(graded, lesson, "partial")
    for phrase in facts.PARTIAL_FEEDBACK:
        assert phrase in html, f"{lesson}: partial feedback should say {phrase!r}"
    said = "".join(  # what the tests said: the messages a student reads in feedback
        str(o.get("text", "")) + str(o.get("evalue", ""))
        for c in autograded(graded, lesson, "partial").cells
        if is_test(c)
        for o in c.outputs
    )
    for phrase in getattr(facts, "NOT_IN_FEEDBACK", ()):
        assert phrase not in said, f"{lesson}: a test message gives the answer away: {phrase!r}"


@pytest.mark.parametrize("student", HOSTILE)
@pytest.mark.parametrize("lesson", LESSONS)
def test_hostile_submission_scores_no_more_than_blank(graded, lesson, student):
    row = graded["grades"][(lesson, student)]
    assert not row["status"].startswith("autograde failed"), f"{student} broke the grader"
    assert auto(graded, lesson, student) <= auto(graded, lesson, "blank"), row
    assert float(row["max_score"]) == case(lesson).TOTAL_POINTS, "points were changed"


@pytest.mark.parametrize("lesson", LESSONS)
def test_lessons_own_hostile_students_score_no_more_than_blank(graded, lesson):
    """Students a lesson adds (lesson 03: a coding file rewritten at grading time, a coding
    file that is a link to the key) earn nothing their honest work would not."""
    for student in getattr(case(lesson), "STUDENTS", {}):
        row = graded["grades"][(lesson, student)]
        assert not row["status"].startswith("autograde failed"), f"{student} broke the grader"
        assert auto(graded, lesson, student) <= auto(graded, lesson, "blank"), (student, row)


@pytest.mark.parametrize("lesson", LESSONS)
def test_reader_was_refused_not_lost(graded, lesson):
    """The reading student really looked where the course keeps its files, and was refused."""
    nb = autograded(graded, lesson, "h-reader")
    text = "".join(
        o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
    )
    report = text.split("reader: ", 1)[1].splitlines()[0]  # not the lesson's later output
    assert "READ" not in report, report
    assert f"refused {REPO / 'lessons' / lesson}" in report, report
    for what in ("key", "gradebook", "other students", "write qualkit", "chdir up"):
        assert f"refused {what}" in report, report


@pytest.mark.parametrize("lesson", LESSONS)
def test_feedback_carries_no_hidden_test_solution_or_rubric(graded, lesson):
    cells = source(lesson).cells
    release = graded["build"] / "release" / lesson / f"{lesson}.ipynb"
    # The release's cell sources as the student reads them (the file's JSON escapes quotes).
    released = "\n".join(c.source for c in nbformat.read(release, as_version=4).cells)
    hidden, scheme = lines_of(HIDDEN, cells), lines_of(SCHEME, cells)
    answers = lines_of(SOLUTION, [c for c in cells if c.cell_type == "code"])
    # Lines the release also shows (an import, say) give nothing away.
    hidden, answers = ([x for x in xs if x not in released] for xs in (hidden, answers))
    hidden = [x for x in hidden if x not in answers]  # a right answer may repeat a hidden line
    for student in students(lesson):
        html = feedback_html(graded, lesson, student)
        assert "HIDDEN TESTS" not in html and "MARK SCHEME" not in html, student
        text = unescape(re.sub(r"<[^>]+>", "", html))  # code is split into highlight spans
        for line in hidden + scheme:
            assert line not in text, f"{lesson} {student}: {line!r} in feedback"
        if student not in ("solution", "partial"):
            for line in answers:
                assert line not in text, f"{lesson} {student}: solution line {line!r} in feedback"


@pytest.mark.parametrize("lesson", LESSONS)
def test_nothing_a_student_runs_warns_or_floods_the_page(graded, lesson):
    """The solution, run as grading runs it (stderr folded into stdout), prints no warning,
    and no cell prints more than a screenful."""
    for cell in autograded(graded, lesson, "solution").cells:
        if cell.cell_type != "code":
            continue
        for output in cell.outputs:
            text = str(output.get("text", "")) + str(output.get("data", {}).get("text/plain", ""))
            assert "Warning" not in text, f"{lesson} {cell.id}: {text[:300]}"
            assert text.count("\n") <= 60, f"{lesson} {cell.id}: {text.count(chr(10))} lines"


@pytest.mark.parametrize("lesson", LESSONS)
def test_graders_see_full_tests_and_rubrics(graded, lesson):
    """The autograded copy (what Formgrader shows) holds the instructor's test cells again."""
    nb = autograded(graded, lesson, "solution")
    tests = {c.id: c.source for c in source(lesson).cells if is_test(c)}
    kept = {c.metadata["nbgrader"]["grade_id"]: c.source for c in nb.cells if is_test(c)}
    assert kept == tests


def generate_corpus(seed: int, out: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            str(REPO / "datasets" / "generator" / "generate.py"),
            "--seed",
            str(seed),
            "--out",
            str(out),
        ],
        check=True,
        capture_output=True,
    )


def test_every_lesson_passes_its_tests_on_a_second_seed(course, tmp_path, monkeypatch):
    """Lessons compute from the data: on another seed's corpus, each source passes every test
    (hidden ones included), so no number in a lesson is tied to the default corpus."""
    from nbgrader.validator import Validator

    generate_corpus(SECOND_SEED, tmp_path)
    monkeypatch.setenv("QUALKIT_CORPUS", str(tmp_path / "corpus"))
    monkeypatch.setenv("QUALKIT_KEY", str(tmp_path / "key"))
    default = (REPO / "datasets" / "corpus" / "turns.csv").read_bytes()
    assert (tmp_path / "corpus" / "turns.csv").read_bytes() != default, "seed gave same corpus"
    scratch = shutil.ignore_patterns(
        "*.codings.json", "*.chart.json", "*.qdpx", "*.qdc", ".ipynb_checkpoints"
    )
    for lesson in LESSONS:
        # A copy: what the lesson writes beside itself stays out of the checkout.
        folder = shutil.copytree(REPO / "lessons" / lesson, tmp_path / lesson, ignore=scratch)
        start = time.perf_counter()
        results = Validator(config=course.api.config).validate(str(folder / f"{lesson}.ipynb"))
        print(f"\n{lesson} on seed {SECOND_SEED}: {time.perf_counter() - start:.1f} s")
        failed = [c.get("raw_error", "")[-300:] for c in results.get("failed", [])]
        assert results == {}, f"{lesson} on seed {SECOND_SEED}: {failed or results}"
    assert os.environ["QUALKIT_CORPUS"] == str(tmp_path / "corpus")
