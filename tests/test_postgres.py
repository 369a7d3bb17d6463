"""The gradebook on PostgreSQL: a real server from Debian's `postgresql`, started on loopback
with a throwaway data folder and stopped afterwards; two autograde workers grade a class into it
at the same time, and every grade arrives."""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import nbformat
import pytest
from test_lesson_pipeline import student_partial, student_solution

from conftest import REPO
from lab_server import free_port

pytestmark = [pytest.mark.postgres, pytest.mark.pipeline, pytest.mark.xdist_group("nbgrader")]

LESSON = "00-orientation"
STUDENTS = 12  # half right, half partly right: two workers interleave their writes


def server_binaries() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not found:
        pytest.fail("Debian's postgresql is missing: `make postgres` installs it")
    return Path(found[-1]).parent


@pytest.fixture(scope="module")
def database():
    """A PostgreSQL server of the test's own; yields its SQLAlchemy URL."""
    bin_dir, port = server_binaries(), free_port()
    # The server refuses to run as root: it runs as Debian's `postgres` account.
    owner = pwd.getpwnam("postgres")
    data = Path(tempfile.mkdtemp(prefix="qualkit-pg-"))
    os.chown(data, owner.pw_uid, owner.pw_gid)

    def as_owner(*command):
        return subprocess.run(
            ["runuser", "-u", "postgres", "--", *command],
            check=True, capture_output=True, text=True, cwd=data,
        )  # fmt: skip

    as_owner(str(bin_dir / "initdb"), "-D", str(data / "db"), "-U", "qualkit", "-A", "trust")
    options = f"-h 127.0.0.1 -p {port} -k {data} -c fsync=off"
    as_owner(str(bin_dir / "pg_ctl"), "-D", str(data / "db"), "-o", options, "-l",
             str(data / "log"), "-w", "start")  # fmt: skip
    try:
        as_owner(str(bin_dir / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "qualkit",
                 "gradebook")  # fmt: skip
        yield f"postgresql+pg8000://qualkit@127.0.0.1:{port}/gradebook"
    finally:
        as_owner(str(bin_dir / "pg_ctl"), "-D", str(data / "db"), "-m", "immediate", "stop")
        shutil.rmtree(data, ignore_errors=True)


@pytest.fixture(scope="module")
def graded(database, tmp_path_factory):
    build = tmp_path_factory.mktemp("postgres-build")
    env = {**os.environ, "QUALKIT_BUILD": str(build), "QUALKIT_DB_URL": database}
    course = [sys.executable, str(REPO / "autograde" / "course.py")]
    subprocess.run([*course, "release", LESSON], env=env, check=True, capture_output=True)
    expected = {}
    for n in range(STUDENTS):
        student = f"student{n:02d}"
        nb = nbformat.read(build / "release" / LESSON / f"{LESSON}.ipynb", as_version=4)
        (student_solution if n % 2 else student_partial)(nb, LESSON)
        expected[student] = "solution" if n % 2 else "partial"
        folder = build / "submitted" / student / LESSON
        folder.mkdir(parents=True)
        nbformat.write(nb, folder / f"{LESSON}.ipynb")
        (folder / "timestamp.txt").write_text("2026-01-01 00:00:00.000000 UTC")
    run = subprocess.run([*course, "autograde", "--workers", "2"], env=env, capture_output=True,
                         text=True, timeout=1200)  # fmt: skip
    return {"build": build, "run": run, "expected": expected, "url": database}


def test_two_workers_lose_no_grade(graded):
    from nbgrader.api import Gradebook

    sys.path.insert(0, str(REPO / "tests" / "lessons" / LESSON))
    import case

    assert graded["run"].returncode in (0, 1), graded["run"].stderr
    assert f"[{STUDENTS}/{STUDENTS}," in graded["run"].stdout, graded["run"].stdout
    with Gradebook(graded["url"]) as gradebook:
        scores = {}
        for student in graded["expected"]:
            submission = gradebook.find_submission(LESSON, student)
            scores[student] = sum(g.auto_score or 0 for n in submission.notebooks for g in n.grades)
    want = {"solution": case.AUTO_POINTS, "partial": case.PARTIAL_AUTO}
    assert scores == {s: want[kind] for s, kind in graded["expected"].items()}
    assert not (graded["build"] / "gradebook.db").exists(), "SQLite was used instead"
