"""Course operations for instructors: release, autograde, feedback, grades.

    python autograde/course.py release   [LESSON ...]   student versions (default: every lesson)
    python autograde/course.py publish   [LESSON ...]   release, then put it in the exchange
    python autograde/course.py autograde [LESSON ...]   collect from the exchange, then grade
    python autograde/course.py feedback  [LESSON ...]   feedback for fully graded submissions,
                                                        released to the exchange
    python autograde/course.py grades    [--out FILE]   one CSV row per lesson and student

The Makefile's targets of the same names call this. It
drives nbgrader through its own Python API, in one process, with the course configuration in
``autograde/nbgrader_config.py`` (each ``nbgrader`` command line would pay seconds of start-up).

What nbgrader leaves quiet is said loudly here: a submission that could not be graded (its
kernel died, say) makes ``autograde`` exit 1 and name the student, and ``grades`` marks it
"autograde failed" instead of letting a silent 0 stand in the gradebook; and ``feedback`` holds
back a submission whose written answers no grader has marked yet, naming it, rather than show
the student a 0 for them (feedback_gate.py).
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from pathlib import Path

import batch
import export
import sandbox
from feedback_gate import held_back_message, ungraded_answers
from nbgrader.api import MissingEntry
from nbgrader.apps import NbGraderAPI
from nbgrader.utils import capture_log, temp_attrs
from nbgrader_api import course_api


def lessons(api: NbGraderAPI, wanted: list[str]) -> list[str]:
    """Lesson folders in the source directory, or the ones asked for (checked)."""
    source = Path(api.coursedir.root) / api.coursedir.source_directory
    available = sorted(p.name for p in source.iterdir() if p.is_dir() and any(p.glob("*.ipynb")))
    unknown = [name for name in wanted if name not in available]
    if unknown:
        raise SystemExit(f"no lesson {unknown[0]!r} in {source}; lessons: {', '.join(available)}")
    return wanted or available


def release(api: NbGraderAPI, names: list[str]) -> int:
    for name in names:
        result = api.generate_assignment(name, force=True, create=True)
        if not result["success"]:
            print(f"release {name}: FAILED\n{result.get('log', '')}\n{result.get('error', '')}")
            return 1
        released = api.coursedir.format_path(api.coursedir.release_directory, ".", name)
        # Coding files and REFI-QDA exports saved beside a source notebook (the instructor's own
        # runs of the coding tool, or a solution that writes them) are not course material: never
        # release them, nor the coding tool's journal and lock beside them.
        for pattern in (
            "*.codings.json",
            ".*.codings.json.journal",
            ".*.codings.json.lock",
            "*.qdpx",
        ):
            for saved in Path(released).rglob(pattern):
                saved.unlink()
        print(f"release {name}: {Path(released)}")
    return 0


def submitted_students(api: NbGraderAPI, lesson: str) -> list[str]:
    root = Path(api.coursedir.submitted_directory)
    return sorted(p.parent.name for p in root.glob(f"*/{lesson}") if p.is_dir())


def publish(api: NbGraderAPI, names: list[str]) -> int:
    """Release each lesson, then put it in the exchange, where students fetch it."""
    if release(api, names):
        return 1
    for name in names:
        # force: publishing an edited lesson again replaces the old release
        result = _exchange_app(api, "ReleaseAssignment", force=True, assignment_id=name)
        if not result["success"]:
            print(f"publish {name}: FAILED\n{result.get('log', '')}\n{result.get('error', '')}")
            return 1
        print(f"publish {name}: in the exchange ({api.config.Exchange.root})")
    print("Students fetch it from Nbgrader > Assignment List; submissions arrive in the exchange.")
    return publish_practice_groups(api)


def publish_practice_groups(api: NbGraderAPI) -> int:
    """A practice group for each student, the course's default: the course secret made when
    missing (practice_groups.py says where), then each gradebook student's group published.
    The shared groups only when the course opted out, said loudly: their key is public."""
    import practice_groups  # the generator: only when publishing

    if practice_groups.shared_groups_chosen():
        print(practice_groups.SHARED_WARNING)
        return 0
    path, made = practice_groups.ensure_secret()
    print(f"practice groups: {'made a new' if made else 'using the'} course secret {path} "
          "(mode 600, the grader's only; keep it all term: a new one gives everyone new groups)")  # fmt: skip
    with api.gradebook as gradebook:
        students = sorted(s.id for s in gradebook.students)
    if students:
        return practice_groups.publish(students)
    print("practice groups: no students in the gradebook yet; add them (Formgrader > Manage "
          'Students) and publish again, or run make practice-groups STUDENTS="..." before '
          "they code")  # fmt: skip
    return 0


def _exchange_app(api: NbGraderAPI, app: str, force: bool = False, **coursedir) -> dict:
    """Run one of nbgrader's exchange apps as NbGraderAPI does, with its result dict.

    (NbGraderAPI.release_feedback misspells ``authenticator``, which warns; release_assignment
    cannot force.)
    """
    with temp_attrs(api.coursedir, **coursedir):
        runner = getattr(api.exchange, app)(
            coursedir=api.coursedir, authenticator=api.authenticator, parent=api
        )
        runner.force = force
        return capture_log(runner)


def collect(api: NbGraderAPI, name: str) -> None:
    """Copy the newest submission of each student from the exchange into submitted/."""
    inbound = Path(api.config.Exchange.root) / api.coursedir.course_id / "inbound"
    if not inbound.is_dir():
        print(f"collect {name}: nothing in the exchange yet ({inbound}; make publish first)")
        return
    before = {s: _timestamp(api, name, s) for s in submitted_students(api, name)}
    result = api.collect(name)
    if not result["success"]:
        raise SystemExit(f"collect {name}: FAILED\n{result.get('log', '')}")
    new = [s for s in submitted_students(api, name) if _timestamp(api, name, s) != before.get(s)]
    print(f"collect {name}: {len(new)} new submission(s) from the exchange")


def _timestamp(api: NbGraderAPI, name: str, student: str) -> str:
    path = Path(api.coursedir.format_path(api.coursedir.submitted_directory, student, name))
    stamp = path / "timestamp.txt"
    return stamp.read_text().strip() if stamp.exists() else ""


def autograde(api: NbGraderAPI, names: list[str], workers: int = 1, force: bool = False) -> int:
    """Collect, then grade every submission in ``workers`` processes (batch.py): one line each
    with progress, and a summary an instructor reads. Submissions graded by an interrupted
    earlier run are not graded again unless ``force``."""
    import practice_groups

    if practice_groups.shared_groups_chosen():
        print(practice_groups.SHARED_WARNING)
    jobs = []
    for name in names:
        collect(api, name)
        students = submitted_students(api, name)
        jobs += [(name, student) for student in students]
        if not students:
            print(f"autograde {name}: no submissions in {api.coursedir.submitted_directory}")
    outcomes, resumed = batch.run(api, jobs, workers=workers, force=force)
    failures = [o for o in outcomes if o.status == "failed"]
    waiting = [f"{o.student} ({o.lesson})" for o in outcomes if o.status == "needs manual grading"]
    graded = len(outcomes) - len(failures)
    print(batch.summary(outcomes, len(resumed)))
    if outcomes:
        print(sandbox.status())
    print(
        f"\nautograde: {graded} autograded ({graded - len(waiting)} fully graded, "
        f"{len(waiting)} await a grader), {len(failures)} failed."
    )
    if waiting:
        print(f"Grade the written answers in Formgrader: {', '.join(waiting)}.")
    if failures:
        listed = ", ".join(f"{o.student} ({o.lesson})" for o in failures)
        print(f"{len(failures)} submission(s) could not be graded: {listed}.")
        print("Their score is NOT zero: open the notebook, fix or grade it by hand, re-run.")
        return 1
    return 0


def feedback(api: NbGraderAPI, names: list[str], workers: int = 1) -> int:
    """Feedback for each fully graded submission, released to the exchange for its student, in
    ``workers`` processes (a page takes a third of a second: minutes for a large class).

    A submission with a written answer no grader has marked yet is held back and named: its
    feedback would show that answer as 0 (feedback_gate.py refuses it in Formgrader too).
    """
    plan = []  # each lesson's students: ready, and held back with what they wait for
    for name in names:
        ready, held = [], []
        with api.gradebook as gradebook:
            for student in submitted_students(api, name):
                try:
                    waiting = ungraded_answers(gradebook, name, student)
                except MissingEntry:  # not autograded: `grades` reports it
                    continue
                (held.append((student, waiting)) if waiting else ready.append(student))
        plan.append((name, ready, held))
    jobs = [(name, student) for name, ready, _ in plan for student in ready]
    with contextlib.closing(batch.each(_release_feedback, jobs, api, workers)) as results:
        return _report_feedback(plan, results)


def _report_feedback(plan: list, results) -> int:
    """Each lesson's feedback as it comes, then what was held back."""
    status = 0
    for name, ready, held in plan:
        for student in ready:
            result = next(results)
            print(f"feedback {name} {student}: {'released' if result['success'] else 'FAILED'}")
            if not result["success"]:
                print(result.get("error") or result.get("log"))
                status = 1
        for student, waiting in held:
            print(held_back_message(name, student, waiting))
        if held:
            print(f"feedback {name}: {len(held)} held back until their answers are graded.")
    return status


