"""qualkit.charting: the chart model, its file, reading views, the tool, grading and REFI-QDA.

On the tiny corpus (tests/conftest.py): Dana (P001) and Kim (P002) in a peer-support focus
group, Rosa (P003) in a home-visiting interview, coded by the team's codings.
"""

from __future__ import annotations

import io
import json
import os
import textwrap
import time
import zipfile
from dataclasses import replace

import pandas as pd
import pytest
from kill_point import kill_when_stopped

from qualkit.charting import (
    Cell,
    Chart,
    ChartingTool,
    TurnRef,
    across_row,
    chart_cells,
    chart_csv,
    chart_table,
    coded_turns,
    down_column,
    read_chart,
)
from qualkit.charting.chart_file import format_chart, parse_chart
from qualkit.charting.grading import (
    copied_cells,
    grade_cells,
    longest_shared_run,
    score,
    shared_trigrams,
)
from qualkit.errors import InputError
from qualkit.themes import Theme

THEMES = {
    "Trust": ["PSS_LIVED_EXP"],
    "Limits": ["PSS_BOUNDARY", "HV_SURVEILLANCE"],
    "Change": ["PSS_IMPROVE", "HV_WHO_IS_CLIENT"],
}
CASES = ["P003", "P001", "P002"]  # given out of model order: rows group by model
TIMES = iter(f"2026-01-01T00:00:{n:02d}Z" for n in range(60))


def clock() -> str:
    return next(TIMES, "2026-01-01T00:01:00Z")


def make_tool(corpus, path, themes=THEMES, cases=CASES, charter="ana") -> ChartingTool:
    return ChartingTool(corpus, themes, corpus.codings("team"), charter, path, cases, clock=clock)


# ---------------------------------------------------------------- the chart and its cases


def test_cases_group_by_model_and_cells_rest_on_her_turns_coded_with_the_themes_codes(
    tiny_corpus, tmp_path
):
    tool = make_tool(tiny_corpus, tmp_path / "ana.chart.json")
    assert [case.id for case in tool.cases] == ["P001", "P002", "P003"]  # pss, then home visiting
    assert dict(tool.case("P001").facts) == {"age": "29", "moud": "buprenorphine"}
    codings = tiny_corpus.codings("team")
    theme = Theme("Limits", ("PSS_BOUNDARY", "HV_SURVEILLANCE"))
    assert coded_turns(tiny_corpus, codings, tool.case("P002"), theme) == (TurnRef("PSS-FG1", 3),)
    assert coded_turns(tiny_corpus, codings, tool.case("P003"), theme) == (TurnRef("HV-INT1", 2),)
    # Dana's turn 2 is coded, but not with a code of this theme
    assert coded_turns(tiny_corpus, codings, tool.case("P001"), theme) == ()


def test_each_action_is_saved_at_once_and_reads_back_exactly(tiny_corpus, tmp_path):
    path = tmp_path / "ana.chart.json"
    tool = make_tool(tiny_corpus, path)
    assert not path.exists() and "Nothing charted yet" in tool.status
    tool.open("P002", "Limits")
    tool.write_summary("Kim finds the late-night texts from her peer a lot at times.")
    assert read_chart(path).cell("P002", "Limits").summary.startswith("Kim finds")
    assert tool.status == (
        "Saved Kim × Limits (the summary; 12 words, resting on 0 turns) to ana.chart.json."
    )
    tool.pick("PSS-FG1|3")
    assert read_chart(path) == tool.chart
    assert read_chart(path).cell("P002", "Limits").turns == (TurnRef("PSS-FG1", 3),)
    assert "PSS-FG1 turn 3 added" in tool.status
    with pytest.raises(ValueError, match="not one of this case's turns"):
        tool.pick("PSS-FG1|2")  # Dana's turn
    tool.pick("PSS-FG1|3", on=False)
    tool.write_summary("")
    assert read_chart(path).cells == ()  # a blank cell is not kept
    # Reopening resumes; a new frame drops nothing charted.
    tool.write_summary("Kim wants check-ins on a schedule so she knows when her peer comes.")
    again = make_tool(tiny_corpus, path, themes={"Trust": ["PSS_LIVED_EXP"]}, cases=["P001"])
    assert "Resumed 1 charted cell" in again.status
    assert again.chart.theme_names == ("Trust", "Limits") and again.chart.cases == ("P001", "P002")
    assert again.chart.cell("P002", "Limits") == tool.chart.cell("P002", "Limits")


