"""Hostile submissions for every lesson, graded through `make autograde WORKERS=2` in one batch
with good submissions mixed in.

Every lesson in ``lessons/`` is attacked the same way (a new lesson needs nothing here; the
students who attack the grading process or the sandbox rather than the lesson, runaways,
crashes, floods, readers of the key, writers to others' files, whose stop is the same
everywhere, play the first one only): the
students below edit its released notebook, or its submission folder, and the course grades them
all at once as an instructor would, in sandboxed kernels (sandbox.py). Then, for every lesson:

- the batch completed, and the good submissions kept every autograded point;
- each hostile submission is graded fairly (no more than the blank release) or flagged with a
  reason in ``grades.csv``;
- nothing outside a kernel's working copy changed: other students' files, the collected files
  the trusted step grades from, the course; no network connection arrived;
- the grade exports (nbgrader's CSV, the Canvas/Moodle file) say the same.
"""

from __future__ import annotations

import csv
import json
import os
import socket
import subprocess
import sys
import threading
from pathlib import Path

import nbformat
import pytest
from test_lesson_pipeline import (
    LIAR,
    answer_names,
    case,
    first_code_answer,
    hand_in,
    is_test,
    meta,
    student_solution,
)

from conftest import LESSONS, REPO

pytestmark = [
    pytest.mark.hostile,
    pytest.mark.xdist_group("hostile"),  # its own worker: it grades with two processes anyway
    pytest.mark.skipif(os.geteuid() != 0, reason="the grading sandbox drops rights: needs root"),
]

sys.path.insert(0, str(REPO / "autograde"))
import batch  # noqa: E402
import grading_kernels  # noqa: E402
import sandbox  # noqa: E402


def answer_code(code: str):
    """A student whose first answer cell runs ``code`` (everything else as released)."""

    def edit(nb, lesson, folder):
        first_code_answer(nb).source = code

    return edit


def solution_then(code: str):
    """A student with every answer right, who also runs ``code`` in the first answer cell."""

    def edit(nb, lesson, folder):
        student_solution(nb, lesson)
        cell = first_code_answer(nb)
        cell.source = cell.source + "\n" + code

    return edit


def reorder(nb, lesson, folder):
    nb.cells = nb.cells[::-1]


def regrade(nb, lesson, folder):
    """Tests renamed and worth more, an answer made a test, a markdown answer turned code."""
    for cell in nb.cells:
        if is_test(cell):
            meta(cell)["grade_id"] += "_mine"
            meta(cell)["points"] = 100
        elif meta(cell).get("solution") and cell.cell_type == "markdown":
            cell.cell_type, cell.outputs, cell.execution_count = "code", [], None
    meta(first_code_answer(nb)).update(grade=True, points=100)


def syntax_error(nb, lesson, folder):
    for cell in nb.cells:
        if meta(cell).get("solution") and cell.cell_type == "code":
            cell.source = "def broken(:\n    return"


def patcher(nb, lesson, folder):
    first_code_answer(nb).source = LIAR.format(names=answer_names(lesson)) + PATCHER


def huge_file(nb, lesson, folder):
    student_solution(nb, lesson)
    with (folder / "recording.wav").open("wb") as handle:
        handle.truncate(60 * 2**20)  # sparse: 60 MB to nbgrader, nothing on the test's disk


