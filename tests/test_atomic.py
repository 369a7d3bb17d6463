"""Atomic writes: readers see the old file or the new one, and no temporary files remain."""

import os
import signal
import subprocess
import sys

import pytest

from qualkit.atomic import write_atomic

HERE = os.path.dirname(os.path.abspath(__file__))


def test_replaces_content_and_leaves_no_temporary_file(tmp_path):
    path = tmp_path / "file.json"
    write_atomic(path, "first\n")
    write_atomic(path, b"second\n")
    assert path.read_text() == "second\n"
    assert os.listdir(tmp_path) == ["file.json"]


def test_permissions_are_those_of_a_plain_write(tmp_path):
    plain, atomic = tmp_path / "plain.txt", tmp_path / "atomic.txt"
    plain.write_text("x")
    write_atomic(atomic, "x")
    assert atomic.stat().st_mode == plain.stat().st_mode
    atomic.chmod(0o640)
    write_atomic(atomic, "y")
    assert atomic.stat().st_mode & 0o777 == 0o640


def test_a_failed_write_keeps_the_old_file(tmp_path):
    path = tmp_path / "file.json"
    write_atomic(path, "old\n")
    with pytest.raises(TypeError):
        write_atomic(path, 42)  # type: ignore[arg-type]
    assert path.read_text() == "old\n"
    assert os.listdir(tmp_path) == ["file.json"]


# The child stops inside write_atomic at one point of the save, says where, and waits to be
# killed (tests/kill_point.py).
CHILD = """
import importlib.util, os, sys

spec = importlib.util.spec_from_file_location("atomic", sys.argv[3])
atomic = importlib.util.module_from_spec(spec)
spec.loader.exec_module(atomic)  # this module alone: no heavy imports, a quick start
point, path = sys.argv[1], sys.argv[2]
sys.path.insert(0, sys.argv[4])
from kill_point import HalfWritten, stop_here

real_fdopen, real_fsync, synced = os.fdopen, os.fsync, []


def fsync(fd):
    real_fsync(fd)
    synced.append(fd)
    if len(synced) == {"synced": 1, "replaced": 2}.get(point):
        stop_here(point)


if point == "writing":
    os.fdopen = lambda fd, mode: HalfWritten(real_fdopen(fd, mode), point)
os.fsync = fsync
atomic.write_atomic(path, "new\\n" * 100_000)
"""
OLD, NEW = "old\n" * 100_000, "new\n" * 100_000


@pytest.mark.parametrize(
    ("point", "after"),
    [
        ("writing", OLD),  # half the new text is in the temporary file
        ("synced", OLD),  # the temporary file is complete and on disk, not yet renamed
        ("replaced", NEW),  # renamed over the target, the folder not yet synced
    ],
)
def test_a_kill_mid_save_leaves_the_old_file_or_the_new_never_a_mix(tmp_path, point, after):
    path = tmp_path / "big.txt"
    write_atomic(path, OLD)
    import qualkit.atomic

    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, point, str(path), qualkit.atomic.__file__, HERE],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout.readline().strip() == point  # stopped inside the save
        temporary = [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
        child.send_signal(signal.SIGKILL)
        assert child.wait(timeout=10) == -signal.SIGKILL  # the kill, not an exit, ended it
    finally:
        child.kill()
    assert path.read_text() == after
    if point == "replaced":
        assert temporary == []
    else:  # the kill left the half or whole temporary file; the target never saw it
        [left] = temporary
        written = left.read_text()
        assert written == (NEW[: len(NEW) // 2] if point == "writing" else NEW)
    write_atomic(path, "again\n")  # the next save works over whatever the kill left
    assert path.read_text() == "again\n"
