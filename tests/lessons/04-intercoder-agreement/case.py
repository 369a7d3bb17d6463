"""Lesson 04 under the generic pipeline harness (tests/test_lesson_pipeline.py).

Lesson 04 works on the student's own lesson-03 coding (qualkit.own_study) against the key's
coding of her practice group, which lesson 03's feedback shows her (qualkit.second_coder). So
each student here hands in, beside the notebook, the copy of her lesson-03 coding that
``bring_coding`` makes and the second coding that ``bring_second_coding`` makes; the grader
checks the copy against the coding she handed in for lesson 03.

The harness's "solution" student hands in lesson 03 as the instructor's source does, with
``solution.codings.json``, which the course never carries over (nbgrader_config.py ignores it).
So that her lesson 04 can be verified, this case also puts her lesson-03 coding as a student's
into her lesson-03 submission: the one file ``files`` writes outside this lesson's folder. It is
the coding lessons 05 and 07 carry (``sk``, their case's ``her_coding``): one student has one
lesson-03 coding, and a second file there would leave the grader unable to tell which is hers.
The "partial" student's lesson-03 coding (``pt``) is the one lesson 03's case hands in.
"""

import importlib.util
from dataclasses import replace
from pathlib import Path

from qualkit.codings import format_codings
from qualkit.second_coder import feedback_lines, read_feedback

TOTAL_POINTS = 40  # 6 autograded + 34 graded by hand
AUTO_POINTS = 6  # 4.1: 3; 4.2: 2; 4.3: 1 (the form self-checks carry no points)

HERE = Path(__file__).resolve().parent
LESSON_03 = "03-codebook-and-coding"
_spec = importlib.util.spec_from_file_location(
    "case_03_for_04", HERE.parent / LESSON_03 / "case.py"
)
lesson_03 = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(lesson_03)


def sol_coding() -> tuple[str, str]:
    """(file name, text) of the solution student's lesson-03 coding, as lessons 05 and 07 carry
    it: the key's coding of her practice group by ``sk``."""
    spec = importlib.util.spec_from_file_location(
        "case_05_for_04", HERE.parent / "05-categories-themes-saturation" / "case.py"
    )
    lesson_05 = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(lesson_05)
    return lesson_05.her_coding("solution")


def second_coding() -> str:
    """The copy of the second coding that bring_second_coding keeps, read from the lines
    lesson 03's feedback shows."""
    _, codings = read_feedback("\n".join(feedback_lines(lesson_03._key, lesson_03.SESSION)))
    return format_codings(codings)


def files(student: str) -> dict:
    if student == "solution":
        name, text = sol_coding()
        return {
            name: text,
            "second-coder.json": second_coding(),
            f"../{LESSON_03}/{name}": text,
        }
    if student == "partial":
        return {
            "pt.codings.json": lesson_03.files("partial")["pt.codings.json"],
            "second-coder.json": second_coding(),
        }
    if student == "h-borrower":  # a classmate's lesson-03 coding, without a lesson 03 of her own
        return {
            "pt.codings.json": lesson_03.files("partial")["pt.codings.json"],
            "second-coder.json": second_coding(),
        }
    return {}


# Partly right: the negative specific agreement taken as one minus the positive in 4.2; 4.3's
# code chosen by its number, as the release asks (28 is X_COLLAB_ENGAGE in the list it prints).
PARTIAL = {
    "answer_4_3": "answer_4_3 = CODES[28]\n",
    "answer_4_2": (
        "answer_4_2 = {}\n"
        "for code in MY_CODES:\n"
        "    yours, theirs = decisions(code)\n"
        "    specific = qualkit.specific_agreement(yours, theirs)\n"
        "    answer_4_2[code] = {\n"
        "        'kappa': qualkit.cohens_kappa(yours, theirs),\n"
        "        'p_pos': specific.positive,\n"
        "        'p_neg': 1 - specific.positive,\n"
        "        'ac1': qualkit.gwet_ac1(yours, theirs, categories=[True, False]),\n"
        "    }\n"
    ),
}
# 4.1 all (3); 4.2 nothing (every code's p_neg wrong); 4.3 all (1).
PARTIAL_AUTO = 3 + 0 + 1
PARTIAL_FEEDBACK = ("codes with all four figures right for your coding",)
NOT_IN_FEEDBACK = ("expected 0.",)

# The worked example (the toy table) copied into 4.1 for every table.
LAZY_EXAMPLE = {
    "answer_4_1": (
        "answer_4_1 = {}\n"
        "for code in MY_TABLES:\n"
        "    t = toy\n"
        "    n = t.a + t.b + t.c + t.d\n"
        "    p_o = (t.a + t.d) / n\n"
        "    yes_first, yes_second = (t.a + t.b) / n, (t.a + t.c) / n\n"
        "    p_e = yes_first * yes_second + (1 - yes_first) * (1 - yes_second)\n"
        "    answer_4_1[code] = {'p_o': p_o, 'p_e': p_e, 'kappa': (p_o - p_e) / (1 - p_e)}\n"
    ),
}


def answers(coding_text: str) -> dict:
    """4.1 and 4.2 as numbers computed, with qualkit, on a lesson-03 coding and the key."""
    import qualkit
    from qualkit.codings import parse_codings

    corpus = qualkit.load_corpus()
    mine = [c for c in parse_codings(coding_text) if c.code in corpus.codebook]
    me = mine[0].coder
    pair = mine + [replace(c, coder="key") for c in lesson_03._key]
    units = [(lesson_03.SESSION, t.turn) for t in corpus.transcript(lesson_03.SESSION).turns]
    turns_of = {}
    for c in pair:
        turns_of.setdefault(c.code, set()).add(c.turn)
    by_hand = {}
    for code in sorted(turns_of, key=lambda k: (-len(turns_of[k]), k))[:3]:
        t = qualkit.two_by_two(pair, units, (me, "key"), code)
        p_o, y1, y2 = (t.a + t.d) / t.n, (t.a + t.b) / t.n, (t.a + t.c) / t.n
        p_e = y1 * y2 + (1 - y1) * (1 - y2)
        by_hand[code] = {"p_o": p_o, "p_e": p_e, "kappa": (p_o - p_e) / (1 - p_e)}
    per_code = {}
    for code in sorted(turns_of):
        yours = [(me, code, t) in {(c.coder, c.code, c.turn) for c in pair} for _, t in units]
        theirs = [("key", code, t) in {(c.coder, c.code, c.turn) for c in pair} for _, t in units]
        s = qualkit.specific_agreement(yours, theirs)
        per_code[code] = {
            "kappa": qualkit.cohens_kappa(yours, theirs),
            "p_pos": s.positive,
            "p_neg": s.negative,
            "ac1": qualkit.gwet_ac1(yours, theirs, categories=[True, False]),
        }
    return {"answer_4_1": by_hand, "answer_4_2": per_code}


def _borrower(nb, lesson):
    """Did not hand in lesson 03; hands in a classmate's lesson-03 coding with this lesson,
    and answers that are right for that coding."""
    right = answers(lesson_03.files("partial")["pt.codings.json"])
    for cell in nb.cells:
        if cell.get("id") in right:
            text = f"{cell.id} = {right[cell.id]!r}\n"
            cell.source = text.replace("nan", "float('nan')")


STUDENTS = {"h-borrower": _borrower}
