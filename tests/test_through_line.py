"""One study, carried through the course (issue 26): one student's files flow from lesson to
lesson through the real nbgrader pipeline, and what she handed in earlier is what a later
lesson grades.

Each lesson is a :class:`Stage`, in course order. A stage says, per student, what she hands in
for that lesson (``hand_in``: edits to the released notebook and files in her home folder, made
with the same qualkit calls her notebook makes), and what must hold once the lesson is graded
(``check``). For every stage in turn the test releases the lesson, lets every student work in
her own home folder (``home/<student>/<lesson>/``, as nbgrader fetches lessons side by side),
hands the folders in as nbgrader collects them, autogrades, marks the written answers, writes
feedback and fetches each student's feedback into her lesson folder, where the next lessons
find it.

Students: ``ada`` codes her practice group one way (coding A) and works on it; ``bea`` codes it
another way (coding B) and works on hers; ``cy`` codes it as bea does but hands in, from lesson
04 on, answers computed on ada's coding: each later lesson must score her lower than bea,
whose answers fit her own files.

To add lesson NN: write ``hand_in_NN(student, folder, home)`` and ``check_NN(run)`` and append
``Stage("NN-slug", hand_in_NN, check_NN)`` to ``STAGES``.
"""

from __future__ import annotations

import contextlib
import io
import re
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import nbformat
import pytest

import qualkit
from qualkit.codings import Codings, write_codings
from qualkit.key import load_key
from qualkit.own_study import bring_coding
from qualkit.second_coder import bring_second_coding

from conftest import REPO

pytestmark = [pytest.mark.pipeline, pytest.mark.xdist_group("nbgrader")]

SOLUTION = re.compile(r"[ \t]*### BEGIN SOLUTION\n(.*?)[ \t]*### END SOLUTION\n?", re.S)
STUDENTS = ("ada", "bea", "cy")
ANSWERS_FROM = {"ada": "ada", "bea": "bea", "cy": "ada"}  # whose files her answers fit


# --- the study: one practice group, two codings of it -----------------------------------------

_corpus = qualkit.load_corpus()
SESSION = min(
    (s for s in _corpus.sessions if s.split == "practice"), key=lambda s: s.order
).session_id
_key = [c for c in load_key().codings if c.session_id == SESSION and c.code in _corpus.codebook]
_busy = sorted({c.code for c in _key}, key=lambda k: (-sum(c.code == k for c in _key), k))
_unused = next(k for k in _corpus.codebook.names if k not in {c.code for c in _key})


def coding(student: str) -> Codings:
    """Coding A (ada): the key without its rarest code, plus a code it never uses on four turns.
    Coding B (bea, cy): the key without its busiest code."""
    if student == "ada":
        turns = sorted({c.turn for c in _key})[:4]
        kept = [c for c in _key if c.code != _busy[-1]]
        added = [qualkit.Coding(SESSION, t, _unused, "key") for t in turns]
        chosen = kept + added
    else:
        chosen = [c for c in _key if c.code != _busy[0]]
    return Codings(tuple(replace(c, coder=student, start=None, end=None) for c in chosen))


# --- stages -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Stage:
    lesson: str
    hand_in: Callable[[str, Path, Path], None]  # (student, her lesson folder, her home)
    check: Callable[[dict], None]  # run: {"auto": {(lesson, student): {grade id: score}}, ...}


def notebook(folder: Path) -> tuple[Path, nbformat.NotebookNode]:
    path = folder / f"{folder.name}.ipynb"
    return path, nbformat.read(path, as_version=4)


def solution_cells(lesson: str) -> dict[str, str]:
    """The source's answer cells with the solution regions kept (markers removed)."""
    source = nbformat.read(REPO / "lessons" / lesson / f"{lesson}.ipynb", as_version=4)
    return {
        c.id: SOLUTION.sub(lambda m: m.group(1), c.source)
        for c in source.cells
        if c.cell_type == "code" and c.metadata.get("nbgrader", {}).get("solution")
    }


def hand_in_03(student: str, folder: Path, home: Path) -> None:
    path, nb = notebook(folder)
    for cell in nb.cells:
        if cell.get("id") == "answer_3_2":
            cell.source = f"answer_3_2 = {{'coder': {student!r}, 'session': {SESSION!r}}}\n"
    nbformat.write(nb, path)
    write_codings(folder / f"{student}.codings.json", coding(student))


def check_03(run: dict) -> None:
    for student in STUDENTS:
        feedback = run["home"] / student / "03-codebook-and-coding" / "feedback"
        assert list(feedback.glob("*/03-codebook-and-coding.html")), f"{student}: no 03 feedback"
    # Coding A and coding B are graded as what they are: different accuracy.
    auto = run["auto"]
    assert auto["03-codebook-and-coding", "ada"] != auto["03-codebook-and-coding", "bea"]


