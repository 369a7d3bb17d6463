"""Grades back to the school's LMS over LTI 1.3 Assignment and Grade Services (AGS).

After ``make feedback``: one line item per lesson in the LMS gradebook (found again by its
resource id, the lesson's folder name, or made), and a score for each submission that is
fully graded, exactly as grades.csv has it (two decimals, out of the lesson's points). A
submission waiting for a grader, or whose autograding failed, gets nothing: its LMS cell
stays empty, never 0, and the report says why (as lms-grades.csv's Notes do). So does a
student the LMS does not know (no LMS id in the gradebook: ``make lms-roster`` first).

    python autograde/lms_grades.py [LESSON ...] [--dry-run]    (make lms-grades [DRY_RUN=1])

``--dry-run`` prints every line item and score it would post, and contacts nothing.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from datetime import UTC, datetime

from lms import LmsError, LmsLink, connector, load_link, services

LINEITEM_SCOPES = (
    "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem",
    "https://purl.imsglobal.org/spec/lti-ags/scope/score",
)


@dataclass(frozen=True)
class Score:
    """One score to post: the AGS score object's fields."""

    lesson: str
    student: str
    lms_user_id: str
    score_given: float
    score_maximum: float


@dataclass(frozen=True)
class Plan:
    """What would be posted, and what is left empty with its reason."""

    lessons: dict  # lesson -> its points (the line item's maximum)
    scores: tuple[Score, ...]
    left_empty: tuple[str, ...]  # "lesson student: why"


def plan(rows: list[dict], lms_ids: dict[str, str], maxima: dict[str, float]) -> Plan:
    """From grades.csv's rows (course.grade_rows) and the gradebook's LMS ids.

    >>> rows = [{"lesson": "00", "student_id": "ana", "score": 9.5, "max_score": 10.0,
    ...          "status": "graded"},
    ...         {"lesson": "00", "student_id": "bea", "score": 2.0, "max_score": 10.0,
    ...          "status": "needs manual grading"},
    ...         {"lesson": "00", "student_id": "cleo", "score": 4.0, "max_score": 10.0,
    ...          "status": "graded"}]
    >>> p = plan(rows, {"ana": "u1", "bea": "u2"}, {"00": 10.0})
    >>> [(s.student, s.lms_user_id, s.score_given) for s in p.scores]
    [('ana', 'u1', 9.5)]
    >>> p.left_empty[0]
    '00 bea: needs manual grading'
    >>> p.left_empty[1]
    '00 cleo: no LMS id (make lms-roster; she may not be in the LMS course)'
    """
    scores, empty = [], []
    for row in rows:
        lesson, student = row["lesson"], row["student_id"]
        if row["status"] != "graded":
            empty.append(f"{lesson} {student}: {row['status']}")
        elif not lms_ids.get(student):
            empty.append(
                f"{lesson} {student}: no LMS id (make lms-roster; she may not be in the LMS course)"
            )
        else:
            scores.append(
                Score(
                    lesson, student, lms_ids[student], float(row["score"]), float(row["max_score"])
                )
            )
    lessons = {s.lesson: maxima[s.lesson] for s in scores}
    return Plan(lessons, tuple(scores), tuple(empty))


def describe(p: Plan) -> list[str]:
    lines = [f"line item {lesson}: {points:g} points" for lesson, points in p.lessons.items()]
    lines += [
        f"score {s.lesson} {s.student} (LMS user {s.lms_user_id}): "
        f"{s.score_given:g} / {s.score_maximum:g}"
        for s in p.scores
    ]
    lines += [f"left empty {line}" for line in p.left_empty]
    return lines


def post(p: Plan, link: LmsLink) -> None:
    """Find or make each lesson's line item, then post its scores (pylti1p3's AGS client)."""
    from pylti1p3.assignments_grades import AssignmentsGradesService
    from pylti1p3.exception import LtiException
    from pylti1p3.grade import Grade
    from pylti1p3.lineitem import LineItem

    addresses = services(link)
    if not addresses.get("lineitems_url"):
        raise LmsError(
            "the LMS offers no grade service for this course (no AGS claim at "
            "launch): turn on its Assignment and Grade Services for the tool"
        )
    ags = AssignmentsGradesService(
        connector(link),
        {
            "scope": list(addresses.get("ags_scopes") or LINEITEM_SCOPES),
            "lineitems": addresses["lineitems_url"],
        },
    )
    now = datetime.now(UTC).isoformat(timespec="milliseconds")
    try:
        items = {
            lesson: ags.find_or_create_lineitem(
                LineItem()
                .set_label(lesson)
                .set_resource_id(lesson)
                .set_tag("qualkit")
                .set_score_maximum(points),
                find_by="resource_id",
            )
            for lesson, points in p.lessons.items()
        }
        for s in p.scores:
            grade = (
                Grade()
                .set_user_id(s.lms_user_id)
                .set_score_given(s.score_given)
                .set_score_maximum(s.score_maximum)
                .set_timestamp(now)
                .set_activity_progress("Completed")
                .set_grading_progress("FullyGraded")
            )
            ags.put_grade(grade, items[s.lesson])
    except (LtiException, OSError) as error:
        raise LmsError(f"the LMS's grade service refused: {error}") from error


def lesson_plan(api, names: list[str]) -> Plan:
    from course import grade_rows

    rows = grade_rows(api, names)
    with api.gradebook as gradebook:
        lms_ids = {s.id: s.lms_user_id for s in gradebook.students}
        graded = {row["lesson"] for row in rows if row["status"] == "graded"}
        maxima = {name: gradebook.find_assignment(name).max_score for name in graded}
    return plan(rows, lms_ids, maxima)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("lessons", nargs="*", help="lesson folders (default: all)")
    parser.add_argument("--dry-run", action="store_true", help="print, post nothing")
    args = parser.parse_args(argv)
    from course import lessons
    from nbgrader_api import course_api

    api = course_api()
    p = lesson_plan(api, lessons(api, args.lessons))
    verb = "would post" if args.dry_run else "posting"
    for line in describe(p):
        print(f"lms-grades: {line}" if line.startswith("left") else f"lms-grades: {verb} {line}")
    if args.dry_run:
        print(f"lms-grades: dry run, nothing posted ({len(p.scores)} score(s) ready)")
        return 0
    try:
        post(p, load_link())
    except LmsError as error:
        print(f"lms-grades: {error}", file=sys.stderr)
        return 1
    print(f"lms-grades: {len(p.scores)} score(s) posted; {len(p.left_empty)} left empty")
    return 0


if __name__ == "__main__":
    sys.exit(main())
