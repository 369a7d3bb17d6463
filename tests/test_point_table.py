"""The course's point table, computed from the lesson sources (issue 26: "Grading that rewards
judgment"; /work/shared/LESSONS.md "Graded items").

Every graded cell of every lesson is classified in ``tests/lessons/graded_items.csv``, one row
per cell (lesson, grade id, kind):

- ``format``: a self-check of an answer's form (keys, types, a file is there);
- ``mechanical``: computing, calling a qualkit function, structure checks;
- ``judgment``: coding or charting against the key or by rubric, placements, de-identification,
  audits, writing.

The classification is a file rather than notebook metadata so that the whole course's weights
are reviewed in one place, and lesson authors editing notebooks do not trip over it; a new or
renamed graded cell fails ``test_every_graded_cell_is_classified`` until it has a row. The
points themselves are read from the sources' nbgrader metadata, never copied here.

Targets: format at most 5% of a lesson's points and of the course's, mechanical at most 15%,
judgment at least 80%.
"""

from __future__ import annotations

import csv

import nbformat
import pytest

from conftest import LESSONS, REPO

CLASSES = REPO / "tests" / "lessons" / "graded_items.csv"
KINDS = ("format", "mechanical", "judgment")
TARGETS = {"format": (None, 5.0), "mechanical": (None, 15.0), "judgment": (80.0, None)}


def classification() -> dict[tuple[str, str], str]:
    with CLASSES.open(encoding="utf-8") as handle:
        return {(r["lesson"], r["grade_id"]): r["kind"] for r in csv.DictReader(handle)}


def graded_cells(lesson: str) -> dict[str, float]:
    """grade id → points, for every graded cell of a lesson source."""
    nb = nbformat.read(REPO / "lessons" / lesson / f"{lesson}.ipynb", as_version=4)
    return {
        c.metadata["nbgrader"]["grade_id"]: float(c.metadata["nbgrader"].get("points", 0))
        for c in nb.cells
        if c.metadata.get("nbgrader", {}).get("grade")
    }


def point_table() -> dict[str, dict[str, float]]:
    """lesson (and "course") → points per kind."""
    kinds = classification()
    table = {}
    for lesson in LESSONS:
        row = dict.fromkeys(KINDS, 0.0)
        for grade_id, points in graded_cells(lesson).items():
            row[kinds[lesson, grade_id]] += points
        table[lesson] = row
    table["course"] = {k: sum(table[lesson][k] for lesson in LESSONS) for k in KINDS}
    return table


def share(row: dict[str, float], kind: str) -> float:
    return 100 * row[kind] / sum(row.values())


def render(table) -> str:
    head = f"{'lesson':<36}{'points':>7}" + "".join(f"{k:>17}" for k in KINDS)
    lines = [head]
    for name, row in table.items():
        cells = "".join(f"{row[k]:>9g} ({share(row, k):4.1f}%)" for k in KINDS)
        lines.append(f"{name:<36}{sum(row.values()):>7g}{cells}")
    return "\n".join(lines)


def misses(row) -> list[str]:
    found = []
    for kind, (low, high) in TARGETS.items():
        value = share(row, kind)
        if high is not None and value > high:
            found.append(f"{kind} {value:.1f}% > {high:g}%")
        if low is not None and value < low:
            found.append(f"{kind} {value:.1f}% < {low:g}%")
    return found


def test_every_graded_cell_is_classified():
    kinds = classification()
    cells = {(lesson, g) for lesson in LESSONS for g in graded_cells(lesson)}
    missing = sorted(cells - set(kinds))
    assert not missing, f"classify these graded cells in {CLASSES.name}: {missing}"
    stale = sorted(set(kinds) - cells)
    assert not stale, f"{CLASSES.name} lists cells no lesson grades: {stale}"
    wrong = sorted(key for key, kind in kinds.items() if kind not in KINDS)
    assert not wrong, f"kinds must be one of {KINDS}: {wrong}"


def test_only_format_self_checks_may_carry_no_points():
    kinds = classification()
    for lesson in LESSONS:
        for grade_id, points in graded_cells(lesson).items():
            if points == 0:
                assert kinds[lesson, grade_id] == "format", f"{lesson} {grade_id}: 0 points"


def test_the_point_table_prints():
    table = point_table()
    print("\n" + render(table))
    assert table["course"]["judgment"] > 0


# Before issue 26 the course was format 16.5 (4.9%), mechanical 74 (21.8%), judgment 249.5
# (73.4%) of 340 points; with lessons 00-08 rebuilt it is format 2.5 (0.7%), mechanical 39
# (10.3%), judgment 338.5 (89.1%) of 380.
# Lessons rebuilt to the weights: each must keep meeting them (add yours when it does).
MEETS = (
    "00-orientation",
    "01-qualitative-descriptive-design",
    "02-focus-group-data",
    "03-codebook-and-coding",
    "04-intercoder-agreement",
    "05-categories-themes-saturation",
    "06-comparing-support-models",
    "07-trustworthiness-and-reporting",
    "08-machine-assisted-coding",
)


@pytest.mark.parametrize("lesson", MEETS)
def test_a_rebuilt_lesson_meets_the_weights(lesson):
    table = point_table()
    assert not misses(table[lesson]), f"{lesson}: {misses(table[lesson])}\n{render(table)}"


def test_every_lesson_is_held_to_the_weights():
    assert set(MEETS) == set(LESSONS), f"not in MEETS: {sorted(set(LESSONS) - set(MEETS))}"


def test_the_course_meets_the_weights():
    table = point_table()
    found = {name: misses(row) for name, row in table.items() if misses(row)}
    assert not found, f"{found}\n{render(table)}"
