"""Costs of nbgrader's own that the course pays once, not each time, without changing what
nbgrader decides or records (both in nbgrader_api.py): its metadata schema checked once, not
once per cell, and its migrations' head read once per process, not asked of alembic in a
subprocess for each new gradebook."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import jsonschema
import nbformat
import nbgrader.api
from nbgrader.dbutil import _temp_alembic_ini
from nbgrader.nbgraderformat.v3 import MetadataValidatorV3

from conftest import REPO

sys.path.insert(0, str(REPO / "autograde"))
import nbgrader_api  # noqa: F401  (what it changes, it changes as it is imported)

GOOD = {"schema_version": 3, "grade": True, "locked": True, "solution": False,
        "grade_id": "test_1_1", "points": 2}  # fmt: skip
CELLS = [
    GOOD,
    {**GOOD, "points": "1000"},  # a string where a number goes
    {**GOOD, "points": -5},  # below the minimum
    {**GOOD, "grade_id": "no spaces allowed"},
    {**GOOD, "grade": "yes"},
    {k: v for k, v in GOOD.items() if k != "locked"},  # a required key gone
    {**GOOD, "checksum": "short"},
    {**GOOD, "cell_type": "widget", "points": "x"},  # two errors: the best match is raised
]


def outcome(check) -> str | None:
    try:
        check()
    except jsonschema.ValidationError as error:
        return f"{error.message} at {list(error.absolute_path)}"
    return None


def test_each_cell_passes_or_fails_as_nbgrader_has_it():
    validator = MetadataValidatorV3()
    expected = [outcome(lambda m=m: jsonschema.validate(m, validator.schema)) for m in CELLS]
    cells = [nbformat.v4.new_code_cell("pass", metadata={"nbgrader": m}) for m in CELLS]
    got = [outcome(lambda c=c: validator.validate_cell(c)) for c in cells]
    assert got == expected
    assert got[0] is None and all(got[1:]), got  # the good cell passes, every bad one fails


def test_every_new_gradebook_records_alembic_s_head(tmp_path):
    """Two gradebooks made in one process record the head that ``alembic heads`` reports, run
    as nbgrader runs it."""
    with _temp_alembic_ini("sqlite://") as ini:
        alembic = Path(sys.executable).with_name("alembic")
        said = subprocess.run([alembic, "-c", ini, "heads"], capture_output=True, text=True)
    head = said.stdout.split("\n")[0].split(" ")[0]
    recorded = []
    for name in ("one", "two"):
        with nbgrader.api.Gradebook(f"sqlite:///{tmp_path / name}.db") as gradebook:
            recorded += gradebook.db.execute(nbgrader.api.text("SELECT * FROM alembic_version"))
    assert [row[0] for row in recorded] == [head, head] and len(head) > 6
