"""Course operations for instructors: release, autograde, feedback, grades.

    python autograde/course.py release   [LESSON ...]   student versions (default: every lesson)
    python autograde/course.py autograde [LESSON ...]   every collected submission
    python autograde/course.py feedback  [LESSON ...]   HTML feedback for graded submissions
    python autograde/course.py grades    [--out FILE]   one CSV row per lesson and student

The Makefile's ``release``, ``autograde``, ``feedback`` and ``grades`` targets call this. It
drives nbgrader through its own Python API, in one process, with the course configuration in
``autograde/nbgrader_config.py`` (each ``nbgrader`` command line would pay seconds of start-up).

What nbgrader leaves quiet is said loudly here: a submission that could not be graded (its
kernel died, say) makes ``autograde`` exit 1 and name the student, and ``grades`` marks it
"autograde failed" instead of letting a silent 0 stand in the gradebook.
"""

from __future__ import annotations

import argparse
import csv
import logging
import os
import sys
from pathlib import Path

from nbgrader.api import MissingEntry
from nbgrader.apps import NbGraderAPI
from nbgrader.coursedir import CourseDirectory
from traitlets.config.loader import PyFileConfigLoader

HERE = Path(__file__).resolve().parent
# nbgrader runs `alembic` from PATH when it creates a gradebook: use this environment's.
os.environ["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"


def course_api() -> NbGraderAPI:
    """nbgrader's API, configured from this folder's nbgrader_config.py."""
    config = PyFileConfigLoader("nbgrader_config.py", path=str(HERE)).load_config()
    # The API probes the exchange as it starts; a missing one is logged as a critical error.
    Path(config.Exchange.root).mkdir(parents=True, exist_ok=True)
    api = NbGraderAPI(coursedir=CourseDirectory(config=config), config=config)
    api.log.setLevel(logging.ERROR)
    return api


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
        # Coding files saved beside a source notebook (the instructor's own runs of the coding
        # tool, or a solution that writes one) are not course material: never release them.
        for saved in Path(released).rglob("*.codings.json"):
            saved.unlink()
        print(f"release {name}: {Path(released)}")
    return 0


def submitted_students(api: NbGraderAPI, lesson: str) -> list[str]:
    root = Path(api.coursedir.submitted_directory)
    return sorted(p.parent.name for p in root.glob(f"*/{lesson}") if p.is_dir())


def autograde(api: NbGraderAPI, names: list[str]) -> int:
    failures = []
    for name in names:
        students = submitted_students(api, name)
        for student in students:
            result = api.autograde(name, student, force=True, create=True)
            if result["success"]:
                print(f"autograde {name} {student}: ok")
            else:
                # nbgrader removes the failed copy; without this line the gradebook shows 0.
                failures.append((name, student))
                reason = (result.get("error") or result.get("log") or "").strip().splitlines()
                print(f"autograde {name} {student}: FAILED ({reason[-1] if reason else 'no log'})")
        if not students:
            print(f"autograde {name}: no submissions in {api.coursedir.submitted_directory}")
    if failures:
        listed = ", ".join(f"{student} ({lesson})" for lesson, student in failures)
        print(f"\n{len(failures)} submission(s) could not be graded: {listed}.")
        print("Their score is NOT zero: open the notebook, fix or grade it by hand, re-run.")
        return 1
    return 0


def feedback(api: NbGraderAPI, names: list[str]) -> int:
    status = 0
    for name in names:
        result = api.generate_feedback(name, force=True)
        print(f"feedback {name}: {'ok' if result['success'] else 'FAILED'}")
        if not result["success"]:
            print(result.get("error") or result.get("log"))
            status = 1
    return status


GRADE_COLUMNS = (
    "lesson",
    "student_id",
    "timestamp",
    "score",
    "max_score",
    "auto_score",
    "manual_score",
    "status",
)


def grade_rows(api: NbGraderAPI, names: list[str]) -> list[dict]:
    """One row per lesson and student who submitted, with an honest status."""
    rows = []
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
                if submission is None or not autograded.exists():
                    status = "autograde failed: not a real 0, grade by hand"
                    rows.append({"lesson": name, "student_id": student, "status": status})
                    continue
                status = "needs manual grading" if submission.needs_manual_grade else "graded"
                rows.append(
                    {
                        "lesson": name,
                        "student_id": student,
                        "timestamp": submission.timestamp,
                        "score": submission.score,
                        "max_score": submission.max_score,
                        "auto_score": sum(
                            g.auto_score or 0 for n in submission.notebooks for g in n.grades
                        ),
                        "manual_score": sum(
                            g.manual_score or 0 for n in submission.notebooks for g in n.grades
                        ),
                        "status": status,
                    }
                )
    return rows


def grades(api: NbGraderAPI, names: list[str], out: Path) -> int:
    rows = grade_rows(api, names)
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, GRADE_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    failed = sum(row["status"].startswith("autograde failed") for row in rows)
    print(
        f"grades: {len(rows)} row(s) written to {out}"
        + (f"; {failed} need attention" if failed else "")
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=("release", "autograde", "feedback", "grades"))
    parser.add_argument("lessons", nargs="*", help="lesson folders (default: all)")
    parser.add_argument("--out", type=Path, help="grades CSV (default: build/grades.csv)")
    args = parser.parse_args(argv)
    api = course_api()
    names = lessons(api, args.lessons)
    if args.command == "release":
        return release(api, names)
    if args.command == "autograde":
        return autograde(api, names)
    if args.command == "feedback":
        return feedback(api, names)
    out = args.out or Path(api.coursedir.submitted_directory).parent / "grades.csv"
    return grades(api, names, out)


if __name__ == "__main__":
    sys.exit(main())
