"""How fast the corpus generator writes talk: 100-turn sessions per second, on one core.

Goal: at least 100 sessions per second, so a course can regenerate a corpus with its own seed
in well under a second. Baseline, measured in the same run on the same turns: only formatting
them as a transcript and a turns.csv (what any writer has to do anyway).

Run: ``python benchmarks/bench_generator.py``
"""

from __future__ import annotations

import csv
import io
import random
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "datasets"))
sys.path.insert(1, str(REPO / "src"))

from generator.banks import load_banks  # noqa: E402
from generator.design import build_design  # noqa: E402
from generator.generate import DEFAULT_SEED, build  # noqa: E402
from generator.identifiers import released  # noqa: E402
from generator.planting import plan_corpus  # noqa: E402
from generator.sentences import SentencePool  # noqa: E402
from generator.talk import session_turns  # noqa: E402

from qualkit.transcripts import format_transcript  # noqa: E402

TURNS_PER_SESSION = 100
MIN_SECONDS = 1.0


def _timed(work) -> tuple[float, int]:
    """Repeat ``work`` (returning a turn count) for at least MIN_SECONDS: (seconds, turns)."""
    start, turns = time.perf_counter(), 0
    while (elapsed := time.perf_counter() - start) < MIN_SECONDS or turns == 0:
        turns += work()
    return elapsed, turns


def main() -> None:
    banks = load_banks()
    design = build_design(random.Random(f"{DEFAULT_SEED}:design"))
    plans = [
        p for p in plan_corpus(random.Random(1), design, banks, []).sessions if p.spec.is_group
    ]
    people = {p.participant_id: p for p in design.people}
    rng = random.Random(2)
    outputs = []

    def generate() -> int:
        # A fresh pool per round: each round is one corpus's focus groups.
        pool = SentencePool()
        count = 0
        for plan in plans:
            turns = session_turns(rng, plan, banks[plan.spec.model], people, pool)
            outputs.append((plan.spec.session_id, turns))
            count += len(turns)
        return count

    seconds, turns = _timed(generate)
    sample = outputs[: len(plans)]

    def format_only() -> int:
        count = 0
        for sid, turns in sample:
            pairs = [(t.speaker, released(t.text)) for t in turns]
            format_transcript(pairs, ("SIMULATED DATA",))
            buffer = io.StringIO()
            csv.writer(buffer, lineterminator="\n").writerows(
                (sid, n, s, text) for n, (s, text) in enumerate(pairs, 1)
            )
            count += len(turns)
        return count

    base_seconds, base_turns = _timed(format_only)
    rate = turns / TURNS_PER_SESSION / seconds
    base_rate = base_turns / TURNS_PER_SESSION / base_seconds
    print(
        f"generate_session: {rate:.0f} sessions/s of {TURNS_PER_SESSION} turns "
        f"(ratio {rate / base_rate:.2f}× vs formatting the same turns, {base_rate:.0f} sessions/s)"
    )
    start = time.perf_counter()
    generated = build(DEFAULT_SEED, banks)
    corpus_seconds = time.perf_counter() - start
    corpus_turns = sum(len(o.turns) for o in generated.sessions)
    formatting = corpus_turns / (base_turns / base_seconds)
    print(
        f"generate_corpus: {corpus_seconds:.2f} s for the default corpus ({corpus_turns} turns) "
        f"in memory (ratio {corpus_seconds / formatting:.2f}× vs formatting its turns)"
    )


if __name__ == "__main__":
    main()
