"""Her chart in lesson 06: which cases she charts, on which codings, and how it is graded.

She charts the women of her own practice group (on her lesson-03 coding, carried into the lesson
by :func:`qualkit.own_study.bring_coding`) and two study participants of each support model (on
the research team's coding), against the lesson's frame of :data:`FUNCTIONS`: what support
does for women, each function a theme whose codes cut across the models.

The study participants are drawn for her (:func:`study_cases`), seeded by her coder name and the
text of her practice group, so classmates chart different women and a chart copied from one of
them does not cover her cases. A student who has no lesson-03 coding charts three study
participants of each model instead (the fallback; :func:`plan_chart` with ``None``).

:func:`grade_own_chart` is what lesson 06's hidden test runs in the trusted grading step, on the
files as collected: it finds her chart, her carried coding (accepted only if it equals the
lesson-03 coding she handed in), works out the cells she was asked to chart (each case × function
for which the codings give her a coded turn) and grades each with
:func:`qualkit.charting.grading.grade_cells`, after the checks of this module: a summary repeated
in another cell of her chart is not a summary of that case, and a cell matching another
student's chart is reported (and scores nothing when her own coding could not be verified).
"""

from __future__ import annotations

import hashlib
import os
import random
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from qualkit.charting.cases import Candidates, case_turns, cases_of
from qualkit.charting.chart import Chart
from qualkit.charting.chart_file import read_chart
from qualkit.charting.grading import (
    CellGrade,
    copied_cells,
    grade_cells,
    longest_shared_run,
    shared_trigrams,
)
from qualkit.codings import Codings
from qualkit.corpus import Corpus
from qualkit.errors import InputError
from qualkit.own_study import CarriedCoding, carried_coding
from qualkit.themes import Theme

__all__ = [
    "FUNCTIONS",
    "ChartPlan",
    "OwnChartGrade",
    "Progress",
    "chart_progress",
    "function_themes",
    "grade_own_chart",
    "grading_report",
    "plan_chart",
    "study_cases",
]

# The lesson's frame: what support does for women. Each code is in one function only; together
# they cut across the codebook's model-specific categories.
FUNCTIONS: dict[str, tuple[str, ...]] = {
    "Advocacy": (
        "DOULA_ADVOCACY_HOSP",
        "DOULA_ADVOCACY_LEGAL",
        "PSS_NAVIGATION",
        "HV_CONCRETE",
        "X_COLLAB_ENGAGE",
    ),
    "Continuity": (
        "PSS_CONTINUITY",
        "DOULA_PRESENCE",
        "DOULA_POSTPARTUM_GAP",
        "HV_TRUST_BUILD",
        "X_POSTPARTUM_DROP",
    ),
    "Boundaries": ("PSS_BOUNDARY", "PSS_LIVED_EXP", "PSS_PEER_RECURRENCE", "DOULA_NONJUDGMENT"),
    "Being watched and reported": ("HV_SURVEILLANCE", "X_CPS_FEAR", "X_STIGMA_CARE"),
    "Who the client is": (
        "HV_WHO_IS_CLIENT",
        "HV_MOTHER_EMOTION",
        "HV_CHILD_DEV",
        "DOULA_RECOVERY",
        "X_IDENTITY_GROWTH",
        "PSS_EMOTIONAL",
    ),
}
STUDY_PER_MODEL = 2
FALLBACK_PER_MODEL = 3
DRAW_FUNCTIONS = (3, 4)  # a study participant drawn has this many functions coded: a full row
REPEAT_RUN = 12  # words in a row shared with another of her cells: the same summary again
REPEAT_SHARED = 0.5


def function_themes() -> tuple[Theme, ...]:
    return tuple(Theme(name, codes) for name, codes in FUNCTIONS.items())


def _team_study(corpus: Corpus) -> Codings:
    study = {s.session_id for s in corpus.sessions if s.split == "study"}
    return Codings(tuple(c for c in corpus.codings("team").codings if c.session_id in study))


def _functions_coded(corpus: Corpus, codings: Codings, case_id: str) -> int:
    turns = case_turns(corpus, cases_of(corpus, [case_id])[0])
    found = Candidates.of(codings)
    return sum(1 for theme in function_themes() if found.for_cell(turns, theme))


def study_cases(corpus: Corpus, seed: str, per_model: int = STUDY_PER_MODEL) -> tuple[str, ...]:
    """``per_model`` study participants of each model, drawn with ``seed`` among those whom the
    team's coding gives 3 or 4 of the functions (a row with something to chart, and a gap)."""
    team = _team_study(corpus)
    rng = random.Random(int.from_bytes(hashlib.sha256(seed.encode()).digest()[:8], "big"))
    drawn = []
    for model in corpus.models:
        pool = sorted(
            {
                pid
                for s in corpus.sessions
                if s.split == "study" and s.model == model
                for pid in s.participant_ids
            }
        )
        pool = [p for p in pool if _functions_coded(corpus, team, p) in DRAW_FUNCTIONS]
        drawn += sorted(rng.sample(pool, min(per_model, len(pool))))
    return tuple(drawn)


