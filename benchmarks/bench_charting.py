"""Benchmark the charting tool's write-a-summary-and-save, as a student charts, on a full chart.

Run from the repository root: ``python benchmarks/bench_charting.py``. The kit's corpus, every
participant against five themes, every cell already charted (a 60-word summary resting on its
coded turns): the largest chart a course would ask for. Each line is the median of many saves
(``time.perf_counter``): change one cell's summary, or tick one turn, which takes the file's
lock, checks the file for changes by another tool, and rewrites it atomically
(:func:`qualkit.atomic.write_atomic`). The baseline, measured in the same run and folder, is a
bare ``write_atomic`` of the same file's bytes: the ratio is what the tool adds on top of the
one unavoidable disk write. Goal: a ratio under 1.5 (a save is one disk write and little
more); the absolute time is the disk's (about 20 ms here for a 200 KiB chart).
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from qualkit.atomic import write_atomic
from qualkit.charting import ChartingTool
from qualkit.charting.chart_file import format_chart
from qualkit.corpus import load_corpus

SAVES = 60
THEMES = {
    "Trust": ["PSS_LIVED_EXP", "PSS_EMOTIONAL", "DOULA_PRESENCE", "HV_TRUST_BUILD"],
    "Limits": ["PSS_BOUNDARY", "HV_SURVEILLANCE", "DOULA_NONJUDGMENT"],
    "Advocacy": ["PSS_NAVIGATION", "DOULA_ADVOCACY_HOSP", "DOULA_ADVOCACY_LEGAL"],
    "Continuity": ["PSS_CONTINUITY", "DOULA_POSTPARTUM_GAP", "X_POSTPARTUM_DROP"],
    "Being watched": ["X_CPS_FEAR", "HV_SURVEILLANCE", "X_STIGMA_CARE"],
}
SUMMARY = " ".join(["she says her supporter stood with her when it counted"] * 6)  # 60 words


def median_ms(times: list[float]) -> float:
    return statistics.median(times) * 1000


def main() -> None:
    corpus = load_corpus()
    codings = corpus.codings("team")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "ana.chart.json"
        tool = ChartingTool(corpus, THEMES, codings, "ana", path)
        for case in tool.chart.cases:
            for theme in tool.chart.theme_names:
                tool.open(case, theme)
                tool.write_summary(SUMMARY)
                for turn, _ in tool.candidates(case, theme)[:2]:
                    tool.pick(f"{turn.session_id}|{turn.turn}")
        cells, size = len(tool.chart.cells), path.stat().st_size
        data = format_chart(tool.chart).encode("utf-8")
        baseline, summary, pick = [], [], []
        case = tool.chart.cases[0]
        tool.open(case, "Trust")
        turn = tool.candidates(case, "Trust")[0][0]
        ref = f"{turn.session_id}|{turn.turn}"
        for n in range(SAVES):  # interleaved, so a busy moment of the machine hits all three
            start = time.perf_counter()
            write_atomic(Path(folder) / "baseline.json", data)
            baseline.append(time.perf_counter() - start)
            start = time.perf_counter()
            tool.write_summary(f"{SUMMARY} {n}")
            summary.append(time.perf_counter() - start)
            start = time.perf_counter()
            tool.pick(ref, on=bool(n % 2))
            pick.append(time.perf_counter() - start)
    base = median_ms(baseline)
    print(f"chart of {cells} cells, {size / 1024:.0f} KiB; median of {SAVES} saves each")
    print(f"baseline, write_atomic of the file: {base:.3g} ms")
    for name, times in (("write a summary and save", summary), ("tick a turn and save", pick)):
        ms = median_ms(times)
        print(f"{name}: {ms:.3g} ms (ratio {ms / base:.2f}× vs the baseline)")


if __name__ == "__main__":
    main()
