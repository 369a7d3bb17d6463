"""Her own project as one REFI-QDA file (qualkit/own_project.py): her lesson-03 coding with its
memos and, when she has one, her lesson-06 chart; valid QDA-XML that QualCoder can read."""

from __future__ import annotations

import xml.etree.ElementTree as ET
import zipfile

import pytest

import qualkit
from qualkit import Coding, Codings, Memo, write_codings
from qualkit.own_project import CHART_LESSON, bring_chart, export_own_project
from qualkit.own_study import CODING_LESSON, bring_coding

P = "{urn:QDA-XML:project:1.0}"
LESSON = "07-trustworthiness-and-reporting"


@pytest.fixture
def home(tmp_path):
    for lesson in (CODING_LESSON, CHART_LESSON, LESSON):
        (tmp_path / lesson).mkdir()
    corpus = qualkit.load_corpus()
    turn = corpus.transcript("PSS-FG5").turns[2]
    mine = Codings(
        (
            Coding(
                "PSS-FG5",
                3,
                "PSS_EMOTIONAL",
                "mj",
                "her voice drops here",
                "",
                turn.start,
                turn.start + 12,
            ),
            Coding("PSS-FG5", 5, "PSS_LIVED_EXP", "mj"),
        ),
        (Memo("PSS-FG5", 5, "mj", "Compare with PSS-FG2."),),
    )
    write_codings(tmp_path / CODING_LESSON / "mj.codings.json", mine)
    return tmp_path


def qde(path) -> ET.Element:
    with zipfile.ZipFile(path) as archive:
        return ET.fromstring(archive.read("project.qde"))


def test_her_project_holds_her_codings_and_memos_and_reads_back(home):
    from qualkit.refi import import_qdpx, validate_qdpx

    here = home / LESSON
    carried = bring_coding(here)
    assert bring_chart(here) is None  # no lesson-06 chart: the project is whole without it
    export_own_project(here / "my_project.qdpx", carried, title="My study")
    validate_qdpx(here / "my_project.qdpx")
    back = import_qdpx(here / "my_project.qdpx").codings
    assert set(back.by_coder("mj").codings) == set(carried.codings.codings)
    assert back.by_coder("mj").memos == carried.codings.memos
    # What QualCoder needs: every Note dated, a coding memo in its selection's Description.
    root = qde(here / "my_project.qdpx")
    assert all(n.get("creationDateTime") for n in root.iter(f"{P}Note"))
    described = [d.text for d in root.iter(f"{P}Description") if d.text]
    assert any("her voice drops here" in text for text in described)


def test_her_chart_from_lesson_06_travels_as_notes(home):
    from qualkit.charting import ChartingTool
    from qualkit.refi import validate_qdpx

    corpus = qualkit.load_corpus()
    participant = corpus.participant_for("PSS-FG5", corpus.transcript("PSS-FG5").turns[4].speaker)
    chart_file = home / CHART_LESSON / "mj.chart.json"
    tool = ChartingTool(
        corpus,
        {"Trust": ["PSS_LIVED_EXP", "PSS_EMOTIONAL"]},
        corpus.codings("team"),
        "mj",
        chart_file,
        [participant.participant_id],
    )
    tool.open(participant.participant_id, "Trust")
    tool.write_summary("Trusts her peer because the peer has been there.")
    here = home / LESSON
    copy = bring_chart(here)
    assert copy == here / "mj.chart.json" and copy.read_bytes() == chart_file.read_bytes()
    export_own_project(here / "my_project.qdpx", bring_coding(here), copy)
    validate_qdpx(here / "my_project.qdpx")
    names = [n.get("name") for n in qde(here / "my_project.qdpx").iter(f"{P}Note")]
    assert f"Chart: {participant.pseudonym} ({participant.participant_id}) × Trust" in names


def test_two_charts_are_named_not_guessed(home):
    for name in ("a.chart.json", "b.chart.json"):
        (home / CHART_LESSON / name).write_text("{}", encoding="utf-8")
    with pytest.raises(qualkit.StudentError, match="a.chart.json, b.chart.json"):
        bring_chart(home / LESSON)


def test_a_blank_title_is_named_not_exported(home):
    here = home / LESSON
    with pytest.raises(
        qualkit.StudentError, match=r"title: replace the \.\.\. with the number of a title"
    ):
        export_own_project(here / "my_project.qdpx", bring_coding(here), title=...)
    assert not (here / "my_project.qdpx").exists()
