"""What a person does in JupyterLab's nbgrader panels, for the browser tests (Playwright).

Shared by the student-view test and the hub test: fetch, answer, validate, submit and fetch
feedback through *Nbgrader > Assignment List*, as a student would, never through files.
"""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout

LONG = 120_000  # ms: kernels and nbgrader calls are slow on a loaded 2-core machine
CLEAN = 15_000  # ms: a saved notebook shows clean as soon as the save's reply arrives
SAVES = 3


def open_assignment_list(page: Page, lab_url: str, *, fresh: bool = False) -> None:
    """Open the Assignment List panel from the Nbgrader menu, as she does from wherever she is
    in JupyterLab (the menu shows the panel again, its lists read afresh). JupyterLab is
    opened first, fresh (no restored tabs), when she is not in it yet or ``fresh`` asks for
    it (a notebook the test then rewrites on disk must not stay open in a tab)."""
    if fresh or not page.url.split("?")[0].startswith(lab_url.split("?")[0]):
        page.goto(f"{lab_url}?reset" if "?" not in lab_url else f"{lab_url}&reset")
    page.locator(".lm-MenuBar-itemLabel", has_text="Nbgrader").click(timeout=LONG)
    page.locator(".lm-Menu-itemLabel", has_text="Assignment List").click()
    expect(page.locator("#released_assignments_list")).to_be_attached(timeout=LONG)


def _row(page: Page, section: str, lesson: str):
    return page.locator(f"#{section}_assignments_list .list_item", has_text=lesson).first


def fetch(page: Page, lesson: str) -> None:
    _row(page, "released", lesson).get_by_role("button", name="Fetch").click(timeout=LONG)
    expect(_row(page, "fetched", lesson)).to_be_visible(timeout=LONG)


def submit(page: Page, lesson: str) -> None:
    _row(page, "fetched", lesson).get_by_role("button", name="Submit").click(timeout=LONG)
    expect(_row(page, "submitted", lesson)).to_be_visible(timeout=LONG)


def fetch_feedback(page: Page, lesson: str) -> None:
    """Press Fetch Feedback on the newest submission; the feedback link shows up."""
    row = _row(page, "submitted", lesson)
    row.get_by_role("button", name="Fetch Feedback").click(timeout=LONG)
    expect(row.get_by_text("view feedback", exact=False)).to_be_visible(timeout=LONG)


def open_notebook(page: Page, lab_url: str, path: str) -> None:
    """Open a notebook, and wait until its kernel is connected."""
    page.goto(f"{lab_url}/tree/{path}?reset")
    wait_for_kernel(page)


def wait_for_kernel(page: Page) -> None:
    """Wait until the open notebook's kernel is connected, as she sees in the status bar
    ("Python 3 (ipykernel) | Idle"). The toolbar's indicator reads idle before any kernel
    exists, and a Run All clicked then is dropped: JupyterLab clears the queued cells."""
    expect(page.locator(".jp-StatusBar-Widget", has_text="| Idle").first).to_be_visible(
        timeout=LONG
    )


def accept_dialog(page: Page, shot: str | None = None) -> str:
    """Answer a dialog JupyterLab raised on its own, on a loaded machine, with its default, as
    she would ("Select Kernel" after a request to a kernel still connecting was dropped,
    "Kernel Restarting" after a missed heartbeat); saved to ``shot`` if given. Returns its
    text, printed in the test's output ("" when there was none). What she does next must
    still work: a kernel that never comes fails the test there."""
    dialog = page.locator(".jp-Dialog")
    if not dialog.count():
        return ""
    text = dialog.first.inner_text()
    if shot:
        dialog.first.screenshot(path=shot)
    dialog.first.locator(".jp-mod-accept").first.click()
    expect(dialog).to_have_count(0)
    print(f"JupyterLab asked, answered with its default: {text!r}")
    return text


def _only(text: str) -> re.Pattern:
    """Text that is all of a cell's content (prose may quote a placeholder too)."""
    return re.compile(rf"^\s*{re.escape(text)}\s*$")


def answer_code(page: Page, placeholder: str, code: str) -> None:
    """Replace the code cell showing ``placeholder`` with ``code``, as pasted text."""
    editor = page.locator(".jp-CodeCell", has_text=placeholder).first.locator(".cm-content")
    editor.click()
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.insert_text(code)


def answer_markdown(page: Page, placeholder: str, text: str) -> None:
    """Open the markdown answer cell holding just ``placeholder``, write ``text``, render it."""
    cell = page.locator(".jp-MarkdownCell").filter(
        has=page.locator(".jp-RenderedMarkdown", has_text=_only(placeholder))
    )
    cell.first.dblclick()
    cell = page.locator(".jp-MarkdownCell.jp-mod-active")
    cell.locator(".cm-content").click()
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.insert_text(text)
    page.keyboard.press("Shift+Enter")
    # Rendered, so that nothing changes the notebook after it is saved (on a loaded machine
    # the rendering once came after the save, and the notebook stayed unsaved).
    rendered = page.locator(".jp-MarkdownCell .jp-RenderedMarkdown", has_text=text.split("\n")[0])
    expect(rendered.first).to_be_visible(timeout=LONG)


def _saving(response) -> bool:
    return response.request.method == "PUT" and "/api/contents/" in response.url


def save(page: Page) -> None:
    """File > Save Notebook, from command mode, until the notebook is clean. (A Ctrl+S pressed
    while an editor was still taking focus was once lost, and the notebook stayed unsaved.)

    The server's reply to each save is awaited and must be a success. A notebook that the lab
    marks changed again after a save that succeeded (on a loaded machine, an edit or the
    kernel's metadata can land after it) is saved again, as a person who sees the dot still
    there would; a save that never reaches the server, or a dialog JupyterLab raises instead,
    is named in the failure."""
    page.keyboard.press("Escape")
    for _ in range(SAVES):
        try:
            with page.expect_response(_saving, timeout=LONG) as reply:
                page.locator(".lm-MenuBar-itemLabel", has_text="File").click()
                page.locator(".lm-Menu-itemLabel", has_text=_only("Save Notebook")).click()
        except PlaywrightTimeout as error:
            dialogs = page.locator(".jp-Dialog").all_inner_texts()
            raise AssertionError(
                f"Save Notebook sent nothing to the server; dialogs: {dialogs}"
            ) from error
        assert reply.value.ok, (
            f"the server refused the save: HTTP {reply.value.status} {reply.value.url}"
        )
        try:
            expect(page.locator(".jp-mod-dirty")).to_have_count(0, timeout=CLEAN)
            return
        except AssertionError:
            continue  # changed after the save: save again
    dialogs = page.locator(".jp-Dialog").all_inner_texts()
    raise AssertionError(f"the notebook stayed unsaved after {SAVES} saves; dialogs: {dialogs}")


def validate(page: Page) -> str:
    """Press Validate; returns the dialog's text, closed again."""
    page.get_by_role("button", name="Validate").click()
    dialog = page.locator(".jp-Dialog")
    expect(dialog).to_contain_text(re.compile("Success|failed|error", re.I), timeout=LONG)
    text = dialog.inner_text()
    page.keyboard.press("Escape")
    expect(dialog).to_have_count(0)
    return text
