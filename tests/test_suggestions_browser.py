"""The suggestions panel in a real browser (JupyterLab 4 and Notebook 7, Debian's Chromium,
1366×768).

Off by default: the lesson notebook of tests/test_widget_browser.py shows no panel. Turned on
by the lesson (``code_transcript(..., suggest=True)``): accept one suggestion and reject
another, check the coding file records both, restart the kernel and see the decisions come
back from the file; axe-core passes with the panel open. Screenshots go to
``test-output/suggestions-browser/``.
"""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

import pytest
from lab_page import (
    AXE,
    FRONT_ENDS,
    axe_violations,
    opened_and_run,
    restart_and_run_all,
    served_notebook,
)
from lab_page import chromium as chromium
from test_widget_browser import NOTEBOOK, NOTEBOOK_CODE, TOOL, lesson_cells

from qualkit.codings import read_codings

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[1]
SHOTS = REPO / "test-output" / "suggestions-browser"
TURN = 2  # Brandi's first turn of PSS-FG1


def _server(tmp_path, suggest: bool, front_end: str = "jupyterlab"):
    """The widget tests' lesson notebook, served; ``suggest`` turns the panel on."""
    code = NOTEBOOK_CODE
    if suggest:
        code = code.replace('coder="ana")', 'coder="ana", suggest=True)')
        assert "suggest=True" in code
    hidden = ("QUALKIT_CORPUS", "QUALKIT_SUGGESTIONS")
    return served_notebook(tmp_path, front_end, NOTEBOOK, lesson_cells(code), hidden)


@contextmanager
def _open(playwright, chromium_path, url, base):
    from playwright.sync_api import expect

    with opened_and_run(playwright, chromium_path, url, base, NOTEBOOK) as page:
        tool = page.locator(TOOL)
        expect(tool.locator(".qk-status")).to_contain_text("coding", timeout=90_000)
        yield page, tool


def test_the_panel_is_absent_by_default(tmp_path, chromium):
    from playwright.sync_api import expect, sync_playwright

    with (
        _server(tmp_path, suggest=False) as (url, _root, base),
        sync_playwright() as playwright,
        _open(playwright, chromium, url, base) as (_page, tool),
    ):
        tool.get_by_label("Turn", exact=True).fill(str(TURN))
        tool.get_by_label("Turn", exact=True).press("Enter")
        expect(tool.locator(".qk-current")).to_have_attribute("data-turn", f"PSS-FG1|{TURN}")
        expect(tool.locator(".qk-suggestions")).to_have_count(0)


@pytest.mark.parametrize("front_end", sorted(FRONT_ENDS))
def test_accept_one_reject_one_restart_and_see_them_recorded(tmp_path, chromium, front_end):
    from playwright.sync_api import expect, sync_playwright

    assert AXE.exists()
    SHOTS.mkdir(parents=True, exist_ok=True)
    served = _server(tmp_path, suggest=True, front_end=front_end)
    with (
        served as (url, root, base),
        sync_playwright() as playwright,
        _open(playwright, chromium, url, base) as (page, tool),
    ):
        coding_file = root / "ana.codings.json"
        turn_box = tool.get_by_label("Turn", exact=True)
        turn_box.fill(str(TURN))
        turn_box.press("Enter")
        panel = tool.locator(".qk-suggestions")
        expect(panel).to_contain_text(f"Machine suggestions for turn {TURN}", timeout=30_000)
        items = panel.locator(".qk-suggestion")
        expect(items).to_have_count(3)
        first = items.nth(0).get_attribute("data-code")
        second = items.nth(1).get_attribute("data-code")
        assert not coding_file.exists() or not read_codings(coding_file).codings
        tool.evaluate("el => el.scrollIntoView({block: 'start'})")
        page.screenshot(path=str(SHOTS / f"{front_end}-panel.png"))
        found = axe_violations(page, TOOL)
        assert found == [], found

        panel.get_by_role("button", name=f"Accept {first}", exact=False).click()
        status = tool.locator(".qk-status")
        expect(status).to_contain_text(f"accepted the suggestion {first}", timeout=15_000)
        row = panel.locator(f'.qk-suggestion[data-code="{second}"]')
        row.get_by_role("button", name=f"Reject {second}", exact=False).click()
        expect(status).to_contain_text(f"rejected the suggestion {second}", timeout=15_000)
        expect(panel.locator(f'.qk-suggestion[data-code="{second}"] .qk-decision')).to_have_text(
            "rejected"
        )
        saved = read_codings(coding_file)
        assert [(c.turn, c.code) for c in saved.codings] == [(TURN, first)]
        decisions = {(r.turn, r.code): r.decision for r in saved.suggestions}
        assert decisions == {(TURN, first): "accepted", (TURN, second): "rejected"}
        page.screenshot(path=str(SHOTS / f"{front_end}-decided.png"))
        found = axe_violations(page, TOOL)
        assert found == [], found

        restart_and_run_all(page)
        expect(status).to_contain_text("Resumed 1 coding from ana.codings.json", timeout=90_000)
        turn_box.fill(str(TURN))
        turn_box.press("Enter")
        expect(panel.locator(f'.qk-suggestion[data-code="{second}"] .qk-decision')).to_have_text(
            "rejected", timeout=30_000
        )
        assert read_codings(coding_file).suggestions == saved.suggestions
        page.screenshot(path=str(SHOTS / f"{front_end}-restored.png"))
