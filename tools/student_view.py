"""Prepare ``make student``: the release as a student receives it, instructor tools off.

Usage: python tools/student_view.py DIR
Writes DIR/work/<lesson>/ (a copy of build/release/<lesson>, or $QUALKIT_BUILD/release, made once: a lesson already there
is the student's own work and is never overwritten) and DIR/config/, a Jupyter configuration
that switches off Formgrader, Create Assignment and the course list, as on a student hub,
with the course's validation settings as the student's nbgrader configuration.
"""

import json
import os
import shutil
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
INSTRUCTOR_LAB_PLUGINS = (
    "@jupyter/nbgrader:formgrader",
    "@jupyter/nbgrader:create-assignment",
    "@jupyter/nbgrader:course-list",
)
INSTRUCTOR_SERVER_EXTENSIONS = (
    "nbgrader.server_extensions.formgrader",
    "nbgrader.server_extensions.course_list",
)


def main(target: Path) -> None:
    release = Path(os.environ.get("QUALKIT_BUILD", REPO / "build")) / "release"
    work, config = target / "work", target / "config"
    work.mkdir(parents=True, exist_ok=True)
    for lesson in sorted(p for p in release.iterdir() if p.is_dir()):
        if not (work / lesson.name).exists():
            shutil.copytree(lesson, work / lesson.name)
            print(f"student copy of {lesson.name}: {work / lesson.name}")
    (config / "labconfig").mkdir(parents=True, exist_ok=True)
    (config / "labconfig" / "page_config.json").write_text(
        json.dumps({"disabledExtensions": dict.fromkeys(INSTRUCTOR_LAB_PLUGINS, True)}, indent=2)
    )
    # Validate must judge a notebook as autograding will (stderr warnings ignored, timeouts).
    shutil.copyfile(REPO / "autograde" / "validate_config.py", config / "nbgrader_config.py")
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


if __name__ == "__main__":
    main(Path(sys.argv[1]))
