"""The coding tool's machine suggestions, headless: off by default, nothing applied unless she
applies it, and every decision on the record in her coding file (and its journal)."""

from __future__ import annotations

import json

import pytest

from qualkit import load_corpus, read_codings
from qualkit.coding_tool import CodingTool
from qualkit.codings import Coding, Codings, format_codings, parse_codings
from qualkit.codings.journal import journal_path
from qualkit.errors import InputError
from qualkit.suggestion_records import SuggestionRecord
from qualkit.widget.view_state import state_view

CLOCK = lambda: "2026-12-06T04:30:00Z"  # noqa: E731


@pytest.fixture(scope="module")
def corpus():
    return load_corpus()


def _tool(corpus, path, **options):
    return CodingTool.for_session("PSS-FG5", "ana", path, corpus, clock=CLOCK, **options)


def _participant_turn(tool):
    tool.go(2)
    assert not tool.is_context(tool.current)
    return tool.current


def _accept_first_reject_second(corpus, tmp_path):
    """A tool with suggestions on, its first suggestion accepted and its second rejected."""
    tool = _tool(corpus, tmp_path / "ana.codings.json", suggest=True)
    _participant_turn(tool)
    first, second, _ = (s.code for s in tool.suggestions())
    tool.accept_suggestion(first)
    tool.reject_suggestion(second)
    return tool, first, second


def test_off_by_default_and_on_by_the_lesson_or_the_instructor(corpus, tmp_path, monkeypatch):
    monkeypatch.delenv("QUALKIT_SUGGESTIONS", raising=False)
    tool = _tool(corpus, tmp_path / "ana.codings.json")
    _participant_turn(tool)
    assert tool.suggestions() == () and state_view(tool)["suggestions"] is None
    monkeypatch.setenv("QUALKIT_SUGGESTIONS", "1")
    assert _tool(corpus, tmp_path / "ana.codings.json").suggest
    assert not _tool(corpus, tmp_path / "ana.codings.json", suggest=False).suggest  # the lesson
    monkeypatch.delenv("QUALKIT_SUGGESTIONS")
    on = _tool(corpus, tmp_path / "ana.codings.json", suggest=True)
    _participant_turn(on)
    panel = state_view(on)["suggestions"]
    assert panel["turn"] == 2 and 1 <= len(panel["items"]) <= 3
    item = panel["items"][0]
    assert item["decision"] == "" and item["evidence"] and float(item["score"]) >= 0
    assert not on.codes_of(), "showing suggestions applies nothing"


def test_accept_change_and_reject_are_recorded_and_survive_a_restart(corpus, tmp_path):
    path = tmp_path / "ana.codings.json"
    tool = _tool(corpus, path, suggest=True)
    turn = _participant_turn(tool)
    first, second, third = (s.code for s in tool.suggestions())
    tool.accept_suggestion(first)
    assert first in tool.codes_of()
    # Her coding of this turn never votes for itself, so the others are still suggested.
    shown = [s.code for s in tool.suggestions()]
    assert second in shown and third in shown
    tool.reject_suggestion(second)
    assert second not in tool.codes_of()
    other = next(c.label for c in corpus.codebook.codes if c.label not in (first, second, third))
    tool.change_suggestion(third, other)
    assert other in tool.codes_of() and third not in tool.codes_of()
    assert journal_path(path).exists(), "the decisions are in the journal, not yet compacted"

    saved = read_codings(path)  # replays the journal, as the grader does
    records = {r.code: r for r in saved.suggestions}
    assert {c: r.decision for c, r in records.items()} == {
        first: "accepted",
        second: "rejected",
        third: "changed",
    }
    assert records[third].applied == other and records[first].applied == ""
    assert all(
        r.unit == turn.unit and r.created == CLOCK() and r.evidence for r in records.values()
    )

    tool.close()  # compacts; a new tool is what a kernel restart makes
    assert json.loads(path.read_text())["version"] == 2
    again = _tool(corpus, path, suggest=True)
    again.go(2)
    assert again.suggestion_record(second).decision == "rejected"
    assert read_codings(path).suggestions == saved.suggestions


def test_undo_takes_back_the_code_and_the_record_together(corpus, tmp_path):
    tool = _tool(corpus, tmp_path / "ana.codings.json", suggest=True)
    _participant_turn(tool)
    code = tool.suggestions()[0].code
    tool.accept_suggestion(code)
    tool.undo()
    assert code not in tool.codes_of() and tool.suggestion_record(code) is None
    assert read_codings(tool.path).suggestions == ()


def test_only_a_shown_suggestion_can_be_decided(corpus, tmp_path):
    tool = _tool(corpus, tmp_path / "ana.codings.json", suggest=True)
    _participant_turn(tool)
    shown = {s.code for s in tool.suggestions()}
    missing = next(label for label in corpus.codebook.names if label not in shown)
    with pytest.raises(InputError, match="a code suggested for this turn"):
        tool.reject_suggestion(missing)


def test_version_1_files_read_as_before_and_are_written_unchanged():
    plain = Codings((Coding("S1", 2, "A", "ana"),))
    text = format_codings(plain)
    assert '"version": 1' in text and "suggestions" not in text
    assert parse_codings(text).suggestions == ()
    record = SuggestionRecord("S1", 2, "B", "ana", "rejected", score=0.31, evidence="example")
    both = Codings(plain.codings, (), (), (record,))
    text = format_codings(both)
    assert '"version": 2' in text and parse_codings(text) == both


def test_a_record_with_a_bad_decision_is_an_error_naming_its_line():
    record = SuggestionRecord("S1", 2, "B", "ana", "rejected")
    text = format_codings(Codings((), (), (), (record,))).replace('"rejected"', '"ignored"')
    with pytest.raises(InputError, match=r"line 6 \(suggestions\[0\]\) field 'decision'"):
        parse_codings(text, "a.json")


def test_the_export_carries_each_decision_as_a_note_and_validates(corpus, tmp_path):
    import xml.etree.ElementTree as ET

    from qualkit import refi

    tool, first, second = _accept_first_reject_second(corpus, tmp_path)
    xml = refi.project_xml(corpus, read_codings(tool.path))
    refi.validate(xml, "project")  # against the vendored QDA-XML 1.0 schema
    ns = {"q": "urn:QDA-XML:project:1.0"}
    notes = {
        n.get("name"): n.find("q:PlainTextContent", ns).text
        for n in ET.fromstring(xml).iterfind("q:Notes/q:Note", ns)
    }
    accepted = notes[f"Machine suggestion {first}, PSS-FG5 turn 2: accepted"]
    rejected = notes[f"Machine suggestion {second}, PSS-FG5 turn 2: rejected"]
    assert (
        "ana accepted" in accepted and "ana rejected" in rejected and "Evidence shown" in rejected
    )
    path = tmp_path / "ana.qdpx"
    refi.export_qdpx(path, corpus, read_codings(tool.path))
    refi.validate_qdpx(path)


def test_an_export_with_decisions_reads_back_with_its_codings(corpus, tmp_path):
    from qualkit import refi

    tool, _, _ = _accept_first_reject_second(corpus, tmp_path)
    saved = read_codings(tool.path)
    refi.export_qdpx(tmp_path / "ana.qdpx", corpus, saved)
    project = refi.import_qdpx(tmp_path / "ana.qdpx")
    assert [(c.unit, c.code) for c in project.codings.codings] == [
        (c.unit, c.code) for c in saved.codings
    ]
