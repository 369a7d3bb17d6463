"""Benchmark the coding tool's apply-a-code-and-save, as a student clicks, at 5,000 segments.

Run from the repository root: ``python benchmarks/bench_coding_tool.py``. A synthetic transcript
of 5,000 turns and a 20-code codebook; the coding file already holds 0, 1,000 or 5,000
codings. Each line is the median of many clicks (``time.perf_counter``): apply one code to one
turn or to a span of it, which takes the file's lock and saves the whole file atomically (temp
file, fsync, rename, fsync of the folder).
The baseline, measured in the same run and folder, is a bare ``write_atomic`` of the same
bytes: the ratio is what the tool adds on top of the unavoidable write. Goal: under 10 ms, and
a ratio that stays flat as the codings grow (the write itself grows with the file).
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from qualkit.atomic import write_atomic
from qualkit.codebook import Category, Code, Codebook
from qualkit.coding_tool import CodingTool
from qualkit.codings import Coding, Codings, read_codings, write_codings
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


def report(name: str, ms: float, baseline: str, baseline_ms: float) -> None:
    print(
        f"{name}: {ms:.3g} ms (ratio {ms / baseline_ms:.2f}× vs {baseline}, {baseline_ms:.3g} ms)"
    )


def main() -> None:
    codebook = Codebook(CATEGORIES, CODES)
    text = transcript()
    for already in (0, 1_000, 5_000):
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "ana.codings.json"
            if already:
                write_codings(path, saved_codings(already))
            start = time.perf_counter()
            tool = CodingTool(text, codebook, "ana", path, clock=lambda: "2026-03-02T10:00:00Z")
            opened = time.perf_counter() - start
            applies, writes = [], []
            for click in range(CLICKS):
                turn, code = click * 23 % SEGMENTS + 1, CODES[10 + click % 10].label
                # Every other click codes a span (the turn's first word), as a student selects.
                segment = tool.segment(turn)
                span = {"start": segment.start, "end": segment.start + 4} if click % 2 else {}
                start = time.perf_counter()
                tool.apply(code, turn=turn, **span)
                applies.append(time.perf_counter() - start)
                data = path.read_bytes()
                start = time.perf_counter()
                write_atomic(path, data)
                writes.append(time.perf_counter() - start)
                tool.remove(code, turn=turn)  # keep the count of saved codings steady
            size = f"{len(data) / 1000:.0f} kB" if len(data) >= 1000 else f"{len(data)} bytes"
            report(
                f"apply_code_and_save, {SEGMENTS:,} segments, {already:,} codings saved",
                median_ms(applies),
                f"bare write_atomic of the same {size}",
                median_ms(writes),
            )
            if already:
                start = time.perf_counter()
                read_codings(path, codebook)
                parse = time.perf_counter() - start
                report(
                    f"open_and_resume, {already:,} codings saved",
                    opened * 1000,
                    "read_codings of the same file",
                    parse * 1000,
                )


if __name__ == "__main__":
    main()
