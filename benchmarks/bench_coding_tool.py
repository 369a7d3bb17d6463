"""Benchmark the coding tool's apply-a-code-and-save, as a student clicks, at 5,000 segments.

Run from the repository root: ``python benchmarks/bench_coding_tool.py``. A synthetic transcript
of 5,000 turns and a 20-code codebook; the coding file already holds 100, 1,000, 5,000 or
10,000 codings. Each line is the median of many clicks (``time.perf_counter``): apply one code
to one turn or to a span of it, which takes the file's lock, checks the file and its journal
for changes by another tool, and saves: one fsync'd line appended to the journal, or, one
save in ``COMPACT_EVERY``, the whole file rewritten atomically (compaction).
The baseline, measured in the same run and folder, is a bare fsync'd append of one line of the
same length: the ratio is what the tool adds on top of the one unavoidable disk write. Goal:
under 10 ms, flat as the codings grow. For contrast, the whole-file rewrite that each save
cost before the journal (a bare ``write_atomic`` of the file) is printed too.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from pathlib import Path

from qualkit.atomic import write_atomic
from qualkit.codebook import Category, Code, Codebook
from qualkit.coding_tool import CodingTool
from qualkit.coding_tool.coding_file import COMPACT_EVERY
from qualkit.codings import Coding, Codings, read_codings, write_codings
from qualkit.codings.content import PutCoding
from qualkit.codings.journal import encode
from qualkit.transcripts import format_transcript, parse_transcript

SEGMENTS = 5_000
CLICKS = 200
SPEAKERS = ("Facilitator", "Dana", "Kim", "Rosa", "Lee")
CATEGORIES = (Category("pss", "Peer support", "Peer codes."), Category("hv", "Home visits", "."))
CODES = tuple(
    Code(f"CODE_{k:02d}", CATEGORIES[k % 2].id, "Brief.", "Full.", "Use.", "Do not.", "Example.")
    for k in range(20)
)


def transcript():
    turns = (
        (SPEAKERS[n % len(SPEAKERS)], f"Turn {n}: a sentence or two of what was said, in words.")
        for n in range(1, SEGMENTS + 1)
    )
    return parse_transcript(format_transcript(turns, ["SIMULATED"]), "BENCH-FG1")


def saved_codings(count: int) -> Codings:
    """``count`` codings spread over the turns, with codes 0–9 (the clicks use codes 10–19)."""
    return Codings(
        tuple(
            Coding(
                "BENCH-FG1",
                i % SEGMENTS + 1,
                CODES[i // SEGMENTS].label,
                "ana",
                "",
                "2026-03-02T10:00:00Z",
            )
            for i in range(count)
        )
    )


def median_ms(times: list[float]) -> float:
    return statistics.median(times) * 1000


def p95_ms(times: list[float]) -> float:
    return statistics.quantiles(times, n=20)[-1] * 1000


def report(name: str, ms: float, baseline: str, baseline_ms: float) -> None:
    print(
        f"{name}: {ms:.3g} ms (ratio {ms / baseline_ms:.2f}× vs {baseline}, {baseline_ms:.3g} ms)"
    )


def bare_append(path: Path, line: bytes) -> float:
    """One line appended and fsync'd, as the journal does it, with nothing else: the baseline."""
    start = time.perf_counter()
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        os.write(fd, line)
        os.fdatasync(fd)
    finally:
        os.close(fd)
    return time.perf_counter() - start


def main() -> None:
    codebook = Codebook(CATEGORIES, CODES)
    text = transcript()
    medians = {}
    for already in (100, 1_000, 5_000, 10_000):
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "ana.codings.json"
            write_codings(path, saved_codings(already))
            start = time.perf_counter()
            tool = CodingTool(text, codebook, "ana", path, clock=lambda: "2026-03-02T10:00:00Z")
            opened = time.perf_counter() - start
            applies, appends = [], []
            for click in range(CLICKS):
                turn, code = click * 23 % SEGMENTS + 1, CODES[10 + click % 10].label
                # Every other click codes a span (the turn's first word), as a student selects.
                segment = tool.segment(turn)
                span = {"start": segment.start, "end": segment.start + 4} if click % 2 else {}
                start = time.perf_counter()
                tool.apply(code, turn=turn, **span)
                applies.append(time.perf_counter() - start)
                line = encode([PutCoding(tool.coding(code, turn, **span))]).encode("utf-8")
                appends.append(bare_append(Path(folder) / "baseline.log", line))
                tool.remove(code, turn=turn)  # keep the count of saved codings steady
            tool.close()
            medians[already] = median_ms(applies)
            report(
                f"apply_code_and_save, {SEGMENTS:,} segments, {already:,} codings saved",
                medians[already],
                f"bare fsync'd append of one {len(line)}-byte line",
                median_ms(appends),
            )
            print(
                f"  95th percentile {p95_ms(applies):.3g} ms, slowest {max(applies) * 1000:.3g} ms "
                f"(one save in {COMPACT_EVERY} rewrites the whole file)"
            )
            data = path.read_bytes()
            rewrites = []
            for _ in range(20):
                start = time.perf_counter()
                write_atomic(path, data)
                rewrites.append(time.perf_counter() - start)
            size = f"{len(data) / 1000:.0f} kB"
            print(
                f"  for contrast: a bare write_atomic of the whole {size} file, "
                f"{median_ms(rewrites):.3g} ms"
            )
            start = time.perf_counter()
            read_codings(path, codebook)
            parse = time.perf_counter() - start
            report(
                f"open_and_resume, {already:,} codings saved",
                opened * 1000,
                "read_codings of the same file",
                parse * 1000,
            )
    low, high = medians[100], medians[10_000]
    print(
        f"flatness: apply_code_and_save at 10,000 codings / at 100 codings = {high / low:.2f}× "
        f"(goal: about 1; every median under 10 ms: {max(medians.values()) < 10})"
    )


if __name__ == "__main__":
    main()
