"""Self-check replies stay out of sight until answered (qualkit/self_check.py), and no lesson
prints a self-check's answer in the code of the cell below it."""

from __future__ import annotations

import ast
import itertools
import re

import nbformat
import pytest

from qualkit.self_check import reply, seal, self_check

from conftest import LESSONS, REPO


def test_a_sealed_reply_opens_only_for_its_answer():
    sealed = [seal(("a", False), "a: right."), seal("when_not_to_use", "Right.")]
    assert reply(("a", False), sealed) == "a: right."
    assert reply(" When_Not_To_Use ", sealed) == "Right."
    assert reply(("a", True), sealed) is None and reply("brief", sealed) is None
    assert "right" not in "".join(sealed).lower()


def test_unanswered_and_wrong_answers_get_their_own_words(capsys):
    self_check(None, [])
    self_check("full", [seal("brief", "Thin.")], otherwise="Look again.")
    assert capsys.readouterr().out == "Not answered yet.\nLook again.\n"


def _answer(source: str):
    """The value a self-check's solution assigns (between BEGIN and END SOLUTION)."""
    solution = source.split("### BEGIN SOLUTION")[1].split("### END SOLUTION")[0]
    (assign,) = ast.parse(solution).body
    return ast.literal_eval(assign.value)


@pytest.mark.parametrize("lesson", LESSONS)
def test_no_self_check_answer_is_written_in_the_cell_below(lesson):
    cells = nbformat.read(REPO / "lessons" / lesson / f"{lesson}.ipynb", as_version=4).cells
    for cell, below in itertools.pairwise(cells):
        if not (cell.get("id", "").startswith("self_check") and "BEGIN SOLUTION" in cell.source):
            continue
        try:
            answer = _answer(cell.source)
        except ValueError:  # computed from the data, not a literal
            continue
        shown = answer.items() if isinstance(answer, dict) else [(None, answer)]
        for key, value in shown:
            if isinstance(value, str):
                assert value not in below.source, (lesson, below.get("id"))
            elif key is not None:
                pattern = rf"""["']{re.escape(str(key))}["']\s*:\s*{re.escape(repr(value))}"""
                assert not re.search(pattern, below.source), (lesson, below.get("id"))