# Patches what a test could lean on, from the student's kernel (the tests run elsewhere).
PATCHER = """
import builtins, IPython.display, qualkit
builtins.print = lambda *a, **k: None
IPython.display.display = lambda *a, **k: None
for _module in (qualkit,):
    for _name in dir(_module):
        if not _name.startswith("_") and callable(getattr(_module, _name)):
            setattr(_module, _name, lambda *a, **k: True)
builtins.AssertionError = type("AssertionError", (Exception,), {})
"""
# Swallows every interrupt. It waits, where h-loop spins a core: the interrupt it ignores is what
# is tested, and spinning only took a core from the rest of the suite for the whole timeout.
SWALLOW = """
import time
while True:
    try:
        while True:
            time.sleep(0.1)
    except KeyboardInterrupt:
        pass
"""
FORK_BOMB = "import os\nwhile True:\n    os.fork()\n"
# Lines for the instructor's terminal, every way a kernel can write them, then a flood (10 MB).
STDERR = """
import os, sys
print("STDERR-MARK-sys", file=sys.stderr, flush=True)
os.write(2, b"STDERR-MARK-fd\\n")
sys.__stderr__.write("STDERR-MARK-dunder\\n")
sys.__stderr__.flush()
for _ in range(100):
    os.write(2, b"STDERR-FLOOD " * 8_000)
"""
KEY = """
import json, os, qualkit
from pathlib import Path
print("uid", os.getuid())
for attempt in (lambda: __import__("qualkit.key").key.load_key(),
                lambda: json.loads(Path({key!r}).read_text())):
    try:
        print("KEY", str(attempt())[:40])
    except Exception as error:
        print("no key:", type(error).__name__)
"""
REWRITE = """
from pathlib import Path
for target in [Path("team-notes.json"), Path({other!r}), Path({collected!r})]:
    try:
        target.write_text("[]")
        print("rewrote", target)
    except Exception as error:
        print("refused", target, type(error).__name__)
"""
NETWORK = """
import socket
for address in [("127.0.0.1", {port}), ("localhost", {port})]:
    try:
        socket.create_connection(address, timeout=3).sendall(b"stolen")
        print("connected", address)
    except Exception as error:
        print("no network:", type(error).__name__)
"""

STUDENTS = {
    "good-solution": lambda nb, lesson, folder: student_solution(nb, lesson),
    "good-blank": lambda nb, lesson, folder: None,
    "h-reorder": reorder,
    "h-regrade": regrade,
    "h-loop": answer_code("while True:\n    pass\n"),
    "h-swallow": answer_code(SWALLOW),
    "h-exit": answer_code("import os\nos._exit(1)\n"),
    "h-segfault": answer_code("import ctypes\nctypes.string_at(0)\n"),
    "h-memory": answer_code("blob = bytearray(16 * 2**30)\n"),
    "h-fork-bomb": answer_code(FORK_BOMB),
    "h-output": answer_code("for _ in range(200):\n    print('x' * 50_000)\n"),
    "h-stderr": answer_code(STDERR),
    "h-syntax": syntax_error,
    "h-patcher": patcher,
    "h-key": None,
    "h-rewrite": None,
    "h-network": None,
    "h-huge-file": huge_file,
    # Folders a notebook cannot describe: written by `submit` below.
    "h-invalid-json": None,
    "h-missing": None,
    "h-renamed": None,
}
GOOD = ("good-solution", "good-blank")
FAIR = ("h-huge-file",)  # right answers beside a huge file: full marks, and named in the report
# The runaway students wait out a cell timeout (and a fork bomb its kill) wherever they play,
# spinning a core: in every lesson they were two thirds of this batch's time. What stops them
# (the cell timeout, the interrupt, the sandbox's limits) is the same for every lesson, and so is
# what meets a kernel that dies, floods its output or its stderr, asks for memory, reads the key,
# rewrites a classmate's file, dials out or cannot be parsed: they play one lesson, beside that
# lesson's good students. The students who attack a lesson's own cells and tests (reorder,
# regrade, patch), the folders a notebook cannot describe (no kernel runs) and the right answers
# beside a huge file (a later lesson's answers need her earlier lessons' files) play every lesson.
RUNAWAY = ("h-loop", "h-swallow", "h-fork-bomb")
SANDBOXED = ("h-key", "h-rewrite", "h-network", "h-syntax")
ONE_LESSON = (*RUNAWAY, "h-exit", "h-segfault", "h-memory", "h-output", "h-stderr", *SANDBOXED)
# The first lesson: the batch grades lesson by lesson, so the runaways' timeouts pass while the
# other worker grades the rest (played last, they ended the batch alone, a worker idle).
ONE_LESSON_PLAYED = LESSONS[0]
# The lesson pipeline (test_lesson_pipeline.py) plays a tamperer, a deleter, a duplicator, an
# input transformer and a reader of the course's files in every lesson, and holds them to more
# than this suite would (graded, never failed; the reader's own report of what was refused).


def students(lesson: str) -> list[str]:
    """Who hands in ``lesson`` in this batch."""
    return [s for s in STUDENTS if s not in ONE_LESSON or lesson == ONE_LESSON_PLAYED]


SUBMISSIONS = [(lesson, student) for lesson in LESSONS for student in students(lesson)]


