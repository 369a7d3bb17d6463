"""Grades for a learning management system: one file Canvas and Moodle both import as it is.

``course.py grades`` writes three files beside the gradebook:

- ``grades.csv``: one row per lesson and student, with an honest status (course.py);
- ``nbgrader-grades.csv``: nbgrader's own CSV export (its ``CsvExportPlugin``);
- ``lms-grades.csv``: one row per student, the columns of Canvas's gradebook export
  (``Student, ID, SIS User ID, SIS Login ID, Section``), one points column per lesson, and
  ``Notes`` with each lesson's status. Canvas matches rows by its login id (the hub user name
  nbgrader knows students by) and imports the Notes column; in Moodle's "Import from CSV" the
  ``SIS Login ID`` column maps to the user name and each lesson column to its grade item. A
  lesson that is not fully graded (waiting for a grader, or failed) is left empty, never 0:
  an import must not record a zero the student did not earn.
"""

from __future__ import annotations

import csv
from pathlib import Path

LMS_FIXED = ("Student", "ID", "SIS User ID", "SIS Login ID", "Section")


def lms_rows(rows: list[dict], lessons: list[str], names: dict[str, str]) -> list[dict]:
    """One row per student from course.py's per-lesson rows.

    >>> rows = [{"lesson": "00", "student_id": "ana", "score": 9.0, "status": "graded"},
    ...         {"lesson": "01", "student_id": "ana", "status": "autograde failed: x"}]
    >>> row = lms_rows(rows, ["00", "01"], {"ana": "Ana Diaz"})[0]
    >>> row["Student"], row["SIS Login ID"], row["00"], row["01"]
    ('Ana Diaz', 'ana', '9', '')
    >>> row["Notes"]
    '00: graded; 01: autograde failed: x'
    """
    by_student: dict[str, dict] = {}
    for row in rows:
        by_student.setdefault(row["student_id"], {})[row["lesson"]] = row
    result = []
    for student in sorted(by_student):
        entry = dict.fromkeys(LMS_FIXED, "")
        entry.update({"Student": names.get(student) or student, "SIS Login ID": student})
        notes = []
        for lesson in lessons:
            row = by_student[student].get(lesson)
            status = row["status"] if row else "not submitted"
            entry[lesson] = f"{float(row['score']):g}" if row and status == "graded" else ""
            notes.append(f"{lesson}: {status}")
        entry["Notes"] = "; ".join(notes)
        result.append(entry)
    return result


def write_csv(path: Path, rows: list[dict], columns) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, list(columns), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def write_lms(api, rows: list[dict], lessons: list[str], out: Path) -> None:
    """The Canvas and Moodle file, students' names taken from the gradebook when it has them."""
    with api.gradebook as gradebook:
        names = {
            s.id: " ".join(p for p in (s.first_name, s.last_name) if p) for s in gradebook.students
        }
    write_csv(out, lms_rows(rows, lessons, names), [*LMS_FIXED, *lessons, "Notes"])


def write_nbgrader_csv(api, out: Path) -> None:
    """nbgrader's own CSV export, as ``nbgrader export`` writes it."""
    from nbgrader.plugins import CsvExportPlugin

    plugin = CsvExportPlugin(parent=api, to=str(out))
    with api.gradebook as gradebook:
        plugin.export(gradebook)
