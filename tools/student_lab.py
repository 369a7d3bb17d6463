"""Start ``make student``: JupyterLab as a student of the course sees it, on this machine.

Usage: python tools/student_lab.py DIR [--ip HOST] [--port PORT]
Prepares DIR with tools/student_view.py, then becomes ``jupyter lab`` serving DIR/work from
DIR/work. nbgrader's Assignment List fetches into the server's working directory (its
``Exchange.assignment_dir`` is "." by default), so the server must run where the student's
files are shown, or a fetched lesson lands where the file browser cannot see it. The Makefile
and tests/test_student_view.py both start the student view through this file.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent))
import student_view


def lab_command(work: Path, ip: str, port: int) -> list[str]:
    """The ``jupyter lab`` command line of the student view (opens on the start page)."""
    command = [
        str(Path(sys.executable).with_name("jupyter")),
        "lab",
        "--no-browser",
        f"--ip={ip}",
        f"--port={port}",
        f"--ServerApp.root_dir={work}",
        f"--LabApp.default_url=/lab/tree/{quote(student_view.START_PAGE)}",
    ]
    if os.geteuid() == 0:  # containers and CI run as root; Jupyter refuses unless told
        command.append("--allow-root")
    return command


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("target", type=Path)
    parser.add_argument("--ip", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8888)
    args = parser.parse_args(argv)
    target = args.target.resolve()
    student_view.main(target)
    work = target / "work"
    # The student's own settings, as on a hub: the course's instructor config is not hers.
    os.environ["JUPYTER_CONFIG_DIR"] = str(target / "config")
    os.environ["JUPYTER_CONFIG_PATH"] = ""
    os.chdir(work)
    command = lab_command(work, args.ip, args.port)
    sys.stdout.flush()
    os.execv(command[0], command)


if __name__ == "__main__":
    main()