class Listener:
    """A TCP server on loopback that records whether anything connected."""

    def __init__(self):
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        self.connections = 0
        self.server.settimeout(0.5)
        self.running = True
        self.thread = threading.Thread(target=self.serve, daemon=True)
        self.thread.start()

    def serve(self):
        while self.running:
            try:
                connection, _ = self.server.accept()
                self.connections += 1
                connection.close()
            except TimeoutError:
                continue

    def close(self):
        self.running = False
        self.thread.join()
        self.server.close()


def submit(build: Path, lesson: str, student: str, listener: Listener) -> None:
    released = build / "release" / lesson / f"{lesson}.ipynb"
    folder = build / "submitted" / student / lesson
    folder.mkdir(parents=True)
    (folder / "timestamp.txt").write_text("2026-01-01 00:00:00.000000 UTC")
    # A file of hers beside the notebook (not a coding file: lessons 04-08 carry exactly one).
    (folder / "team-notes.json").write_text('[{"mine": true}]')
    name = f"{lesson}.ipynb"
    if student == "h-invalid-json":
        (folder / name).write_text('{"cells": [ this is not JSON', encoding="utf-8")
        return
    if student == "h-missing":
        return
    nb = nbformat.read(released, as_version=4)
    if student == "h-renamed":
        student_solution(nb, lesson)
        nbformat.write(nb, folder / f"my-{lesson}.ipynb")
        return
    other = build / "submitted" / "good-solution" / lesson / "team-notes.json"
    codes = {
        "h-key": KEY.format(key=str(REPO / "datasets" / "key" / "key.json")),
        "h-rewrite": REWRITE.format(other=str(other), collected=str(folder / "team-notes.json")),
        "h-network": NETWORK.format(port=listener.port),
    }
    if student in codes:
        first_code_answer(nb).source = codes[student]
    else:
        STUDENTS[student](nb, lesson, folder)
    nbformat.write(nb, folder / name)
    if student in ("good-solution", "h-huge-file", *FAIR):  # right answers: the lesson's files too
        hand_in(folder, getattr(case(lesson), "files", lambda student: {})("solution"))


# The course's cell timeout (a good submission whose cell outlasted it, on a loaded machine, is
# named by test_good_submissions_keep_full_marks), and a shorter wait for an interrupt ignored
# (10 s in the course): the same kill, sooner.
CELL_TIMEOUT = 30
INTERRUPT_GRACE = 3


def course_env(build: Path) -> dict[str, str]:
    """The environment `make autograde` runs in: this build, a temporary folder of this run's
    own for kernels' socket folders (checked below), and the test's cell timeout."""
    (build.parent / "tmp").mkdir(exist_ok=True)
    config = build.parent / "grading_config.py"
    config.write_text(
        "c = get_config()  # noqa: F821\n"
        f"c.Execute.timeout = {CELL_TIMEOUT}\n"
        f"c.SandboxedExecute.interrupt_grace = {INTERRUPT_GRACE}\n"
    )
    return {
        **os.environ,
        "QUALKIT_BUILD": str(build),
        "TMPDIR": str(build.parent / "tmp"),
        "QUALKIT_GRADING_CONFIG": str(config),
    }


