"""Her own study flows 03 → 05 → 07 through the real pipeline (issue 26, "One study, carried
through"): lessons 05 and 07 grade the lesson-03 coding she handed in, so the same answers score
differently on a different coding.

Two students hand in the same answers for 05 and 07 (ana's: her themes and exemplar turns, her
quotations, the export of her project) and, in lesson 03, each their own coding of the first
practice group. Ana's coding is the key's. Ben's is the key's without the turns ana quotes: her
exemplars and quotations are not turns he coded, and her export is not his project. One
autograde batch grades both, in the course's sandbox and trusted step.

The per-lesson checks (``expected_05``, ``expected_07``) are what tests/test_through_line.py's
list of lessons can call.
"""

from __future__ import annotations

import contextlib
import io
import sys
from dataclasses import replace
from pathlib import Path

import nbformat
import pytest
from test_lesson_pipeline import hand_in, student_solution

from conftest import REPO

pytestmark = [pytest.mark.pipeline, pytest.mark.slow, pytest.mark.xdist_group("nbgrader")]

LESSON_03, LESSON_05, LESSON_07 = (
    "03-codebook-and-coding",
    "05-categories-themes-saturation",
    "07-trustworthiness-and-reporting",
)
THEMES = {  # the source's peer support themes, in the default corpus's scope (all 18 codes)
    "Trust earned through a shared history": [
        "PSS_LIVED_EXP",
        "PSS_IDEAL_QUALITIES",
        "PSS_MATCH_IDENTITY",
        "PSS_AFFILIATION",
        "X_IDENTITY_GROWTH",
    ],
    "Support that reaches past the clinic": [
        "PSS_NAVIGATION",
        "PSS_CONTINUITY",
        "PSS_EMOTIONAL",
        "X_MULTI_NEEDS",
        "X_POSTPARTUM_DROP",
        "X_COLLAB_ENGAGE",
        "X_MOUD_AGENCY",
    ],
    "Closeness with limits, in a system that watches": [
        "PSS_BOUNDARY",
        "PSS_PEER_RECURRENCE",
        "PSS_IMPROVE",
        "X_STIGMA_CARE",
        "X_CPS_FEAR",
        "X_NOWS_GUILT",
    ],
}
CODE = "PSS_BOUNDARY"


def carried(coder: str, codings):
    from qualkit.codings import Codings
    from qualkit.own_study import CarriedCoding

    mine = Codings(tuple(replace(c, coder=coder) for c in codings))
    return CarriedCoding(coder, codings[0].session_id, mine, Path(f"{coder}.codings.json"), True)


def ana_answers(ana) -> tuple[dict[str, str], set[int]]:
    """Ana's answers to 5.2, 5.3 and 7.4, chosen from her coding by the source's rules, as
    literal cells."""
    from qualkit.own_study import her_turns

    exemplars, used = {}, set()
    for name, codes in THEMES.items():
        rows = her_turns(ana, codes)
        rows = rows[~rows["turn"].isin(used)]
        rows = rows.assign(n=[len(set(h.split(", ")) & set(codes)) for h in rows["her codes"]])
        turn = int(rows.sort_values(["n", "turn"], ascending=[False, True]).iloc[0]["turn"])
        used.add(turn)
        exemplars[name] = turn
    quoted = [int(t) for t in her_turns(ana, CODE).drop_duplicates("speaker")["turn"].head(2)]
    session = ana.session_id
    return {
        "answer_5_2": f"answer_5_2 = {THEMES!r}\n",
        "answer_5_3": "answer_5_3 = {"
        + ", ".join(f"{n!r}: quote({session!r}, {t})" for n, t in exemplars.items())
        + "}\n",
        "answer_7_4": f"answer_7_4 = {{'code': {CODE!r}, 'quotes': ["
        + ", ".join(f"quote({session!r}, {t})" for t in quoted)
        + "]}\n",
    }, set(exemplars.values()) | set(quoted)


def expected_05(scores: dict[str, float], own: bool) -> None:
    """Lesson 05 on her own coding: the exemplars count in full; on another coding, none."""
    assert scores["test_answer_5_3_exemplars"] == (6 if own else 0), scores
    assert scores["test_answer_5_1_values"] == 3 and scores["test_answer_5_4_values"] == 3


