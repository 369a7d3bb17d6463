"""Every manually graded answer has its rubric where Formgrader shows it, every model answer keeps
the word limit its prompt sets, and the instructor guide's points are the notebooks' points.

Formgrader shows the autograded copy of a submission, in which nbgrader puts back the source of
every locked cell from the gradebook (``OverwriteCells``); the gradebook keeps a locked cell as
the source had it, mark scheme included. A rubric inside an answer cell is lost: the release
replaces the answer cell, and the grader sees only the student's text.
"""

from __future__ import annotations

import re

import nbformat
import pytest
from kit_texts import lesson_path

from conftest import LESSONS, REPO

SCHEME = re.compile(r"=== BEGIN MARK SCHEME ===\n(.*?)\n=== END MARK SCHEME ===", re.S)
REGION = re.compile(r"(?:### BEGIN SOLUTION|### END SOLUTION|YOUR ANSWER HERE)\n?")
GUIDE = REPO / "instructors" / "README.md"


def meta(cell) -> dict:
    return cell.metadata.get("nbgrader", {})


def manual(cell) -> bool:
    """A cell the instructor grades by hand (nbgrader's "manually graded answer")."""
    return bool(meta(cell).get("grade") and meta(cell).get("solution"))


def cells(lesson: str):
    return nbformat.read(lesson_path(lesson), as_version=4).cells


def graded_with_rubric(lesson: str) -> list[tuple[object, object | None]]:
    """Each manually graded cell with the locked, non-answer cell holding its rubric: the
    nearest one with a mark scheme, after the previous manually graded cell."""
    pairs, rubric = [], None
    for cell in cells(lesson):
        if manual(cell):
            pairs.append((cell, rubric))
            rubric = None
        elif (
            meta(cell).get("locked")
            and not meta(cell).get("solution")
            and SCHEME.search(cell.source)
        ):
            rubric = cell
    return pairs


@pytest.mark.parametrize("lesson", LESSONS)
def test_every_manually_graded_answer_has_a_rubric_in_a_locked_cell(lesson):
    missing = [c.id for c, rubric in graded_with_rubric(lesson) if rubric is None]
    assert not missing, (
        f"{lesson}: no rubric in a locked prompt cell before {missing} (Formgrader would show "
        "the answer without it)"
    )
    inside = [c.id for c in cells(lesson) if meta(c).get("solution") and "MARK SCHEME" in c.source]
    assert not inside, f"{lesson}: a rubric inside answer cell(s) {inside}: the release strips it"


@pytest.mark.pipeline
@pytest.mark.xdist_group("nbgrader")
@pytest.mark.parametrize("lesson", LESSONS)
def test_formgrader_keeps_every_rubric(course, lesson):
    """The generated assignment's gradebook holds each rubric cell as the source has it (what
    autograde writes back into the copy Formgrader shows), and the release holds none."""
    released = course.release_path(lesson).read_text(encoding="utf-8")
    with course.api.gradebook as gradebook:
        for answer, rubric in graded_with_rubric(lesson):
            assert rubric is not None, f"{lesson} {answer.id}: no rubric"
            kept = gradebook.find_source_cell(meta(rubric)["grade_id"], lesson, lesson).source
            scheme = SCHEME.search(rubric.source).group(1)
            assert scheme in kept, f"{lesson} {rubric.id}: the gradebook lost the rubric"
            first = scheme.splitlines()[0]
            assert first not in released, f"{lesson} {rubric.id}: the rubric reached the release"


# Word limits as prompts state them: "In 80–150 words", "300–450 words", "at most 120 words".
RANGE = re.compile(r"\b(\d+)\s*[–-]\s*(\d+)\s+words\b")
AT_MOST = re.compile(r"\b(?:at most|up to|no more than|in under)\s+(\d+)\s+words\b", re.I)


def limits(prompt: str) -> tuple[int, int] | None:
    prompt = SCHEME.sub("", prompt)
    if found := RANGE.search(prompt):
        return int(found[1]), int(found[2])
    if found := AT_MOST.search(prompt):
        return 0, int(found[1])
    return None


def words(answer: str) -> int:
    """Words of a model answer as a reader counts them: Markdown marks and code ticks aside."""
    text = REGION.sub("", answer)
    text = re.sub(r"[*_#>`|]", " ", text)
    return len([w for w in text.split() if re.search(r"\w", w)])


def model_answers(lesson: str):
    """Each written model answer with the prompt before it (the cells since the last answer)."""
    prompt = []
    for cell in cells(lesson):
        if manual(cell) and cell.cell_type == "markdown":
            yield cell, "\n".join(prompt)
            prompt = []
        elif cell.cell_type == "markdown":
            prompt.append(cell.source)


@pytest.mark.parametrize("lesson", LESSONS)
def test_model_answers_keep_their_word_limits(lesson):
    broken = []
    for answer, prompt in model_answers(lesson):
        if (limit := limits(prompt)) is None:
            continue
        count = words(answer.source)
        low, high = limit
        if not low <= count <= high:
            broken.append(f"{answer.id}: {count} words, the prompt asks {low}–{high}")
    assert not broken, f"{lesson}: " + "; ".join(broken)


PLACEHOLDER = re.compile(r"\bgo here\b|\bTODO\b|\bXXX\b|\[(?:quote|quotation)[^\]]*\]", re.I)


@pytest.mark.parametrize("lesson", LESSONS)
def test_model_answers_hold_no_placeholder(lesson):
    held = [a.id for a, _ in model_answers(lesson) if PLACEHOLDER.search(a.source)]
    assert not held, f"{lesson}: model answer(s) {held} still hold a placeholder"


def test_word_limits_are_read_as_written():
    assert limits("In 80–150 words: why does the codebook need it?") == (80, 150)
    assert limits("write a results paragraph of 150-250 words") == (150, 250)
    assert limits("Explain in at most 120 words.") == (0, 120)
    assert limits("Explain why.") is None
    assert words("### BEGIN SOLUTION\n**Figure.** Two `codes` and a list.\n### END SOLUTION") == 6


def points(lesson: str) -> tuple[float, float]:
    """(autograded, hand-graded) points of a lesson, from its source."""
    auto = sum(meta(c)["points"] for c in cells(lesson) if meta(c).get("grade") and not manual(c))
    hand = sum(meta(c)["points"] for c in cells(lesson) if manual(c))
    return auto, hand


def number(value: float) -> str:
    return f"{value:g}"


@pytest.mark.parametrize("lesson", LESSONS)
def test_the_guide_gives_each_lesson_its_points(lesson):
    guide = GUIDE.read_text(encoding="utf-8")
    auto, hand = points(lesson)
    row = re.search(rf"^\| {lesson[:2]} \|.*$", guide, re.M).group(0)
    total = f"{number(auto + hand)} ({number(auto)} + {number(hand)})"
    assert total in row, f"{GUIDE.name}: lesson {lesson[:2]} is worth {total}: {row}"
    hand_items = [number(meta(c)["points"]) for c in cells(lesson) if manual(c)]
    rubric_rows = re.findall(rf"^\| {lesson[:2]} \| [^|]+ \| ([^|]+) \|", guide, re.M)
    assert rubric_rows, f"{GUIDE.name}: no row for lesson {lesson[:2]} in the rubric table"
    assert rubric_rows[-1].strip() == " + ".join(hand_items), (
        f"{GUIDE.name}: the rubric table gives lesson {lesson[:2]} {rubric_rows[-1].strip()!r} "
        f"points; its hand-graded items are worth {' + '.join(hand_items)}"
    )
