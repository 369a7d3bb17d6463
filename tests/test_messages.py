"""What a student reads in her notebook (qualkit/messages.py, qualkit/errors.py), in a real
IPython kernel: an unedited answer cell, a check that passes, a check that fails, a mistake the
kit catches, and an ordinary error, which keeps its traceback."""

from __future__ import annotations

import nbformat
import pytest
from nbclient import NotebookClient
from nbformat.v4 import new_code_cell, new_notebook

from qualkit.messages import check_cell_title, passed_message

from conftest import REPO

pytestmark = pytest.mark.slow  # a kernel


def stub() -> str:
    """The released answer cell, from the course's own nbgrader configuration."""
    from traitlets.config.loader import PyFileConfigLoader

    config = PyFileConfigLoader("nbgrader_config.py", path=str(REPO / "autograde")).load_config()
    return config.ClearSolutions.code_stub["python"]


@pytest.fixture(scope="module")
def ran():
    cells = {
        "import": "import qualkit",
        "stub": stub(),
        "passes": '"""Self-check (1 point): answer_1 is a dict."""\nassert isinstance({}, dict)',
        "visible": '"""Checks the counts: 1 point each."""\nassert True',
        "fails": '"""Self-check (1 point): a list."""\nassert isinstance({}, list), "use a list"',
        "kit": "raise qualkit.StudentError('no coding file x.codings.json: code in the tool first')",
        "typo": "qualkit.load_corpus().transcript('PSS-FG99')",
        "own": "assert 1 == 2, 'her own assert'",
        "plain": "1 / 0",
        "skeleton": 'answer_1 = {"q1": ..., "q2": True}  # replace ... with True or False',
        "skeleton_fails": "total = sum(len(turn) for turn in ...)",
        "unanswered": '"""Self-check (1 point): a dict."""\nassert isinstance(answer_9_9, dict)',
    }
    nb = new_notebook(cells=[new_code_cell(source) for source in cells.values()])
    NotebookClient(nb, timeout=60, kernel_name="python3", allow_errors=True).execute()
    return {name: cell.outputs for name, cell in zip(cells, nb.cells, strict=True)}


def text(outputs) -> str:
    return "\n".join(
        "".join(o.get("text", "")) + "\n".join(o.get("traceback", [])) for o in outputs
    )


def test_an_unedited_answer_says_write_your_answer_first_in_one_line(ran):
    (error,) = ran["stub"]
    assert error.output_type == "error" and error.ename == "NoAnswerYetError"
    assert len(error.traceback) == 1 and error.traceback[0].startswith("Write your answer here")
    assert "NotImplementedError" not in stub() and "# YOUR CODE HERE" in stub()


def test_a_passing_check_says_so(ran):
    assert text(ran["passes"]).strip() == "✓ Passed: answer_1 is a dict."
    assert "the grader checks the rest" in text(ran["visible"])


def test_a_failing_check_gives_its_reason_without_a_traceback(ran):
    (error,) = ran["fails"]
    assert error.traceback == ["✗ Not yet: use a list"]
    assert "Passed" not in text(ran["fails"])


def test_a_mistake_the_kit_catches_reads_as_advice(ran):
    (error,) = ran["kit"]
    assert error.traceback == ["no coding file x.codings.json: code in the tool first"]


def test_a_session_id_with_a_typo_is_named_with_the_ids_there_are(ran):
    (error,) = ran["typo"]
    assert len(error.traceback) == 1, error.traceback
    assert error.traceback[0].startswith("no session 'PSS-FG99' in the corpus; its sessions: ")


def test_other_errors_keep_their_traceback(ran):
    assert "AssertionError" in text(ran["own"]) and "her own assert" in text(ran["own"])
    assert "ZeroDivisionError" in text(ran["plain"])
    assert "Passed" not in text(ran["own"]) + text(ran["plain"])


def test_a_skeleton_with_blanks_left_says_so_and_a_blank_that_breaks_it_too(ran):
    assert text(ran["skeleton"]).strip() == (
        "✗ Not yet: this cell still has 1 blank (...). Replace it with your answer, then run "
        "the cell again."
    )
    (error,) = ran["skeleton_fails"]
    assert error.traceback[0].startswith("✗ Not yet: this cell still has 1 blank (...)")
    assert error.traceback[1] == "(Python said: TypeError: 'ellipsis' object is not iterable)"
    assert len(error.traceback) == 2


def test_a_check_of_an_answer_not_run_yet_says_so_in_one_line(ran):
    (error,) = ran["unanswered"]
    assert error.traceback == [
        "✗ Not yet: answer_9_9 has no value yet. Fill in the blanks (...) of its answer cell "
        "and run that cell, then this one."
    ]


def test_check_cells_are_those_with_a_docstring_and_an_assert():
    assert check_cell_title('"""Title."""\nprint(1)') is None
    assert check_cell_title("x = 1\nassert x") is None
    assert check_cell_title("def (") is None
    assert passed_message("Self-check: no colon here") == "✓ Passed: no colon here"


@pytest.mark.pipeline
@pytest.mark.xdist_group("nbgrader")
def test_lessons_released_answers_use_the_stub(course):
    """Every answer cell a lesson releases without a skeleton of its own says what to do."""
    for lesson in sorted(p.name for p in (REPO / "lessons").iterdir() if p.is_dir()):
        released = nbformat.read(course.release_path(lesson), as_version=4)
        sources = [c.source for c in released.cells if c.cell_type == "code"]
        assert not any("raise NotImplementedError()" in s for s in sources), lesson
