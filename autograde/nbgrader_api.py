"""nbgrader's Python API on this course's configuration: the one way every course step reaches it.

Below the course commands (course.py), the batch's grading workers (batch.py) and the
practice groups' roster (practice_groups.py), which all open the same gradebook and exchange.
Importing it also quiets what nbgrader says that no instructor can act on.
"""

from __future__ import annotations

import functools
import logging
import os
import sys
import warnings
from pathlib import Path

import nbgrader.api
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
# nbgrader runs `alembic` from PATH when it creates a gradebook: use this environment's.
os.environ["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"
# ... in a subprocess, seconds each time, to learn its migrations' head: a constant of the
# installed nbgrader, asked once per process (the suite's workers create dozens of gradebooks).
nbgrader.api.get_alembic_version = functools.cache(nbgrader.api.get_alembic_version)


def course_api() -> NbGraderAPI:
    """nbgrader's API, configured from this folder's nbgrader_config.py."""
    config = PyFileConfigLoader("nbgrader_config.py", path=str(HERE)).load_config()
    # The API probes the exchange as it starts; a missing one is logged as a critical error.
    Path(config.Exchange.root).mkdir(parents=True, exist_ok=True)
    api = NbGraderAPI(coursedir=CourseDirectory(config=config), config=config)
    api.log.setLevel(logging.ERROR)
    return api
