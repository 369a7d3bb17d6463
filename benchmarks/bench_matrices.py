"""Benchmark: code frequencies and co-occurrence at 50,000 units × 3 coders × 30 codes.

The corpus is synthetic and seeded (50 focus groups of 1,000 turns, 5 participants each, a
facilitator every sixth turn), built in memory; each coder applies each code to a turn with
probability 5%, about 225,000 codings. Baselines are measured in the same run:

- ``counter_pass``: ``collections.Counter(c.code for c in codings)``, the least any count over
  the codings can cost (touch each coding once);
- ``cooccurrence_python_loop``: the same co-occurrence table by plain Python (group codings
  by segment and coder, count pairs with itertools.combinations).

Run: ``python benchmarks/bench_matrices.py``. Prints ``name: value unit (ratio N.NN× vs
baseline)`` lines; it asserts nothing about time.
"""

from __future__ import annotations

import itertools
import time
from collections import Counter
from pathlib import Path
from types import MappingProxyType

import numpy as np

from qualkit.codebook import Category, Code, Codebook
from qualkit.codings import Coding, Codings
from qualkit.corpus import MODELS, Corpus, Participant, Session
from qualkit.matrices import code_frequencies, cooccurrence
from qualkit.transcripts import Transcript, Turn

SEED = 20260
SESSIONS, TURNS, PEOPLE, CODES, CODERS, RATE = 50, 1000, 5, 30, ("ana", "ben", "cy"), 0.05
REPEATS = 5


def synthetic_corpus() -> Corpus:
    """50 sessions × 1,000 turns; participants P0001…, speakers named S1…S5 in each session."""
    categories = (Category("x", "Synthetic", "Synthetic codes."),)
    codebook = Codebook(
        categories,
        tuple(Code(f"CODE_{i:02d}", "x", "b", "f", "u", "n", "e") for i in range(CODES)),
    )
    sessions, participants, transcripts = [], [], {}
    for s in range(SESSIONS):
        session_id = f"S{s + 1:03d}"
        model = MODELS[s % len(MODELS)]
        ids = tuple(f"P{s * PEOPLE + p + 1:04d}" for p in range(PEOPLE))
        participants += [
            Participant(pid, f"S{p + 1}", model, (session_id,), {"moud": "buprenorphine"})
            for p, pid in enumerate(ids)
        ]
        sessions.append(
            Session(
                session_id, model, "focus_group", "study", s + 1, "", "", "Facilitator", ids, False
            )
        )
        turns = tuple(
            Turn(
                session_id,
                n,
                "Facilitator" if n % 6 == 1 else f"S{n % PEOPLE + 1}",
                "text",
                0,
                4,
                n,
            )
            for n in range(1, TURNS + 1)
        )
        transcripts[session_id] = Transcript(session_id, "", turns)
    return Corpus(
        Path("<synthetic>"),
        tuple(sessions),
        tuple(participants),
        codebook,
        MappingProxyType(transcripts),
    )


def synthetic_codings(corpus: Corpus) -> Codings:
    rng = np.random.default_rng(SEED)
    names = corpus.codebook.names
    applied = rng.random((SESSIONS, TURNS, len(CODERS), CODES)) < RATE
    s, t, r, c = np.nonzero(applied)
    session_ids = [session.session_id for session in corpus.sessions]
    return Codings(
        tuple(
            Coding(session_ids[a], int(b) + 1, names[d], CODERS[e])
            for a, b, e, d in zip(s, t, r, c, strict=True)
        )
    )


def cooccurrence_loop(codings: Codings) -> Counter:
    by_segment: dict = {}
    for c in codings:
        by_segment.setdefault((c.session_id, c.turn, c.coder), []).append(c.code)
    pairs: Counter = Counter()
    for codes in by_segment.values():
        for code in codes:
            pairs[(code, code)] += 1
        for a, b in itertools.combinations(sorted(codes), 2):
            pairs[(a, b)] += 1
            pairs[(b, a)] += 1
    return pairs


def best_of(function, *args, **kwargs) -> tuple[float, object]:
    """The fastest of REPEATS runs, in milliseconds, and the result."""
    times, result = [], None
    for _ in range(REPEATS):
        start = time.perf_counter()
        result = function(*args, **kwargs)
        times.append(time.perf_counter() - start)
    return 1000 * min(times), result


def main() -> None:
    corpus = synthetic_corpus()
    codings = synthetic_codings(corpus)
    units = SESSIONS * TURNS
    print(f"# {units:,} units × {len(CODERS)} coders × {CODES} codes = {len(codings):,} codings")

    baseline, counts = best_of(lambda: Counter(c.code for c in codings))
    print(f"counter_pass: {baseline:.1f} ms (ratio 1.00× vs counter_pass)")
    for measure in ("segments", "percent_participants"):
        ms, _freq = best_of(code_frequencies, corpus, codings, "model", measure)
        print(
            f"code_frequencies(by='model', measure='{measure}'): {ms:.1f} ms "
            f"(ratio {ms / baseline:.2f}× vs counter_pass)"
        )
    ms, _ = best_of(code_frequencies, corpus, codings, "participant")
    print(
        f"code_frequencies(by='participant'): {ms:.1f} ms (ratio {ms / baseline:.2f}× vs "
        "counter_pass)"
    )

    loop_ms, pairs = best_of(cooccurrence_loop, codings)
    ms, matrix = best_of(cooccurrence, codings)
    print(f"cooccurrence: {ms:.1f} ms (ratio {ms / baseline:.2f}× vs counter_pass)")
    print(
        f"cooccurrence_python_loop: {loop_ms:.1f} ms (ratio {loop_ms / baseline:.2f}× vs "
        "counter_pass)"
    )
    print(f"cooccurrence: {ms:.1f} ms (ratio {ms / loop_ms:.2f}× vs cooccurrence_python_loop)")

    # The fast paths must agree with the plain ones, or the timings mean nothing.
    assert all(matrix.loc[a, b] == pairs[(a, b)] for a in matrix.index for b in matrix.columns)
    assert int(np.trace(matrix.to_numpy())) == sum(counts.values())


if __name__ == "__main__":
    main()
