"""Prepare ``make student``: JupyterLab as a student of the course sees it, on this machine.

Usage: python tools/student_view.py DIR
Writes DIR/config/, a Jupyter configuration that switches off Formgrader, Create Assignment and
the course list, as on a student hub, and whose nbgrader settings are the student's: the
course's validation settings, the course id, and the course's exchange (``make publish`` puts
lessons there), so that *Nbgrader > Assignment List* fetches, submits and fetches feedback as
on a hub. DIR/work/ is the student's folder: lessons are fetched into it
(``Exchange.assignment_dir``) and it holds her work, so nothing in it is ever rewritten; a start
page saying where lessons come from is added when missing. DIR/cache/ is nbgrader's record of
what was submitted. Every path written is absolute: the server runs in DIR/work
(tools/student_lab.py), not where this ran.
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


START_PAGE = "Start here.md"
START_TEXT = """# Start here

Your lessons are not in this folder yet: you fetch each one when your instructor releases it.

1. In the menu bar at the top, choose **Nbgrader → Assignment List**.
2. Under *Released assignments*, press **Fetch** next to the lesson. It appears under
   *Downloaded assignments*, and here in the file browser on the left as a folder such as
   `00-orientation`.
3. Open the folder, then the notebook inside it (the file ending in `.ipynb`). Work in that
   notebook: it is the copy you hand in.
4. When you are done, press **Validate** in the notebook's toolbar, then **Submit** next to the
   lesson in the Assignment List. You can submit again until the deadline; the last one counts.
5. Once your work is graded, **Fetch Feedback** in the Assignment List brings your feedback.
"""
# Markdown opens rendered (the start page is read, not edited).
MARKDOWN_PREVIEW = {"defaultViewers": {"markdown": "Markdown Preview"}}


def student_nbgrader_config(course_id: str, exchange: str, cache: Path, work: Path) -> str:
    """The student's nbgrader_config.py: Validate as autograde judges, the course's exchange,
    lessons fetched into her folder wherever the server was started."""
    return (
        '"""nbgrader settings of the student view, written by tools/student_view.py."""\n\n'
        "c = get_config()  # noqa: F821\n"
        f"load_subconfig({str(AUTOGRADE / 'validate_config.py')!r})  # noqa: F821\n"
        f"c.CourseDirectory.course_id = {course_id!r}\n"
        f"c.Exchange.root = {exchange!r}\n"
        f"c.Exchange.cache = {str(cache)!r}\n"
        f"c.Exchange.assignment_dir = {str(work)!r}\n"
    )


def main(target: Path) -> None:
    course = PyFileConfigLoader("nbgrader_config.py", path=str(AUTOGRADE)).load_config()
    target = target.resolve()
    exchange = Path(course.Exchange.root)
    exchange.mkdir(parents=True, exist_ok=True)  # as `make publish` would; empty until then
    work, config, cache = target / "work", target / "config", target / "cache"
    for folder in (work, config / "labconfig", cache):
        folder.mkdir(parents=True, exist_ok=True)
    (config / "labconfig" / "page_config.json").write_text(
        json.dumps({"disabledExtensions": dict.fromkeys(INSTRUCTOR_LAB_PLUGINS, True)}, indent=2)
    )
    (config / "nbgrader_config.py").write_text(
        student_nbgrader_config(course.CourseDirectory.course_id, str(exchange), cache, work)
    )
    settings = config / "lab" / "user-settings" / "@jupyterlab" / "docmanager-extension"
    settings.mkdir(parents=True, exist_ok=True)
    if not (settings / "plugin.jupyterlab-settings").exists():  # hers once she changes it
        (settings / "plugin.jupyterlab-settings").write_text(json.dumps(MARKDOWN_PREVIEW, indent=2))
    start = work / START_PAGE
    if not start.exists():  # hers once written: she may keep notes in it
        start.write_text(START_TEXT, encoding="utf-8")
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
    print(
        f"student view: {work} (exchange {exchange}); fetch lessons from Nbgrader > Assignment List"
    )


if __name__ == "__main__":
    main(Path(sys.argv[1]))