def test_a_turn_is_shown_in_context(tiny_corpus, tmp_path):
    tool = make_tool(tiny_corpus, tmp_path / "ana.chart.json")
    tool.open("P003", "Change")
    tool.show("HV-INT1|4")
    assert [t.turn for t in tool.in_context()] == [2, 3, 4]
    with pytest.raises(KeyError):
        tool.show("HV-INT1|9")


def test_two_tools_on_one_chart_keep_each_others_cells(tiny_corpus, tmp_path):
    path = tmp_path / "ana.chart.json"
    first, second = make_tool(tiny_corpus, path), make_tool(tiny_corpus, path)
    first.open("P001", "Trust")
    first.write_summary("Dana trusted her peer from the first day, once she heard her story.")
    second.open("P003", "Limits")
    second.write_summary("Rosa cleaned the whole apartment before each visit at first, afraid.")
    saved = read_chart(path)
    assert {cell.key for cell in saved.cells} == {("P001", "Trust"), ("P003", "Limits")}


def test_another_charters_file_is_refused_and_left_alone(tiny_corpus, tmp_path):
    path = tmp_path / "ana.chart.json"
    make_tool(tiny_corpus, path, charter="ben").open("P001", "Trust")
    tool = make_tool(tiny_corpus, path, charter="ben")
    tool.open("P001", "Trust")
    tool.write_summary("Ben's summary of what Dana said about trusting her peer support.")
    before = path.read_bytes()
    with pytest.raises(InputError, match="field 'charter': expected only 'ana'"):
        make_tool(tiny_corpus, path)
    assert path.read_bytes() == before


def test_stale_temporary_files_from_killed_saves_are_cleaned_up(tiny_corpus, tmp_path):
    old, recent = tmp_path / ".ana.chart.json.abc.tmp", tmp_path / ".ana.chart.json.def.tmp"
    for leftover in (old, recent):
        leftover.write_text("{", encoding="utf-8")
    os.utime(old, (time.time() - 3600, time.time() - 3600))
    make_tool(tiny_corpus, tmp_path / "ana.chart.json")
    assert not old.exists() and recent.exists()


# ---------------------------------------------------------------- the file


def sample_chart() -> Chart:
    chart = Chart(
        "Ana María", tuple(Theme(n, tuple(c)) for n, c in THEMES.items()), ("P001", "P002")
    )
    chart = chart.with_cell(
        Cell(
            "P001", "Trust", 'She "trusts" her — café, 😊\nline two', (TurnRef("PSS-FG1", 2),), "t"
        )
    )
    return chart.with_cell(Cell("P002", "Change", "", (TurnRef("PSS-FG1", 6),)))


def test_the_file_format_reads_back_exactly_and_diffs_cell_by_cell():
    chart = sample_chart()
    text = format_chart(chart)
    assert parse_chart(text) == chart
    assert json.loads(text)["format"] == "qualkit-chart" and json.loads(text)["version"] == 1
    cell_lines = [line for line in text.splitlines() if line.lstrip().startswith('{"case"')]
    assert len(cell_lines) == 2


def _mutate(path: str, value):
    def change(data: dict) -> dict:
        target = data
        *parents, last = path
        for key in parents:
            target = target[key]
        if value is KeyError:
            del target[last]
        else:
            target[last] = value
        return data

    return change