def _release_feedback(job: tuple[str, str]) -> dict:
    """One submission's feedback, made and released (in a worker of ``batch.each``)."""
    name, student = job
    api = batch.worker_api()
    result = api.generate_feedback(name, student, force=True)
    if result["success"]:
        result = _exchange_app(api, "ReleaseFeedback", assignment_id=name, student_id=student)
    return result


GRADE_COLUMNS = (
    "lesson",
    "student_id",
    "timestamp",
    "score",
    "max_score",
    "auto_score",
    "manual_score",
    "status",
    "note",  # what the autograder flagged: a missing notebook, a very large file
)


def grade_rows(api: NbGraderAPI, names: list[str]) -> list[dict]:
    """One row per lesson and student who submitted, with an honest status."""
    rows, journal = [], batch.journal(api)
    with api.gradebook as gradebook:
        for name in names:
            for student in submitted_students(api, name):
                try:
                    submission = gradebook.find_submission(name, student)
                except MissingEntry:  # never autograded, or its autograding failed
                    submission = None
                autograded = Path(
                    api.coursedir.format_path(api.coursedir.autograded_directory, student, name)
                )
                entry = journal.get((name, student), {})
                if submission is None or not autograded.exists() or entry.get("status") == "failed":
                    why = entry.get("reason") or "see the autograde log"
                    status = f"autograde failed: {why}; not a real 0, grade by hand"
                    note = entry.get("note", "")
                    rows.append(
                        {"lesson": name, "student_id": student, "status": status, "note": note}
                    )
                    continue
                status = "needs manual grading" if submission.needs_manual_grade else "graded"
                grades = [g for n in submission.notebooks for g in n.grades]
                rows.append(
                    {
                        "lesson": name,
                        "student_id": student,
                        "timestamp": submission.timestamp,
                        # Two decimals: partial credit is a fraction (21.520833… points).
                        "score": round(submission.score, 2),
                        "max_score": round(submission.max_score, 2),
                        "auto_score": round(sum(g.auto_score or 0 for g in grades), 2),
                        "manual_score": round(sum(g.manual_score or 0 for g in grades), 2),
                        "status": status,
                        "note": entry.get("note", ""),
                    }
                )
    return rows


