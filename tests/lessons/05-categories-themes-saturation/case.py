"""Lesson 05 under the generic pipeline harness (tests/test_lesson_pipeline.py).

Her own study carried on: the solution and the partly right student hand in, beside lesson 05,
the copy of the lesson-03 coding they handed in for lesson 03 (``qualkit.bring_coding()`` makes
it). The solution's lesson-03 file is the instructor's ``solution.codings.json``, which the
course never accepts as a student's, so the solution student also hands in a coding of her own
(``sk``, the key's coding of the first practice group) in her lesson-03 folder. The partly right
student carries lesson 03's partial coding (``pt``), which that lesson's case hands in.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from conftest import lesson_case

TOTAL_POINTS = 40  # 12 autograded + 28 graded by hand (themes, premature stop, saturation)
AUTO_POINTS = 12
LESSON_03 = "../03-codebook-and-coding/"


MEMO = "Her first words already set the frame: support on her terms."


def her_coding(student: str) -> tuple[str, str]:
    """(file name, text) of the lesson-03 coding a student carries into lessons 05 and 07: the
    partly right student's is lesson 03's partial coding; the solution's is the key's coding of
    the first practice group by ``sk``, with a memo on a coding and one on a turn."""
    from dataclasses import replace

    from qualkit.codings import Codings, Memo, format_codings, read_codings

    case_03 = lesson_case("03-codebook-and-coding")
    if student == "partial":
        ((name, text),) = case_03.files("partial").items()
        return name, text
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "sk.codings.json"
        path.write_text(case_03.perfect("sk"), encoding="utf-8")
        codings = read_codings(path).codings
    first, last = codings[0], codings[-1]
    memo = Memo(last.session_id, last.turn, "sk", "Compare with the study's peer support groups.")
    mine = Codings((replace(first, memo=MEMO), *codings[1:]), (memo,))
    return "sk.codings.json", format_codings(mine)


def files(student: str) -> dict:
    """The copy beside lesson 05; the solution's lesson-03 file too (lesson 03's own case hands
    in the instructor's file, which is never hers). A classmate's coding, handed in without a
    lesson 03 of her own, is the file of ``h-classmate``."""
    if student in ("solution", "h-classmate"):
        name, text = her_coding("solution")
        handed = {name: text}
        if student == "solution":
            handed[LESSON_03 + name] = text
        return handed
    if student == "partial":
        name, text = her_coding("partial")
        return {name: text}
    return {}


def _classmate(nb, lesson):
    """Builds themes and exemplars on a classmate's coding (no lesson 03 of her own collected):
    the exemplars must earn nothing."""
    answers = {
        # codes chosen by their numbers in her scope table (6 PSS_LIVED_EXP, 4 PSS_IDEAL_QUALITIES,
        # 8 PSS_NAVIGATION, 3 PSS_EMOTIONAL, 1 PSS_BOUNDARY, 5 PSS_IMPROVE)
        "answer_5_2": (
            "answer_5_2 = {1: [CODES[6], CODES[4]], 2: [CODES[8], CODES[3]], "
            "3: [CODES[1], CODES[5]]}\n"
        ),
        "answer_5_3": (
            "answer_5_3 = {n: quote(mine.session_id, int(her_turns(mine, c).iloc[0]['turn'])) "
            "for n, c in answer_5_2.items()}\n"
        ),
    }
    for cell in nb.cells:
        cell.source = answers.get(cell.id, cell.source)


STUDENTS = {"h-classmate": _classmate}

# Partly right: a co-occurrence matrix with its diagonal left at zero; the solution's themes,
# with the last theme's exemplar the same turn as the one before (neither counts); the small
# base and run given the usual point (both points forfeit).
PARTIAL = {
    "answer_5_1": (
        "category = CATEGORIES[3]  # cross_cutting, chosen by its number\n"
        "x_codes = sorted(c.label for c in corpus.codebook.in_category(category))\n"
        "answer_5_1 = cooccurrence_matrix(coded, x_codes)\n"
        "for _code in x_codes:\n"
        "    answer_5_1.loc[_code, _code] = 0\n"
    ),
    "answer_5_3": (
        "answer_5_3, _used = {}, set()\n"
        "for _name, _codes in answer_5_2.items():\n"
        "    _rows = her_turns(mine, _codes)\n"
        "    _rows = _rows[~_rows['turn'].isin(_used)]\n"
        "    _turn = int(_rows.iloc[0]['turn'])\n"
        "    _used.add(_turn)\n"
        "    answer_5_3[_name] = quote(mine.session_id, _turn)\n"
        "_names = list(answer_5_3)\n"
        "answer_5_3[_names[-1]] = answer_5_3[_names[-2]]\n"
    ),
    "answer_5_4": (
        "codes_in = coded.groupby('session_id')['code'].agg(set).to_dict()\n"
        "units = [codes_in.get(session_id, set()) for session_id in study_ids]\n"
        "usual = qualkit.assess_saturation(units, base=4, run=2, threshold=0.0)\n"
        "answer_5_4 = {'new_codes': list(usual.new_counts), 'b4_r2': usual.reported,\n"
        "              'b2_r1': usual.reported}\n"
    ),
}


def _partial_5_1() -> float:
    """5.1 with a zero diagonal: zero is then given more often than it is right, so every zero
    cell earns nothing; the off-diagonal cells with a count keep their credit."""
    import qualkit

    corpus = qualkit.load_corpus()
    study = {s.session_id for s in corpus.sessions if s.split == "study"}
    codes = sorted(c.label for c in corpus.codebook.in_category("cross_cutting"))
    turns: dict[str, set] = {}
    for c in corpus.codings("team"):
        if c.session_id in study and c.code in codes:
            turns.setdefault(c.code, set()).add((c.session_id, c.turn))
    truth = {(x, y): len(turns.get(x, set()) & turns.get(y, set())) for x in codes for y in codes}
    given = {k: (0 if k[0] == k[1] else v) for k, v in truth.items()}
    often, truly = Counter(given.values()), Counter(truth.values())
    kept = [k for k, v in truth.items() if given[k] == v and often[v] <= truly[v]]
    return 0.5 * int(6 * len(kept) / len(truth))


# 5.1 as computed; 5.3: one of three exemplars (two share a turn); 5.4: new codes only.
PARTIAL_AUTO = _partial_5_1() + 2 + 1
PARTIAL_FEEDBACK = (
    "on the diagonal",
    "1 of 3 exemplars count",
    "2 theme(s) share their turn with another theme",
    "You gave the same saturation point for both settings",
)
NOT_IN_FEEDBACK = ("4+1", "11+2", "turn 1", "PSS_MATCH_IDENTITY")
