"""Drive a lesson notebook in a real browser: the steps the widget browser tests share.

Write a notebook, serve it in JupyterLab 4 or Notebook 7 (lab_server.py), open it in Debian's
Chromium at a laptop's size, wait for its kernel, run it from the menus, and ask axe-core
about a widget. Used by test_widget_browser.py, test_charting_browser.py and
test_suggestions_browser.py.
"""

from __future__ import annotations

import json
import os
import time
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import pytest

from lab_server import CHROMIUM_ARGS, TOKEN, jupyter_server
from lab_server import chromium as find_chromium

REPO = Path(__file__).resolve().parents[1]
AXE = REPO / "build" / "node" / "node_modules" / "axe-core" / "axe.min.js"
LAPTOP = {"width": 1366, "height": 768}
# Each front end: the module that starts it, its app's config name, and a notebook's URL path.
FRONT_ENDS = {
    "jupyterlab": ("jupyterlab", "LabApp", "/lab/tree/{name}?reset&"),
    "notebook7": ("notebook", "JupyterNotebookApp", "/notebooks/{name}?"),
}


def code_cell(cell_id: str, source: str) -> dict:
    return {
        "cell_type": "code",
        "id": cell_id,
        "metadata": {},
        "execution_count": None,
        "outputs": [],
        "source": source,
    }


def markdown_cell(cell_id: str, source: str) -> dict:
    return {"cell_type": "markdown", "id": cell_id, "metadata": {}, "source": source}


def write_notebook(path: Path, cells: Sequence[dict]) -> None:
    """A lesson notebook of ``cells``, without outputs (written fresh for each run)."""
    notebook = {
        "cells": list(cells),
        "metadata": {
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
            "language_info": {"name": "python"},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    path.write_text(json.dumps(notebook, indent=1), encoding="utf-8")


@contextmanager
def served_notebook(
    tmp_path: Path,
    front_end: str,
    name: str,
    cells: Sequence[dict],
    hidden: Sequence[str] = ("QUALKIT_CORPUS",),
) -> Iterator[tuple[str, Path, str]]:
    """A fresh server (``front_end``) on a lesson folder holding one notebook, run without the
    ``hidden`` environment variables; yields the notebook's URL, the lesson folder and the
    server's base URL."""
    module, app, notebook_path = FRONT_ENDS[front_end]
    root = tmp_path / "lesson"
    root.mkdir()
    write_notebook(root / name, cells)
    env = {key: value for key, value in os.environ.items() if key not in hidden}
    with jupyter_server(root, tmp_path, module=module, app=app, env=env) as base:
        yield f"{base}{notebook_path.format(name=name)}token={TOKEN}", root, base


@pytest.fixture
def chromium() -> str:
    """Debian's Chromium, once axe-core is installed (``make browser``)."""
    if not AXE.exists():
        message = f"axe-core is not installed at {AXE} (make browser)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return find_chromium()


def wait_for_idle_kernel(page, base: str, name: str) -> None:
    """Wait until the notebook's kernel has started and gone idle, as the server and the
    page both see it: before that, "Run All" can reach a notebook with no kernel to run on
    and do nothing."""
    from playwright.sync_api import expect

    deadline = time.monotonic() + 90
    while True:
        with urllib.request.urlopen(f"{base}/api/sessions?token={TOKEN}", timeout=5) as reply:
            sessions = json.load(reply)
        if any(
            s["path"].endswith(name) and s["kernel"]["execution_state"] == "idle" for s in sessions
        ):
            break
        assert time.monotonic() < deadline, f"no idle kernel for {name}: {sessions}"
        time.sleep(0.2)
    idle = page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']").first
    expect(idle).to_be_attached(timeout=30_000)


def run_menu(page, menu: str, item: str) -> None:
    """Click ``menu`` > ``item`` once the item is enabled (the notebook accepts commands)."""
    from playwright.sync_api import expect

    page.locator(".lm-MenuBar-itemLabel", has_text=menu).first.click()
    entry = page.locator(".lm-Menu-item:not(.lm-mod-disabled)", has_text=item).first
    expect(entry).to_be_visible(timeout=30_000)
    entry.click()


@contextmanager
def opened_and_run(playwright, chromium_path: str, url: str, base: str, name: str):
    """Launch Chromium at the laptop's size, open the notebook, wait for its kernel and run
    all its cells; yields the page, and closes the browser afterwards."""
    from playwright.sync_api import expect

    browser = playwright.chromium.launch(
        executable_path=chromium_path, headless=True, args=CHROMIUM_ARGS
    )
    try:
        page = browser.new_context(viewport=LAPTOP).new_page()
        page.goto(url)
        expect(page.locator(".jp-CodeCell .cm-content").first).to_be_visible(timeout=60_000)
        wait_for_idle_kernel(page, base, name)
        run_menu(page, "Run", "Run All Cells")
        yield page
    finally:
        browser.close()


def restart_and_run_all(page) -> None:
    run_menu(page, "Kernel", "Restart Kernel and Run All Cells")
    page.locator(".jp-Dialog .jp-mod-accept").click()


def axe_violations(page, selector: str) -> list[dict]:
    """axe-core's serious and critical violations inside the element ``selector`` names."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        """async (selector) => {
            const r = await axe.run(document.querySelector(selector),
                                    {resultTypes: ['violations']});
            return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
        }""",
        selector,
    )
    return [v for v in result if v["impact"] in ("serious", "critical")]


def on_screen(page, locator) -> bool:
    """Whether ``locator`` is wholly inside the laptop's screen, top to bottom."""
    box = locator.bounding_box()
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= LAPTOP["height"]