BAD = [
    (_mutate(["format"], "qualkit-codings"), "field 'format'"),
    (_mutate(["version"], 2), "field 'version'"),
    (_mutate(["charter"], " "), "field 'charter'"),
    (_mutate(["themes", 0, "codes"], "PSS_LIVED_EXP"), "themes[0] field 'codes'"),
    (_mutate(["themes", 1, "name"], "Trust"), "themes[1] field 'name'"),
    (_mutate(["themes", 0, "colour"], "red"), "themes[0] field 'colour'"),
    (_mutate(["cases", 1], "P001"), "cases[1]"),
    (_mutate(["cells", 0, "case"], "P009"), "cells[0] field 'case'"),
    (_mutate(["cells", 0, "theme"], "Hope"), "cells[0] field 'theme'"),
    (_mutate(["cells", 0, "summary"], KeyError), "cells[0] field 'summary'"),
    (_mutate(["cells", 0, "summary"], 3), "cells[0] field 'summary'"),
    (_mutate(["cells", 1, "turns", 0, "turn"], 0), "cells[1] field 'turns'[0] field 'turn'"),
    (_mutate(["cells", 1, "turns", 0, "turn"], True), "cells[1] field 'turns'[0] field 'turn'"),
    (_mutate(["cells", 1, "turns", 0], ["PSS-FG1", 6]), "cells[1] field 'turns'[0]"),
    (_mutate(["cells", 1, "case"], "P001"), "cells[1]"),  # P001 × Change is fine...
]


@pytest.mark.parametrize(("change", "place"), BAD, ids=[place for _, place in BAD])
def test_a_bad_chart_file_is_an_error_naming_the_file_and_field(tmp_path, change, place):
    data = json.loads(format_chart(sample_chart()))
    path = tmp_path / "ana.chart.json"
    data = change(data)
    if place == "cells[1]":  # ...but twice the same cell is not
        data["cells"][1].update(case="P001", theme="Trust")
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(InputError) as error:
        read_chart(path)
    assert error.value.source == str(path)
    assert error.value.place == place


def test_a_chart_file_that_is_not_json_names_its_line(tmp_path):
    path = tmp_path / "ana.chart.json"
    path.write_text('{"format": "qualkit-chart",\n "version": 1,,}', encoding="utf-8")
    with pytest.raises(InputError, match=r"ana.chart.json: line 2, column 15: expected JSON"):
        read_chart(path)
    path.write_bytes(b'{"charter": "\xff"}')
    with pytest.raises(InputError, match="expected UTF-8 text"):
        read_chart(path)


CHILD = textwrap.dedent(
    """
    import os, sys
    from kill_point import HalfWritten, stop_here  # tests/kill_point.py
    from qualkit.corpus import load_corpus
    from qualkit.charting import ChartingTool

    point, corpus_dir, path = sys.argv[1], sys.argv[2], sys.argv[3]
    corpus = load_corpus(corpus_dir)
    themes = {"Trust": ["PSS_LIVED_EXP"], "Change": ["PSS_IMPROVE"]}
    tool = ChartingTool(corpus, themes, corpus.codings("team"), "ana", path, ["P001", "P002"])
    tool.open("P001", "Trust")
    tool.write_summary("first summary, saved before the kill")
    print("acked 1", flush=True)
    real_fsync, real_fdopen, real_replace, armed, fsyncs = os.fsync, os.fdopen, os.replace, True, []

    def fsync(fd):  # write_atomic: the temporary file first, the folder after the rename
        real_fsync(fd)
        fsyncs.append(fd)
        if armed and len(fsyncs) == {"synced": 1, "replaced": 2}.get(point):
            stop_here()

    def fdopen(fd, mode):
        handle = real_fdopen(fd, mode)
        return HalfWritten(handle) if armed and point == "half" else handle

    os.fsync, os.fdopen = fsync, fdopen
    tool.open("P002", "Change")
    tool.write_summary("second summary, being saved when the kill comes")
    print("acked 2", flush=True)
    """
)


