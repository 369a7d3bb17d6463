"""Build exactly what students receive: ``make student-image`` (python tools/student_image.py DIR).

DIR (default ``build/student-image``) holds:

- ``lessons/<lesson>/``: the release folders, as nbgrader generated them;
- ``wheels/``: the qualkit wheel (the library and the student-facing corpus, nothing else);
- ``requirements.txt``: the pip requirements of environment.yml (the one declaration);
- ``etc/jupyter/``: the student's nbgrader settings (Validate judges as autograde does) and
  JupyterLab's page configuration with the instructor tools switched off;
- ``Dockerfile``: how a hub image is made of the above, and of nothing else.

A hub's image is built from this folder (``docker build DIR``), never from the repository: the
repository holds the lesson sources with their solutions, the key and the generator.
``tests/test_student_image.py`` scans every file here, the wheel's members included.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tools"))
sys.path.insert(0, str(REPO / "autograde"))

from requirements_from_environment import pip_requirements  # noqa: E402
from student_view import INSTRUCTOR_LAB_PLUGINS, INSTRUCTOR_SERVER_EXTENSIONS  # noqa: E402

DOCKERFILE = """\
# A student image for a hub, made only of this folder (tools/student_image.py).
FROM python:3.11-slim
COPY requirements.txt wheels/ /tmp/student/
RUN pip install --no-cache-dir -r /tmp/student/requirements.txt /tmp/student/*.whl \\
 && rm -rf /tmp/student
COPY etc/jupyter/ /usr/local/etc/jupyter/
COPY lessons/ /srv/lessons/
"""


def build(target: Path) -> Path:
    import course

    if target.exists():
        shutil.rmtree(target)
    (target / "wheels").mkdir(parents=True)
    api = course.course_api()
    if course.release(api, course.lessons(api, [])):
        raise SystemExit("student-image: the release failed")
    shutil.copytree(Path(api.coursedir.release_directory), target / "lessons")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w",
         str(target / "wheels"), str(REPO)],
        check=True,
    )  # fmt: skip
    needed = pip_requirements(REPO / "environment.yml")
    (target / "requirements.txt").write_text("\n".join(needed) + "\n", encoding="utf-8")
    jupyter = target / "etc" / "jupyter"
    (jupyter / "labconfig").mkdir(parents=True)
    shutil.copy(REPO / "autograde" / "validate_config.py", jupyter / "nbgrader_config.py")
    disabled = ", ".join(f'"{p}": true' for p in INSTRUCTOR_LAB_PLUGINS)
    (jupyter / "labconfig" / "page_config.json").write_text(
        f'{{"disabledExtensions": {{{disabled}}}}}\n', encoding="utf-8"
    )
    off = ", ".join(f'"{e}": false' for e in INSTRUCTOR_SERVER_EXTENSIONS)
    (jupyter / "jupyter_server_config.json").write_text(
        f'{{"ServerApp": {{"jpserver_extensions": {{{off}}}}}}}\n', encoding="utf-8"
    )
    (target / "Dockerfile").write_text(DOCKERFILE, encoding="utf-8")
    return target


def main(argv: list[str]) -> int:
    target = Path(argv[0]) if argv else REPO / "build" / "student-image"
    build(target.resolve())
    print(f"student-image: {target} (build a hub image from this folder: docker build {target})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
