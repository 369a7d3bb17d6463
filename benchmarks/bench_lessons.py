"""Benchmark each lesson run start to finish (the instructor's version, all tests included).

Run from the repository root: ``python benchmarks/bench_lessons.py``. Each lesson is executed in
a fresh Jupyter kernel with nbclient, as grading runs it. The baseline, measured in the same
run, is the floor every lesson pays: start a kernel and import what the lessons import (every
module their code cells import, read from the notebooks). A lesson should stay under a minute
on a 2-core machine; the whole course (every lesson, one after another) under 1.5× the
baseline once per notebook (issue #12). The last line reports that ratio.
"""

from __future__ import annotations

import ast
import shutil
import statistics
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

REPO = Path(__file__).resolve().parents[1]
LESSONS = sorted(p for p in (REPO / "lessons").glob("*/*.ipynb") if p.stem == p.parent.name)


def lesson_imports(paths) -> list[str]:
    """Every absolute module the lessons' code cells import, sorted."""
    modules = set()
    for path in paths:
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.cell_type != "code":
                continue
            for node in ast.walk(ast.parse(cell.source)):
                if isinstance(node, ast.Import):
                    modules.update(alias.name for alias in node.names)
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    modules.add(node.module)
    return sorted(modules)


FLOOR = "\n".join(f"import {module}" for module in lesson_imports(LESSONS))


def run(nb, folder: Path) -> float:
    start = time.perf_counter()
    NotebookClient(nb, timeout=120, resources={"metadata": {"path": str(folder)}}).execute()
    return time.perf_counter() - start


def median_time(make, folder: Path, repeats: int = 3) -> float:
    return statistics.median(run(make(), folder) for _ in range(repeats))


def main() -> None:
    scratch = Path(tempfile.mkdtemp(prefix="qualkit-bench-"))
    try:
        measure(scratch)
    finally:
        shutil.rmtree(scratch)


def measure(scratch: Path) -> None:
    """Each lesson runs in a copy of its folder: the files its solutions write (coding files,
    an export) never land in the sources, where a release would pick them up."""
    floor = median_time(
        lambda: nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(FLOOR)]), scratch
    )
    print(
        f"baseline (kernel start + the lessons' imports, {FLOOR.count(chr(10)) + 1} modules): "
        f"{floor:.2f} s"
    )
    total = 0.0
    for path in LESSONS:
        folder = shutil.copytree(path.parent, scratch / path.parent.name)
        seconds = median_time(lambda p=path: nbformat.read(p, as_version=4), folder)
        total += seconds
        print(f"{path.stem}: {seconds:.2f} s (ratio {seconds / floor:.2f}× vs baseline)")
    ratio = total / (floor * len(LESSONS))
    print(
        f"whole course, {len(LESSONS)} lessons: {total:.2f} s, ratio {ratio:.2f}× vs "
        f"{len(LESSONS)} × baseline (target under 1.5×)"
    )


if __name__ == "__main__":
    main()
