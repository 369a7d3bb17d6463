"""Kill-point tests: stop a child at an exact point of a save, and kill it there.

The child says where it stopped and blocks (``stop_here``, ``HalfWritten``); the parent
(``kill_when_stopped``) kills it while it waits, so the kill lands at that point every time,
with no timing to guess. The children of test_atomic.py, test_journal.py and test_charting.py
import it (they put this folder on ``sys.path``).
"""

import os
import signal
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def stop_here(say: str = "stopped") -> None:
    print(say, flush=True)
    sys.stdin.readline()  # never answered: the parent kills us while we wait
    raise SystemExit("not killed")


class HalfWritten:
    """A file handle that writes half of what it is given, flushes it, and stops there."""

    def __init__(self, handle, say: str = "stopped"):
        self.handle, self.say = handle, say

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return self.handle.__exit__(*exc)

    def write(self, data):
        self.handle.write(data[: len(data) // 2])
        self.handle.flush()
        stop_here(self.say)


def kill_when_stopped(code: str, *args: str) -> list[str]:
    """Run ``python -c code *args`` (qualkit and this folder importable) until it prints
    ``stopped``, then SIGKILL it; returns the lines it printed before."""
    child = subprocess.Popen(
        [sys.executable, "-c", code, *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO / "src"), str(REPO / "tests")])},
    )
    try:
        lines = []
        while (line := child.stdout.readline().strip()) not in ("stopped", "done", ""):
            lines.append(line)
        assert line == "stopped", child.stderr.read()
        child.send_signal(signal.SIGKILL)
        assert child.wait(timeout=10) == -signal.SIGKILL
    finally:
        child.kill()
    return lines
