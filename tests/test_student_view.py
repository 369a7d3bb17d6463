"""`make student` end to end, as the Makefile starts it: a student fetches a lesson, finds it in
the file browser, opens it, edits it, validates and submits it in JupyterLab (Debian's Chromium,
1366×768), and what the exchange received is what she typed; `make autograde` (as the Makefile
runs it, sandboxed when run as root) grades those very answers, and `make feedback` gives them
back. The test starts no server of its own: it runs the Makefile's target, which calls
tools/student_lab.py, so it cannot start the student view differently from what people run.
"""

from __future__ import annotations

import http.client
import os
import re
import signal
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import nbformat
import pytest

from conftest import REPO, solved_source
from hub_ui import (
    LONG,
    accept_dialog,
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
from lab_server import CHROMIUM_ARGS, TOKEN, chromium, free_port

pytestmark = [pytest.mark.browser, pytest.mark.pipeline]
LESSON = "00-orientation"
SHOTS = REPO / "test-output" / "student"
SKELETON = "which sessions count?"  # a comment of the answer's skeleton, as released
WRITTEN = "The woman with OUD had a positive drug test; her baby is treated for NOWS."
# The environment is the shared one (tests/README): skip its (re)installation, run the rest.
MAKE = ["make", "--no-print-directory", "-C", str(REPO), "-o", ".venv/.installed"]
# A checkout whose .venv links to another's (a git worktree): the grading sandbox hides the
# checkout, so its kernels must be started from the environment's real path.
if (REPO / ".venv").is_symlink():
    MAKE.append(f"PY={(REPO / '.venv').resolve() / 'bin' / 'python'}")


def make(build: Path, *args: str, **popen) -> subprocess.CompletedProcess | subprocess.Popen:
    """A Makefile target with the course's build area in ``build`` (QUALKIT_BUILD)."""
    env = {**os.environ, "QUALKIT_BUILD": str(build), "JUPYTER_TOKEN": TOKEN}
    if popen:
        return subprocess.Popen([*MAKE, *args], env=env, **popen)
    return subprocess.run(
        [*MAKE, *args], env=env, capture_output=True, text=True, timeout=900, check=False
    )


def solution_code() -> str:
    source = nbformat.read(REPO / "lessons" / LESSON / f"{LESSON}.ipynb", as_version=4)
    cell = next(c for c in source.cells if c.metadata["nbgrader"].get("grade_id") == "answer_0_1")
    return solved_source(cell.source)


def cell_source(notebook: Path, grade_id: str) -> str:
    cells = nbformat.read(notebook, as_version=4).cells
    return next(
        c.source for c in cells if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id
    )


def grade_by_hand(build: Path, student: str, score: float) -> None:
    """What a grader's click in Formgrader does: a manual score on the written answer."""
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{build / 'gradebook.db'}") as gradebook:
        grade = gradebook.find_grade("language_rewrite", LESSON, LESSON, student)
        grade.manual_score, grade.needs_manual_grade = score, False
        gradebook.db.commit()


def wait_for(base: str, server: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 180  # publishes every lesson first
    while True:
        try:
            urllib.request.urlopen(f"{base}/api/status?token={TOKEN}", timeout=2)
            return
        except (OSError, http.client.HTTPException):
            if server.poll() is not None or time.monotonic() > deadline:
                pytest.fail("make student did not start:\n" + log.read_text()[-3000:])
            time.sleep(0.5)


@pytest.fixture(scope="module")
def student_view(tmp_path_factory):
    """`make student` on a free port, with its build area in a folder of its own; stopped
    afterwards. One student's view for the module, as one student works through lessons 00, 01
    and 03 in one session (each test fetches its own lessons)."""
    folder = tmp_path_factory.mktemp("student-view")
    build, port = folder / "build", free_port()
    log = folder / "make-student.log"
    with log.open("w") as out:
        server = make(
            build,
            "student",
            f"PORT={port}",
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: make, and the server it became
        )
    try:
        base = f"http://127.0.0.1:{port}"
        wait_for(base, server, log)
        yield build, base
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


_HIGHEST = """() => Math.max(0, ...[...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')]
    .map((prompt) => Number((prompt.textContent.match(/\\[(\\d+)\\]/) || [0, 0])[1])))"""
# True once a code cell shows it is queued ([*]) or ran after the highest count seen before.
_RAN_AFTER = """(before) => [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')].some(
    (prompt) => { const m = prompt.textContent.match(/\\[(\\*|\\d+)\\]/);
                  return m !== null && (m[1] === '*' || Number(m[1]) > before); })"""
# True once a code cell ran after the highest count seen before: queued cells ([*]) are not
# enough, as JupyterLab clears them again when it drops the run.
_COUNTED_AFTER = """(before) => [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')]
    .some((prompt) => Number((prompt.textContent.match(/\\[(\\d+)\\]/) || [0, 0])[1]) > before)"""


def run_all(page) -> None:
    """Run > Run All Cells, and see that the kernel ran a cell (the caller waits for the output
    it expects). A run JupyterLab dropped (its menu item still disabled on a busy machine, or
    a kernel not yet there) leaves no cell run: then she runs all again, a bounded number of
    times, first answering any dialog JupyterLab raised meanwhile, as she would."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    before = page.evaluate(_HIGHEST)
    for attempt in range(10):
        accept_dialog(page, str(SHOTS / f"dialog-{attempt}.png"))
        page.keyboard.press("Escape")
        try:
            page.locator(".lm-MenuBar-itemLabel", has_text="Run").click(timeout=30_000)
            page.locator(".lm-Menu-itemLabel", has_text=re.compile(r"^Run All Cells$")).click()
            page.wait_for_function(_COUNTED_AFTER, arg=before, timeout=30_000)
            return
        except PlaywrightTimeout:
            print(f"Run All Cells, attempt {attempt + 1}: no cell ran")
            continue
    raise AssertionError("Run All Cells never ran the notebook's cells")


def land(page, base: str) -> None:
    """Log in (the token sets a cookie) and land on the start page, once it is shown: it opens
    after JupyterLab itself, and would cover a panel she opened before it (her notebooks of an
    earlier visit come back in tabs beside it)."""
    from playwright.sync_api import expect

    page.goto(f"{base}/?token={TOKEN}")
    start = page.locator(".jp-MarkdownViewer .jp-RenderedMarkdown", has_text="Assignment List")
    expect(start).to_be_visible(timeout=LONG)


@pytest.fixture
def page():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium(), headless=True, args=CHROMIUM_ARGS
        )
        yield browser.new_context(viewport={"width": 1366, "height": 768}).new_page()
        browser.close()


def test_make_student_fetch_open_edit_validate_submit_then_autograde(student_view, page):
    from playwright.sync_api import expect

    build, base = student_view
    lab = f"{base}/lab"
    work = build / "student" / "work"
    SHOTS.mkdir(parents=True, exist_ok=True)
    with pytest.raises(urllib.error.HTTPError, match="404"):  # instructor tools are off
        urllib.request.urlopen(f"{base}/formgrader?token={TOKEN}")

    # The landing page says where lessons are.
    land(page, base)
    page.screenshot(path=str(SHOTS / "1-landing.png"))
    page.locator(".lm-MenuBar-itemLabel", has_text="Nbgrader").click()
    expect(page.locator(".lm-Menu-itemLabel", has_text="Formgrader")).to_have_count(0)
    page.keyboard.press("Escape")

    # Fetch: the lesson lands in her folder, and the file browser shows it.
    open_assignment_list(page, lab)
    fetch(page, LESSON)
    notebook = work / LESSON / f"{LESSON}.ipynb"
    assert notebook.is_file(), sorted(p.name for p in work.rglob("*"))
    assert not (REPO / LESSON).exists()  # not beside the Makefile, as before
    folder = page.locator(".jp-DirListing-item", has_text=LESSON)
    expect(folder).to_be_visible(timeout=120_000)  # the file browser polls its folder
    page.screenshot(path=str(SHOTS / "2-fetched.png"))
    folder.dblclick()
    expect(page.locator(".jp-DirListing-item", has_text=f"{LESSON}.ipynb")).to_be_visible(
        timeout=60_000
    )
    page.screenshot(path=str(SHOTS / "3-file-browser.png"))

    # Open and run it as fetched: the skeleton answer says what is left to do, in one line,
    # and Validate does not call it a success.
    open_notebook(page, lab, f"{LESSON}/{LESSON}.ipynb")
    run_all(page)
    skeleton = page.locator(".jp-CodeCell", has_text=SKELETON).first
    blank = skeleton.locator(".jp-OutputArea")
    expect(blank).to_contain_text("this cell still has 3 blanks (...)", timeout=120_000)
    assert "Traceback" not in blank.text_content() and "Error" not in blank.text_content()
    skeleton.scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "4-unanswered.png"))
    verdict = validate(page)
    assert "Success" not in verdict and "fill in the blanks (...)" in verdict, verdict

    # Edit (the blanks filled in), run (the self-check says it passed), save, validate.
    answer_code(page, SKELETON, solution_code())
    answer_markdown(page, "YOUR ANSWER HERE", WRITTEN)
    run_all(page)
    passed = page.locator(".jp-OutputArea-output", has_text="✓ Passed").first
    expect(passed).to_be_visible(timeout=120_000)
    passed.scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "5-self-check-passed.png"))
    save(page)
    assert cell_source(notebook, "answer_0_1").strip() == solution_code().strip()
    verdict = validate(page)
    page.screenshot(path=str(SHOTS / "6-validated.png"))
    assert "Success" in verdict, verdict

    # Submit: the exchange holds what she typed, not the copy she fetched.
    open_assignment_list(page, lab)
    submit(page, LESSON)
    page.screenshot(path=str(SHOTS / "7-submitted.png"))
    inbound = build / "exchange" / "qualkit" / "inbound"
    (handed_in,) = inbound.glob(f"*+{LESSON}+*/{LESSON}.ipynb")
    assert cell_source(handed_in, "answer_0_1").strip() == solution_code().strip()
    assert cell_source(handed_in, "language_rewrite").strip() == WRITTEN

    # `make autograde` grades those answers.
    graded = make(build, "autograde")
    assert graded.returncode == 0, graded.stdout + graded.stderr
    out = graded.stdout
    student = os.environ.get("USER", "root")
    assert f"collect {LESSON}: 1 new submission(s) from the exchange" in out, out
    from test_lesson_pipeline import case

    full = case(LESSON).AUTO_POINTS  # every autograded point: she handed in the solution
    assert f"autograde {LESSON} {student}: {full} points" in out, out
    assert "autograde: 1 autograded (0 fully graded, 1 await a grader), 0 failed." in out, out
    assert "Warning" not in out + graded.stderr and "encryption" not in out + graded.stderr
    autograded = build / "autograded" / student / LESSON / f"{LESSON}.ipynb"
    assert cell_source(autograded, "answer_0_1").strip() == solution_code().strip()
    assert cell_source(autograded, "language_rewrite").strip() == WRITTEN

    # Feedback waits for the written answer's grade, then comes back to her.
    held = make(build, "feedback")
    assert "held back, not graded yet: language_rewrite" in held.stdout, held.stdout
    grade_by_hand(build, student, 5)
    released = make(build, "feedback")
    assert f"feedback {LESSON} {student}: released" in released.stdout, released.stdout
    open_assignment_list(page, lab)
    fetch_feedback(page, LESSON)
    # "view feedback" shows its folder in the file browser; she opens the page there.
    page.get_by_text("view feedback", exact=False).first.click()
    page_file = page.locator(".jp-DirListing-item", has_text=f"{LESSON}.html")
    expect(page_file).to_be_visible(timeout=120_000)
    page_file.dblclick()
    toc = page.frame_locator(".jp-HTMLViewer iframe").locator("#toc")
    expect(toc).to_contain_text("Exercise 1", timeout=120_000)
    page.screenshot(path=str(SHOTS / "8-feedback.png"))
    html = next((work / LESSON / "feedback").glob(f"*/{LESSON}.html")).read_text()
    from test_lesson_pipeline import case

    assert f"Score: {case(LESSON).AUTO_POINTS + 5:.1f} / 10.0" in html  # autograded + 5 by hand
    assert ">Test cell<" not in html and "Exercise 1" in html  # items named after exercises


CHOOSING = "03-codebook-and-coding"


def cell_showing(page, text: str):
    """The code cell whose code shows ``text``."""
    return (
        page.locator(".jp-CodeCell").filter(has=page.locator(".jp-InputArea", has_text=text)).first
    )


_NONE_RUNNING = """() => ![...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')]
    .some((prompt) => prompt.textContent.includes('[*]'))"""


def run_on(page, cells: int) -> None:
    """Shift+Enter on each of the next ``cells`` cells in turn, as she runs them, each once the
    one before has run: on a busy machine, presses made while the notebook was still busy were
    lost. Prompts are read from the page's text (cells off screen are not rendered)."""
    for _ in range(cells):
        page.wait_for_function(_NONE_RUNNING, timeout=LONG)
        before = page.evaluate(_HIGHEST)
        page.keyboard.press("Shift+Enter")
        page.wait_for_function(_RAN_AFTER, arg=before, timeout=LONG)


def run_cell(page, text: str, code: str) -> None:
    """Write ``code`` into the cell showing ``text`` and run it (Shift+Enter), as she would."""
    answer_code(page, text, code)
    page.keyboard.press("Shift+Enter")


def test_a_student_chooses_labels_by_number_and_reaches_the_coding_tool(student_view, page):
    """Lessons 01 and 03 as fetched, for someone who never programmed. Lesson 01's first answer
    says what is left to do in it. In lesson 03 the self-check's field and her practice group
    are chosen by number from printed lists (qualkit.Choices): Run All goes past the unfilled
    choices, each saying only that a blank is left; a number not on a list is named in one
    line; the right number opens the sealed reply; choosing her group opens the tool on it."""
    from playwright.sync_api import expect

    _, base = student_view
    lab = f"{base}/lab"
    SHOTS.mkdir(parents=True, exist_ok=True)
    land(page, base)

    # Lesson 01's first answer, the first a student meets after the primer, already says what
    # is left to do (the kit is imported above it).
    first = "01-qualitative-descriptive-design"
    open_assignment_list(page, lab)
    fetch(page, first)
    open_notebook(page, lab, f"{first}/{first}.ipynb")
    run_all(page)
    opening = cell_showing(page, 'self_check_1 = {"a": ...').locator(".jp-OutputArea")
    expect(opening).to_contain_text("this cell still has 2 blanks (...)", timeout=LONG)
    cell_showing(page, 'self_check_1 = {"a": ...').scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "choose-0-lesson-01-first-answer.png"))

    open_assignment_list(page, lab)
    fetch(page, CHOOSING)
    open_notebook(page, lab, f"{CHOOSING}/{CHOOSING}.ipynb")
    run_all(page)

    # The lists print numbered; an unfilled choice is a blank, not a Python error.
    fields = cell_showing(page, "ENTRY_FIELDS = Choices(")
    expect(fields.locator(".jp-OutputArea")).to_contain_text("3: when_not_to_use", timeout=LONG)
    choice = cell_showing(page, "ENTRY_FIELDS[...]").locator(".jp-OutputArea")
    expect(choice).to_contain_text("this cell still has 1 blank (...)", timeout=LONG)
    feedback = cell_showing(page, "_replies = [").locator(".jp-OutputArea")
    expect(feedback).to_contain_text("Not answered yet: put a number in place of the ...")
    group = cell_showing(page, "PRACTICE_GROUPS[...]").locator(".jp-OutputArea")
    expect(group).to_contain_text("this cell still has 1 blank (...)", timeout=LONG)  # the group
    for output in (choice, group):
        assert (
            "Python said" not in output.text_content() and "Traceback" not in output.text_content()
        )
    cell_showing(page, "ENTRY_FIELDS[...]").scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "choose-1-unanswered.png"))

    # A number not on the list: one line saying which numbers there are.
    run_cell(page, "ENTRY_FIELDS[...]", "self_check_3 = ENTRY_FIELDS[9]")
    wrong = cell_showing(page, "ENTRY_FIELDS[9]").locator(".jp-OutputArea")
    expect(wrong).to_contain_text(
        "there is no option 9. Choose a number from 0 to 4 (the list printed above).",
        timeout=LONG,
    )
    assert "Traceback" not in wrong.text_content() and "StudentError" not in wrong.text_content()
    page.screenshot(path=str(SHOTS / "choose-2-wrong-number.png"))

    # The right number: the reply sealed with "when_not_to_use" opens.
    run_cell(page, "ENTRY_FIELDS[9]", "self_check_3 = ENTRY_FIELDS[3]")
    page.keyboard.press("Shift+Enter")  # the feedback cell, selected after it
    expect(feedback).to_contain_text("Right. With no exclusion", timeout=LONG)
    page.screenshot(path=str(SHOTS / "choose-3-right.png"))

    # Her practice group by number, her coder name read (MY_NAME, printed with the groups): the
    # coding tool opens on that group. The cells after it run in turn, as the lesson says: its
    # file check says what to do in one line (nothing coded yet), and the tool opens two cells
    # further on.
    chosen = 'answer_3_2 = {"coder": MY_NAME, "session": PRACTICE_GROUPS[0]}'
    run_cell(page, "PRACTICE_GROUPS[...]", chosen)
    run_on(page, 3)  # the file check, the accuracy check, the tool
    listed = cell_showing(page, "PRACTICE_GROUPS = Choices(").locator(".jp-OutputArea")
    (name,) = re.findall(r"Your coder name is ([A-Za-z0-9_-]+) \(", listed.text_content())
    check = cell_showing(page, "your coding file is here").locator(".jp-OutputArea")
    expect(check).to_contain_text(f"✗ Not yet: no coding file {name}.codings.json", timeout=LONG)
    assert "Traceback" not in check.text_content()
    (first_group,) = re.findall(r"^0: ([A-Z]+-FG\d+),", listed.text_content(), flags=re.M)
    # the tool on her group, not the calibration round's tool higher up
    tool = page.locator(".qualkit-coding", has_text=f"Coding {first_group}").first
    expect(tool).to_be_visible(timeout=LONG)
    expect(tool).to_contain_text("0 of ")  # her progress, from a coding file not begun
    expect(tool.locator(".qk-turn").first).to_be_visible(timeout=LONG)
    tool.scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "choose-4-tool.png"))
