"""qualkit.charting in a real browser: JupyterLab 4 and Notebook 7 in Debian's Chromium.

At a 1366×768 laptop's size, by keyboard only: move in the chart with the arrow keys, open a
cell with Enter, write its summary and save it with Ctrl+Enter, tick a turn it rests on with
Space, show that turn in context, go back to the chart with Esc; check the chart file, then
restart the kernel and see the cell come back. axe-core checks the view's accessibility.
Screenshots go to ``test-output/charting-browser/`` (gitignored) for people to look at.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from lab_page import (
    FRONT_ENDS,
    axe_violations,
    code_cell,
    on_screen,
    opened_and_run,
    restart_and_run_all,
    served_notebook,
)
from lab_page import chromium as chromium

from qualkit.charting import TurnRef, read_chart

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[1]
SHOTS = REPO / "test-output" / "charting-browser"
THEMES = {
    "Trust": ["PSS_LIVED_EXP", "PSS_EMOTIONAL", "DOULA_PRESENCE", "HV_TRUST_BUILD"],
    "Limits": ["PSS_BOUNDARY", "HV_SURVEILLANCE", "DOULA_NONJUDGMENT"],
    "Advocacy": ["PSS_NAVIGATION", "DOULA_ADVOCACY_HOSP", "DOULA_ADVOCACY_LEGAL"],
    "Continuity": ["PSS_CONTINUITY", "DOULA_POSTPARTUM_GAP", "X_POSTPARTUM_DROP"],
}
CASES = ["P001", "P002", "P003", "P007", "P009", "P013", "P015"]
NOTEBOOK_CODE = (
    "from qualkit import chart_cases\n"
    f"chart = chart_cases({THEMES!r},\n"
    f'                    charter="ana", codings="team", cases={CASES!r})\n'
    "chart"
)
SUMMARY = "Brandi could not walk into the clinic until her peer, who had sat in that lot too, came to her car."
VIEW = ".qualkit-charting"


@pytest.fixture(params=sorted(FRONT_ENDS))
def lab(request, tmp_path):
    cells = [code_cell("chart", NOTEBOOK_CODE)]
    with served_notebook(tmp_path, request.param, "chart.ipynb", cells) as (url, root, base):
        yield url, root, request.param, base


def test_chart_a_cell_by_keyboard_and_see_it_saved_and_restored(lab, chromium):
    from playwright.sync_api import expect, sync_playwright

    url, root, front_end, base = lab
    chart_file = root / "ana.chart.json"
    SHOTS.mkdir(parents=True, exist_ok=True)
    with (
        sync_playwright() as playwright,
        opened_and_run(playwright, chromium, url, base, "chart.ipynb") as page,
    ):
        view = page.locator(VIEW)
        status = view.locator(".qc-status")
        expect(status).to_contain_text("Nothing charted yet", timeout=90_000)
        view.evaluate("el => el.scrollIntoView({block: 'start'})")
        # Rows grouped by model, a column per theme.
        groups = view.locator("tr.qc-group")
        expect(groups).to_have_count(3)
        expect(groups.first).to_contain_text("Peer support specialists")
        expect(view.locator("thead th")).to_have_count(len(THEMES) + 1)
        expect(view.locator("button.qc-cell")).to_have_count(len(THEMES) * len(CASES))
        expect(view.locator(".qc-progress")).to_have_text("0 of 28 cells charted")
        found = axe_violations(page, VIEW)
        assert found == [], found

        # The keyboard: ↓ and ↑ move in the chart, Enter opens the cell.
        first = view.get_by_role("button", name="Brandi (P001), Trust: not charted")
        first.focus()
        page.keyboard.press("ArrowDown")
        expect(view.get_by_role("button", name="Keisha (P002), Trust: not charted")).to_be_focused()
        page.keyboard.press("ArrowRight")
        page.keyboard.press("ArrowLeft")
        page.keyboard.press("ArrowUp")
        expect(first).to_be_focused()
        page.keyboard.press("Enter")
        summary = view.get_by_label("Summary, in your own words")
        expect(summary).to_be_focused()
        expect(view.locator(".qc-editor-title")).to_have_text("Brandi (P001) × Trust")
        page.keyboard.type(SUMMARY)
        page.keyboard.press("Control+Enter")
        expect(status).to_contain_text(
            "Saved Brandi × Trust (the summary; 21 words, resting on 0 turns) to ana.chart.json",
            timeout=15_000,
        )
        # Tab past "Save summary" to the first turn she may rest it on; Space ticks it.
        page.keyboard.press("Tab")
        page.keyboard.press("Tab")
        turn_box = view.get_by_role("checkbox", name="PSS-FG1 turn 2")
        expect(turn_box).to_be_focused()
        page.keyboard.press("Space")
        expect(status).to_contain_text("PSS-FG1 turn 2 added; 21 words, resting on 1 turn")
        expect(turn_box).to_be_checked()
        expect(turn_box).to_be_focused()
        page.keyboard.press("Tab")
        page.keyboard.press("Enter")  # "In context"
        shown = view.locator(".qc-context li.qc-shown")
        expect(shown).to_contain_text("Brandi: I'll go, I'm never shy.")
        expect(view.locator(".qc-context li")).to_have_count(4)  # turn 2 and two either side
        saved = read_chart(chart_file)
        assert saved.cell("P001", "Trust").summary == SUMMARY
        assert saved.cell("P001", "Trust").turns == (TurnRef("PSS-FG1", 2),)
        # Everything of the open cell is on the laptop's screen at once.
        view.evaluate("el => el.scrollIntoView({block: 'start'})")
        for part in (
            ".qc-gridbox",
            ".qc-summary",
            ".qc-candidates",
            ".qc-context",
            ".qc-status",
        ):
            assert on_screen(page, view.locator(part).first), part
        found = axe_violations(page, VIEW)
        assert found == [], found
        page.screenshot(path=str(SHOTS / f"{front_end}-charted.png"))
        page.keyboard.press("Escape")
        charted = view.get_by_role("button", name="Brandi (P001), Trust: 21 words, 1 turns")
        expect(charted).to_be_focused()
        expect(view.locator(".qc-progress")).to_have_text("1 of 28 cells charted")

        restart_and_run_all(page)
        expect(status).to_contain_text("Resumed 1 charted cell from ana.chart.json", timeout=90_000)
        expect(view.locator("button.qc-charted")).to_have_count(1)
        expect(view.locator("button.qc-charted")).to_contain_text("Brandi could not walk")
        assert read_chart(chart_file) == saved
