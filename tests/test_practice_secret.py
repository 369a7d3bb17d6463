"""Secure by default (issue 26): `make publish` makes the course secret when the course has
none, keeps it where only the grader reads it, and publishes a practice group for each student;
the shared groups, whose key is public with the repository, are an explicit opt-out that warns.

Runs autograde/course.py as `make publish` does (a subprocess, nbgrader's real exchange), on a
fresh build area, with no practice-group variable set: everything is found by default.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys

import pytest

from conftest import REPO

pytestmark = [pytest.mark.pipeline, pytest.mark.xdist_group("nbgrader")]

sys.path.insert(0, str(REPO / "autograde"))
sys.path.insert(0, str(REPO / "datasets"))

from generator.per_student import SHARED_ENV, read_secret, student_group  # noqa: E402

LESSON = "00-orientation"  # the quickest release: what is tested here is the course secret
UNSET = ("QUALKIT_PRACTICE_SECRET_FILE", "QUALKIT_PRACTICE_GROUPS", SHARED_ENV,
         "QUALKIT_STUDENT", "JUPYTERHUB_USER")  # fmt: skip


def course_command(build, *args, **env) -> subprocess.CompletedProcess:
    """autograde/course.py as the Makefile runs it, in a course whose build area is ``build``."""
    clean = {k: v for k, v in os.environ.items() if k not in UNSET}
    return subprocess.run(
        [sys.executable, str(REPO / "autograde" / "course.py"), *args],
        env={**clean, "QUALKIT_BUILD": str(build), **env},
        capture_output=True,
        text=True,
        timeout=600,
    )


def enrol(build, *students: str) -> None:
    """Students in the gradebook, as Formgrader's Manage Students adds them."""
    from nbgrader.api import Gradebook

    build.mkdir(parents=True, exist_ok=True)
    with Gradebook(f"sqlite:///{build / 'gradebook.db'}") as gradebook:
        for student in students:
            gradebook.update_or_create_student(student)


def published(build, student: str) -> dict[str, str]:
    folder = build / "practice-groups" / student
    return {
        str(p.relative_to(folder)): p.read_text(encoding="utf-8")
        for p in folder.rglob("*")
        if p.is_file()
    }


def files_holding(root, text: str) -> list[str]:
    return [str(p) for p in root.rglob("*") if p.is_file() and text.encode() in p.read_bytes()]


@pytest.fixture(scope="module")
def fresh(tmp_path_factory):
    """A fresh course: two students enrolled, then `make publish` twice."""
    build = tmp_path_factory.mktemp("secure-build")
    enrol(build, "ana", "bea")
    first = course_command(build, "publish", LESSON)
    secret_file = build / "grader" / "practice-secret"
    secret = secret_file.read_bytes() if secret_file.exists() else b""
    enrol(build, "cleo")  # enrolled late: the next publish gives her a group too
    second = course_command(build, "publish", LESSON)
    return {"build": build, "first": first, "second": second, "secret": secret,
            "secret_file": secret_file}  # fmt: skip


def test_publish_makes_the_secret_only_the_grader_reads(fresh):
    first = fresh["first"]
    assert first.returncode == 0, first.stdout + first.stderr
    secret_file = fresh["secret_file"]
    assert f"made a new course secret {secret_file}" in first.stdout
    assert stat.S_IMODE(secret_file.stat().st_mode) == 0o600
    assert stat.S_IMODE(secret_file.parent.stat().st_mode) == 0o700
    assert secret_file.stat().st_uid == os.getuid()
    assert len(read_secret(secret_file)) >= 32
    # Nowhere a student reads: not in the release, the exchange or the published groups.
    token = fresh["secret"].decode().strip()
    for served in ("release", "exchange", "practice-groups"):
        assert not files_holding(fresh["build"] / served, token), served


def test_publish_gives_each_enrolled_student_her_own_group(fresh):
    build = fresh["build"]
    assert "practice groups: 2 published" in fresh["first"].stdout
    secret = read_secret(fresh["secret_file"])
    groups = {s: student_group(secret, s) for s in ("ana", "bea")}
    for student, group in groups.items():
        assert published(build, student) == dict(group.files)
    assert groups["ana"].fingerprint() != groups["bea"].fingerprint()
    assert not files_holding(build / "practice-groups", '"code"')  # text only: no key


def test_a_second_publish_keeps_the_secret_and_adds_late_students(fresh):
    second = fresh["second"]
    assert second.returncode == 0, second.stdout + second.stderr
    assert f"using the course secret {fresh['secret_file']}" in second.stdout
    assert fresh["secret_file"].read_bytes() == fresh["secret"]  # the same groups all term
    assert "practice groups: 3 published" in second.stdout
    cleo = student_group(read_secret(fresh["secret_file"]), "cleo")
    assert published(fresh["build"], "cleo") == dict(cleo.files)


def test_the_grader_finds_the_secret_by_default(fresh, monkeypatch):
    """The trusted step's switch and the key regenerate her group from the default file."""
    import practice_groups

    from qualkit.key import practice_key

    for name in UNSET:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("QUALKIT_BUILD", str(fresh["build"]))
    assert practice_groups.enabled()
    assert practice_key("ana") == student_group(read_secret(fresh["secret_file"]), "ana").key
    env = {k: v for k, v in os.environ.items() if k not in UNSET}
    found = subprocess.run(
        [sys.executable, str(REPO / "autograde" / "practice_groups.py"), "list", "ana"],
        env={**env, "QUALKIT_BUILD": str(fresh["build"])},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert found.returncode == 0, found.stderr
    assert "published: yes, current" in found.stdout


def test_the_shared_groups_are_an_opt_out_that_warns(tmp_path, monkeypatch):
    build = tmp_path / "build"
    enrol(build, "ana")
    shared = course_command(build, "publish", LESSON, **{SHARED_ENV: "1"})
    assert shared.returncode == 0, shared.stdout + shared.stderr
    assert f"WARNING: practice groups are SHARED ({SHARED_ENV} is set)" in shared.stdout
    assert "key is public" in shared.stdout and "Do not use this for graded work" in shared.stdout
    assert not (build / "grader").exists() and not (build / "practice-groups").exists()
    graded = course_command(build, "autograde", LESSON, **{SHARED_ENV: "yes"})
    assert "practice groups are SHARED" in graded.stdout, graded.stdout + graded.stderr
    # With a secret already made, the opt-out still turns the groups off, loudly.
    assert course_command(build, "publish", LESSON).returncode == 0
    import practice_groups

    monkeypatch.setenv("QUALKIT_BUILD", str(build))
    monkeypatch.delenv("QUALKIT_PRACTICE_SECRET_FILE", raising=False)
    assert practice_groups.enabled()
    monkeypatch.setenv(SHARED_ENV, "1")
    assert not practice_groups.enabled()
    with pytest.raises(SystemExit, match="key is public"):
        practice_groups.main(["publish", "ana"])
