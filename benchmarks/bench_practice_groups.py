"""Practice groups per student (issue 15): a class's groups and keys, and their spread.

Goal: the groups and keys of a class of 200 in under 10 s on one core (what ``make
practice-groups`` does before it writes, and what the grader redoes once per submission),
judged on this process's CPU time: on a shared machine the wall clock also counts the others.
Baseline, measured in the same run on the same groups: writing their files to disk (what any
publisher has to do anyway), and loading one published group as a student's corpus.

Then the spread over 100 groups that shows they are equally hard: the key's coded decisions
and the word-spotting coder's κ (the data card reports the same numbers).

Run: ``python benchmarks/bench_practice_groups.py``.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "datasets"))
sys.path.insert(1, str(REPO / "src"))
sys.path.insert(2, str(REPO / "tests"))

from generator.group_spread import Spread, spread  # noqa: E402
from generator.per_student import _default_talk, student_group  # noqa: E402

from qualkit.corpus import load_corpus  # noqa: E402
from qualkit.practice import PracticeGroup, with_practice  # noqa: E402

CLASS = 200
GOAL_SECONDS = 10.0
SECRET = b"a benchmark course's secret, 32 bytes or so"


def main() -> None:
    start, wall = time.process_time(), time.perf_counter()
    _default_talk()  # read the talk once, as a publishing run does
    talk_seconds = time.process_time() - start
    start = time.process_time()
    groups = [student_group(SECRET, f"student{i:03d}") for i in range(CLASS)]
    seconds = time.process_time() - start
    wall = time.perf_counter() - wall
    with tempfile.TemporaryDirectory() as scratch:
        start = time.process_time()
        for group in groups:
            for relative, text in group.files.items():
                path = Path(scratch) / group.student / relative
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
        write_seconds = time.process_time() - start
        shared = load_corpus(REPO / "datasets" / "corpus")
        start = time.process_time()
        with_practice(shared, PracticeGroup("student000", Path(scratch) / "student000"))
        load_seconds = time.process_time() - start
    total = talk_seconds + seconds
    verdict = "met" if total < GOAL_SECONDS else "NOT met"
    print(
        f"practice groups + keys for a class of {CLASS}: {total:.1f} s CPU (talk "
        f"{talk_seconds:.1f} s, {1000 * seconds / CLASS:.0f} ms a student; {wall:.1f} s wall "
        f"clock); goal < {GOAL_SECONDS:.0f} s: {verdict}"
    )
    print(
        f"  baseline: writing their files {write_seconds:.2f} s (ratio "
        f"{seconds / write_seconds:.0f}×); loading one as a student's corpus "
        f"{1000 * load_seconds:.0f} ms"
    )
    start = time.process_time()
    found = spread(REPO / "datasets")
    print(
        f"spread over {len(found.decisions)} groups (min / quartiles / max), "
        f"{time.process_time() - start:.0f} s CPU:\n"
        f"  key decisions (turn × code): {Spread.summary(found.decisions)}\n"
        f"  word-spotting coder's κ:     {Spread.summary(found.kappas, 2)}"
    )


if __name__ == "__main__":
    main()
