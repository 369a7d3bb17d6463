"""qualkit.charting.own_chart: lesson 06's cases, asked cells and grading of the chart handed in.

Folders are laid out as nbgrader collects them (``submitted/<student>/<lesson>/``), on the
default corpus, with her lesson-03 coding taken from the key's coding of the first practice
group.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from qualkit.charting import Cell, Chart, cases_of, coded_turns
from qualkit.charting.chart_file import format_chart
from qualkit.charting.own_chart import (
    FUNCTIONS,
    chart_progress,
    function_themes,
    grade_own_chart,
    grading_report,
    plan_chart,
    study_cases,
)
from qualkit.codings import Codings, format_codings
from qualkit.corpus import load_corpus
from qualkit.key import load_key
from qualkit.quoting import quote

LESSON = "06-comparing-support-models"
CODING = "03-codebook-and-coding"


@pytest.fixture(scope="module")
def corpus():
    return load_corpus()


def coding_of(corpus, coder: str) -> Codings:
    first = min((s for s in corpus.sessions if s.split == "practice"), key=lambda s: s.order)
    return Codings(
        tuple(
            replace(c, coder=coder)
            for c in load_key().codings
            if c.session_id == first.session_id and c.code in corpus.codebook
        )
    )


def _case06():
    import importlib.util

    path = Path(__file__).parent / "lessons" / LESSON / "case.py"
    spec = importlib.util.spec_from_file_location("case06", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def own_words_chart(corpus, plan, write=lambda case, theme, refs: None) -> Chart:
    """Every asked cell, a summary of its own (the pipeline case's word lists: each cell its
    own words, no run of hers)."""
    summary_of = _case06()._summary
    themes = {t.name: t for t in function_themes()}
    chart = Chart(plan.charter, function_themes(), plan.cases)
    for case_id, name in plan.required(corpus):
        case = cases_of(corpus, [case_id])[0]
        refs = coded_turns(corpus, plan.codings, case, themes[name])
        summary = write(case, name, refs) or summary_of(corpus, case, name, refs)
        chart = chart.with_cell(Cell(case_id, name, summary, refs))
    return chart


def hand_in(root: Path, student: str, coder: str, coding: Codings, chart: Chart | None,
            lesson_03: bool = True) -> Path:  # fmt: skip
    root = root / "submitted"  # as nbgrader collects: only there are other students' charts read
    folder = root / student / LESSON
    folder.mkdir(parents=True)
    (folder / f"{coder}.codings.json").write_text(format_codings(coding), encoding="utf-8")
    if chart is not None:
        (folder / f"{chart.charter}.chart.json").write_text(format_chart(chart), encoding="utf-8")
    if lesson_03:
        (root / student / CODING).mkdir()
        (root / student / CODING / f"{coder}.codings.json").write_text(
            format_codings(coding), encoding="utf-8"
        )
    return folder


def test_the_functions_cut_across_the_models_and_each_code_is_in_one(corpus):
    codes = [code for codes in FUNCTIONS.values() for code in codes]
    assert len(codes) == len(set(codes))
    assert set(codes) <= set(corpus.codebook.names)
    categories = {corpus.codebook[c].category for c in FUNCTIONS["Advocacy"]}
    assert {"pss", "doula", "home_visiting", "cross_cutting"} <= categories


def test_her_cases_are_her_group_and_study_participants_drawn_for_her(corpus):
    plan = plan_chart(corpus, coding_of(corpus, "jd"))
    session = coding_of(corpus, "jd").codings[0].session_id
    assert plan.group == tuple(corpus.session(session).participant_ids)
    models = [corpus.participant(p).model for p in plan.study]
    assert sorted(models) == sorted([m for m in corpus.models for _ in range(2)])
    assert all(corpus.session(corpus.participant(p).session_ids[0]).split == "study"
               for p in plan.study)  # fmt: skip
    assert plan_chart(corpus, coding_of(corpus, "jd")).study == plan.study  # the same again
    others = {plan_chart(corpus, coding_of(corpus, name)).study for name in ("ab", "cd", "ef")}
    assert len(others | {plan.study}) > 1, "classmates chart different women"
    asked = plan.required(corpus)
    assert {case for case, _ in asked} == set(plan.cases)
    assert 20 <= len(asked) <= 45


def test_the_fallback_charts_three_study_participants_per_model(corpus):
    plan = plan_chart(corpus, None, charter="jd")
    assert plan.fallback and plan.group == () and len(plan.study) == 3 * len(corpus.models)
    assert study_cases(corpus, "x", 1) == study_cases(corpus, "x", 1)
    with pytest.raises(ValueError, match="charter"):
        plan_chart(corpus, None)


def test_a_chart_of_her_own_words_earns_every_point(corpus, tmp_path):
    coding = coding_of(corpus, "jd")
    chart = own_words_chart(corpus, plan_chart(corpus, coding))
    folder = hand_in(tmp_path, "jo", "jd", coding, chart)
    graded = grade_own_chart(corpus, folder, LESSON)
    assert graded.share == 1.0 and not graded.notes
    assert "pass every check" in grading_report(graded, corpus)
    assert chart_progress(corpus, folder).charted


def test_pasted_turns_and_a_repeated_summary_score_as_blank(corpus, tmp_path):
    coding = coding_of(corpus, "jd")
    plan = plan_chart(corpus, coding)

    def pasted(case, theme, refs):
        return corpus.transcript(refs[0].session_id).turn(refs[0].turn).text

    folder = hand_in(tmp_path, "pa", "jd", coding, own_words_chart(corpus, plan, pasted))
    graded = grade_own_chart(corpus, folder, LESSON)
    assert graded.share == 0.0
    assert "copies her words" in grading_report(graded, corpus)
    same = "She speaks about this in her group and it matters a great deal to her life now."
    folder = hand_in(tmp_path, "re", "jd", coding, own_words_chart(corpus, plan, lambda *a: same))
    graded = grade_own_chart(corpus, folder, LESSON)
    assert graded.share == 0.0
    assert "repeats the summary of another cell" in grading_report(graded, corpus)
    # The self-check says so in her kernel too.
    assert "repeats the summary" in chart_progress(corpus, folder).report


def test_a_copied_chart_scores_nothing_and_the_original_keeps_its_points(corpus, tmp_path):
    coding = coding_of(corpus, "jd")
    chart = own_words_chart(corpus, plan_chart(corpus, coding))
    original = hand_in(tmp_path, "jo", "jd", coding, chart)
    copier = hand_in(tmp_path, "cp", "jd", coding, chart, lesson_03=False)  # no lesson 03
    copied = grade_own_chart(corpus, copier, LESSON)
    assert copied.share == 0.0
    assert "match another student's chart" in grading_report(copied, corpus)
    kept = grade_own_chart(corpus, original, LESSON)
    assert kept.share == 1.0 and any("match another student" in n for n in kept.notes)
    # In her own kernel nothing is compared with anyone (her neighbors are not hers to read).
    assert "match another" not in chart_progress(corpus, original).report


def test_a_coding_that_is_not_her_lesson_03_coding_falls_back(corpus, tmp_path):
    coding = coding_of(corpus, "jd")
    chart = own_words_chart(corpus, plan_chart(corpus, coding))
    folder = hand_in(tmp_path, "xx", "jd", coding, chart)
    other = Codings(coding.codings[1:])  # lesson 03 handed in a different coding
    (tmp_path / "submitted" / "xx" / CODING / "jd.codings.json").write_text(format_codings(other))
    graded = grade_own_chart(corpus, folder, LESSON)
    assert graded.plan.fallback and graded.share < 0.5
    assert "fallback cases" in grading_report(graded, corpus)


def test_the_lessons_codes_are_graded_whatever_the_file_says(corpus, tmp_path):
    coding = coding_of(corpus, "jd")
    plan = plan_chart(corpus, coding)
    chart = own_words_chart(corpus, plan)
    widened = replace(chart, themes=tuple(replace(t, codes=tuple(corpus.codebook.names))
                                          for t in chart.themes))  # fmt: skip
    folder = hand_in(tmp_path, "wd", "jd", coding, widened)
    assert grade_own_chart(corpus, folder, LESSON).chart.themes == function_themes()


def test_no_chart_is_a_message_not_an_error(corpus, tmp_path):
    folder = hand_in(tmp_path, "nc", "jd", coding_of(corpus, "jd"), None)
    graded = grade_own_chart(corpus, folder, LESSON)
    assert graded.share == 0.0 and graded.chart is None
    progress = chart_progress(corpus, folder)
    assert not progress.charted and "No chart file" in progress.report


def test_a_quotation_is_chosen_with_its_attribution(corpus):
    said = corpus.transcript("DOULA-FG2").turn(58)
    assert str(quote("DOULA-FG2", 58, corpus=corpus)) == (
        f'"{said.text}" ({said.speaker}, DOULA-FG2, turn 58)'
    )


def test_a_chart_held_by_another_tool_says_so(tmp_path):
    import fcntl
    import os

    from qualkit.codings.lock import lock_path, locked

    path = tmp_path / "jd.chart.json"
    fd = os.open(lock_path(path), os.O_RDWR | os.O_CREAT, 0o666)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        with pytest.raises(TimeoutError, match="another charting tool"), locked(path, 0.05):
            pass
    finally:
        os.close(fd)


def test_longest_shared_run_is_the_longest_common_run_of_words():
    """Against the plain definition, on random talk from a small vocabulary (many repeats)."""
    import random

    from qualkit.charting.grading import longest_shared_run

    def plainly(summary: list[str], sources: list[list[str]]) -> int:
        return max(
            (
                n
                for source in sources
                for i in range(len(summary))
                for j in range(len(source))
                for n in range(1, min(len(summary) - i, len(source) - j) + 1)
                if summary[i : i + n] == source[j : j + n]
            ),
            default=0,
        )

    rng = random.Random(19)
    vocabulary = ["she", "gets", "it", "i", "mean", "been", "there", "my", "peer", "her", "the"]
    for _ in range(300):
        summary = rng.choices(vocabulary, k=rng.randint(0, 14))
        sources = [rng.choices(vocabulary, k=rng.randint(0, 14)) for _ in range(rng.randint(0, 3))]
        found = longest_shared_run(" ".join(summary), [" ".join(s) for s in sources])
        assert found == plainly(summary, sources), (summary, sources)