def expected_07(scores: dict[str, float], own: bool) -> None:
    """Lesson 07 on her own coding: her quotations and her export count in full; on another
    coding her quotations count for nothing and her export is not his project."""
    assert scores["test_answer_7_4_quotes"] == (5 if own else 0), scores
    if own:
        assert scores["test_answer_7_5_export"] == 3, scores
    else:
        assert scores["test_answer_7_5_export"] < 3, scores


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    import qualkit
    from qualkit.codings import format_codings
    from qualkit.key import load_key
    from qualkit.own_project import own_project_bytes

    corpus = qualkit.load_corpus()
    first = min((s for s in corpus.sessions if s.split == "practice"), key=lambda s: s.order)
    key = [
        c
        for c in load_key().codings
        if c.session_id == first.session_id and c.code in corpus.codebook
    ]
    ana = carried("ana", key)
    answers, quoted_turns = ana_answers(ana)
    ben = carried("ben", [c for c in key if c.turn not in quoted_turns])
    export = own_project_bytes(ana, title="Ana's study", corpus=corpus)
    build = tmp_path_factory.mktemp("own-study-build")
    lessons = [LESSON_03, LESSON_05, LESSON_07]
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("QUALKIT_BUILD", str(build))
        sys.path.insert(0, str(REPO / "autograde"))
        import course as module

        api = module.course_api()
        with contextlib.redirect_stdout(io.StringIO()):
            assert module.release(api, lessons) == 0
        for student in (ana, ben):
            text = format_codings(student.codings)
            own_file = {f"{student.coder}.codings.json": text}
            for lesson in lessons:
                nb = nbformat.read(build / "release" / lesson / f"{lesson}.ipynb", as_version=4)
                student_solution(nb, lesson)
                for cell in nb.cells:
                    cell.source = answers.get(cell.id, cell.source)
                    if cell.id == "answer_3_2":
                        cell.source = (
                            f"answer_3_2 = {{'coder': {student.coder!r}, "
                            f"'session': {first.session_id!r}}}\n"
                        )
                folder = build / "submitted" / student.coder / lesson
                folder.mkdir(parents=True)
                nbformat.write(nb, folder / f"{lesson}.ipynb")
                files = dict(own_file)
                if lesson == LESSON_07:
                    files["my_project.qdpx"] = export  # ana's project, for both
                hand_in(folder, files)
                (folder / "timestamp.txt").write_text("2026-01-01 00:00:00.000000 UTC")
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            status = module.autograde(api, lessons)
        scores = {}
        with api.gradebook as gradebook:
            for student in ("ana", "ben"):
                for lesson in lessons:
                    submission = gradebook.find_submission(lesson, student)
                    scores[student, lesson] = {
                        g.name: g.auto_score for n in submission.notebooks for g in n.grades
                    }
    assert status == 0, printed.getvalue()[-3000:]
    return scores


def test_lesson_05_grades_her_own_lesson_03_coding(graded):
    expected_05(graded["ana", LESSON_05], own=True)
    expected_05(graded["ben", LESSON_05], own=False)


def test_lesson_07_grades_her_own_lesson_03_coding(graded):
    expected_07(graded["ana", LESSON_07], own=True)
    expected_07(graded["ben", LESSON_07], own=False)


def test_both_coded_their_practice_group_in_lesson_03(graded):
    """The two codings really were handed in and graded in lesson 03 (ben's with fewer turns)."""
    ana, ben = graded["ana", LESSON_03], graded["ben", LESSON_03]
    source = nbformat.read(REPO / "lessons" / LESSON_03 / f"{LESSON_03}.ipynb", as_version=4)
    (full,) = [
        c.metadata.nbgrader["points"]
        for c in source.cells
        if c.get("metadata", {}).get("nbgrader", {}).get("grade_id") == "test_answer_3_2_accuracy"
    ]
    assert ana["test_answer_3_2_accuracy"] == full > ben["test_answer_3_2_accuracy"] > 0