@pytest.mark.slow  # a real process per case
@pytest.mark.parametrize(("point", "holds"), [("half", 1), ("synced", 1), ("replaced", 2)])
def test_a_kill_mid_save_leaves_the_chart_before_or_after_never_half(
    tiny_corpus, tmp_path, point, holds
):
    path = tmp_path / "ana.chart.json"
    lines = kill_when_stopped(CHILD, point, str(tiny_corpus.root), str(path))
    assert lines == ["acked 1"]
    saved = read_chart(path)
    assert saved.cell("P001", "Trust").summary == "first summary, saved before the kill"
    assert len(saved.cells) == holds
    # A new tool resumes it and carries on.
    tool = make_tool(
        tiny_corpus, path, themes={"Trust": ["PSS_LIVED_EXP"], "Change": ["PSS_IMPROVE"]}
    )
    tool.open("P002", "Change")
    tool.write_summary("written again after the kill")
    assert read_chart(path).cell("P001", "Trust").summary.startswith("first summary")
    assert read_chart(path).cell("P002", "Change").summary == "written again after the kill"


# ---------------------------------------------------------------- reading the chart


def charted(tiny_corpus, tmp_path) -> ChartingTool:
    tool = make_tool(tiny_corpus, tmp_path / "ana.chart.json")
    for case, theme, summary, turn in [
        (
            "P001",
            "Trust",
            "Trusted her peer at once because the peer shared her own story.",
            "PSS-FG1|2",
        ),
        (
            "P002",
            "Limits",
            "Late texts from her peer feel like too much on some nights.",
            "PSS-FG1|3",
        ),
        (
            "P003",
            "Limits",
            "Afraid of being judged, so cleaned the home before each visit.",
            "HV-INT1|2",
        ),
    ]:
        tool.open(case, theme)
        tool.write_summary(summary)
        tool.pick(turn)
    return tool


def test_reading_down_a_column_and_across_a_row(tiny_corpus, tmp_path):
    tool = charted(tiny_corpus, tmp_path)
    column = down_column(tool.chart, tool.cases, "Limits")
    assert list(column.columns) == ["model", "case", "name", "summary", "turns"]
    assert list(column["case"]) == ["P001", "P002", "P003"]
    assert list(column["model"]) == ["Peer support specialists"] * 2 + ["Home visiting"]
    assert list(column["turns"]) == ["", "PSS-FG1 turn 3", "HV-INT1 turn 2"]
    row = across_row(tool.chart, tool.cases, "P002")
    assert list(row["theme"]) == ["Trust", "Limits", "Change"]
    assert row.loc[1, "codes"] == "PSS_BOUNDARY, HV_SURVEILLANCE"
    assert row.loc[1, "summary"].startswith("Late texts")
    with pytest.raises(KeyError):
        down_column(tool.chart, tool.cases, "Hope")
    assert tool.down_column("Limits").equals(column) and tool.across_row("P002").equals(row)


def test_the_chart_as_a_table_and_as_csv(tiny_corpus, tmp_path):
    tool = charted(tiny_corpus, tmp_path)
    table = chart_table(tool.chart, tool.cases)
    assert list(table.columns) == ["name", "Trust", "Limits", "Change"]
    assert table.index.names == ["model", "case"]
    assert table.loc[("Home visiting", "P003"), "Limits"].startswith("Afraid")
    text = chart_csv(tool.chart, tool.cases, tmp_path / "chart.csv")
    assert (tmp_path / "chart.csv").read_text(encoding="utf-8") == text
    back = pd.read_csv(io.StringIO(text), keep_default_na=False)
    assert back.equals(chart_cells(tool.chart, tool.cases))
    assert len(back) == 9  # every case × theme, blanks too
    assert tool.to_csv() == text and tool.table().equals(table)


# ---------------------------------------------------------------- grading

QUOTE = "Mine texts me at night, which is a lot sometimes."  # Kim's turn 3, pasted


