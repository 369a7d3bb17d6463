"""Benchmark the machine coder on the default practice groups, on one core.

Run from the repository root: ``python benchmarks/bench_machine_coding.py``. Each line is the
median of a few runs (``time.perf_counter``) of coding every participant turn of the three
practice groups (147 turns) with each group's codes, after the model is loaded (its load, about
0.2 s warm, is printed once). Two setups: from the codebook alone, and from the codebook with
the team's codings of the study sessions as neighbors (building the coder embeds those 1,800
turns, so it is timed too; each run starts with no embedding remembered). Then the same coder
built again in the same process, as lesson 08 builds its second one: embeddings are remembered
per text, so only the codebook's matching is redone. The baseline, in the same run, is the word-spotting classifier of
tests/word_spotter.py (TF-IDF and one logistic regression per code, trained on the same team
codings), which codes the same turns: the ratio is what embedding costs over counting words.
Goal: a practice group in a few seconds on one core.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")  # one core, as a student's server has
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))
sys.path.insert(0, str(REPO / "datasets"))

from generator.machine_card import machine_codings  # noqa: E402
from word_spotter import spotter_kappa, study_spotter  # noqa: E402

from qualkit import load_corpus, machine_coding  # noqa: E402
from qualkit.key import load_key  # noqa: E402
from qualkit.machine_coding import MachineCoder, load_model  # noqa: E402

RUNS = 3


def median_seconds(work, cold: bool = True) -> float:
    times = []
    for _ in range(RUNS):
        if cold:
            machine_coding._EMBEDDED.clear()  # embeddings are remembered per process
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    corpus, key = load_corpus(), load_key()
    start = time.perf_counter()
    load_model()
    print(f"load the model: {time.perf_counter() - start:.2f} s")
    baseline = median_seconds(lambda: spotter_kappa(corpus, key, study_spotter(corpus)))
    print(f"baseline, word spotter trained and run: {baseline:.2f} s")
    for with_team, name in ((False, "codebook"), (True, "codebook + team's 1,800 turns")):
        seconds = median_seconds(lambda w=with_team: machine_codings(corpus, w))
        print(
            f"machine coder, {name}, 3 practice groups: {seconds:.2f} s "
            f"({seconds / 3:.2f} s a group; {seconds / baseline:.1f}× the baseline)"
        )
    study = [corpus.transcript(s.session_id) for s in corpus.sessions if s.split == "study"]
    team = corpus.codings("team")
    first = median_seconds(lambda: MachineCoder(corpus.codebook, team, study))
    again = median_seconds(lambda: MachineCoder(corpus.codebook, team, study), cold=False)
    print(
        f"a coder on the team's 1,800 turns: {first:.2f} s; built again in the same process "
        f"(lesson 08's second coder): {again:.3f} s ({first / max(again, 1e-9):.0f}× faster)"
    )


if __name__ == "__main__":
    main()
