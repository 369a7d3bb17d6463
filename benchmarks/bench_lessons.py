"""Benchmark each lesson run start to finish (the instructor's version, all tests included).

Run from the repository root: ``python benchmarks/bench_lessons.py``. Each lesson is executed in
a fresh Jupyter kernel with nbclient, as grading runs it. The baseline, measured in the same
run, is the floor every lesson pays: start a kernel and import what the lessons import. A lesson
should stay under a minute on a 2-core machine; the course as a whole under 1.5× the baseline
per notebook (issue #12).
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

REPO = Path(__file__).resolve().parents[1]
LESSONS = sorted(p for p in (REPO / "lessons").glob("*/*.ipynb") if p.stem == p.parent.name)
FLOOR = "import qualkit, pandas, matplotlib.pyplot\nqualkit.load_corpus()"


def run(nb, folder: Path) -> float:
    start = time.perf_counter()
    NotebookClient(nb, timeout=120, resources={"metadata": {"path": str(folder)}}).execute()
    return time.perf_counter() - start


def median_time(make, folder: Path, repeats: int = 3) -> float:
    return statistics.median(run(make(), folder) for _ in range(repeats))


def main() -> None:
    floor = median_time(
        lambda: nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(FLOOR)]), REPO
    )
    print(f"baseline (kernel start + lesson imports): {floor:.2f} s")
    total = 0.0
    for path in LESSONS:
        seconds = median_time(lambda p=path: nbformat.read(p, as_version=4), path.parent)
        total += seconds
        print(f"{path.stem}: {seconds:.2f} s (ratio {seconds / floor:.2f}× vs baseline)")
    ratio = total / (floor * len(LESSONS))
    print(
        f"all {len(LESSONS)} lessons: {total:.2f} s (ratio {ratio:.2f}× vs baseline per notebook)"
    )


if __name__ == "__main__":
    main()
