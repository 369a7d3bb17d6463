"""`make publish` and `make student` end to end: a student fetches, answers, validates, submits
and fetches feedback in JupyterLab (Debian's Chromium), against the course's real exchange;
the instructor's side runs `autograde/course.py` as `make autograde` and `make feedback` do.
"""

from __future__ import annotations

import os
import subprocess
import sys
import urllib.error
import urllib.request

import nbformat
import pytest

from conftest import REPO
from hub_ui import (
    answer_code,
    answer_markdown,
    fetch,
    fetch_feedback,
    open_assignment_list,
    open_notebook,
    save,
    submit,
    validate,
)
from lab_server import CHROMIUM_ARGS, TOKEN, chromium, jupyter_server

pytestmark = pytest.mark.browser
LESSON = "00-orientation"
SHOTS = REPO / "test-output" / "hub"
WRITTEN = "The woman with OUD had a positive drug test; her baby is treated for NOWS."


def course(build, *args) -> subprocess.CompletedProcess:
    """Run autograde/course.py as the Makefile does, output captured as the instructor sees it."""
    return subprocess.run(
        [sys.executable, str(REPO / "autograde" / "course.py"), *args],
        env={**os.environ, "QUALKIT_BUILD": str(build)},
        capture_output=True,
        text=True,
        timeout=600,
    )


def solution_code() -> str:
    source = nbformat.read(REPO / "lessons" / LESSON / f"{LESSON}.ipynb", as_version=4)
    cell = next(c for c in source.cells if c.metadata["nbgrader"].get("grade_id") == "answer_0_1")
    return "\n".join(
        line
        for line in cell.source.splitlines()
        if "### BEGIN SOLUTION" not in line and "### END SOLUTION" not in line
    )


def grade_by_hand(build, student: str, score: float) -> None:
    """What a grader's click in Formgrader does: a manual score on the written answer."""
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{build / 'gradebook.db'}") as gradebook:
        grade = gradebook.find_grade("language_rewrite", LESSON, LESSON, student)
        grade.manual_score, grade.needs_manual_grade = score, False
        gradebook.db.commit()


@pytest.fixture
def page():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium(), headless=True, args=CHROMIUM_ARGS
        )
        yield browser.new_context(viewport={"width": 1400, "height": 900}).new_page()
        browser.close()


def test_student_view_fetch_validate_submit_and_fetch_feedback(page, tmp_path, monkeypatch):
    from playwright.sync_api import expect

    build = tmp_path / "build"
    early = course(build, "autograde", LESSON)  # before anything was published: said, not failed
    assert early.returncode == 0 and "nothing in the exchange yet" in early.stdout, early.stdout
    published = course(build, "publish", LESSON)
    assert published.returncode == 0, published.stdout + published.stderr
    outbound = build / "exchange" / "qualkit" / "outbound" / LESSON / f"{LESSON}.ipynb"
    assert "BEGIN SOLUTION" not in outbound.read_text() and "HIDDEN" not in outbound.read_text()

    monkeypatch.setenv("QUALKIT_BUILD", str(build))
    sys.path.insert(0, str(REPO / "tools"))
    import student_view

    student_view.main(tmp_path / "student")
    env = {"JUPYTER_CONFIG_DIR": str(tmp_path / "student" / "config"), "JUPYTER_CONFIG_PATH": ""}
    work = tmp_path / "student" / "work"
    SHOTS.mkdir(parents=True, exist_ok=True)
    with jupyter_server(work, tmp_path, env=env) as base:
        lab = f"{base}/lab"
        with pytest.raises(urllib.error.HTTPError, match="404"):  # instructor tools are off
            urllib.request.urlopen(f"{base}/formgrader?token={TOKEN}")
        page.goto(f"{lab}?token={TOKEN}")  # logs in (cookie) for the pages below
        page.locator(".lm-MenuBar-itemLabel", has_text="Nbgrader").click()
        expect(page.locator(".lm-Menu-itemLabel", has_text="Formgrader")).to_have_count(0)
        page.keyboard.press("Escape")
        open_assignment_list(page, lab)
        fetch(page, LESSON)
        page.screenshot(path=str(SHOTS / "student-view-fetched.png"))
        open_notebook(page, lab, f"{LESSON}/{LESSON}.ipynb")
        answer_code(page, "YOUR CODE HERE", solution_code())
        answer_markdown(page, "YOUR ANSWER HERE", WRITTEN)
        save(page)
        assert "Success" in validate(page)
        open_assignment_list(page, lab)
        submit(page, LESSON)
        page.screenshot(path=str(SHOTS / "student-view-submitted.png"))

        graded = course(build, "autograde", LESSON)
        assert graded.returncode == 0, graded.stdout + graded.stderr
        lines = graded.stdout.strip().splitlines()
        assert lines[0] == f"collect {LESSON}: 1 new submission(s) from the exchange"
        assert lines[1].startswith(f"autograde {LESSON} {os.environ.get('USER', 'root')}: 4 points")
        assert "autograde: 1 graded, 0 failed, 1 await a grader." in lines
        noise = graded.stdout + graded.stderr
        assert "Warning" not in noise and "encryption" not in noise, noise

        held = course(build, "feedback", LESSON)
        assert "held back, not graded yet: language_rewrite" in held.stdout, held.stdout
        assert not list((build / "exchange" / "qualkit" / "feedback").glob("*.html"))

        student = lines[1].split()[2].rstrip(":")
        grade_by_hand(build, student, 5)
        released = course(build, "feedback", LESSON)
        assert f"feedback {LESSON} {student}: released" in released.stdout, released.stdout

        open_assignment_list(page, lab)
        fetch_feedback(page, LESSON)
        page.screenshot(path=str(SHOTS / "student-view-feedback.png"))
    html = next((work / LESSON / "feedback").glob(f"*/{LESSON}.html")).read_text()
    assert "Score: 9.0 / 10.0" in html  # 4 autograded + 5 by hand
