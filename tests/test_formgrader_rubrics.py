"""Formgrader shows the grader a rubric beside every written answer, in Debian's Chromium.

The instructor's JupyterLab starts as ``make lab`` starts it (the repository as root, the course
configuration on JUPYTER_CONFIG_PATH, the build area in a temporary folder). Every lesson is
published; one student fetches each, answers with the source's model answers, and submits
through the exchange (no coding file: the written answers are what is looked at); the course
autogrades them all. Then, in Formgrader's grading view of each lesson's submission, each
manually graded answer has its score box, and the locked cell before it, rendered on the page,
holds the lesson's rubric for it word for word (tests/test_rubrics.py finds it in the source).

One screenshot per lesson, at a laptop's 1366×768, goes to ``test-output/formgrader-rubrics/``:
the first written answer's rubric at the top of the window, as a grader arriving there sees it.
"""

from __future__ import annotations

import re
import sys
from functools import partial

import pytest
from test_course import hand_in_through_exchange, run_course
from test_lesson_pipeline import student_solution
from test_rubrics import SCHEME, graded_with_rubric, meta

from conftest import LESSONS, REPO
from lab_server import CHROMIUM_ARGS, TOKEN, chromium, jupyter_server

pytestmark = [pytest.mark.browser, pytest.mark.pipeline, pytest.mark.xdist_group("nbgrader")]
SHOTS = REPO / "test-output" / "formgrader-rubrics"
STUDENT = "rubric-reader"
WORD = re.compile(r"[^\W_]+")  # letters and digits: Markdown marks and underscores aside

CELLS = "#notebook-container > .cell"  # (Formgrader's page nests two such containers)
# Every cell of the grading view, in order: its text as rendered, and the grade id of the score
# box it holds, if any ("answer" when that box belongs to a student's answer).
CELLS_JS = """selector => [...document.querySelectorAll(selector)].map(cell => {
  const box = cell.querySelector('input.score');
  const label = cell.querySelector('.nbgrader-label');
  return {text: cell.textContent, box: box ? box.id : null,
          answer: !!label && label.textContent.includes("Student's answer")};
})"""


def words(text: str) -> str:
    """The words of a text, lowercase, one space apart, and one at each end (so that ``in``
    matches whole words only)."""
    return f" {' '.join(WORD.findall(text)).lower()} "


def submit_every_lesson(tmp_path) -> tuple[object, dict[str, int]]:
    """Publish, hand in the model answers through the exchange, autograde: the submitted
    notebook's gradebook id for each lesson."""
    build = tmp_path / "build"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("QUALKIT_BUILD", str(build))
        patch.syspath_prepend(str(REPO / "autograde"))
        sys.modules.pop("course", None)  # its configuration reads QUALKIT_BUILD when imported
        import course as module

        api = module.course_api()
        assert module.publish(api, list(LESSONS)) == 0
        for lesson in LESSONS:
            answer = partial(student_solution, lesson=lesson)
            hand_in_through_exchange(api, tmp_path / "home", STUDENT, lesson, answer)
        result = run_course(build, "autograde", *LESSONS, "--workers", "2")
        assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
        with api.gradebook as gradebook:
            ids = {
                lesson: gradebook.find_submission_notebook(lesson, lesson, STUDENT).id
                for lesson in LESSONS
            }
        sys.modules.pop("course", None)
    return build, ids


def rubrics_shown(lesson: str, cells: list[dict]) -> tuple[dict[str, int], list[str]]:
    """In the grading view of ``lesson`` whose ``cells`` are given: the cell showing each
    written answer's rubric (by the answer's grade id), and what a grader would miss.

    A rubric counts when a cell that is not a student's answer, after the previous written
    answer, shows its mark scheme word for word (as tests/test_rubrics.py places it)."""
    shown, problems, pairs = {}, [], graded_with_rubric(lesson)
    written = {meta(answer)["grade_id"] for answer, _ in pairs}
    answers = [i for i, c in enumerate(cells) if c["answer"] and c["box"] in written]
    for answer, rubric in pairs:
        grade_id = meta(answer)["grade_id"]
        if rubric is None:
            problems.append(f"{grade_id}: the source has no rubric in a locked cell before it")
            continue
        at = [i for i, c in enumerate(cells) if c["box"] == grade_id and c["answer"]]
        if not at:
            problems.append(f"{grade_id}: no score box for the student's answer")
            continue
        start = max((i for i in answers if i < at[0]), default=-1) + 1
        expected = words(SCHEME.search(rubric.source).group(1))
        holding = [
            i
            for i in range(start, at[0])
            if expected in words(cells[i]["text"]) and not cells[i]["answer"]
        ]
        if holding:
            shown[grade_id] = holding[-1]
        else:
            problems.append(
                f"{grade_id}: the rubric of cell {rubric.id} is not shown before the answer "
                f"({rubric.source.splitlines()[0][:60]!r}…)"
            )
    return shown, problems


def test_formgrader_shows_a_rubric_beside_every_written_answer(tmp_path):
    chromium()  # skips before minutes of grading when there is no browser
    build, ids = submit_every_lesson(tmp_path)
    problems = grading_views(build, ids, tmp_path)
    assert not problems, "Formgrader hides rubrics from graders:\n" + "\n".join(
        f"{lesson}: {p}" for lesson, found in problems.items() for p in found
    )


def grading_views(build, ids: dict[str, int], scratch) -> dict[str, list[str]]:
    """Open each lesson's grading view in Formgrader, in ``make lab``'s JupyterLab: what a
    grader would miss there, by lesson (and a screenshot of each)."""
    from playwright.sync_api import expect, sync_playwright

    SHOTS.mkdir(parents=True, exist_ok=True)
    env = {"JUPYTER_CONFIG_PATH": str(REPO / "autograde"), "QUALKIT_BUILD": str(build)}
    problems = {}
    with (
        jupyter_server(REPO, scratch, env=env) as base,
        sync_playwright() as playwright,
    ):
        browser = playwright.chromium.launch(
            executable_path=chromium(), headless=True, args=CHROMIUM_ARGS
        )
        # The token on every request: Formgrader's page loads the grades through its API.
        context = browser.new_context(
            viewport={"width": 1366, "height": 768},
            extra_http_headers={"Authorization": f"token {TOKEN}"},
        )
        page = context.new_page()
        for lesson in LESSONS:
            page.goto(f"{base}/formgrader/submissions/{ids[lesson]}/?index=0")
            expect(page.locator(CELLS).first).to_be_visible(timeout=30_000)
            # Formgrader loads the grades after the page: a written answer's box then waits.
            expect(page.locator("input.score.needs_manual_grade").first).to_be_visible(
                timeout=30_000
            )
            shown, found = rubrics_shown(lesson, page.evaluate(CELLS_JS, CELLS))
            for answer, _ in graded_with_rubric(lesson):
                box = page.locator(f'input.score[id="{meta(answer)["grade_id"]}"]')
                expect(box).to_be_visible()
                expect(box).to_have_class(re.compile(r"\bneeds_manual_grade\b"))
            for index in shown.values():
                expect(page.locator(CELLS).nth(index)).to_be_visible()
            if shown:  # the first rubric at the top, just under Formgrader's fixed bar
                page.locator(CELLS).nth(min(shown.values())).evaluate(
                    "cell => { cell.scrollIntoView(); window.scrollBy(0, -60); }"
                )
            page.screenshot(path=str(SHOTS / f"{lesson}.png"))
            if found:
                problems[lesson] = found
        browser.close()
    return problems