def test_grading_credits_a_summary_of_her_own_resting_on_the_right_turns(tiny_corpus, tmp_path):
    tool = charted(tiny_corpus, tmp_path)
    required = [("P001", "Trust"), ("P002", "Limits"), ("P003", "Limits")]
    grades = grade_cells(read_chart(tool.path), required, tiny_corpus, tiny_corpus.codings("team"))
    assert [g.points for g in grades] == [2, 2, 2] and score(grades) == 6
    assert all(g.problems == () for g in grades)


def test_pasted_quotations_score_no_more_than_a_blank_chart(tiny_corpus, tmp_path):
    required = [("P002", "Limits"), ("P001", "Trust")]
    codings = tiny_corpus.codings("team")
    blank = make_tool(tiny_corpus, tmp_path / "blank.chart.json").chart
    pasted = make_tool(tiny_corpus, tmp_path / "pasted.chart.json")
    for case, theme, turn in [("P002", "Limits", 3), ("P001", "Trust", 2)]:
        pasted.open(case, theme)
        text = tiny_corpus.transcript("PSS-FG1").turn(turn).text
        pasted.write_summary(f"{text} {text}" if turn == 2 else QUOTE + " " + QUOTE)
        pasted.pick(f"PSS-FG1|{turn}")
    pasted_grades = grade_cells(pasted.chart, required, tiny_corpus, codings)
    blank_grades = grade_cells(blank, required, tiny_corpus, codings)
    assert score(pasted_grades) == score(blank_grades) == 0
    assert all(g.grounded and not g.own_words for g in pasted_grades)  # picked the right turns
    assert "copies her words" in pasted_grades[0].problems[0]
    assert blank_grades[0].problems == ("no summary", "rests on no turn")


def test_grading_names_a_short_summary_and_a_stray_turn(tiny_corpus, tmp_path):
    chart = make_tool(tiny_corpus, tmp_path / "ana.chart.json").chart
    chart = chart.with_cell(Cell("P002", "Limits", "Too many texts.", (TurnRef("PSS-FG1", 6),)))
    [grade] = grade_cells(chart, [("P002", "Limits")], tiny_corpus, tiny_corpus.codings("team"))
    assert not grade.charted and grade.own_words and not grade.grounded and grade.points == 0
    assert grade.stray == (TurnRef("PSS-FG1", 6),)
    assert grade.problems[0] == "3 words; a summary here is 10 to 150 words"
    assert "PSS-FG1 turn 6" in grade.problems[1]
    # A cell of a theme the chart lacks is graded as blank, not an error.
    [missing] = grade_cells(chart, [("P002", "Hope")], tiny_corpus, tiny_corpus.codings("team"))
    assert missing.points == 0 and missing.problems[0] == "no summary"


def test_a_chart_copied_from_another_student_is_named_cell_by_cell(tiny_corpus, tmp_path):
    ana = charted(tiny_corpus, tmp_path).chart
    ben = replace(ana, charter="ben")
    ben = ben.with_cell(replace(ben.cell("P001", "Trust"), summary="Ben wrote this one himself."))
    cleo = replace(ana, charter="cleo", cells=())
    assert copied_cells(ben, [ana, cleo]) == {
        ("P002", "Limits"): ("ana",),
        ("P003", "Limits"): ("ana",),
    }
    assert copied_cells(cleo, [ana, ben]) == {}
    assert copied_cells(ana, [ana]) == {}  # her own chart is not another's


def test_overlap_measures():
    assert longest_shared_run("she says it is a lot at night", [QUOTE]) == 3  # "is a lot"
    assert longest_shared_run(QUOTE, [QUOTE]) == 10
    assert shared_trigrams(QUOTE, [QUOTE]) == 1.0
    assert shared_trigrams("Her peer's texts arrive late and feel like a lot.", [QUOTE]) == 0.0


# ---------------------------------------------------------------- REFI-QDA


