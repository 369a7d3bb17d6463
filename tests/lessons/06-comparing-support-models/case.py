"""Lesson 06 under the generic pipeline harness (tests/test_lesson_pipeline.py).

The chart is graded from the files handed in beside the notebook: her lesson-03 coding, copied
into the lesson (``bring_coding``), and ``<coder>.chart.json``. The solution hands in lesson 03's
solution coding (the key's coding of the first practice group, coder ``solution``) and a chart of
every asked cell; the partly right student hands in lesson 03's partial coding and a chart with
some cells pasted from her turns and some blank. Hostile students of this lesson: a chart copied
from another student, and a chart of pasted quotations.
"""

import hashlib
import re

from qualkit.charting import Cell, Chart, cases_of, coded_turns
from qualkit.charting.chart_file import format_chart
from qualkit.charting.own_chart import function_themes, plan_chart
from qualkit.codings import parse_codings
from qualkit.corpus import load_corpus

from conftest import lesson_case

TOTAL_POINTS = 50  # 9 autograded from the chart file + 41 graded by hand (6.2–6.5)
AUTO_POINTS = 9

_case03 = lesson_case("03-codebook-and-coding")
_corpus = load_corpus()
_THEMES = {t.name: t for t in function_themes()}


def _summary(corpus, case, name: str, refs) -> str:
    """Word lists that pass the machine checks: each cell its own words, no run of hers, and a
    frame of a few words only, so that no two cells share most of their word 3-grams (a long
    frame with her pseudonym and the theme made two namesakes' cells of one theme "repeats" of
    each other, in some students' practice groups)."""
    text = " ".join(corpus.transcript(r.session_id).turn(r.turn).text for r in refs)
    words = list(dict.fromkeys(w.lower() for w in re.findall(r"[A-Za-z]{5,}", text)))
    k = list(_THEMES).index(name)
    pick = words[k::5][:8]
    if len(pick) < 4:  # a short turn: its words in an order of this theme's own (no run of hers)
        short = dict.fromkeys(w.lower() for w in re.findall(r"[A-Za-z]{3,}", text))
        pick = sorted(short, key=lambda w: hashlib.sha256(f"{name} {w}".encode()).digest())[:8]
    return f"Written for the solution ({case.id}, {name}): {', '.join(pick)}; {len(refs)} turns."


def chart_file(
    coder: str, coding_text: str, style=lambda index, summary, said: summary, corpus=None
) -> str:
    """A chart of every asked cell for ``coder`` (on ``corpus``: a student's own practice group
    changes her cases); ``style`` may rewrite a cell's summary."""
    corpus = corpus or _corpus
    plan = plan_chart(corpus, parse_codings(coding_text, f"{coder}.codings.json"))
    chart = Chart(coder, function_themes(), plan.cases)
    for index, (case_id, name) in enumerate(plan.required(corpus)):
        case = cases_of(corpus, [case_id])[0]
        refs = coded_turns(corpus, plan.codings, case, _THEMES[name])
        said = corpus.transcript(refs[0].session_id).turn(refs[0].turn).text
        summary = style(index, _summary(corpus, case, name, refs), said)
        if summary:
            chart = chart.with_cell(Cell(case_id, name, summary, refs))
    return format_chart(chart)


def cells_asked(coder: str, coding_text: str) -> int:
    plan = plan_chart(_corpus, parse_codings(coding_text, f"{coder}.codings.json"))
    return len(plan.required(_corpus))


SOLUTION_CODING = _case03.files("solution")["solution.codings.json"]
PARTIAL_CODING = _case03.files("partial")["pt.codings.json"]


def _partial_style(index, summary, said):
    """Every third cell pasted from her first turn, every third left blank."""
    return {0: summary, 1: said, 2: ""}[index % 3]


def files(student: str) -> dict:
    if student == "solution":
        return {
            "solution.codings.json": SOLUTION_CODING,
            "solution.chart.json": chart_file("solution", SOLUTION_CODING),
        }
    if student == "partial":
        return {
            "pt.codings.json": PARTIAL_CODING,
            "pt.chart.json": chart_file("pt", PARTIAL_CODING, _partial_style),
        }
    if student == "h-copied-chart":  # the solution student's files, handed in as hers
        return files("solution")
    if student == "h-pasted":  # every cell her first coded turn, pasted whole
        return {
            "solution.codings.json": SOLUTION_CODING,
            "solution.chart.json": chart_file(
                "solution", SOLUTION_CODING, lambda index, summary, said: said
            ),
        }
    return {}


def _hands_in_files_only(nb, lesson):
    pass


STUDENTS = {"h-copied-chart": _hands_in_files_only, "h-pasted": _hands_in_files_only}

PARTIAL = {}
_asked = cells_asked("pt", PARTIAL_CODING)
_full = len(range(0, _asked, 3))
PARTIAL_AUTO = 2 + round(7 * _full / _asked, 2)
PARTIAL_FEEDBACK = (
    f"{_full} of {_asked} asked cells pass every check",
    "copies her words",
    "no summary",
)
