"""Benchmark the coding view's first render of a 10,000-word transcript in Chromium.

Run from the repository root: ``python benchmarks/bench_widget_render.py`` (needs Debian's
chromium, as the browser tests do). A synthetic focus group of about 10,000 words (400 turns)
with 300 span codings, drawn by the real ``coding.js`` from the real view data
(:mod:`qualkit.widget.view_state`), handed to it as anywidget would (a model with ``get``,
``on`` and ``send``). Timed from calling ``render`` until the browser has laid the page out
(a forced layout, then the next animation frame); the median of several fresh pages.

The baseline, measured in the same run and browser: the same turns written as plain
paragraphs (``innerHTML``, no highlights, stripes or codebook). Goal: under 1 s.
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
from pathlib import Path

from qualkit.codebook import Category, Code, Codebook
from qualkit.coding_tool import CodingTool
from qualkit.transcripts import format_transcript, parse_transcript
from qualkit.widget import view_state
from qualkit.widget.coding_widget import KEYS_HELP

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))
from lab_server import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

TURNS, WORDS_PER_TURN, CODINGS, RUNS = 400, 25, 300, 7
SPEAKERS = ("Facilitator", "Dana", "Kim", "Rosa", "Lee", "Marisol")
WORDS = [
    "she",
    "came",
    "by",
    "the",
    "house",
    "every",
    "week",
    "and",
    "asked",
    "how",
    "I",
    "was",
    "doing",
    "not",
    "just",
    "the",
    "baby",
]
CATEGORIES = (Category("pss", "Peer support", "Peer codes."), Category("x", "Shared", "Shared."))
CODES = tuple(
    Code(f"CODE_{k:02d}", CATEGORIES[k % 2].id, "Brief.", "Full.", "Use.", "Do not.", "Example.")
    for k in range(37)
)

PAGE = """<!doctype html><html><head><meta charset="utf-8"><style>{css}</style></head>
<body><div id="widget"></div></body></html>"""

RENDER = """async ([esm, data]) => {
    const module = await import(URL.createObjectURL(new Blob([esm], {type: "text/javascript"})));
    const model = {get: (name) => data[name], on() {}, off() {}, send() {}};
    const el = document.getElementById("widget");
    const start = performance.now();
    module.default.render({model, el});
    el.offsetHeight;  // force layout
    await new Promise((done) => requestAnimationFrame(() => done()));
    return performance.now() - start;
}"""

BASELINE = """([turns]) => {
    const el = document.getElementById("widget");
    const start = performance.now();
    el.innerHTML = turns.map((t) => `<p><b>${t.speaker}:</b> ${t.text}</p>`).join("");
    el.offsetHeight;
    return new Promise((done) => requestAnimationFrame(() => done(performance.now() - start)));
}"""


def view_data() -> dict:
    lines = (
        (
            SPEAKERS[n % len(SPEAKERS)],
            " ".join(WORDS[(n + k) % len(WORDS)] for k in range(WORDS_PER_TURN)) + ".",
        )
        for n in range(TURNS)
    )
    transcript = parse_transcript(format_transcript(lines, ["SIMULATED"]), "BENCH-FG1")
    words = sum(len(turn.text.split()) for turn in transcript.turns)
    with tempfile.TemporaryDirectory() as folder:
        tool = CodingTool(
            transcript,
            Codebook(CATEGORIES, CODES),
            "ana",
            Path(folder) / "ana.codings.json",
            context_speakers={"Facilitator"},
            focus={"pss", "x"},
        )
        for k in range(CODINGS):
            turn = tool.segments[(k * 7) % TURNS]
            tool.apply(CODES[k % 10].label, turn.turn, start=turn.start + 4, end=turn.start + 30)
        data = {
            "title": "Coding BENCH-FG1",
            "subtitle": "Coder ana",
            "keys_help": KEYS_HELP,
            "turns": view_state.turns_view(tool),
            "speakers": list(SPEAKERS),
            "codebook": view_state.codebook_view(tool),
            "marks": view_state.marks_view(tool),
            "state": view_state.state_view(tool),
        }
    print(f"transcript: {TURNS} turns, {words:,} words, {CODINGS} span codings")
    return json.loads(json.dumps(data))


def main() -> None:
    from playwright.sync_api import sync_playwright

    data = view_data()
    widget = REPO / "src" / "qualkit" / "widget"
    esm = (widget / "coding.js").read_text(encoding="utf-8")
    page_html = PAGE.format(css=(widget / "coding.css").read_text(encoding="utf-8"))
    renders, baselines = [], []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        try:
            for _ in range(RUNS):
                page = browser.new_page(viewport={"width": 1366, "height": 768})
                page.set_content(page_html)
                renders.append(page.evaluate(RENDER, [esm, data]))
                assert page.locator(".qk-turn").count() == TURNS
                assert page.locator(".qk-stripe").count() == CODINGS
                page.close()
                page = browser.new_page(viewport={"width": 1366, "height": 768})
                page.set_content(page_html)
                baselines.append(page.evaluate(BASELINE, [data["turns"]]))
                page.close()
        finally:
            browser.close()
    ms, base = statistics.median(renders), statistics.median(baselines)
    print(
        f"first_render, 10,000-word transcript: {ms:.3g} ms "
        f"(ratio {ms / base:.2f}× vs plain paragraphs of the same turns, {base:.3g} ms); "
        f"goal under 1000 ms"
    )


if __name__ == "__main__":
    main()