def grades(api: NbGraderAPI, names: list[str], out: Path) -> int:
    """grades.csv, and beside it nbgrader's own CSV and the Canvas/Moodle file (export.py)."""
    rows = grade_rows(api, names)
    export.write_csv(out, rows, GRADE_COLUMNS)
    export.write_nbgrader_csv(api, out.with_name("nbgrader-grades.csv"))
    export.write_lms(api, rows, names, out.with_name("lms-grades.csv"))
    failed = sum(row["status"].startswith("autograde failed") for row in rows)
    print(
        f"grades: {len(rows)} row(s) written to {out}"
        + (f"; {failed} need attention" if failed else "")
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "command", choices=("release", "publish", "autograde", "feedback", "grades")
    )
    parser.add_argument("lessons", nargs="*", help="lesson folders (default: all)")
    parser.add_argument("--out", type=Path, help="grades CSV (default: build/grades.csv)")
    parser.add_argument(
        "--workers", type=int, default=1, help="autograde, feedback: worker processes"
    )
    parser.add_argument("--force", action="store_true", help="autograde: regrade everything")
    args = parser.parse_args(argv)
    api = course_api()
    names = lessons(api, args.lessons)
    if args.command == "release":
        return release(api, names)
    if args.command == "publish":
        return publish(api, names)
    if args.command == "autograde":
        return autograde(api, names, workers=max(1, args.workers), force=args.force)
    if args.command == "feedback":
        return feedback(api, names, workers=max(1, args.workers))
    out = args.out or Path(api.coursedir.submitted_directory).parent / "grades.csv"
    return grades(api, names, out)


if __name__ == "__main__":
    sys.exit(main())
