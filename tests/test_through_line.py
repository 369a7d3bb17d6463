"""One study, carried through the course (issue 26): one student's files flow from lesson to
lesson through the real nbgrader pipeline, and what she handed in earlier is what a later
lesson grades.

Each lesson is a :class:`Stage`, in course order: 03 (she codes her practice group), 04
(agreement on her coding), 05 (themes, exemplars chosen from her coded turns), 06 (her chart of
her group's women, on her coding), 07 (her quotations and the export of her project: her coding
and her chart) and 08 (the machine against her coding). A stage says, per student, what she
hands in for that lesson (``hand_in``: edits to the released notebook and files in her home
folder, made with the same qualkit calls her notebook makes), and what must hold once the
lesson is graded (``check``). For every stage in turn the test releases the lesson, lets every
student work in her own home folder (``home/<student>/<lesson>/``, as nbgrader fetches lessons
side by side), hands the folders in as nbgrader collects them, autogrades, marks the written
answers, writes feedback and fetches each student's feedback into her lesson folder, where the
next lessons find it.

Students: ``ada`` codes her practice group one way (coding A) and works on it; ``bea`` codes it
another way (coding B) and works on hers; ``cy`` codes it as bea does but hands in, from lesson
04 on, answers (and a chart, and an export) made on ada's coding. Each check computes the
expected answers from the files each student handed in: they differ between coding A and
coding B, ada and bea get every point on them, and cy scores less than bea.

To add lesson NN: write ``hand_in_NN(student, folder, home)`` and ``check_NN(run)`` and append
``Stage("NN-slug", hand_in_NN, check_NN)`` to ``STAGES``.
"""

from __future__ import annotations

import contextlib
import io
import math
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import nbformat
import pytest
from test_lesson_pipeline import mark_written_answers, meta, solutions, source

import qualkit
from qualkit.charting.own_chart import FUNCTIONS, plan_chart
from qualkit.codings import Codings, format_codings, write_codings
from qualkit.key import load_key
from qualkit.own_project import bring_chart, export_own_project
from qualkit.own_study import CarriedCoding, bring_coding, carried_coding, her_turns
from qualkit.second_coder import bring_second_coding

from conftest import REPO, lesson_case

pytestmark = [pytest.mark.pipeline, pytest.mark.xdist_group("nbgrader")]

STUDENTS = ("ada", "bea", "cy")
ANSWERS_FROM = {"ada": "ada", "bea": "bea", "cy": "ada"}  # whose files her answers fit


# --- the study: one practice group, two codings of it -----------------------------------------

_corpus = qualkit.load_corpus()
SESSION = min(
    (s for s in _corpus.sessions if s.split == "practice"), key=lambda s: s.order
).session_id
_key = [c for c in load_key().codings if c.session_id == SESSION and c.code in _corpus.codebook]
_busy = sorted({c.code for c in _key}, key=lambda k: (-sum(c.code == k for c in _key), k))
_model = {"pss": "PSS_", "doula": "DOULA_", "home_visiting": "HV_"}[_corpus.session(SESSION).model]
_charted = {code for codes in FUNCTIONS.values() for code in codes}
_unused = next(
    k for k in _corpus.codebook.names if not k.startswith((_model, "X_")) and k not in _charted
)


THEMES = {  # the solution's peer support themes (answer_5_2), in the default corpus's scope
    "Trust earned through a shared history": [
        "PSS_LIVED_EXP", "PSS_IDEAL_QUALITIES", "PSS_MATCH_IDENTITY", "PSS_AFFILIATION",
        "X_IDENTITY_GROWTH"],
    "Support that reaches past the clinic": [
        "PSS_NAVIGATION", "PSS_CONTINUITY", "PSS_EMOTIONAL", "X_MULTI_NEEDS", "X_POSTPARTUM_DROP",
        "X_COLLAB_ENGAGE", "X_MOUD_AGENCY"],
    "Closeness with limits, in a system that watches": [
        "PSS_BOUNDARY", "PSS_PEER_RECURRENCE", "PSS_IMPROVE", "X_STIGMA_CARE", "X_CPS_FEAR",
        "X_NOWS_GUILT"],
}  # fmt: skip


