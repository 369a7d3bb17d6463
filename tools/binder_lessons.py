"""Binder and repo2docker images: the lesson sources give way to their student releases.

repo2docker copies the whole repository into an image, and a lesson source holds its solutions,
hidden tests and rubrics. ``postBuild`` runs this once the environment is installed: nbgrader
releases every lesson into a scratch build folder, the release replaces ``lessons/``, and the
instructors' notes go. ``.dockerignore`` already leaves out the key and the generator.

    python tools/binder_lessons.py [REPO]
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path


def swap_in_release(repo: Path) -> None:
    with tempfile.TemporaryDirectory() as build:
        env = {**os.environ, "QUALKIT_BUILD": build, "JUPYTER_CONFIG_PATH": str(repo / "autograde")}
        course = repo / "autograde" / "course.py"
        subprocess.run([sys.executable, str(course), "release"], cwd=repo, env=env, check=True)
        shutil.rmtree(repo / "lessons")
        shutil.copytree(Path(build) / "release", repo / "lessons")
    shutil.rmtree(repo / "instructors", ignore_errors=True)


if __name__ == "__main__":
    swap_in_release(Path(sys.argv[1] if len(sys.argv) > 1 else ".").resolve())
