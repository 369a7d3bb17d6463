"""qualkit.widget in a real browser: JupyterLab 4 and Notebook 7 in Debian's Chromium (Playwright).

Codes three turns by clicking, restarts the kernel, runs the notebook again, and checks that
the three codings come back, on screen and in the file. Screenshots go to
``test-output/widget-browser/`` at the repository root (gitignored) for people to look at.

Needs Debian's ``chromium`` (``apt-get install chromium``); never ``playwright install``.
Without it the test skips, or fails when ``$CI`` is set.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from qualkit.codings import read_codings

from lab_server import CHROMIUM_ARGS, TOKEN, jupyter_server
from lab_server import chromium as find_chromium

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[1]
SHOTS = REPO / "test-output" / "widget-browser"
# As a lesson calls it: the corpus comes from $QUALKIT_CORPUS (set for the server below).
NOTEBOOK_CODE = 'from qualkit.widget import code_transcript\ntool = code_transcript("PSS-FG1", coder="ana")\ntool'


def write_notebook(path: Path) -> None:
    """A two-cell lesson notebook without outputs (written fresh for each run)."""
    cells = [
        {
            "cell_type": "markdown",
            "id": "intro",
            "metadata": {},
            "source": "## Code the peer-support focus group\nTick codes; they save at once.",
        },
        {
            "cell_type": "code",
            "id": "tool",
            "metadata": {},
            "execution_count": None,
            "outputs": [],
            "source": NOTEBOOK_CODE,
        },
    ]
    notebook = {
        "cells": cells,
        "metadata": {
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
            "language_info": {"name": "python"},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    path.write_text(json.dumps(notebook, indent=1), encoding="utf-8")


# Each front end: the module that starts it, its app's config name, and a notebook's URL.
FRONT_ENDS = {
    "jupyterlab": ("jupyterlab", "LabApp", "/lab/tree/coding.ipynb?reset&"),
    "notebook7": ("notebook", "JupyterNotebookApp", "/notebooks/coding.ipynb?"),
}


@pytest.fixture(params=sorted(FRONT_ENDS))
def lab(request, tmp_path, tiny_corpus_dir):
    """A fresh server (JupyterLab 4 or Notebook 7) on a lesson folder holding one notebook;
    yields the notebook's URL, the lesson folder and the front end's name."""
    module, app, notebook_url = FRONT_ENDS[request.param]
    root = tmp_path / "lesson"
    root.mkdir()
    write_notebook(root / "coding.ipynb")
    env = {"QUALKIT_CORPUS": str(tiny_corpus_dir)}
    with jupyter_server(root, tmp_path, module=module, app=app, env=env) as base:
        yield f"{base}{notebook_url}token={TOKEN}", root, request.param


@pytest.fixture
def chromium() -> str:
    return find_chromium()


def test_code_three_turns_restart_and_see_them_restored(lab, chromium):
    from playwright.sync_api import expect, sync_playwright

    url, root, front_end = lab
    coding_file = root / "ana.codings.json"
    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium, headless=True, args=CHROMIUM_ARGS
        )
        try:
            page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
            page.goto(url)

            def run_menu(menu: str, item: str) -> None:
                page.locator(".lm-MenuBar-itemLabel", has_text=menu).first.click()
                page.locator(".lm-Menu-itemLabel", has_text=item).first.click()

            # The menu can open before the notebook is ready for commands: retry until it runs.
            prompt = page.locator(".jp-CodeCell .jp-InputPrompt").first
            expect(page.locator(".jp-CodeCell .cm-content").first).to_be_visible(timeout=30_000)
            idle = page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']").first
            expect(idle).to_be_attached(timeout=60_000)
            for attempt in range(4):
                run_menu("Run", "Run All Cells")
                try:
                    expect(prompt).to_have_text(re.compile(r"\[[*0-9]+\]"), timeout=5_000)
                    break
                except AssertionError:
                    page.keyboard.press("Escape")
                    if attempt == 3:
                        raise
            tool = page.locator(".qualkit-coding")
            status = tool.locator(".qk-status")
            expect(status).to_contain_text("Nothing coded yet", timeout=60_000)

            def tick(code: str, turn: int, saved: str) -> None:
                expect(tool.locator(f'.qk-current[data-turn="{turn}"]')).to_be_visible()
                tool.get_by_role("checkbox", name=re.compile(f"^{code} ")).click()
                expect(status).to_contain_text(saved, timeout=15_000)

            tick("PSS_LIVED_EXP", 2, "Saved 1 coding to ana.codings.json")
            tool.get_by_role("button", name="Next", exact=True).click()
            tick("PSS_BOUNDARY", 3, "Saved 2 codings to ana.codings.json")
            tool.get_by_role("button", name="Next", exact=True).click()
            tick("PSS_LIVED_EXP", 4, "Saved 3 codings to ana.codings.json")
            before = coding_file.read_bytes()
            assert [(c.turn, c.code, c.coder) for c in read_codings(coding_file)] == [
                (2, "PSS_LIVED_EXP", "ana"),
                (3, "PSS_BOUNDARY", "ana"),
                (4, "PSS_LIVED_EXP", "ana"),
            ]

            run_menu("Kernel", "Restart Kernel and Run All Cells")
            page.locator(".jp-Dialog .jp-mod-accept").click()
            expect(status).to_contain_text(
                "Resumed 3 codings from ana.codings.json", timeout=60_000
            )
            expect(tool.locator(".widget-html-content", has_text="3 of 4")).to_be_visible()
            # Go back to turn 2 with the keyboard: type in the Turn box, press Enter.
            turn_box = tool.get_by_label("Turn", exact=True)
            turn_box.fill("2")
            turn_box.press("Enter")
            expect(tool.locator('.qk-current[data-turn="2"]')).to_be_visible(timeout=15_000)
            # The command box: n (next), then p (previous); it clears itself after each.
            command = tool.get_by_role("combobox", name="Command")
            for key, turn in (("n", 3), ("p", 2)):
                command.fill(key)
                command.press("Enter")
                expect(tool.locator(f'.qk-current[data-turn="{turn}"]')).to_be_visible()
                expect(command).to_have_value("")
            for turn, code in ((2, "PSS_LIVED_EXP"), (3, "PSS_BOUNDARY"), (4, "PSS_LIVED_EXP")):
                chip = tool.locator(f'.qk-turn[data-turn="{turn}"] .qk-chip', has_text=code)
                expect(chip).to_be_visible()
            expect(tool.get_by_role("checkbox", name=re.compile("^PSS_LIVED_EXP "))).to_be_checked()
            expect(
                tool.get_by_role("checkbox", name=re.compile("^PSS_BOUNDARY "))
            ).not_to_be_checked()
            assert coding_file.read_bytes() == before  # reopening changed nothing
            tool.get_by_role("button", name="Speaker details").click()
            expect(tool.locator(".qk-details")).to_contain_text("buprenorphine")
            tool.scroll_into_view_if_needed()
            tool.screenshot(path=str(SHOTS / f"{front_end}-coding-widget.png"))
            page.screenshot(path=str(SHOTS / f"{front_end}-page.png"))
            # The codebook, read without leaving the tool.
            header = tool.locator(".jupyter-widget-Collapse-header")
            header.filter(has_text="Code definitions").click()
            header.filter(has_text="Peer support specialists").click()
            expect(tool.locator(".qk-def").first).to_contain_text("Do not use when:")
            more = tool.locator(".qk-more")
            more.scroll_into_view_if_needed()
            more.screenshot(path=str(SHOTS / f"{front_end}-code-definitions.png"))
        finally:
            browser.close()