def carried(codings: Codings) -> CarriedCoding:
    (coder,) = codings.coders
    return CarriedCoding(coder, SESSION, codings, Path(f"{coder}.codings.json"), True)


def exemplars(mine: CarriedCoding) -> dict[str, int]:
    """5.3 by the solution's rule: per theme, the turn she coded with most of its codes, a
    different turn for each theme."""
    chosen: dict[str, int] = {}
    for name, codes in THEMES.items():
        rows = her_turns(mine, codes)
        rows = rows[~rows["turn"].isin(list(chosen.values()))]
        rows = rows.assign(n=[len(set(h.split(", ")) & set(codes)) for h in rows["her codes"]])
        chosen[name] = int(rows.sort_values(["n", "turn"], ascending=[False, True]).iloc[0]["turn"])
    return chosen


def quotations(mine: CarriedCoding) -> tuple[str, list[int]]:
    """7.4 by the solution's rule: PSS_BOUNDARY (else her code with most speakers), the first
    turn of each of its first two speakers."""
    codes = sorted({c.code for c in mine.codings if c.code in _corpus.codebook})
    speakers = {code: her_turns(mine, code)["speaker"].nunique() for code in codes}
    code = (
        "PSS_BOUNDARY" if speakers.get("PSS_BOUNDARY", 0) >= 2 else max(speakers, key=speakers.get)
    )
    return code, [int(t) for t in her_turns(mine, code).drop_duplicates("speaker")["turn"].head(2)]


def coding(student: str) -> Codings:
    """Coding A (ada): the key without its rarest code, plus a code of another support model
    (which the key never gives her group, and neither her themes nor the chart's functions
    hold) on four turns.
    Coding B (bea, cy): the key without its busiest code, and without the turns coding A's
    exemplars and quotations come from (so answers chosen on A are not turns B coded)."""
    turns = sorted({c.turn for c in _key})[:4]
    kept = [c for c in _key if c.code != _busy[-1]]
    added = [qualkit.Coding(SESSION, t, _unused, "key") for t in turns]
    a = Codings(tuple(replace(c, coder="ada", start=None, end=None) for c in kept + added))
    if student == "ada":
        return a
    used = {*exemplars(carried(a)).values(), *quotations(carried(a))[1]}
    chosen = [c for c in _key if c.code != _busy[0] and c.turn not in used]
    return Codings(tuple(replace(c, coder=student, start=None, end=None) for c in chosen))


def hers(home: Path, student: str, lesson: str) -> CarriedCoding:
    """Her lesson-03 coding as the lesson's folder holds it (checked against her lesson 03)."""
    found = carried_coding(home / student / lesson)
    assert found is not None and found.verified, (student, lesson)
    return found


def points(lesson: str, grade_id: str) -> float:
    (found,) = [meta(c)["points"] for c in source(lesson).cells
                if meta(c).get("grade_id") == grade_id]  # fmt: skip
    return found


def literal(name: str, value) -> str:
    return f"{name} = {value!r}\n".replace("nan", "float('nan')")


def work(folder: Path, cells: dict[str, str]) -> None:
    """Her notebook with these answer cells (the solution's where computed in her kernel)."""
    path, nb = notebook(folder)
    for cell in nb.cells:
        cell.source = cells.get(cell.get("id"), cell.source)
    nbformat.write(nb, path)


def full_and_less(run: dict, lesson: str, items: tuple[str, ...]) -> None:
    """ada and bea, whose answers fit their own files, get every point of ``items``; cy, whose
    answers were made on ada's coding and handed in with coding B, gets less than bea."""
    auto = {s: run["auto"][lesson, s] for s in STUDENTS}
    for item in items:
        for student in ("ada", "bea"):
            assert auto[student][item] == points(lesson, item), (student, item, auto[student])
        assert auto["cy"][item] < auto["bea"][item], (item, auto["cy"])


# --- stages -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Stage:
    lesson: str
    hand_in: Callable[[str, Path, Path], None]  # (student, her lesson folder, her home)
    check: Callable[[dict], None]  # run: {"auto": {(lesson, student): {grade id: score}}, ...}