def answers_04(folder: Path) -> dict[str, object]:
    """4.1 and 4.2 computed, with qualkit, on the files in a lesson-04 folder: what a student
    whose notebook reads those files gets."""
    mine, second = bring_coding(folder), bring_second_coding(folder)
    pair = [c for c in (*mine.codings, *second.codings) if c.code in _corpus.codebook]
    units = [(SESSION, t.turn) for t in _corpus.transcript(SESSION).turns]
    turns_of: dict[str, set[int]] = {}
    for c in pair:
        turns_of.setdefault(c.code, set()).add(c.turn)
    codes = sorted(turns_of)
    tables = {}
    for code in sorted(codes, key=lambda k: (-len(turns_of[k]), k))[:3]:
        t = qualkit.two_by_two(pair, units, (mine.coder, "key"), code)
        p_o, y1, y2 = (t.a + t.d) / t.n, (t.a + t.b) / t.n, (t.a + t.c) / t.n
        p_e = y1 * y2 + (1 - y1) * (1 - y2)
        tables[code] = {"p_o": p_o, "p_e": p_e, "kappa": (p_o - p_e) / (1 - p_e)}
    per_code = {}
    for code in codes:
        yours = [
            t in {c.turn for c in pair if c.coder == mine.coder and c.code == code}
            for _, t in units
        ]
        theirs = [
            t in {c.turn for c in pair if c.coder == "key" and c.code == code} for _, t in units
        ]
        s = qualkit.specific_agreement(yours, theirs)
        per_code[code] = {
            "kappa": qualkit.cohens_kappa(yours, theirs),
            "p_pos": s.positive,
            "p_neg": s.negative,
            "ac1": qualkit.gwet_ac1(yours, theirs, categories=[True, False]),
        }
    return {"answer_4_1": tables, "answer_4_2": per_code}


def hand_in_04(student: str, folder: Path, home: Path) -> None:
    # What the lesson's first cell does in her kernel: bring her 03 coding and the second coding
    # (from 03's feedback) into this folder; both are handed in with the lesson.
    bring_coding(folder)
    bring_second_coding(folder)
    path, nb = notebook(folder)
    solved = solution_cells("04-intercoder-agreement")
    source_of = ANSWERS_FROM[student]
    literal = None if source_of == student else answers_04(home.parent / source_of / folder.name)
    for cell in nb.cells:
        if cell.get("id") in ("answer_4_1", "answer_4_2"):
            if literal is None:  # computed in her kernel from her own files
                cell.source = solved[cell.id]
            else:  # typed in: numbers computed on someone else's coding
                cell.source = f"{cell.id} = {literal[cell.id]!r}\n".replace("nan", "float('nan')")
    nbformat.write(nb, path)


def check_04(run: dict) -> None:
    auto = {s: run["auto"]["04-intercoder-agreement", s] for s in STUDENTS}
    home = run["home"]
    own = {s: answers_04(home / s / "04-intercoder-agreement") for s in ("ada", "bea")}
    # Her 03 coding is what 04 grades: the expected answers change with it ...
    assert own["ada"] != own["bea"]
    # ... each student whose answers fit her own files gets every point on them ...
    items = ("test_answer_4_1_by_hand", "test_answer_4_2_values")
    full = {"test_answer_4_1_by_hand": 3, "test_answer_4_2_values": 2}
    for student in ("ada", "bea"):
        for item in items:
            assert auto[student][item] == full[item], (student, item, auto[student])
    # ... and answers computed on coding A, handed in with coding B, score less.
    for item in items:
        assert auto["cy"][item] < auto["bea"][item], (item, auto["cy"])


STAGES = [
    Stage("03-codebook-and-coding", hand_in_03, check_03),
    Stage("04-intercoder-agreement", hand_in_04, check_04),
]


# --- the pipeline -----------------------------------------------------------------------------


def mark_written_answers(api, lesson: str) -> None:
    with api.gradebook as gradebook:
        for submission in gradebook.assignment_submissions(lesson):
            for nb in submission.notebooks:
                for grade in nb.grades:
                    if grade.needs_manual_grade:
                        grade.manual_score, grade.needs_manual_grade = 0, False
        gradebook.db.commit()


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    build = tmp_path_factory.mktemp("through-line")
    home = build / "home"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("QUALKIT_BUILD", str(build))
        sys.path.insert(0, str(REPO / "autograde"))
        import course as module

        api = module.course_api()
        result = {"home": home, "auto": {}, "log": ""}
        for stage in STAGES:
            printed = io.StringIO()
            with contextlib.redirect_stdout(printed):
                assert module.release(api, [stage.lesson]) == 0
            released = build / "release" / stage.lesson
            for student in STUDENTS:
                folder = home / student / stage.lesson  # fetched: side by side in her home
                shutil.copytree(released, folder)
                stage.hand_in(student, folder, home / student)
                submitted = build / "submitted" / student / stage.lesson
                shutil.copytree(folder, submitted, ignore=shutil.ignore_patterns("feedback"))
                (submitted / "timestamp.txt").write_text("2026-01-01 00:00:00.000000 UTC")
            with contextlib.redirect_stdout(printed):
                assert module.autograde(api, [stage.lesson]) == 0, printed.getvalue()[-3000:]
                mark_written_answers(api, stage.lesson)
                module.feedback(api, [stage.lesson])
            result["log"] += printed.getvalue()
            with api.gradebook as gradebook:
                for student in STUDENTS:
                    submission = gradebook.find_submission(stage.lesson, student)
                    result["auto"][stage.lesson, student] = {
                        g.name: g.auto_score for n in submission.notebooks for g in n.grades
                    }
            for student in STUDENTS:  # what fetch_feedback puts in her lesson folder
                page = build / "feedback" / student / stage.lesson / f"{stage.lesson}.html"
                if page.exists():
                    fetched = home / student / stage.lesson / "feedback" / "2026-01-02 00:00:00"
                    fetched.mkdir(parents=True)
                    shutil.copy(page, fetched / page.name)
            stage.check(result)
    return result


def test_every_lesson_of_the_study_was_graded_and_checked(run):
    graded = {lesson for lesson, _ in run["auto"]}
    assert graded == {stage.lesson for stage in STAGES}
