"""qualkit.widget in a real browser: JupyterLab 4 and Notebook 7 in Debian's Chromium (Playwright).

On the kit's own peer-support focus group, at a 1366×768 laptop's size: drag the mouse over a
phrase inside a long turn, tick two codes and apply them, see both highlights and margin
stripes, check the file; restart the kernel and run the notebook again, and see everything
come back. axe-core (npm, installed by ``make browser``) checks the widget's accessibility.
Screenshots go to ``test-output/widget-browser/`` (gitignored) for people to look at.

Needs Debian's ``chromium`` (``apt-get install chromium``); never ``playwright install``.
Without it the test skips, or fails when ``$CI`` is set.
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from pathlib import Path

import pytest
from lab_page import (
    FRONT_ENDS,
    axe_violations,
    code_cell,
    markdown_cell,
    on_screen,
    opened_and_run,
    restart_and_run_all,
    served_notebook,
)
from lab_page import chromium as chromium

from qualkit.codings import read_codings
from qualkit.corpus import load_corpus

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[1]
SHOTS = REPO / "test-output" / "widget-browser"
NOTEBOOK_CODE = 'from qualkit.widget import code_transcript\ntool = code_transcript("PSS-FG1", coder="ana")\ntool'
PHRASE = "she knocked on my window"  # inside Brandi's turn 2 of PSS-FG1 (456 characters)
TURN = 2
NOTEBOOK = "coding.ipynb"
TOOL = ".qualkit-coding"


def lesson_cells(code: str = NOTEBOOK_CODE) -> list[dict]:
    """The two-cell lesson notebook: a heading, and the cell that shows the widget."""
    return [
        markdown_cell("intro", "## Code the peer-support focus group"),
        code_cell("tool", code),
    ]


@pytest.fixture(params=sorted(FRONT_ENDS))
def lab(request, tmp_path):
    """A fresh server (JupyterLab 4 or Notebook 7) on a lesson folder holding one notebook;
    yields the notebook's URL, the lesson folder, the front end's name and the base URL."""
    with served_notebook(tmp_path, request.param, NOTEBOOK, lesson_cells()) as (url, root, base):
        yield url, root, request.param, base


@contextmanager
def coding_tool(chromium_path: str, url: str, base: str):
    """The lesson notebook open and run, its coding widget drawn with nothing coded yet;
    yields the page, the widget and its status line."""
    from playwright.sync_api import expect, sync_playwright

    with (
        sync_playwright() as playwright,
        opened_and_run(playwright, chromium_path, url, base, NOTEBOOK) as page,
    ):
        tool = page.locator(TOOL)
        status = tool.locator(".qk-status")
        expect(status).to_contain_text("Nothing coded yet", timeout=90_000)
        yield page, tool, status


def drag_over(page, turn: int, phrase: str) -> None:
    """Press the mouse before ``phrase`` in turn ``turn``, move to its end, release."""
    rects = page.evaluate(
        """([turn, phrase]) => {
            const text = document.querySelector(`.qk-turn[data-turn="PSS-FG1|${turn}"] .qk-text`);
            // the text node holding the phrase (highlights split the text into several)
            const walker = document.createTreeWalker(text, NodeFilter.SHOW_TEXT);
            let node = walker.nextNode();
            while (node && !node.textContent.includes(phrase)) node = walker.nextNode();
            const at = node.textContent.indexOf(phrase);
            const range = document.createRange();
            range.setStart(node, at); range.setEnd(node, at + 1);
            const first = range.getBoundingClientRect();
            range.setStart(node, at + phrase.length - 1); range.setEnd(node, at + phrase.length);
            const last = range.getBoundingClientRect();
            return [first.left + 1, first.top + first.height / 2, last.right - 1, last.top + last.height / 2];
        }""",
        [turn, phrase],
    )
    page.mouse.move(rects[0], rects[1])
    page.mouse.down()
    page.mouse.move((rects[0] + rects[2]) / 2, rects[3], steps=4)
    page.mouse.move(rects[2], rects[3], steps=4)
    page.mouse.up()


def test_drag_a_span_apply_two_codes_restart_and_see_them_restored(lab, chromium):
    from playwright.sync_api import expect

    url, root, front_end, base = lab
    coding_file = root / "ana.codings.json"
    corpus = load_corpus()
    transcript = corpus.transcript("PSS-FG1")
    facilitator = corpus.session("PSS-FG1").facilitator
    participant_turns = sum(t.speaker != facilitator for t in transcript.turns)
    spanned = transcript.turn(TURN)
    start = spanned.start + spanned.text.index(PHRASE)
    # Two turns on, the first sentence is what Shift+→ selects.
    sentence = transcript.turn(TURN + 2).text.split(". ")[0] + "."
    SHOTS.mkdir(parents=True, exist_ok=True)
    with coding_tool(chromium, url, base) as (page, tool, status):
        tool.evaluate("el => el.scrollIntoView({block: 'start'})")
        # Progress, status, undo and the memo box are on the laptop's screen at once.
        for part in (".qk-progress", ".qk-status", ".qk-memo", ".qk-foot .qk-button"):
            assert on_screen(page, tool.locator(part).first), part
        # the whole transcript, scrolling
        assert tool.locator(".qk-turn").count() == len(transcript.turns)
        found = axe_violations(page, TOOL)
        assert found == [], found

        # The mouse: drag over a phrase inside a long turn.
        tool.locator(f'.qk-turn[data-turn="PSS-FG1|{TURN}"]').scroll_into_view_if_needed()
        drag_over(page, TURN, PHRASE)
        words = len(PHRASE.split())
        expect(tool.locator(".qk-actions")).to_contain_text(
            f"Selected {words} words in turn {TURN}"
        )
        expect(tool.locator("mark.qk-sel")).to_have_text(PHRASE)
        tool.get_by_role("checkbox", name=re.compile("^PSS_LIVED_EXP")).check()
        tool.get_by_role("checkbox", name=re.compile("^PSS_BOUNDARY")).check()
        tool.get_by_role("button", name="Apply ticked codes").click()
        expect(status).to_contain_text("Saved 2 codings to ana.codings.json", timeout=15_000)
        turn = tool.locator(f'.qk-turn[data-turn="PSS-FG1|{TURN}"]')
        expect(turn.locator("mark.qk-hl")).to_have_text(PHRASE)
        expect(turn.locator(".qk-stripe")).to_have_count(2)
        stripes = [turn.locator(".qk-stripe").nth(i).bounding_box() for i in range(2)]
        assert all(box and box["height"] >= 6 for box in stripes)
        assert stripes[0]["x"] != stripes[1]["x"]  # two lanes, side by side
        expect(turn.locator(".qk-chip")).to_have_count(2)
        expect(turn.locator("mark.qk-hl")).to_have_attribute(
            "title", "PSS_BOUNDARY (solid, ana), PSS_LIVED_EXP (solid, ana)"
        )
        saved = read_codings(coding_file)
        assert [(c.turn, c.code, c.start, c.end) for c in saved] == [
            (TURN, "PSS_BOUNDARY", start, start + len(PHRASE)),
            (TURN, "PSS_LIVED_EXP", start, start + len(PHRASE)),
        ]
        found = axe_violations(page, TOOL)
        assert found == [], found
        tool.evaluate("el => el.scrollIntoView({block: 'start'})")
        page.screenshot(path=str(SHOTS / f"{front_end}-coded.png"))

        # The keyboard: ↓ goes forward, in the transcript and in the Turn box.
        turn.focus()
        page.keyboard.press("ArrowDown")
        expect(tool.locator(".qk-current")).to_have_attribute("data-turn", f"PSS-FG1|{TURN + 1}")
        turn_box = tool.get_by_label("Turn", exact=True)
        turn_box.press("ArrowDown")
        expect(tool.locator(".qk-current")).to_have_attribute("data-turn", f"PSS-FG1|{TURN + 2}")
        # A span from the keyboard: Shift+→ selects a sentence; Space ticks a code; Enter.
        current = tool.locator(".qk-current")
        current.focus()
        page.keyboard.press("Shift+ArrowRight")
        expect(tool.locator("mark.qk-sel")).to_have_text(sentence)
        tool.get_by_role("checkbox", name=re.compile("^PSS_AFFILIATION")).press("Space")
        current.focus()
        page.keyboard.press("Enter")
        expect(status).to_contain_text("Saved 3 codings", timeout=15_000)
        expect(current.locator("mark.qk-hl")).to_have_text(sentence)
        # Click the highlight: it picks the coding, to remove it or write its memo.
        turn.locator("mark.qk-hl").click()
        expect(tool.locator(".qk-actions")).to_contain_text("PSS_BOUNDARY by ana on")
        before = read_codings(coding_file)

        restart_and_run_all(page)
        expect(status).to_contain_text("Resumed 3 codings from ana.codings.json", timeout=90_000)
        turn = tool.locator(f'.qk-turn[data-turn="PSS-FG1|{TURN}"]')
        expect(turn.locator("mark.qk-hl")).to_have_text(PHRASE)
        expect(turn.locator(".qk-stripe")).to_have_count(2)
        expect(tool.locator(".qk-progress-text")).to_contain_text(
            f"2 of {participant_turns} participant turns coded"
        )
        assert read_codings(coding_file) == before  # reopening changed nothing
        turn.scroll_into_view_if_needed()
        tool.evaluate("el => el.scrollIntoView({block: 'start'})")
        page.screenshot(path=str(SHOTS / f"{front_end}-restored.png"))
        # A definition is one click away.
        info = tool.get_by_role("button", name="Definition of PSS_LIVED_EXP")
        info.click()
        expect(info).to_have_attribute("aria-expanded", "true")
        expect(tool.locator(".qk-def:not([hidden])")).to_contain_text("Do not use when:")
        tool.locator(".qk-codebook").screenshot(path=str(SHOTS / f"{front_end}-codebook.png"))
        # Focused codebook: this session's model and the shared codes open, others folded;
        # the filter box finds a code in any of them.
        opened = tool.locator(".qk-categories > details[open] > summary")
        expect(opened).to_have_count(2)
        expect(opened.first).to_contain_text("Peer support specialists")
        find = tool.get_by_label("Find a code")
        find.fill("x_postpartum")
        expect(tool.locator(".qk-code:not([hidden])")).to_have_count(1)
        expect(tool.locator(".qk-code:not([hidden])")).to_contain_text("X_POSTPARTUM_DROP")
        find.fill("")
        expect(tool.locator(".qk-categories > details[open]")).to_have_count(2)


SECOND = "I sat in that exact spot"  # a second phrase of turn 2, apart from PHRASE


@pytest.fixture
def jupyterlab(tmp_path):
    """A fresh JupyterLab on a lesson folder holding one notebook (as ``lab``, Lab only)."""
    with served_notebook(tmp_path, "jupyterlab", NOTEBOOK, lesson_cells()) as served:
        yield served


def test_keyboard_panel_open_enter_after_ticking_command_box_and_same_hue_codes(
    jupyterlab, chromium
):
    """The order lesson 03 teaches (drag, tick, Enter) with the Keyboard panel open at
    1366×768; a code typed in the Command box with a span selected; two codes of one hue on
    one turn told apart by pattern and label."""
    from playwright.sync_api import expect

    url, root, base = jupyterlab
    coding_file = root / "ana.codings.json"
    spanned = load_corpus().transcript("PSS-FG1").turn(TURN)
    first = spanned.start + spanned.text.index(PHRASE)
    second = spanned.start + spanned.text.index(SECOND)
    SHOTS.mkdir(parents=True, exist_ok=True)
    with coding_tool(chromium, url, base) as (page, tool, status):
        # The Keyboard panel open: every control still on the laptop's screen.
        tool.locator(".qk-help > summary").click()
        expect(tool.locator(".qk-help p")).to_be_visible()
        tool.evaluate("el => el.scrollIntoView({block: 'start'})")
        page.screenshot(path=str(SHOTS / "keyboard-panel-open.png"))
        for part in (
            ".qk-help p",
            ".qk-bar",
            ".qk-transcript-box",
            ".qk-actions",
            ".qk-memo",
            ".qk-command",
            ".qk-status",
            ".qk-foot .qk-button",
        ):
            assert on_screen(page, tool.locator(part).first), part
        assert tool.locator(".qk-transcript").bounding_box()["height"] >= 120

        # Drag, tick, Enter: focus is on the checkbox just ticked, and Enter applies it.
        tool.locator(f'.qk-turn[data-turn="PSS-FG1|{TURN}"]').scroll_into_view_if_needed()
        drag_over(page, TURN, PHRASE)
        expect(tool.locator("mark.qk-sel")).to_have_text(PHRASE)
        box = tool.get_by_role("checkbox", name=re.compile("^PSS_LIVED_EXP"))
        box.click()
        expect(box).to_be_focused()
        page.keyboard.press("Enter")
        expect(status).to_contain_text("Saved 1 coding to ana.codings.json", timeout=15_000)
        expect(status).to_contain_text(f"applied PSS_LIVED_EXP to “{PHRASE}")
        expect(box).not_to_be_checked()  # applied, so unticked for the next span
        assert [(c.code, c.start) for c in read_codings(coding_file)] == [("PSS_LIVED_EXP", first)]

        # The Command box with a span selected: the code goes on the span, the selection
        # goes away, the status says what was done; typed again, it is not taken off.
        drag_over(page, TURN, SECOND)
        expect(tool.locator("mark.qk-sel")).to_have_text(SECOND)
        command = tool.get_by_label("Command", exact=True)
        command.fill("pss_aff")
        command.press("Enter")
        expect(status).to_contain_text(f"applied PSS_AFFILIATION to “{SECOND}", timeout=15_000)
        expect(tool.locator("mark.qk-sel")).to_have_count(0)
        assert sorted((c.code, c.start) for c in read_codings(coding_file)) == [
            ("PSS_AFFILIATION", second),
            ("PSS_LIVED_EXP", first),
        ]
        drag_over(page, TURN, SECOND)  # over the highlight: selects, does not pick it
        expect(tool.locator("mark.qk-sel")).to_have_text(SECOND)
        command.fill("pss_aff")
        command.press("Enter")
        expect(status).to_contain_text("PSS_AFFILIATION is on “I sat in that exact spot”")
        expect(status).to_contain_text("type -PSS_AFFILIATION to remove it")
        expect(tool.locator("mark.qk-sel")).to_have_count(0)
        assert len(read_codings(coding_file)) == 2
        command.fill("z")  # undo undoes the typed code too
        command.press("Enter")
        expect(status).to_contain_text("Undid: applied PSS_AFFILIATION")
        assert len(read_codings(coding_file)) == 1
        drag_over(page, TURN, SECOND)
        expect(tool.locator("mark.qk-sel")).to_have_text(SECOND)
        command.fill("pss_aff")
        command.press("Enter")
        expect(status).to_contain_text("Saved 2 codings", timeout=15_000)

        # PSS_LIVED_EXP and PSS_AFFILIATION share a hue: their highlights, stripes and
        # swatches differ in pattern, and each is named.
        turn = tool.locator(f'.qk-turn[data-turn="PSS-FG1|{TURN}"]')
        lived = turn.locator('mark.qk-hl[data-label="PSS_LIVED_EXP"]')
        affiliation = turn.locator('mark.qk-hl[data-label="PSS_AFFILIATION"]')
        expect(lived).to_have_text(PHRASE)
        expect(affiliation).to_have_text(SECOND)
        look = """el => { const s = getComputedStyle(el), b = getComputedStyle(el, '::before');
            return {color: s.textDecorationColor, tint: s.backgroundColor,
                    line: s.textDecorationStyle, texture: s.backgroundImage,
                    name: b.content}; }"""
        a, b = lived.evaluate(look), affiliation.evaluate(look)
        assert (a["color"], a["tint"]) == (b["color"], b["tint"])  # one hue...
        assert a["line"] != b["line"] and a["texture"] != b["texture"], (a, b)  # ...two looks
        assert "PSS_LIVED_EXP" in a["name"] and "PSS_AFFILIATION" in b["name"], (a, b)
        stripes = turn.locator(".qk-stripe")
        expect(stripes).to_have_count(2)
        names = [stripes.nth(i).get_attribute("aria-label") for i in range(2)]
        assert sorted(name.split(" ")[0] for name in names) == [
            "PSS_AFFILIATION",
            "PSS_LIVED_EXP",
        ]
        backgrounds = [
            stripes.nth(i).evaluate("el => getComputedStyle(el).backgroundImage") for i in range(2)
        ]
        assert backgrounds[0] != backgrounds[1], backgrounds
        expect(
            turn.get_by_role("img", name=re.compile("^PSS_AFFILIATION \\(dashed\\)"))
        ).to_have_count(1)
        expect(
            turn.get_by_role("button", name=re.compile("^PSS_LIVED_EXP \\(solid\\)"))
        ).to_have_count(1)
        found = axe_violations(page, TOOL)
        assert found == [], found
        turn.screenshot(path=str(SHOTS / "same-hue-codes.png"))
        tool.evaluate("el => el.scrollIntoView({block: 'start'})")
        page.screenshot(path=str(SHOTS / "keyboard-panel-coded.png"))