def notebook(folder: Path) -> tuple[Path, nbformat.NotebookNode]:
    path = folder / f"{folder.name}.ipynb"
    return path, nbformat.read(path, as_version=4)


def hand_in_03(student: str, folder: Path, home: Path) -> None:
    path, nb = notebook(folder)
    for cell in nb.cells:
        if cell.get("id") == "answer_3_2":
            # as the lesson asks: her group chosen by number (the first is SESSION), her coder
            # name read (MY_NAME: the name of the coding file she hands in)
            cell.source = "answer_3_2 = {'coder': MY_NAME, 'session': PRACTICE_GROUPS[0]}\n"
    nbformat.write(nb, path)
    write_codings(folder / f"{student}.codings.json", coding(student))


def check_03(run: dict) -> None:
    for student in STUDENTS:
        feedback = run["home"] / student / "03-codebook-and-coding" / "feedback"
        assert list(feedback.glob("*/03-codebook-and-coding.html")), f"{student}: no 03 feedback"
    # Coding A and coding B are graded as what they are: different accuracy.
    auto = run["auto"]
    assert auto["03-codebook-and-coding", "ada"] != auto["03-codebook-and-coding", "bea"]


def answers_04(folder: Path) -> dict[str, object]:
    """4.1 and 4.2 computed, with qualkit, on the files in a lesson-04 folder: what a student
    whose notebook reads those files gets."""
    mine, second = bring_coding(folder), bring_second_coding(folder)
    pair = [c for c in (*mine.codings, *second.codings) if c.code in _corpus.codebook]
    units = [(SESSION, t.turn) for t in _corpus.transcript(SESSION).turns]
    turns_of: dict[str, set[int]] = {}
    for c in pair:
        turns_of.setdefault(c.code, set()).add(c.turn)
    codes = sorted(turns_of)
    tables = {}
    for code in sorted(codes, key=lambda k: (-len(turns_of[k]), k))[:3]:
        t = qualkit.two_by_two(pair, units, (mine.coder, "key"), code)
        p_o, y1, y2 = (t.a + t.d) / t.n, (t.a + t.b) / t.n, (t.a + t.c) / t.n
        p_e = y1 * y2 + (1 - y1) * (1 - y2)
        tables[code] = {"p_o": p_o, "p_e": p_e, "kappa": (p_o - p_e) / (1 - p_e)}
    per_code = {}
    for code in codes:
        yours = [
            t in {c.turn for c in pair if c.coder == mine.coder and c.code == code}
            for _, t in units
        ]
        theirs = [
            t in {c.turn for c in pair if c.coder == "key" and c.code == code} for _, t in units
        ]
        s = qualkit.specific_agreement(yours, theirs)
        per_code[code] = {
            "kappa": qualkit.cohens_kappa(yours, theirs),
            "p_pos": s.positive,
            "p_neg": s.negative,
            "ac1": qualkit.gwet_ac1(yours, theirs, categories=[True, False]),
        }
    return {"answer_4_1": tables, "answer_4_2": per_code}


def hand_in_04(student: str, folder: Path, home: Path) -> None:
    # What the lesson's first cell does in her kernel: bring her 03 coding and the second coding
    # (from 03's feedback) into this folder; both are handed in with the lesson.
    bring_coding(folder)
    bring_second_coding(folder)
    names, source_of = ("answer_4_1", "answer_4_2"), ANSWERS_FROM[student]
    if source_of == student:  # computed in her kernel from her own files
        solved = solutions("04-intercoder-agreement")
        work(folder, {name: solved[name] for name in names})
    else:  # typed in: numbers computed on someone else's coding
        typed = answers_04(home.parent / source_of / folder.name)
        work(folder, {name: literal(name, typed[name]) for name in names})


def check_04(run: dict) -> None:
    home = run["home"]
    own = {s: answers_04(home / s / "04-intercoder-agreement") for s in ("ada", "bea")}
    assert own["ada"] != own["bea"]  # her 03 coding is what 04 grades: it changes the answers
    full_and_less(
        run, "04-intercoder-agreement", ("test_answer_4_1_by_hand", "test_answer_4_2_values")
    )


