"""The suggestions panel in a real browser (JupyterLab 4 and Notebook 7, Debian's Chromium,
1366×768).

Off by default: the lesson notebook of tests/test_widget_browser.py shows no panel. Turned on
by the lesson (``code_transcript(..., suggest=True)``): accept one suggestion and reject
another, check the coding file records both, restart the kernel and see the decisions come
back from the file; axe-core passes with the panel open. Screenshots go to
``test-output/suggestions-browser/``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from test_widget_browser import (
    AXE,
    FRONT_ENDS,
    LAPTOP,
    axe_violations,
    run_menu,
    wait_for_idle_kernel,
    write_notebook,
)
from test_widget_browser import chromium as chromium

from qualkit.codings import read_codings

from lab_server import CHROMIUM_ARGS, TOKEN, jupyter_server

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[1]
SHOTS = REPO / "test-output" / "suggestions-browser"
TURN = 2  # Brandi's first turn of PSS-FG1


def _server(tmp_path, suggest: bool, front_end: str = "jupyterlab"):
    module, app, notebook_url = FRONT_ENDS[front_end]
    root = tmp_path / "lesson"
    root.mkdir()
    write_notebook(root / "coding.ipynb")
    if suggest:
        notebook = (root / "coding.ipynb").read_text(encoding="utf-8")
        notebook = notebook.replace('coder=\\"ana\\")', 'coder=\\"ana\\", suggest=True)')
        assert "suggest=True" in notebook
        (root / "coding.ipynb").write_text(notebook, encoding="utf-8")
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("QUALKIT_CORPUS", "QUALKIT_SUGGESTIONS")
    }
    return root, jupyter_server(root, tmp_path, module=module, app=app, env=env), notebook_url


def _open(playwright, chromium_path, url, base):
    from playwright.sync_api import expect

    browser = playwright.chromium.launch(
        executable_path=chromium_path, headless=True, args=CHROMIUM_ARGS
    )
    page = browser.new_context(viewport=LAPTOP).new_page()
    page.goto(url)
    expect(page.locator(".jp-CodeCell .cm-content").first).to_be_visible(timeout=60_000)
    wait_for_idle_kernel(page, base)
    run_menu(page, "Run", "Run All Cells")
    tool = page.locator(".qualkit-coding")
    expect(tool.locator(".qk-status")).to_contain_text("coding", timeout=90_000)
    return browser, page, tool


def test_the_panel_is_absent_by_default(tmp_path, chromium):
    from playwright.sync_api import expect, sync_playwright

    _, server, notebook_url = _server(tmp_path, suggest=False)
    with server as base, sync_playwright() as playwright:
        browser, _page, tool = _open(
            playwright, chromium, f"{base}{notebook_url}token={TOKEN}", base
        )
        try:
            tool.get_by_label("Turn", exact=True).fill(str(TURN))
            tool.get_by_label("Turn", exact=True).press("Enter")
            expect(tool.locator(".qk-current")).to_have_attribute("data-turn", f"PSS-FG1|{TURN}")
            expect(tool.locator(".qk-suggestions")).to_have_count(0)
        finally:
            browser.close()


@pytest.mark.parametrize("front_end", sorted(FRONT_ENDS))
def test_accept_one_reject_one_restart_and_see_them_recorded(tmp_path, chromium, front_end):
    from playwright.sync_api import expect, sync_playwright

    assert AXE.exists()
    root, server, notebook_url = _server(tmp_path, suggest=True, front_end=front_end)
    coding_file = root / "ana.codings.json"
    SHOTS.mkdir(parents=True, exist_ok=True)
    with server as base, sync_playwright() as playwright:
        browser, page, tool = _open(
            playwright, chromium, f"{base}{notebook_url}token={TOKEN}", base
        )
        try:
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
            found = axe_violations(page)
            assert found == [], found

            panel.get_by_role("button", name=f"Accept {first}", exact=False).click()
            status = tool.locator(".qk-status")
            expect(status).to_contain_text(f"accepted the suggestion {first}", timeout=15_000)
            row = panel.locator(f'.qk-suggestion[data-code="{second}"]')
            row.get_by_role("button", name=f"Reject {second}", exact=False).click()
            expect(status).to_contain_text(f"rejected the suggestion {second}", timeout=15_000)
            expect(
                panel.locator(f'.qk-suggestion[data-code="{second}"] .qk-decision')
            ).to_have_text("rejected")
            saved = read_codings(coding_file)
            assert [(c.turn, c.code) for c in saved.codings] == [(TURN, first)]
            decisions = {(r.turn, r.code): r.decision for r in saved.suggestions}
            assert decisions == {(TURN, first): "accepted", (TURN, second): "rejected"}
            page.screenshot(path=str(SHOTS / f"{front_end}-decided.png"))
            found = axe_violations(page)
            assert found == [], found

            run_menu(page, "Kernel", "Restart Kernel and Run All Cells")
            page.locator(".jp-Dialog .jp-mod-accept").click()
            expect(status).to_contain_text("Resumed 1 coding from ana.codings.json", timeout=90_000)
            turn_box.fill(str(TURN))
            turn_box.press("Enter")
            expect(
                panel.locator(f'.qk-suggestion[data-code="{second}"] .qk-decision')
            ).to_have_text("rejected", timeout=30_000)
            assert read_codings(coding_file).suggestions == saved.suggestions
            page.screenshot(path=str(SHOTS / f"{front_end}-restored.png"))
        finally:
            browser.close()