@dataclass(frozen=True)
class ChartPlan:
    """What she charts: ``group`` (her practice group's women, on her coding) and ``study``
    (drawn study participants, on the team's coding), and the codings that offer the turns."""

    charter: str
    group: tuple[str, ...]
    study: tuple[str, ...]
    codings: Codings
    fallback: bool  # no lesson-03 coding: study participants only

    @property
    def cases(self) -> tuple[str, ...]:
        return self.group + self.study

    def required(self, corpus: Corpus) -> tuple[tuple[str, str], ...]:
        """Each (case, function) for which the codings give her at least one coded turn."""
        found = Candidates.of(self.codings)
        return tuple(
            (case.id, theme.name)
            for case in cases_of(corpus, self.cases)
            for theme in function_themes()
            if found.for_cell(case_turns(corpus, case), theme)
        )


def plan_chart(
    corpus: Corpus, mine: CarriedCoding | Codings | None, charter: str = ""
) -> ChartPlan:
    """Her chart's cases and codings, from her carried lesson-03 coding (``bring_coding()``);
    with ``None`` (no lesson-03 coding), the fallback, seeded by ``charter``."""
    if isinstance(mine, CarriedCoding):
        mine = mine.codings
    team = _team_study(corpus)
    if mine is None or not len(mine):
        if not charter.strip():
            raise InputError("chart", "argument 'charter'", "your initials (no coding given)")
        study = study_cases(corpus, f"fallback|{charter.strip()}", FALLBACK_PER_MODEL)
        return ChartPlan(charter.strip(), (), study, team, True)
    coder = mine.coders[0]
    session_id = mine.codings[0].session_id
    own = Codings(tuple(c for c in mine.codings if c.session_id == session_id and c.coder == coder))
    seed = f"{coder}|{corpus.transcript(session_id).text}"
    group = tuple(corpus.session(session_id).participant_ids)
    return ChartPlan(coder, group, study_cases(corpus, seed), own + team, False)


# ---------------------------------------------------------------- grading (trusted step)


@dataclass(frozen=True)
class OwnChartGrade:
    """Her chart as graded: the plan, each required cell's grade, and what to tell her."""

    plan: ChartPlan | None
    chart: Chart | None
    cells: tuple[CellGrade, ...]
    notes: tuple[str, ...]

    @property
    def share(self) -> float:
        """Points earned over points possible (two per required cell)."""
        if not self.cells:
            return 0.0
        return sum(cell.points for cell in self.cells) / (2 * len(self.cells))


