"""Lesson 08 under the generic pipeline harness (tests/test_lesson_pipeline.py).

Lesson 08 works on the coding each student handed in for lesson 03: the harness submits lesson
03 for the same students, so each hands in here the coding file she handed in there (lesson 03's
case says which), and the grader accepts it only because it equals that one.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat

from conftest import lesson_case

HERE = Path(__file__).resolve().parent
LESSON = HERE.name
REPO = HERE.parents[2]
TOTAL_POINTS = 40  # 4 autograded + 36 graded by hand (failures, decision, methods, reflexivity)
AUTO_POINTS = 4


def files(student: str) -> dict:
    """The coding file the student handed in for lesson 03, handed in again with this lesson
    (what ``qualkit.bring_coding()`` copies); links and other files are not carried.

    The solution student's study is one coding throughout: the ``sk`` coding lessons 05 and 07
    carry (lesson 05's case), handed in in her lesson-03 folder too, since lesson 03's own case
    hands in the instructor's ``solution.codings.json``, which the course never carries. The
    partly right student carries lesson 03's partial coding (``pt``)."""
    # The blank student (and every lazy one, tests/test_lazy_strategies.py) has the solution's
    # coding beside her too (unverified: no lesson 03 of hers): lazy answers are then computed
    # from a real coding, and graded against it.
    if student in ("solution", "blank"):
        name, text = lesson_case("05-categories-themes-saturation").her_coding("solution")
        handed = {name: text}
        if student == "solution":
            handed[f"../03-codebook-and-coding/{name}"] = text
        return handed
    return {
        name: text
        for name, text in lesson_case("03-codebook-and-coding").files(student).items()
        if name.endswith(".codings.json") and isinstance(text, str)
    }


def _solution_cell(cell_id: str) -> str:
    nb = nbformat.read(REPO / "lessons" / LESSON / f"{LESSON}.ipynb", as_version=4)
    source = next(c.source for c in nb.cells if c.id == cell_id)
    return re.sub(r"[ \t]*### (BEGIN|END) SOLUTION\n", "", source).rstrip("\n") + "\n"


def _partial_codes() -> list[str]:
    """The codes of the partly right student's table: the ones her coding (lesson 03's partial
    coding) or the machine applies to a participant turn of her practice group."""
    import qualkit
    from qualkit.codings import parse_codings
    from qualkit.machine_coding import MachineCoder

    (text,) = files("partial").values()
    corpus = qualkit.load_corpus()
    mine = parse_codings(text)
    session = corpus.session(mine.codings[0].session_id)
    prefix = {"pss": "PSS_", "doula": "DOULA_", "home_visiting": "HV_"}[session.model]
    codes = [k for k in corpus.codebook.names if k.startswith((prefix, "X_"))]
    turns = [
        t for t in corpus.transcript(session.session_id).turns if t.speaker != session.facilitator
    ]
    study = [corpus.transcript(s.session_id) for s in corpus.sessions if s.split == "study"]
    machine = MachineCoder(corpus.codebook, corpus.codings("team"), study).codings(turns, codes)
    units = {t.unit for t in turns}
    return sorted(
        {c.code for c in [*mine.codings, *machine] if c.unit in units and c.code in corpus.codebook}
    )


# Partly right: the solution's table with one code left out and one code's values wrong.
PARTIAL = {
    "answer_8_1": _solution_cell("answer_8_1")
    + "_codes = sorted(answer_8_1)\n"
    + "del answer_8_1[_codes[0]]\n"
    + "answer_8_1[_codes[1]] = {'kappa': 0.777, 'positive_agreement': 0.777}\n"
}
_n = len(_partial_codes())
PARTIAL_AUTO = 0.5 * int(8 * (_n - 2) / _n)
PARTIAL_FEEDBACK = (
    f"{_n - 2} of {_n} codes right",
    "kappa wrong for 2 code(s)",
    "positive agreement wrong for 2 code(s)",
    "(pooled kappa): you",
)

# The worked example copied (tests/test_lazy_strategies.py): ana's table for the interview.
LAZY_EXAMPLE = {"answer_8_1": "answer_8_1 = worked\n"}


def _rewriter(nb, lesson):
    """Hands in no coding file; at grading time its kernel writes the solution's coding where
    the grading kernel runs and computes a right table from it, hoping the grader reads that."""
    (text,) = (t for n, t in files("solution").items() if "/" not in n)
    cell = next(c for c in nb.cells if c.get("id") == "answer_8_1")
    cell.source = (  # its own words, not the solution's (feedback must not show those)
        f"open('rw.codings.json', 'w', encoding='utf-8').write({text!r})\n"
        "mine = qualkit.bring_coding()\n"
        "_t = participant_turns(mine.session_id)\n"
        "_u = [t.unit for t in _t]\n"
        "_mc = [c for c in mine.codings if c.code in corpus.codebook and c.unit in _u]\n"
        "_mm = machine.codings(_t, codes_for(mine.session_id))\n"
        "_tab = qualkit.per_code_agreement(_mc + list(_mm), _u, coders=(mine.coder, 'machine'))\n"
        "answer_8_1 = {r.code: {'kappa': r.kappa, 'positive_agreement': positive_agreement(\n"
        "    turns_with(_mc, r.code), turns_with(_mm, r.code))} for r in _tab.rows}\n"
    )


STUDENTS = {"h-rewriter": _rewriter}
