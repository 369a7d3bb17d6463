"""Prepare ``make student``: JupyterLab as a student of the course sees it, on this machine.

Usage: python tools/student_view.py DIR
Writes DIR/config/, a Jupyter configuration that switches off Formgrader, Create Assignment and
the course list, as on a student hub, and whose nbgrader settings are the student's: the
course's validation settings, the course id, and the course's exchange (``make publish`` puts
lessons there), so that *Nbgrader > Assignment List* fetches, submits and fetches feedback as
on a hub. DIR/work/ is the student's folder (empty until a lesson is fetched; never touched
again: it holds the student's work), DIR/cache/ nbgrader's record of what was submitted.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from traitlets.config.loader import PyFileConfigLoader

REPO = Path(__file__).resolve().parents[1]
AUTOGRADE = REPO / "autograde"
INSTRUCTOR_LAB_PLUGINS = (
    "@jupyter/nbgrader:formgrader",
    "@jupyter/nbgrader:create-assignment",
    "@jupyter/nbgrader:course-list",
)
INSTRUCTOR_SERVER_EXTENSIONS = (
    "nbgrader.server_extensions.formgrader",
    "nbgrader.server_extensions.course_list",
)


def student_nbgrader_config(course_id: str, exchange: str, cache: Path) -> str:
    """The student's nbgrader_config.py: Validate as autograde judges, the course's exchange."""
    return (
        '"""nbgrader settings of the student view, written by tools/student_view.py."""\n\n'
        "c = get_config()  # noqa: F821\n"
        f"load_subconfig({str(AUTOGRADE / 'validate_config.py')!r})  # noqa: F821\n"
        f"c.CourseDirectory.course_id = {course_id!r}\n"
        f"c.Exchange.root = {exchange!r}\n"
        f"c.Exchange.cache = {str(cache)!r}\n"
    )


def main(target: Path) -> None:
    course = PyFileConfigLoader("nbgrader_config.py", path=str(AUTOGRADE)).load_config()
    exchange = Path(course.Exchange.root)
    exchange.mkdir(parents=True, exist_ok=True)  # as `make publish` would; empty until then
    work, config, cache = target / "work", target / "config", target / "cache"
    for folder in (work, config / "labconfig", cache):
        folder.mkdir(parents=True, exist_ok=True)
    (config / "labconfig" / "page_config.json").write_text(
        json.dumps({"disabledExtensions": dict.fromkeys(INSTRUCTOR_LAB_PLUGINS, True)}, indent=2)
    )
    (config / "nbgrader_config.py").write_text(
        student_nbgrader_config(course.CourseDirectory.course_id, str(exchange), cache)
    )
    (config / "jupyter_server_config.json").write_text(
        json.dumps(
            {
                "ServerApp": {
                    "jpserver_extensions": dict.fromkeys(INSTRUCTOR_SERVER_EXTENSIONS, False)
                }
            },
            indent=2,
        )
    )
    print(f"student view: {work} (exchange {exchange}); fetch lessons from Assignment List")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
