"""Atomic writes: readers see the old file or the new one, and no temporary files remain."""

import os
import signal
import subprocess
import sys

import pytest

from qualkit.atomic import write_atomic


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


def test_killing_the_writer_never_leaves_a_partial_file(tmp_path):
    """A child rewrites a large file in a loop; SIGKILL lands mid-write many times."""
    path = tmp_path / "big.txt"
    payloads = [f"{n}\n" * 200_000 for n in range(3)]
    write_atomic(path, payloads[0])
    child = (
        "import sys\nfrom qualkit.atomic import write_atomic\n"
        "payloads = [f'{n}\\n' * 200_000 for n in range(3)]\n"
        "i = 0\nprint('ready', flush=True)\n"
        "while True:\n    i += 1\n    write_atomic(sys.argv[1], payloads[i % 3])\n"
    )
    for attempt in range(15):
        proc = subprocess.Popen([sys.executable, "-c", child, str(path)], stdout=subprocess.PIPE)
        proc.stdout.readline()
        try:
            proc.wait(timeout=0.02 + attempt * 0.007)
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGKILL)
            proc.wait()
        assert path.read_text() in payloads, f"partial file after kill {attempt}"