def test_the_chart_travels_in_a_refi_qda_project_as_notes_on_the_selections(tiny_corpus, tmp_path):
    from lxml import etree

    from qualkit.charting.refi_notes import chart_qdpx_bytes
    from qualkit.refi import NS_PROJECT, guid, import_qdpx, validate_qdpx

    tool = charted(tiny_corpus, tmp_path)
    codings = tiny_corpus.codings("team")
    path = tmp_path / "chart.qdpx"
    tool.export_qdpx(path)
    validate_qdpx(path)  # the vendored QDA-XML 1.0 schema
    assert path.read_bytes() == chart_qdpx_bytes(tiny_corpus, codings, tool.chart, tool.cases)
    with zipfile.ZipFile(path) as archive:
        root = etree.fromstring(archive.read("project.qde"))
    ns = {"q": NS_PROJECT}
    notes = root.findall("q:Notes/q:Note", ns)
    assert [n.get("name") for n in notes] == [
        "Chart: Dana (P001) × Trust",
        "Chart: Kim (P002) × Limits",
        "Chart: Rosa (P003) × Limits",
    ]
    text = notes[1].findtext("q:PlainTextContent", namespaces=ns)
    assert text.startswith("Late texts") and text.endswith("Rests on: PSS-FG1 turn 3")
    [selection] = root.findall(".//q:PlainTextSelection[@name='PSS-FG1 turn 3 (chart)']", ns)
    turn = tiny_corpus.transcript("PSS-FG1").turn(3)
    assert (selection.get("startPosition"), selection.get("endPosition")) == (
        str(turn.start),
        str(turn.end),
    )
    assert selection.find("q:NoteRef", ns).get("targetGUID") == notes[1].get("guid")
    assert selection.findtext("q:Description", namespaces=ns).startswith("Chart, Limits: Late")
    case = root.find("q:Cases/q:Case[@name='P002']", ns)
    assert case.find("q:SelectionRef", ns).get("targetGUID") == selection.get("guid")
    assert root.find(f"q:Users/q:User[@guid='{guid('user:ana')}']", ns) is not None
    # The project reads back with its codings, and each summary as the charter's memo on a turn.
    back = import_qdpx(path).codings
    assert back.codings == codings.codings
    assert sorted((m.session_id, m.turn, m.coder, m.text.split("\n")[0]) for m in back.memos) == [
        ("HV-INT1", 2, "ana", "Afraid of being judged, so cleaned the home before each visit."),
        ("PSS-FG1", 2, "ana", "Trusted her peer at once because the peer shared her own story."),
        ("PSS-FG1", 3, "ana", "Late texts from her peer feel like too much on some nights."),
    ]


def test_what_qualcoder_imports_of_the_chart(tiny_corpus, tmp_path):
    """QualCoder's REFI-QDA import (ccbogel/QualCoder, src/qualcoder/refi.py, read at commit
    c3204641, not copied): a PlainTextSelection with no Coding child is stored as an annotation
    on its source, its Description the annotation's text and its creatingUser (looked up in
    Users) the owner; a Note becomes a journal only with a plainTextPath, an annotation only when
    its TextSource holds a NoteRef to it, and each Note needs a creationDateTime or
    modifiedDateTime (the import calls ``.replace`` on it). So in QualCoder every summary arrives
    as the charter's annotation on each turn it rests on; the grid itself (a theme as a column,
    kept in the Note's name) does not: the chart file, and its CSV, carry it."""
    from lxml import etree

    from qualkit.refi import NS_PROJECT

    tool = charted(tiny_corpus, tmp_path)
    tool.export_qdpx(tmp_path / "chart.qdpx")
    with zipfile.ZipFile(tmp_path / "chart.qdpx") as archive:
        root = etree.fromstring(archive.read("project.qde"))
    ns = {"q": NS_PROJECT}
    users = {u.get("guid"): u.get("name") for u in root.findall("q:Users/q:User", ns)}
    annotations = []
    for source in root.findall("q:Sources/q:TextSource", ns):
        text = tiny_corpus.transcript(source.get("name")).text
        for selection in source.findall("q:PlainTextSelection", ns):
            if selection.find("q:Coding", ns) is not None:
                continue  # a coding, with its memo: tests/test_refi.py
            start, end = int(selection.get("startPosition")), int(selection.get("endPosition"))
            assert 0 <= start < end <= len(text)
            owner = users.get(selection.get("creatingUser"))
            memo = selection.findtext("q:Description", default="", namespaces=ns)
            annotations.append((source.get("name"), text[start:end][:20], owner, memo))
    summaries = {cell.summary for cell in tool.chart.cells}
    for summary in summaries:
        assert any(summary in memo and owner == "ana" for _, _, owner, memo in annotations), summary
    for note in root.findall("q:Notes/q:Note", ns):
        assert note.get("creationDateTime") or note.get("modifiedDateTime")
        assert note.get("plainTextPath") is None  # not read as a journal (the grid stays home)