def _charts_in(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.chart.json") if p.is_file() and not os.path.islink(p))


def _others(folder: Path, lesson: str) -> list[Chart]:
    """Other students' collected charts of this lesson (submitted/<student>/<lesson>/)."""
    charts = []
    root = folder.resolve().parent.parent
    if root.name != "submitted":  # only nbgrader's collected layout holds other students' work
        return charts
    try:
        folders = sorted(root.glob(f"*/{lesson}"))
    except OSError:  # a kernel may not list its neighbors
        return charts
    for other in folders:
        if other.resolve() == folder.resolve():
            continue
        for path in _charts_in(other):
            try:  # named by the folder's student: a copied file carries the same charter
                charts.append(
                    replace(read_chart(path, lock=False), charter=f"submitted/{other.parent.name}")
                )
            except (InputError, OSError, UnicodeError):
                continue
    return charts


def grade_own_chart(
    corpus: Corpus,
    folder: str | Path = ".",
    lesson: str = "06-comparing-support-models",
    *,
    compare: bool = True,
) -> OwnChartGrade:
    """Grade the chart handed in with the lesson (see the module's docstring). With
    ``compare``, against the other students' collected charts too (only in the trusted grading
    step: in a student's kernel, other folders are not hers to read)."""
    folder = Path(folder)
    found = _charts_in(folder)
    if not found:
        return OwnChartGrade(
            None, None, (), ("No chart file (<initials>.chart.json) was handed in.",)
        )
    charts = []
    for path in found:
        try:
            charts.append(read_chart(path, lock=False))
        except (InputError, OSError, UnicodeError) as error:
            return OwnChartGrade(None, None, (), (f"{path.name} could not be read: {error}",))
    chart = next((c for c in charts if (folder / f"{c.charter}.codings.json").is_file()), charts[0])
    notes = [] if len(charts) == 1 else [f"{len(charts)} chart files: graded {chart.charter}'s."]
    carried = carried_coding(folder, coder=chart.charter, corpus=corpus)
    if carried is not None and carried.foreign:  # her chart's rows are her group's women
        notes.append(carried.foreign)
        carried = None
    if carried is None:
        notes.append(
            "No lesson-03 coding of yours came with this chart (or it is not the one you handed "
            "in for lesson 03): graded on the fallback cases, three study participants per model."
        )
        plan = plan_chart(corpus, None, chart.charter)
    else:
        if not carried.verified:
            notes.append("Lesson 03 was not collected for you: your coding here is used as it is.")
        plan = plan_chart(corpus, carried)
    framed = chart.with_frame(function_themes(), plan.cases)  # graded on the lesson's codes
    grades = list(grade_cells(framed, plan.required(corpus), corpus, plan.codings))
    grades = _no_repeats(framed, grades)
    copied = _copied(framed, grades, _others(folder, lesson)) if compare else set()
    if copied:
        notes.append(
            f"{len(copied)} of your summaries match another student's chart; your instructor "
            "will compare them."
        )
        if carried is None or not carried.verified:
            grades = [_zero(g, "matches another student's chart") if g.key in copied else g
                      for g in grades]  # fmt: skip
    return OwnChartGrade(plan, framed, tuple(grades), tuple(notes))


def _zero(grade: CellGrade, why: str) -> CellGrade:
    return replace(grade, own_words=False, problems=(*grade.problems, why))


def _no_repeats(chart: Chart, grades: list[CellGrade]) -> list[CellGrade]:
    summaries = {cell.key: cell.summary for cell in chart.cells if cell.summary.strip()}
    out = []
    for grade in grades:
        mine = summaries.get(grade.key, "")
        others = [text for key, text in summaries.items() if key != grade.key]
        if mine and any(
            longest_shared_run(mine, [text]) > REPEAT_RUN
            or shared_trigrams(mine, [text]) > REPEAT_SHARED
            for text in others
        ):
            grade = _zero(grade, "repeats the summary of another cell: write what this woman said")
        out.append(grade)
    return out


def _copied(chart: Chart, grades: Iterable[CellGrade], others: list[Chart]) -> set[tuple[str, str]]:
    wanted = {grade.key for grade in grades}
    return {key for key in copied_cells(chart, others) if key in wanted}


# ---------------------------------------------------------------- what she and the grader read

SAMPLE = 3  # cells shown to the instructor for Exercise 6.2's rubric
MAX_LINES = 40


@dataclass(frozen=True)
class Progress:
    """The self-check's answer: whether anything is charted, and a report to print."""

    charted: bool
    report: str


def _name(corpus: Corpus, case_id: str) -> str:
    try:
        return f"{corpus.participant(case_id).pseudonym} ({case_id})"
    except KeyError:
        return case_id


def grading_report(graded: OwnChartGrade, corpus: Corpus | None = None, sample: bool = True) -> str:
    """What the checks found, cell by cell, and (for the instructor) a sample of summaries."""
    if corpus is None:
        from qualkit.corpus import load_corpus

        corpus = load_corpus()
    lines = list(graded.notes)
    if graded.chart is None:
        return "\n".join(lines)
    full = sum(1 for cell in graded.cells if cell.points == 2)
    lines.insert(0, f"{full} of {len(graded.cells)} asked cells pass every check.")
    problems = [
        f"- {_name(corpus, cell.case)} × {cell.theme}: {'; '.join(cell.problems)}"
        for cell in graded.cells
        if cell.problems
    ]
    lines += problems[:MAX_LINES]
    if len(problems) > MAX_LINES:
        lines.append(f"… and {len(problems) - MAX_LINES} more cells to look at.")
    if sample:
        lines += ["", "A sample of the chart, for Exercise 6.2's rubric:"]
        for cell in _sample(graded):
            refs = ", ".join(f"{t.session_id} turn {t.turn}" for t in cell.turns) or "no turn"
            lines.append(f"- {_name(corpus, cell.case)} × {cell.theme}: {cell.summary} ({refs})")
    return "\n".join(lines)


def _sample(graded: OwnChartGrade) -> list:
    charted = [graded.chart.cell(*g.key) for g in graded.cells if g.charted]
    group = set(graded.plan.group) if graded.plan else set()
    seed = hashlib.sha256((graded.chart.charter or "").encode()).digest()
    rng = random.Random(int.from_bytes(seed[:8], "big"))
    mine = [c for c in charted if c.case in group]
    study = [c for c in charted if c.case not in group]
    picked = rng.sample(mine, min(1, len(mine)))
    picked += rng.sample(study, min(SAMPLE - len(picked), len(study)))
    return picked


def chart_progress(corpus: Corpus, folder: str | Path = ".") -> Progress:
    """The self-check: her chart as the grader will check it, cell by cell (never compared
    with other students' charts: her kernel reads only her own files)."""
    graded = grade_own_chart(corpus, folder, compare=False)
    if graded.chart is None:
        first = graded.notes[0] if graded.notes else "No chart file."
        return Progress(False, f"{first} Open the charting tool (Exercise 6.1) and chart a cell.")
    charted = any(cell.charted for cell in graded.cells)
    report = grading_report(graded, corpus, sample=False)
    if not charted:
        report = "No asked cell is charted yet: write a summary in the tool.\n" + report
    return Progress(charted, report)