LESSON_05 = "05-categories-themes-saturation"


def hand_in_05(student: str, folder: Path, home: Path) -> None:
    bring_coding(folder)  # the lesson's first cell, in her kernel
    cells = solutions(LESSON_05)  # 5.1–5.4 as the solution computes them on her coding
    if ANSWERS_FROM[student] != student:  # exemplars chosen on ada's coding, typed in
        chosen = exemplars(hers(home.parent, ANSWERS_FROM[student], LESSON_05))
        # each theme by its number, as answer_5_2 numbers them; exemplar(turn) quotes her turn
        cells["answer_5_3"] = "answer_5_3 = {" + ", ".join(
            f"{n}: exemplar({turn})" for n, turn in enumerate(chosen.values(), 1)) + "}\n"  # fmt: skip
    work(folder, cells)


def check_05(run: dict) -> None:
    own = {s: exemplars(hers(run["home"], s, LESSON_05)) for s in ("ada", "bea")}
    assert own["ada"] != own["bea"]
    full_and_less(run, LESSON_05, ("test_answer_5_3_exemplars",))


LESSON_06 = "06-comparing-support-models"


def hand_in_06(student: str, folder: Path, home: Path) -> None:
    """Her chart, charted in the tool on her coding (cy's on ada's coding, under her name)."""
    mine = bring_coding(folder)
    on = hers(home.parent, ANSWERS_FROM[student], LESSON_06).codings
    on = Codings(tuple(replace(c, coder=mine.coder) for c in on))
    chart = lesson_case(LESSON_06).chart_file(mine.coder, format_codings(on))
    (folder / f"{mine.coder}.chart.json").write_text(chart, encoding="utf-8")


def check_06(run: dict) -> None:
    asked = {s: plan_chart(_corpus, hers(run["home"], s, LESSON_06)).required(_corpus)
             for s in ("ada", "bea")}  # fmt: skip
    assert asked["ada"] != asked["bea"]  # her coding decides which cells she is asked
    full_and_less(run, LESSON_06, ("test_chart_cells",))
    for student in STUDENTS:  # a chart of her own, and found as hers
        item = "test_chart_file"
        assert run["auto"][LESSON_06, student][item] == points(LESSON_06, item), student


LESSON_07 = "07-trustworthiness-and-reporting"
TITLE = "My study of peer support specialists: coding and memos"  # TITLES[0], as answer_7_5 chooses


def hand_in_07(student: str, folder: Path, home: Path) -> None:
    """Her quotations and the export of her project (her coding and her lesson-06 chart), as
    her kernel made them; cy's made on ada's coding, and ada's export handed in."""
    mine = bring_coding(folder)
    chart = bring_chart(folder)
    cells = solutions(LESSON_07)
    source_of = ANSWERS_FROM[student]
    if source_of == student:
        export_own_project(folder / "my_project.qdpx", mine, chart, title=TITLE)
    else:
        code, turns = quotations(hers(home.parent, source_of, LESSON_07))
        quoted = ", ".join(f"quote({SESSION!r}, {t})" for t in turns)
        cells["answer_7_4"] = f"answer_7_4 = {{'code': {code!r}, 'quotes': [{quoted}]}}\n"
        shutil.copy(home.parent / source_of / LESSON_07 / "my_project.qdpx", folder)
    work(folder, cells)


def check_07(run: dict) -> None:
    own = {s: quotations(hers(run["home"], s, LESSON_07)) for s in ("ada", "bea")}
    assert own["ada"] != own["bea"]
    full_and_less(run, LESSON_07, ("test_answer_7_4_quotes", "test_answer_7_5_export"))


LESSON_08 = "08-machine-assisted-coding"


