"""Benchmark qualkit.agreement at the scale of a large coding project.

Run from the repository root: ``python benchmarks/bench_agreement.py``. Synthetic, seeded data:
50,000 units (500 sessions × 100 turns), 3 coders, 30 codes. Each line gives the median of a
few repeats (``time.perf_counter``) and the ratio qualkit time ÷ baseline time, both measured
in this run (below 1.00× means qualkit is faster).
"""

from __future__ import annotations

import statistics
import time

import krippendorff
import numpy as np

from qualkit.agreement import krippendorff_alpha
from qualkit.code_agreement import code_presence, per_code_agreement
from qualkit.codings import Coding

SEED = 20200506
UNITS = [(f"S{s:03d}", turn) for s in range(500) for turn in range(1, 101)]
CODERS = ("ana", "ben", "cam")
CODES = tuple(f"CODE_{k:02d}" for k in range(30))


def median_time(function, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def report(name: str, seconds: float, baseline: str, baseline_seconds: float) -> None:
    ratio = seconds / baseline_seconds
    against = f"{baseline}, {baseline_seconds * 1000:.3g} ms"
    print(f"{name}: {seconds * 1000:.3g} ms (ratio {ratio:.2f}× vs {against})")


def synthetic_codings(rng: np.random.Generator) -> list[Coding]:
    """Coders who each miss 15% of a code's true uses and add it wrongly to 1% of other units."""
    prevalence = np.linspace(0.01, 0.2, len(CODES))
    truth = rng.random((len(UNITS), len(CODES))) < prevalence
    codings = []
    for coder in CODERS:
        noise = rng.random(truth.shape)
        applied = np.where(truth, noise >= 0.15, noise < 0.01)
        for u, k in zip(*np.nonzero(applied), strict=True):
            session, turn = UNITS[u]
            codings.append(Coding(session, turn, CODES[k], coder))
    return codings


def main() -> None:
    rng = np.random.default_rng(SEED)

    truth = rng.integers(0, 5, len(UNITS))
    matrix = np.where(rng.random((3, len(UNITS))) < 0.8, truth, rng.integers(0, 5, (3, len(UNITS))))
    ours = median_time(lambda: krippendorff_alpha(matrix, "nominal"), repeats=7)
    theirs = median_time(lambda: krippendorff.alpha(matrix, level_of_measurement="nominal"), 7)
    assert (
        abs(krippendorff_alpha(matrix) - krippendorff.alpha(matrix, level_of_measurement="nominal"))
        < 1e-9
    )
    report("krippendorff_alpha nominal 3×50,000", ours, "krippendorff.alpha", theirs)

    codings = synthetic_codings(rng)

    def package_loop() -> list[float]:
        # Same starting point as per_code_agreement: encode the codings, then one α per code.
        present = code_presence(codings, UNITS, CODERS, CODES).astype(float)
        return [
            krippendorff.alpha(present[:, :, k], level_of_measurement="nominal")
            for k in range(len(CODES))
        ]

    ours = median_time(lambda: per_code_agreement(codings, UNITS, CODERS, CODES), repeats=3)
    theirs = median_time(package_loop, repeats=3)
    table = per_code_agreement(codings, UNITS, CODERS, CODES)
    assert np.allclose([row.alpha for row in table.rows], package_loop())
    report(
        f"per_code_agreement 50,000 units × 3 coders × 30 codes ({len(codings):,} codings)",
        ours,
        "code_presence + krippendorff.alpha × 30",
        theirs,
    )


if __name__ == "__main__":
    main()
