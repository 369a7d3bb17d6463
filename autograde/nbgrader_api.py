"""nbgrader's Python API on this course's configuration: the one way every course step reaches it.

Below the course commands (course.py), the batch's grading workers (batch.py) and the
practice groups' roster (practice_groups.py), which all open the same gradebook and exchange.
Importing it also quiets what nbgrader says that no instructor can act on, and pays two of
nbgrader's own costs once rather than each time (the schema check, alembic's head).
"""

from __future__ import annotations

import functools
import logging
import os
import sys
import types
import warnings
from pathlib import Path

import jsonschema
import nbgrader.api
import nbgrader.nbgraderformat.common
from nbformat.warnings import MissingIDFieldWarning
from nbgrader.apps import NbGraderAPI
from nbgrader.coursedir import CourseDirectory
from sqlalchemy.exc import SAWarning
from traitlets.config.loader import PyFileConfigLoader

HERE = Path(__file__).resolve().parent
# nbgrader's gradebook code warns about its own relationships when a resubmission is regraded:
# nothing an instructor can act on, so it stays out of the report.
warnings.filterwarnings("ignore", category=SAWarning)
# nbgrader restores a test cell a student deleted without a cell id (add_missing_cells); the
# cell is back and graded, the warning tells the instructor nothing.
warnings.filterwarnings("ignore", category=MissingIDFieldWarning)
# nbgrader runs `alembic` from PATH to migrate an older gradebook: use this environment's.
os.environ["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"


@functools.cache  # a constant of the installed nbgrader (the suite creates dozens of gradebooks)
def _alembic_head() -> str:
    """The head of nbgrader's migrations, which a new gradebook records: what ``alembic heads``
    reports, read in this process (0.2 CPU-seconds). nbgrader runs that command in a
    subprocess each time, which imports it all again: 3 CPU-seconds per gradebook made."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory
    from nbgrader.dbutil import _temp_alembic_ini

    with _temp_alembic_ini("sqlite://") as ini:
        return ScriptDirectory.from_config(Config(ini)).get_current_head()


nbgrader.api.get_alembic_version = _alembic_head


def _validate(instance, schema) -> None:
    """``jsonschema.validate`` for nbgrader's cell metadata, its schema checked once.

    jsonschema checks the schema itself against its metaschema on every call, and nbgrader
    calls it for every cell of every notebook it releases, validates or grades: a fifth of the
    grading process's own CPU time per submission (measured on 27 submissions). nbgrader's
    schema does not change; each cell still gets what ``jsonschema.validate`` gives (its
    best-matching error raised)."""
    if id(schema) not in _CHECKED:
        cls = jsonschema.validators.validator_for(schema)
        cls.check_schema(schema)
        _CHECKED[id(schema)] = (schema, cls(schema))  # the schema held: its id stays its own
    error = jsonschema.exceptions.best_match(_CHECKED[id(schema)][1].iter_errors(instance))
    if error is not None:
        raise error


_CHECKED: dict[int, tuple[dict, object]] = {}  # id(schema) -> (schema, its validator)
nbgrader.nbgraderformat.common.jsonschema = types.SimpleNamespace(validate=_validate)


def course_api() -> NbGraderAPI:
    """nbgrader's API, configured from this folder's nbgrader_config.py."""
    config = PyFileConfigLoader("nbgrader_config.py", path=str(HERE)).load_config()
    # The API probes the exchange as it starts; a missing one is logged as a critical error.
    Path(config.Exchange.root).mkdir(parents=True, exist_ok=True)
    api = NbGraderAPI(coursedir=CourseDirectory(config=config), config=config)
    api.log.setLevel(logging.ERROR)
    return api
