"""How fast the engine assembles practice groups (one per student, issue 15) and the corpus.

Goal: at least 10 practice groups per second on one core, so a course of 200 students gets
its groups in well under a minute. Baseline, measured in the same run on the same groups: formatting their
turns as a transcript (what any writer has to do anyway).

Run: ``python benchmarks/bench_generator.py`` (uses the hand-written talk, or the tests'
fixture talk while the talk is incomplete).
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

from generator.assemble import practice_group, transcript_text  # noqa: E402
from generator.generate import DEFAULT_SEED, build  # noqa: E402
from generator.talk import TALK_DIR, load_talk  # noqa: E402

from qualkit.transcripts import format_transcript  # noqa: E402

MIN_SECONDS = 1.0


def _talk():
    try:
        return load_talk(TALK_DIR), "hand-written talk"
    except Exception:  # incomplete talk: measure the machinery on the fixture
        from talk_fixture import write_fixture

        return load_talk(write_fixture(Path(tempfile.mkdtemp()))), "fixture talk"


def _timed(work) -> tuple[float, int]:
    start, count = time.perf_counter(), 0
    while (elapsed := time.perf_counter() - start) < MIN_SECONDS or count == 0:
        count += work(count)
    return elapsed, count


def main() -> None:
    talk, which = _talk()
    groups = []

    def assemble_groups(done: int) -> int:
        groups.append(practice_group("pss", done, talk))
        return 1

    seconds, count = _timed(assemble_groups)
    sample = groups[:50]

    def format_only(done: int) -> int:
        session = sample[done % len(sample)].session
        format_transcript(((t.speaker, t.text) for t in session.turns), ("SIMULATED",))
        return 1

    base_seconds, base_count = _timed(format_only)
    rate, base_rate = count / seconds, base_count / base_seconds
    print(
        f"practice_group ({which}): {rate:.0f} groups/s "
        f"(ratio {base_rate / rate:.0f}× the time of formatting them, {base_rate:.0f} groups/s)"
    )
    start = time.perf_counter()
    generated = build(DEFAULT_SEED, talk)
    corpus_seconds = time.perf_counter() - start
    texts = sum(len(transcript_text(s)) for s in generated.sessions)
    print(f"build: {corpus_seconds:.2f} s for the default corpus in memory ({texts} characters)")


if __name__ == "__main__":
    main()
