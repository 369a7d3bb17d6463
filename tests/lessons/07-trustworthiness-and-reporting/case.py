"""Lesson 07 under the generic pipeline harness (tests/test_lesson_pipeline.py).

Her own study, reported and exported: the solution and the partly right student hand in, beside
lesson 07, the copy of the lesson-03 coding they handed in for lesson 03 (the same files lesson
05's case uses, so one student's study is one coding throughout) and the export of their project.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from conftest import lesson_case

TOTAL_POINTS = 50  # 22 autograded + 28 by hand (reflexivity, results paragraph, audit trail)
AUTO_POINTS = 22
TITLE = "My study of peer support specialists: coding and memos"  # TITLES[0], as answer_7_5 chooses


def _carried(student: str):
    """Her coding as ``bring_coding()`` carries it (a CarriedCoding), from the case's file."""
    import tempfile

    from qualkit.codings import read_codings
    from qualkit.own_study import CarriedCoding

    name, text = lesson_case("05-categories-themes-saturation").her_coding(student)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_text(text, encoding="utf-8")
        codings = read_codings(path)
    (coder,) = codings.coders
    (session,) = {c.session_id for c in codings}
    return name, text, CarriedCoding(coder, session, codings, Path(name), verified=True)


def files(student: str) -> dict:
    """The solution hands in its coding (here and in lesson 03) and its export; the partly right
    student lesson 03's partial coding with an export that left out its last two codings; a
    classmate's coding and export, with no lesson 03 of her own, are ``h-classmate``'s."""
    from qualkit.codings import Codings
    from qualkit.own_project import own_project_bytes

    if student not in ("solution", "partial", "h-classmate"):
        return {}
    name, text, carried = _carried("partial" if student == "partial" else "solution")
    handed = {name: text}
    if student == "solution":
        handed["../03-codebook-and-coding/" + name] = text
    if student == "partial":
        carried = replace(carried, codings=Codings(carried.codings.codings[:-2]))
    handed["my_project.qdpx"] = own_project_bytes(carried, title=TITLE)
    return handed


def _classmate(nb, lesson):
    """Quotes a classmate's coding, handed in without a lesson 03 of her own: nothing counts."""
    answer = (  # her code chosen by its number: 7 is PSS_NAVIGATION in the solution's coding
        "answer_7_4 = {'code': MY_CODES[7], 'quotes': [quote(mine.session_id, int(t)) for t in "
        "her_turns(mine, MY_CODES[7]).drop_duplicates('speaker')['turn'].head(2)]}\n"
    )
    for cell in nb.cells:
        if cell.id == "answer_7_4":
            cell.source = answer


STUDENTS = {"h-classmate": _classmate}

# Partly right: two techniques mapped wrong; an audit with 6 of 8 omissions and 2 false flags;
# two quotations of one participant; an export that left out two of her codings.
PARTIAL = {
    # chosen as the release asks, by number from CRITERIA (0 credibility … 3 confirmability)
    "answer_7_1": (
        "answer_7_1 = {'t1': CRITERIA[0], 't2': CRITERIA[2], 't3': CRITERIA[0],\n"
        "              't4': CRITERIA[0], 't5': CRITERIA[0], 't6': CRITERIA[2],\n"
        "              't7': CRITERIA[2], 't8': CRITERIA[3], 't9': CRITERIA[0],\n"
        "              't10': CRITERIA[3]}\n"
    ),
    "answer_7_2": "answer_7_2 = {1, 5, 7, 8, 20, 22, 23, 27}\n",
    # her code chosen by its number: 0 is PSS_BOUNDARY in lesson 03's partial coding
    "answer_7_4": (
        "_rows = her_turns(mine, MY_CODES[0])\n"
        "_one = _rows[_rows['speaker'] == _rows['speaker'].iloc[0]]['turn'].head(2)\n"
        "answer_7_4 = {'code': MY_CODES[0],\n"
        "              'quotes': [quote(mine.session_id, int(t)) for t in _one]}\n"
    ),
}
# 7.1: 8 of 10; 7.2: (6 - 2) × 9/8; 7.4: one participant; 7.5: valid, half the codings point
# (two of them missing), memos (none in lesson 03's partial coding) and dated notes.
PARTIAL_AUTO = 8 * 0.5 + 4 * 1.125 + 2.5 + (1 + 0.5 + 1)
PARTIAL_FEEDBACK = (
    "8 of 10 techniques mapped right",
    "You found 6 of 8 omitted items and listed 2 that the section reports",
    "analysis and findings (items 24-29): 2 omission(s) not found, 1 reported item(s) listed",
    "2 of 2 quotations count, from 1 participant(s)",
    "Quote two different participants",
    "codings of your lesson-03 coding are in the export under your name (pt) at their spans",
)
NOT_IN_FEEDBACK = ("t2", "t5", "prolonged", "thick description")