def answers_08(mine: CarriedCoding) -> dict[str, dict[str, float]]:
    """8.1 computed on a coding as the solution computes it: her kappa and positive agreement
    with the machine, code by code, over her group's participant turns."""
    from qualkit.machine_coding import MachineCoder

    session = _corpus.session(mine.session_id)
    prefix = {"pss": "PSS_", "doula": "DOULA_", "home_visiting": "HV_"}[session.model]
    codes = [k for k in _corpus.codebook.names if k.startswith((prefix, "X_"))]
    turns = [t for t in _corpus.transcript(session.session_id).turns
             if t.speaker != session.facilitator]  # fmt: skip
    study = [_corpus.transcript(s.session_id) for s in _corpus.sessions if s.split == "study"]
    machine = MachineCoder(_corpus.codebook, _corpus.codings("team"), study).codings(turns, codes)
    units = [t.unit for t in turns]
    coded = [c for c in mine.codings if c.code in _corpus.codebook and c.unit in set(units)]
    table = qualkit.per_code_agreement([*coded, *machine], units, coders=(mine.coder, "machine"))

    def positive(code):
        a, b = ({c.turn for c in found if c.code == code} for found in (coded, machine))
        return 2 * len(a & b) / (len(a) + len(b)) if a or b else math.nan

    return {r.code: {"kappa": r.kappa, "positive_agreement": positive(r.code)} for r in table.rows}


def hand_in_08(student: str, folder: Path, home: Path) -> None:
    bring_coding(folder)
    cells = solutions(LESSON_08)
    if ANSWERS_FROM[student] != student:  # values computed on ada's coding, typed in
        values = answers_08(hers(home.parent, ANSWERS_FROM[student], LESSON_08))
        cells["answer_8_1"] = literal("answer_8_1", values)
    work(folder, cells)


def check_08(run: dict) -> None:
    own = {s: answers_08(hers(run["home"], s, LESSON_08)) for s in ("ada", "bea")}
    assert repr(own["ada"]) != repr(own["bea"])
    full_and_less(run, LESSON_08, ("test_answer_8_1_values",))


STAGES = [
    Stage("03-codebook-and-coding", hand_in_03, check_03),
    Stage("04-intercoder-agreement", hand_in_04, check_04),
    Stage(LESSON_05, hand_in_05, check_05),
    Stage(LESSON_06, hand_in_06, check_06),
    Stage(LESSON_07, hand_in_07, check_07),
    Stage(LESSON_08, hand_in_08, check_08),
]


# --- the pipeline -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    build = tmp_path_factory.mktemp("through-line")
    home = build / "home"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("QUALKIT_BUILD", str(build))
        sys.path.insert(0, str(REPO / "autograde"))
        import course as module

        api = module.course_api()
        result = {"home": home, "auto": {}, "log": ""}
        for stage in STAGES:
            printed = io.StringIO()
            with contextlib.redirect_stdout(printed):
                assert module.release(api, [stage.lesson]) == 0
            released = build / "release" / stage.lesson
            for student in STUDENTS:
                folder = home / student / stage.lesson  # fetched: side by side in her home
                shutil.copytree(released, folder)
                stage.hand_in(student, folder, home / student)
                submitted = build / "submitted" / student / stage.lesson
                shutil.copytree(folder, submitted, ignore=shutil.ignore_patterns("feedback"))
                (submitted / "timestamp.txt").write_text("2026-01-01 00:00:00.000000 UTC")
            with contextlib.redirect_stdout(printed):
                assert module.autograde(api, [stage.lesson]) == 0, printed.getvalue()[-3000:]
                mark_written_answers(api, [stage.lesson])
                module.feedback(api, [stage.lesson])
            result["log"] += printed.getvalue()
            with api.gradebook as gradebook:
                for student in STUDENTS:
                    submission = gradebook.find_submission(stage.lesson, student)
                    result["auto"][stage.lesson, student] = {
                        g.name: g.auto_score for n in submission.notebooks for g in n.grades
                    }
            for student in STUDENTS:  # what fetch_feedback puts in her lesson folder
                page = build / "feedback" / student / stage.lesson / f"{stage.lesson}.html"
                if page.exists():
                    fetched = home / student / stage.lesson / "feedback" / "2026-01-02 00:00:00"
                    fetched.mkdir(parents=True)
                    shutil.copy(page, fetched / page.name)
            stage.check(result)
    return result


def test_every_lesson_of_the_study_was_graded_and_checked(run):
    graded = {lesson for lesson, _ in run["auto"]}
    assert graded == {stage.lesson for stage in STAGES}