# ---------------------------------------------------------------- the view, headless


def test_the_widget_turns_messages_into_saved_actions(tiny_corpus, tmp_path):
    from qualkit.charting.widget import ChartWidget

    tool = make_tool(tiny_corpus, tmp_path / "ana.chart.json")
    widget = ChartWidget(tool)
    groups = widget.grid["groups"]
    assert [g["label"] for g in groups] == ["Peer support specialists", "Home visiting"]
    assert [c["id"] for c in groups[0]["cases"]] == ["P001", "P002"]
    assert widget.grid["progress"] == {"charted": 0, "total": 9}
    assert widget.editor == {} and widget.context == {}
    widget.handle({"type": "open", "case": "P002", "theme": "Limits"})
    assert widget.editor["name"] == "Kim" and widget.editor["summary"] == ""
    assert [c["id"] for c in widget.editor["candidates"]] == ["PSS-FG1|3"]
    assert widget.editor["candidates"][0]["codes"] == ["PSS_BOUNDARY"]
    assert ["moud", "methadone"] in widget.editor["facts"]
    widget.handle({"type": "summary", "text": "Late texts from her peer are a lot on some nights."})
    widget.handle({"type": "pick", "id": "PSS-FG1|3", "on": True})
    assert widget.status.startswith("Saved Kim × Limits (PSS-FG1 turn 3 added;")
    assert widget.editor["candidates"][0]["picked"] is True
    assert widget.grid["progress"] == {"charted": 1, "total": 9}
    assert widget.grid["groups"][0]["cases"][1]["cells"][1]["turns"] == 1
    widget.handle({"type": "show", "id": "PSS-FG1|3"})
    assert [t["shown"] for t in widget.context["turns"]] == [False, False, True, False, False]
    widget.handle({"type": "pick", "id": "PSS-FG1|2", "on": True})
    assert widget.error.startswith("Not saved: PSS-FG1 turn 2 is not one of this case's turns")
    assert read_chart(tool.path).cell("P002", "Limits").turns == (TurnRef("PSS-FG1", 3),)


def test_chart_cases_is_the_lessons_entry_point(tiny_corpus, tmp_path, monkeypatch):
    import qualkit

    monkeypatch.chdir(tmp_path)
    assert "chart_cases" in qualkit.__all__
    widget = qualkit.chart_cases(THEMES, "ana", corpus=tiny_corpus.root, cases=["P001"])
    assert widget.tool.path == tmp_path / "ana.chart.json"
    assert widget.tool.chart.codings == "corpus codings 'team'"
    with pytest.raises(InputError, match="cases\\[0\\]: expected a participant id"):
        qualkit.chart_cases(THEMES, "ana", corpus=tiny_corpus.root, cases=["P404"])
    with pytest.raises(InputError, match="argument 'charter'"):
        qualkit.chart_cases(THEMES, " ", corpus=tiny_corpus.root)
    assert replace(widget.tool.chart, cells=()) == widget.tool.chart
