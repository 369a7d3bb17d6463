"""For the kill-point tests' child processes: stop at an exact point of a save and wait there.

The child says where it stopped and blocks; the parent kills it while it waits, so the kill
lands at that point every time, with no timing to guess. Imported by the children of
test_atomic.py and test_journal.py (they put this folder on ``sys.path``).
"""

import sys


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
