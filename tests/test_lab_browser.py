"""`make lab` and `make student` as people see them, in Debian's Chromium (Playwright).

The instructor's JupyterLab serves the repository with the course configuration: the Nbgrader
menu and Create Assignment are there, and Formgrader lists every lesson with no extra steps.
The student view serves a copy of the release with instructor tools off; Validate works.
Screenshots go to ``test-output/lab-browser/`` for people to look at.
"""

from __future__ import annotations

import re
import sys
import urllib.error
import urllib.request

import pytest

from conftest import LESSONS, REPO
from lab_server import CHROMIUM_ARGS, TOKEN, chromium, jupyter_server

pytestmark = [pytest.mark.browser, pytest.mark.pipeline]  # a course built by nbgrader
SHOTS = REPO / "test-output" / "lab-browser"


@pytest.fixture
def page():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium(), headless=True, args=CHROMIUM_ARGS
        )
        yield browser.new_context(viewport={"width": 1400, "height": 900}).new_page()
        browser.close()


@pytest.mark.xdist_group("nbgrader")
def test_instructor_lab_has_nbgrader_and_lists_the_lessons(course, page, tmp_path):
    from playwright.sync_api import expect

    env = {"JUPYTER_CONFIG_PATH": str(REPO / "autograde"), "QUALKIT_BUILD": str(course.build)}
    with jupyter_server(REPO, tmp_path, env=env) as base:
        page.goto(f"{base}/lab?reset&token={TOKEN}")
        page.locator(".lm-MenuBar-itemLabel", has_text="Nbgrader").click()
        menu = page.locator(".lm-Menu-itemLabel")
        expect(menu.get_by_text("Formgrader", exact=True)).to_be_visible()
        page.keyboard.press("Escape")
        expect(page.get_by_title(re.compile("Create Assignment"))).to_be_attached()
        page.goto(f"{base}/formgrader?token={TOKEN}")
        for lesson in LESSONS:
            expect(page.locator("td", has_text=lesson).first).to_be_visible(timeout=30_000)
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "formgrader.png"))


@pytest.mark.xdist_group("nbgrader")
def test_student_view_validates_and_hides_instructor_tools(course, page, tmp_path, monkeypatch):
    from playwright.sync_api import expect

    monkeypatch.setenv("QUALKIT_BUILD", str(course.build))
    sys.path.insert(0, str(REPO / "tools"))
    import student_view

    student_view.main(tmp_path / "student")
    env = {"JUPYTER_CONFIG_DIR": str(tmp_path / "student" / "config"), "JUPYTER_CONFIG_PATH": ""}
    lesson = LESSONS[0]
    with jupyter_server(tmp_path / "student" / "work", tmp_path, env=env) as base:
        with pytest.raises(urllib.error.HTTPError, match="404"):
            urllib.request.urlopen(f"{base}/formgrader?token={TOKEN}")
        page.goto(f"{base}/lab/tree/{lesson}/{lesson}.ipynb?reset&token={TOKEN}")
        idle = page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']").first
        expect(idle).to_be_attached(timeout=60_000)
        page.get_by_role("button", name="Validate").click()
        dialog = page.locator(".jp-Dialog")
        expect(dialog).to_contain_text("failed", timeout=90_000)  # the blank release fails
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "student-validate.png"))
        page.keyboard.press("Escape")
        page.locator(".lm-MenuBar-itemLabel", has_text="Nbgrader").click()
        expect(page.locator(".lm-Menu-itemLabel", has_text="Formgrader")).to_have_count(0)
        expect(page.locator(".lm-Menu-itemLabel", has_text="Assignment List")).to_have_count(1)
