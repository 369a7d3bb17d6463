"""Options chosen by number (qualkit/choices.py): the blank stays a blank, a number the list does
not have is named in one line, and what she chose is the plain label the tests grade."""

from __future__ import annotations

import pytest

from qualkit import Choices, StudentError

CRITERIA = Choices(["credibility", "transferability", "dependability"], name="CRITERIA")


def test_a_number_gives_the_plain_label():
    chosen = {"t1": CRITERIA[0], "t2": CRITERIA[2]}
    assert chosen == {"t1": "credibility", "t2": "dependability"}
    assert type(chosen["t1"]) is str  # what the grader copies and compares


def test_an_unfilled_blank_stays_a_blank():
    assert CRITERIA[...] is Ellipsis


@pytest.mark.parametrize("number", [3, -1, True, "credibility", 1.0, slice(0, 2)])
def test_a_number_the_list_does_not_have_is_named_with_the_numbers_it_has(number):
    with pytest.raises(StudentError) as raised:
        CRITERIA[number]
    assert str(raised.value) == (
        f"CRITERIA[{number!r}]: there is no option {number!r}. Choose a number from 0 to 2 "
        "(the list printed above)."
    )
    assert raised.value._render_traceback_() == [str(raised.value)]  # one line, no traceback


def test_it_prints_as_the_numbered_list_and_counts_as_its_options():
    assert str(CRITERIA) == "0: credibility\n1: transferability\n2: dependability"
    assert len(CRITERIA) == 3 and list(CRITERIA) == [
        "credibility",
        "transferability",
        "dependability",
    ]
    assert "credibility" in CRITERIA


def test_an_empty_list_says_there_is_nothing_to_choose_yet():
    """A list made from her own work (her codes) is empty until that work is there."""
    mine = Choices([], name="MY_CODES")
    assert str(mine) == "(MY_CODES: no options yet)"
    assert mine[...] is Ellipsis
    with pytest.raises(StudentError) as raised:
        mine[0]
    assert str(raised.value) == (
        "MY_CODES[0]: the list has no options yet, so there is nothing to choose; the cell that "
        "prints it says why."
    )


def test_a_long_list_prints_its_numbers_aligned():
    codes = Choices([f"CODE_{n}" for n in range(11)], name="CODES")
    lines = str(codes).split("\n")
    assert lines[0] == " 0: CODE_0" and lines[9] == " 9: CODE_9" and lines[10] == "10: CODE_10"