def run_make(build: Path, *args: str) -> subprocess.CompletedProcess:
    env = course_env(build)
    return subprocess.run(
        # The environment is the one running this test: make must not rebuild it.
        ["make", "-s", "--no-print-directory", "-o", ".venv/.installed", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=1500,
    )


def read_csv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    build = tmp_path_factory.mktemp("hostile") / "build"
    build.mkdir()
    listener = Listener()
    try:
        env = {**os.environ, "QUALKIT_BUILD": str(build)}
        subprocess.run(
            [sys.executable, str(REPO / "autograde" / "course.py"), "release"],
            env=env, check=True, capture_output=True,
        )  # fmt: skip
        for lesson, student in SUBMISSIONS:
            submit(build, lesson, student, listener)
        course_files = snapshot(REPO / "lessons") | snapshot(REPO / "datasets" / "key")
        collected = snapshot(build / "submitted")
        graded = run_make(build, "autograde", "WORKERS=2")
        grades = run_make(build, "grades")
    finally:
        listener.close()
    print(graded.stdout[-3000:])
    return {
        "build": build,
        "autograde": graded,
        "grades": {(r["lesson"], r["student_id"]): r for r in read_csv(build / "grades.csv")},
        "grades_run": grades,
        "connections": listener.connections,
        "course_files_before": course_files,
        "collected_before": collected,
    }


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` with its content (sparse huge files by size only)."""
    files = {}
    for path in sorted(root.rglob("*")):
        if path.is_file():
            big = path.stat().st_size > batch.LARGE_FILE
            files[str(path)] = str(path.stat().st_size).encode() if big else path.read_bytes()
    return files


def timed_out(graded, lesson, student) -> list[str]:
    """Cells of a graded submission that nbgrader stopped at the cell timeout."""
    path = graded["build"] / "autograded" / student / lesson / f"{lesson}.ipynb"
    if not path.exists():
        status = graded["grades"][(lesson, student)]["status"]
        pytest.fail(f"{lesson} {student} has no graded notebook; grades.csv says: {status}")
    nb = json.loads(path.read_text(encoding="utf-8"))
    return [
        cell.get("id", "?")
        for cell in nb["cells"]
        for output in cell.get("outputs", [])
        if output.get("ename") == "CellTimeoutError"
    ]


def auto(graded, lesson, student) -> float:
    return float(graded["grades"][(lesson, student)]["auto_score"] or 0)


def test_the_batch_completes_with_a_summary(graded):
    out = graded["autograde"].stdout
    total = len(SUBMISSIONS)
    assert f"[{total}/{total}," in out, out[-2000:]
    assert "needs manual grading" in out and "status" in out
    assert graded["grades_run"].returncode == 0, graded["grades_run"].stderr
    assert len(graded["grades"]) == total


@pytest.mark.parametrize("lesson", LESSONS)
def test_good_submissions_keep_full_marks(graded, lesson):
    for student in (*GOOD, *FAIR):
        slow = timed_out(graded, lesson, student)
        assert not slow, f"{lesson} {student}: {slow} ran past CELL_TIMEOUT ({CELL_TIMEOUT} s)"
    row = graded["grades"][(lesson, "good-solution")]
    assert auto(graded, lesson, "good-solution") == case(lesson).AUTO_POINTS, row
    assert auto(graded, lesson, "good-blank") == 0
    for student in GOOD:
        assert not graded["grades"][(lesson, student)]["status"].startswith("autograde failed")


@pytest.mark.parametrize(
    ("lesson", "student"), [pair for pair in SUBMISSIONS if pair[1] not in GOOD + FAIR]
)
def test_hostile_is_graded_fairly_or_flagged_with_a_reason(graded, lesson, student):
    row = graded["grades"][(lesson, student)]
    if row["status"].startswith("autograde failed"):
        reason = row["status"].removeprefix("autograde failed:").split("; not a real 0")[0]
        assert len(reason.strip()) > 5 and "see the autograde log" not in reason, row
        assert row["score"] == "", "a failed submission has no score, not a 0"
    else:
        assert auto(graded, lesson, student) <= auto(graded, lesson, "good-blank"), row
        assert float(row["max_score"]) == case(lesson).TOTAL_POINTS, "points were changed"


def test_a_runaway_loop_is_stopped_at_the_cell_timeout(graded):
    """The loop's cell ends in nbgrader's timeout error, and grading goes on (a kernel that
    took longer than INTERRUPT_GRACE to answer the interrupt is killed instead: flagged)."""
    row = graded["grades"][(ONE_LESSON_PLAYED, "h-loop")]
    if not row["status"].startswith("autograde failed"):
        assert timed_out(graded, ONE_LESSON_PLAYED, "h-loop"), row


@pytest.mark.parametrize("lesson", LESSONS)
def test_folders_a_notebook_cannot_describe_are_flagged(graded, lesson):
    rows = graded["grades"]
    assert "missing" in rows[(lesson, "h-missing")]["note"]
    renamed = rows[(lesson, "h-renamed")]
    assert f"found my-{lesson}.ipynb instead" in renamed["note"], renamed
    huge = rows[(lesson, "h-huge-file")]
    assert "recording.wav is 60 MB" in huge["note"], huge
    assert auto(graded, lesson, "h-huge-file") == case(lesson).AUTO_POINTS, huge
    invalid = rows[(lesson, "h-invalid-json")]
    assert invalid["status"].startswith("autograde failed") or "JSON" in invalid["note"], invalid


def test_no_submission_changed_the_course_other_students_or_collected_files(graded):
    build = graded["build"]
    assert (
        snapshot(REPO / "lessons") | snapshot(REPO / "datasets" / "key")
        == graded["course_files_before"]
    )
    assert snapshot(build / "submitted") == graded["collected_before"]


def test_the_key_and_the_network_were_out_of_reach(graded):
    lesson = ONE_LESSON_PLAYED
    assert graded["connections"] == 0
    for student, word in (("h-key", "KEY "), ("h-rewrite", "rewrote team-notes.json\n")):
        path = graded["build"] / "autograded" / student / lesson / f"{lesson}.ipynb"
        nb = json.loads(path.read_text(encoding="utf-8"))
        printed = "".join(
            "".join(o.get("text", "")) for c in nb["cells"] for o in c.get("outputs", [])
        )
        if student == "h-key":
            assert "no key:" in printed and word not in printed, printed
            uid = int(printed.split("uid ", 1)[1].split()[0])
            assert uid > sandbox.FIRST_UID, "the kernel ran as the grading sandbox's user"
        else:
            assert "refused" in printed, printed


def test_exports_agree_with_the_grade_report(graded):
    build = graded["build"]
    lms = {r["SIS Login ID"]: r for r in read_csv(build / "lms-grades.csv")}
    nbgrader_rows = read_csv(build / "nbgrader-grades.csv")
    assert {r["student_id"] for r in nbgrader_rows} >= set(GOOD)
    for (lesson, student), row in graded["grades"].items():
        exported = lms[student][lesson]
        if row["status"] == "graded":
            assert float(exported) == float(row["score"])
        else:
            assert exported == "", "only finished grades go to the LMS"
        assert f"{lesson}: {row['status']}" in lms[student]["Notes"]


def test_an_interrupted_run_resumes_without_regrading(graded, tmp_path):
    """The same build graded again: nothing is regraded, and a resubmission is. One lesson, as
    `make autograde` runs it for a lesson, one the runaways did not play (their failed
    submissions would be graded again, and fail again, for a minute, proving nothing more)."""
    build = graded["build"]
    lesson = LESSONS[-1]
    stamp = build / "submitted" / "good-blank" / lesson / "timestamp.txt"
    stamp.write_text("2026-01-02 00:00:00.000000 UTC")
    again = subprocess.run(
        [sys.executable, str(REPO / "autograde" / "course.py"), "autograde", lesson,
         "--workers", "2"],
        cwd=REPO, env=course_env(build), capture_output=True, text=True, timeout=1500,
    )  # fmt: skip
    lines = [line for line in again.stdout.splitlines() if line.startswith("autograde ")]
    regraded = [line for line in lines if "[" in line]
    failed = [
        student
        for (at, student), row in graded["grades"].items()
        if at == lesson and row["status"].startswith("autograde f")
    ]
    assert len(regraded) == 1 + len(failed), again.stdout  # the resubmission, the failed ones
    assert any(f"autograde {lesson} good-blank:" in line for line in regraded)
    assert "already graded (resumed" in again.stdout


def test_no_kernel_socket_folder_is_left_behind(graded):
    left = list((graded["build"].parent / "tmp").glob("qualkit-kernel-*"))
    assert not left, f"kernel socket folders left behind: {left}"


def test_a_kernels_stderr_reaches_its_log_not_the_graders_terminal_nor_the_grades(graded):
    """What a submission writes to stderr (through sys.stderr, the original stream, file
    descriptor 2, and a flood) is its kernel's log, out of the kernel's reach and bounded; the
    instructor's terminal (the grader's stdout and stderr) and the grades show none of it."""
    run = graded["autograde"]
    for mark in ("STDERR-MARK", "STDERR-FLOOD"):
        assert mark not in run.stderr and mark not in run.stdout, mark
        assert mark not in graded["grades_run"].stdout + graded["grades_run"].stderr
        for name in ("grades.csv", "lms-grades.csv", "nbgrader-grades.csv"):
            assert mark not in (graded["build"] / name).read_text(encoding="utf-8"), name
    lesson = ONE_LESSON_PLAYED
    logs = graded["build"] / "kernel-logs" / "h-stderr" / lesson
    assert [p.name for p in logs.iterdir()] == [f"{lesson}.stderr.log"]
    log = (logs / f"{lesson}.stderr.log").read_bytes()
    assert b"STDERR-MARK-fd" in log and b"STDERR-MARK-dunder" in log, log[:500]
    assert b"STDERR-FLOOD" in log and grading_kernels.TRUNCATED in log
    assert len(log) <= grading_kernels.STDERR_LIMIT + len(grading_kernels.TRUNCATED)
