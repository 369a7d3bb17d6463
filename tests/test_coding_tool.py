"""qualkit.coding_tool: the coding tool's model, its file, resuming, undo, and crash safety."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from dataclasses import replace
from pathlib import Path

import pytest

from qualkit.codebook import Code, write_codebook
from qualkit.coding_tool import CodingTool, Progress, default_path
from qualkit.codings import Coding, Codings, Memo, format_codings, read_codings, write_codings
from qualkit.codings.journal import journal_path
from qualkit.errors import InputError
from qualkit.transcripts import Transcript, format_transcript, parse_transcript

REPO = Path(__file__).resolve().parents[1]


def saved(path: Path) -> str:
    """The coding file as every reader sees it (the file with its journal replayed), in the
    bytes the tool writes when it compacts."""
    return format_codings(read_codings(path))


class Clock:
    """A clock that ticks one second per call, so files are reproducible."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self) -> str:
        self.calls += 1
        minutes, seconds = divmod(self.calls, 60)
        return f"2026-03-02T10:{minutes:02d}:{seconds:02d}Z"


def make_tool(corpus, path, session_id="PSS-FG1", clock=None, coder="ana"):
    return CodingTool.for_session(session_id, coder, path, corpus, clock=clock or Clock())


def new_code(label="PSS_TRANSPORT", category="pss", **fields) -> Code:
    values = {
        "brief": "Getting to appointments.",
        "full": "Talk about rides, buses and distance to services.",
        "when_to_use": "A participant names transport as help or barrier.",
        "when_not_to_use": "Travel mentioned in passing.",
        "example": "She drove me to the clinic.",
    }
    values.update(fields)
    return Code(label, category, **values)


# ---------------------------------------------------------------- starting


def test_starts_at_first_participant_turn_and_writes_nothing_until_a_change(tiny_corpus, tmp_path):
    path = tmp_path / "ana.codings.json"
    tool = make_tool(tiny_corpus, path)
    assert tool.current.turn == 2 and tool.current.speaker == "Dana"
    assert not path.exists()
    assert "ana.codings.json" in tool.status
    assert tool.progress() == Progress(0, 4, 0, 0, ())


def test_default_path_is_the_coder_file_in_the_current_folder(tiny_corpus, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    tool = make_tool(tiny_corpus, None, coder="ben")
    assert tool.path == tmp_path / "ben.codings.json"
    assert default_path("ben", "x") == Path("x/ben.codings.json")


@pytest.mark.parametrize("transcripts", [(), Transcript("X1", "", (), (), "X1.txt")])
def test_a_tool_needs_turns_to_code(tiny_corpus, tmp_path, transcripts):
    with pytest.raises(ValueError, match="at least one transcript with turns"):
        CodingTool(transcripts, tiny_corpus.codebook, "ana", tmp_path / "ana.codings.json")


@pytest.mark.parametrize("coder", ["", "   ", None])
def test_coder_must_be_named(tiny_corpus, tmp_path, coder):
    with pytest.raises(InputError, match="argument 'coder': expected the coder's name"):
        make_tool(tiny_corpus, tmp_path / "x.json", coder=coder)


# ---------------------------------------------------------------- coding and the file


def test_every_apply_is_saved_at_once_with_the_coder_and_the_clock(tiny_corpus, tmp_path):
    path = tmp_path / "ana.codings.json"
    tool = make_tool(tiny_corpus, path)
    assert tool.apply("PSS_LIVED_EXP") is True
    assert read_codings(path, tiny_corpus.codebook).codings == (
        Coding("PSS-FG1", 2, "PSS_LIVED_EXP", "ana", "", "2026-03-02T10:00:01Z"),
    )
    assert tool.apply("PSS_BOUNDARY", turn=3) is True
    assert tool.apply("PSS_IMPROVE", turn=3) is True
    saved = read_codings(path, tiny_corpus.codebook)
    assert [(c.turn, c.code) for c in saved] == [
        (2, "PSS_LIVED_EXP"),
        (3, "PSS_BOUNDARY"),
        (3, "PSS_IMPROVE"),
    ]
    assert {c.coder for c in saved} == {"ana"}
    assert tool.codes_of(3) == ("PSS_BOUNDARY", "PSS_IMPROVE")  # codebook order
    assert tool.status == ("Saved 3 codings to ana.codings.json (applied PSS_IMPROVE to turn 3).")


def test_apply_twice_remove_and_toggle(tiny_corpus, tmp_path):
    path = tmp_path / "ana.codings.json"
    tool = make_tool(tiny_corpus, path)
    assert tool.apply("PSS_BOUNDARY") is True
    assert tool.apply("PSS_BOUNDARY") is False
    assert len(read_codings(path)) == 1
    assert tool.remove("PSS_BOUNDARY") is True
    assert tool.remove("PSS_BOUNDARY") is False
    assert len(read_codings(path)) == 0
    assert tool.toggle("PSS_IMPROVE") is True
    assert tool.toggle("PSS_IMPROVE") is False
    assert tool.codes_of() == ()
    tool.set_codes(["PSS_IMPROVE", "PSS_BOUNDARY"])
    tool.set_codes(["PSS_BOUNDARY"])
    assert [c.code for c in read_codings(path)] == ["PSS_BOUNDARY"]


def test_unknown_code_is_a_clear_error_and_saves_nothing(tiny_corpus, tmp_path):
    path = tmp_path / "ana.codings.json"
    tool = make_tool(tiny_corpus, path)
    with pytest.raises(InputError, match=r"code to apply: expected a code of the codebook"):
        tool.apply("NOT_A_CODE")
    with pytest.raises(KeyError, match="PSS-FG1 has turns 1–6, not 7"):
        tool.apply("PSS_BOUNDARY", turn=7)
    assert not path.exists()


def test_file_order_is_canonical_whatever_the_order_of_actions(tiny_corpus, tmp_path):
    plan = [(6, "PSS_IMPROVE"), (2, "PSS_LIVED_EXP"), (3, "PSS_IMPROVE"), (3, "PSS_BOUNDARY")]
    first = make_tool(tiny_corpus, tmp_path / "a.json", clock=lambda: "2026-03-02T10:00:00Z")
    second = make_tool(tiny_corpus, tmp_path / "b.json", clock=lambda: "2026-03-02T10:00:00Z")
    for turn, code in plan:
        first.apply(code, turn=turn)
    for turn, code in reversed(plan):
        second.apply(code, turn=turn)
    assert saved(tmp_path / "a.json") == saved(tmp_path / "b.json")
    first.close()
    second.close()  # compacted: the files themselves are the same, byte for byte
    assert (tmp_path / "a.json").read_bytes() == (tmp_path / "b.json").read_bytes()


def test_memos_are_written_replaced_and_deleted(tiny_corpus, tmp_path):
    path = tmp_path / "ana.codings.json"
    tool = make_tool(tiny_corpus, path)
    assert tool.write_memo("Trust comes from shared story. <b>") is True
    assert tool.write_memo("Trust comes from shared story. <b>") is False  # nothing changed
    tool.write_memo("Second thought", turn=6)
    tool.write_memo("Trust, then rapport.")
    assert read_codings(path).memos == (
        Memo("PSS-FG1", 2, "ana", "Trust, then rapport.", "2026-03-02T10:00:03Z"),
        Memo("PSS-FG1", 6, "ana", "Second thought", "2026-03-02T10:00:02Z"),
    )
    assert tool.write_memo("   ") is True
    assert [m.turn for m in read_codings(path).memos] == [6]
    assert tool.memo_of() == "" and tool.memo_of(6) == "Second thought"


# ---------------------------------------------------------------- new codes


def test_add_code_joins_the_codebook_and_the_file(tiny_corpus, tmp_path):
    path = tmp_path / "ana.codings.json"
    tool = make_tool(tiny_corpus, path)
    tool.add_code(new_code())
    assert "PSS_TRANSPORT" in tool.codebook
    assert tool.codebook.in_category("pss")[-1].label == "PSS_TRANSPORT"
    tool.apply("PSS_TRANSPORT")
    saved = read_codings(path, tiny_corpus.codebook)  # the student codebook plus the file's codes
    assert saved.added_codes == (new_code(),)
    assert [c.code for c in saved] == ["PSS_TRANSPORT"]
    tool.add_code(new_code(brief="Rides and distance."))  # editing your own code
    assert read_codings(path).added_codes[0].brief == "Rides and distance."


@pytest.mark.parametrize(
    ("code", "message"),
    [
        (new_code("pss-transport"), "field 'code': expected an UPPER_SNAKE label"),
        (new_code(example=" "), "field 'example': expected a non-empty string"),
        (new_code(category="nope"), "field 'category': expected one of the categories"),
        (new_code("PSS_BOUNDARY"), "expected a label not already in the codebook"),
    ],
)
def test_add_code_rejects_incomplete_or_clashing_codes(tiny_corpus, tmp_path, code, message):
    tool = make_tool(tiny_corpus, tmp_path / "ana.codings.json")
    with pytest.raises(InputError, match=message):
        tool.add_code(code)
    assert not (tmp_path / "ana.codings.json").exists()


# ---------------------------------------------------------------- undo


def test_undo_restores_the_previous_file_byte_for_byte(tiny_corpus, tmp_path):
    path = tmp_path / "ana.codings.json"
    tool = make_tool(tiny_corpus, path)
    tool.apply("PSS_LIVED_EXP")
    actions = [
        lambda: tool.apply("PSS_BOUNDARY", turn=3),
        lambda: tool.remove("PSS_LIVED_EXP", turn=2),
        lambda: tool.write_memo("a memo", turn=4),
        lambda: tool.write_memo("", turn=4),
        lambda: tool.add_code(new_code()),
        lambda: tool.add_code(new_code(brief="Changed.")),
    ]
    snapshots = []
    for action in actions:
        snapshots.append(saved(path))
        action()
    for before in reversed(snapshots):
        tool.go(1)
        assert tool.undo()
        assert saved(path) == before
    assert tool.undo() == "applied PSS_LIVED_EXP to turn 2"
    assert not tool.can_undo and tool.undo() == ""
    assert read_codings(path) == Codings()


def test_undo_shows_the_turn_it_changed(tiny_corpus, tmp_path):
    tool = make_tool(tiny_corpus, tmp_path / "ana.codings.json")
    tool.apply("PSS_BOUNDARY", turn=3)
    tool.go(6)
    assert tool.undo_description == "applied PSS_BOUNDARY to turn 3"
    assert tool.undo() == "applied PSS_BOUNDARY to turn 3"
    assert tool.current.turn == 3
    assert tool.status.startswith("Undid: applied PSS_BOUNDARY to turn 3. Saved 0 codings")


def test_undo_takes_back_a_new_codes_codings_before_the_code(tiny_corpus, tmp_path):
    path = tmp_path / "ana.codings.json"
    tool = make_tool(tiny_corpus, path)
    tool.add_code(new_code())
    tool.apply("PSS_TRANSPORT")
    tool.apply("PSS_TRANSPORT", turn=3)
    assert tool.undo() == "applied PSS_TRANSPORT to turn 3"
    assert tool.undo() == "applied PSS_TRANSPORT to turn 2"
    assert tool.undo() == "added code PSS_TRANSPORT"
    assert "PSS_TRANSPORT" not in tool.codebook
    assert read_codings(path, tiny_corpus.codebook) == Codings()  # still readable


def test_undoing_the_new_code_being_filtered_on_drops_the_filter(tiny_corpus, tmp_path):
    tool = make_tool(tiny_corpus, tmp_path / "ana.codings.json")
    tool.add_code(new_code())
    tool.filter(code="PSS_TRANSPORT")
    tool.undo()
    assert tool.code_filter is None and len(tool.visible()) == 6


# ---------------------------------------------------------------- moving and filtering


def test_next_previous_go_and_next_uncoded(tiny_corpus, tmp_path):
    tool = make_tool(tiny_corpus, tmp_path / "ana.codings.json")
    assert tool.previous().turn == 1
    assert tool.previous() is None
    assert [tool.next().turn for _ in range(5)] == [2, 3, 4, 5, 6]
    assert tool.next() is None and tool.current.turn == 6
    tool.go(2)
    tool.apply("PSS_LIVED_EXP")
    tool.apply("PSS_BOUNDARY", turn=3)
    # Skips coded turns and the facilitator's turns (context), and wraps round.
    assert tool.next_uncoded().turn == 4
    assert tool.next_uncoded().turn == 6
    assert tool.next_uncoded().turn == 4
    tool.apply("PSS_LIVED_EXP", turn=4)
    tool.apply("PSS_IMPROVE", turn=6)
    assert tool.next_uncoded() is None
    assert tool.progress().coded == tool.progress().total == 4


def test_speaker_and_code_filters(tiny_corpus, tmp_path):
    tool = make_tool(tiny_corpus, tmp_path / "ana.codings.json")
    tool.apply("PSS_BOUNDARY", turn=3)
    tool.apply("PSS_BOUNDARY", turn=6)
    tool.filter(speaker="Kim")
    assert tool.current.turn == 3  # moved to the nearest Kim turn
    assert tool.next().turn == 6 and tool.next() is None
    assert [tool.segments[i].turn for i in tool.shown()] == [3, 6]
    assert tool.status == "Showing 2 turns of 6."
    tool.filter(speaker="Dana")
    assert tool.current.turn == 4  # nearest Dana turn at or after turn 6? none: the last one
    assert tool.next_uncoded().turn == 2
    tool.filter(code="PSS_BOUNDARY")
    assert [tool.segments[i].turn for i in tool.visible()] == [3, 6]
    tool.remove("PSS_BOUNDARY")  # the current turn stays in view though it no longer matches
    assert tool.current.turn == 3 and [tool.segments[i].turn for i in tool.shown()] == [3, 6]
    assert tool.visible() == [5]  # only turn 6 still matches
    tool.filter()
    assert len(tool.visible()) == 6
    with pytest.raises(KeyError, match="no speaker 'Zoe'"):
        tool.filter(speaker="Zoe")


def test_speaker_details_come_from_the_participant_record(tiny_corpus, tmp_path):
    tool = make_tool(tiny_corpus, tmp_path / "ana.codings.json")
    assert tool.speaker_details() == {
        "participant": "P001",
        "pseudonym": "Dana",
        "age": "29",
        "moud": "buprenorphine",
    }
    assert tool.speaker_details(1) == {}  # the facilitator


def test_progress_counts_participant_turns_codings_codes_and_memos(tiny_corpus, tmp_path):
    tool = make_tool(tiny_corpus, tmp_path / "ana.codings.json")
    tool.apply("PSS_BOUNDARY", turn=3)
    tool.apply("PSS_IMPROVE", turn=3)
    tool.apply("PSS_BOUNDARY", turn=6)
    tool.apply("PSS_LIVED_EXP", turn=1)  # a facilitator turn may be coded, but is not to-do
    tool.write_memo("note", turn=5)
    progress = tool.progress()
    assert progress == Progress(
        2, 4, 4, 1, (("PSS_LIVED_EXP", 1), ("PSS_BOUNDARY", 2), ("PSS_IMPROVE", 1))
    )
    assert progress.fraction == 0.5
    assert str(progress) == "2 of 4 turns coded · 4 codings · 3 codes used · 1 memo"


def test_run_command_understands_the_documented_keys(tiny_corpus, tmp_path):
    tool = make_tool(tiny_corpus, tmp_path / "ana.codings.json")
    assert tool.run_command("n") == "Turn 3 of PSS-FG1."
    assert tool.run_command("pss_b") == "Applied PSS_BOUNDARY to turn 3."
    # Typing it again never takes it off; removing is its own command, and undo undoes it.
    assert tool.run_command("PSS_BOUNDARY") == (
        "PSS_BOUNDARY is on turn 3 already; type -PSS_BOUNDARY to remove it."
    )
    assert tool.codes_of() == ("PSS_BOUNDARY",)
    assert tool.run_command("-PSS_BOUNDARY") == "Removed PSS_BOUNDARY from turn 3."
    assert tool.run_command("z") == "Undid: removed PSS_BOUNDARY from turn 3."
    assert tool.codes_of() == ("PSS_BOUNDARY",)
    assert "could be PSS_LIVED_EXP, PSS_BOUNDARY, PSS_IMPROVE" in tool.run_command("pss")
    assert tool.run_command("6") == "Turn 6 of PSS-FG1."
    assert tool.run_command("9") == "PSS-FG1 has turns 1–6, not 9"
    assert tool.run_command("²").startswith("No code or command '²'")  # isdigit, not a number
    assert tool.run_command("p") == "Turn 5 of PSS-FG1."
    assert tool.run_command("u") == "Turn 6 of PSS-FG1."  # from 5: 6 is next; 3 is coded
    assert tool.run_command("?").startswith("Commands: n = next turn")
    assert tool.run_command("dance").startswith("No code or command 'dance'")


def test_a_tool_can_hold_several_sessions(tiny_corpus, tmp_path):
    path = tmp_path / "ana.codings.json"
    tool = make_tool(tiny_corpus, path, session_id=["PSS-FG1", "HV-INT1"])
    assert len(tool.segments) == 10 and tool.progress().total == 6
    tool.apply("HV_SURVEILLANCE", turn=2, session_id="HV-INT1")
    assert tool.undo_description == "applied HV_SURVEILLANCE to turn 2 of HV-INT1"
    tool.go(4, session_id="HV-INT1")
    assert tool.current.unit == ("HV-INT1", 4)
    assert tool.run_command("2") == "Turn 2 of HV-INT1."


# ---------------------------------------------------------------- resuming and refusing


def test_a_new_tool_resumes_exactly_the_saved_work(tiny_corpus, tmp_path):
    path = tmp_path / "ana.codings.json"
    tool = make_tool(tiny_corpus, path)
    tool.add_code(new_code())
    tool.apply("PSS_LIVED_EXP")
    tool.apply("PSS_TRANSPORT", turn=3)
    tool.write_memo("first memo", turn=3)
    before = saved(path)
    again = make_tool(tiny_corpus, path)
    assert again.status == ("Resumed 2 codings and 1 memo and 1 new code from ana.codings.json.")
    assert again.codes_of(2) == ("PSS_LIVED_EXP",)
    assert again.codes_of(3) == ("PSS_TRANSPORT",)
    assert again.memo_of(3) == "first memo"
    assert "PSS_TRANSPORT" in again.codebook
    assert again.current.turn == 4  # the first participant turn still to code
    assert again.text() == before == path.read_text(encoding="utf-8")  # opening compacted
    assert again.coding("PSS_LIVED_EXP", turn=2) == tool.coding("PSS_LIVED_EXP", turn=2)


def test_codings_of_other_sessions_in_the_file_are_kept(tiny_corpus, tmp_path):
    path = tmp_path / "ana.codings.json"
    make_tool(tiny_corpus, path, session_id="HV-INT1").apply("HV_SURVEILLANCE", turn=2)
    make_tool(tiny_corpus, path).apply("PSS_BOUNDARY", turn=3)
    assert {(c.session_id, c.code) for c in read_codings(path)} == {
        ("HV-INT1", "HV_SURVEILLANCE"),
        ("PSS-FG1", "PSS_BOUNDARY"),
    }


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b'{"format": "qualkit-codings", "codings": [', "line 1 column 43: expected valid JSON"),
        (b"\xff\xfe not text", "byte 0: expected UTF-8 text"),
        (b'{"cells": []}', 'top level: expected an object with "format": "qualkit-codings"'),
        (
            json.dumps(
                {
                    "format": "qualkit-codings",
                    "codings": [{"session": "PSS-FG1", "turn": 2, "code": "NOPE", "coder": "ana"}],
                }
            ).encode(),
            r"codings\[0\]\) field 'code': expected a code of the codebook or one the coder added, found 'NOPE'",
        ),
    ],
)
def test_an_unreadable_file_is_refused_and_left_alone(tiny_corpus, tmp_path, content, message):
    path = tmp_path / "ana.codings.json"
    path.write_bytes(content)
    with pytest.raises(InputError, match=message) as raised:
        make_tool(tiny_corpus, path)
    assert str(raised.value).startswith(str(path))
    assert path.read_bytes() == content


def test_another_coders_file_is_refused_and_left_alone(tiny_corpus, tmp_path):
    path = tmp_path / "ana.codings.json"
    write_codings(path, Codings((Coding("PSS-FG1", 2, "PSS_BOUNDARY", "ben"),)))
    before = path.read_bytes()
    with pytest.raises(InputError, match=r"codings\[0\] field 'coder': expected only 'ana'"):
        make_tool(tiny_corpus, path)
    write_codings(path, Codings((), (Memo("PSS-FG1", 2, "ben", "hi"),)))
    with pytest.raises(InputError, match=r"memos\[0\] field 'coder'"):
        make_tool(tiny_corpus, path)
    write_codings(
        path, Codings((), (Memo("PSS-FG1", 2, "ana", "a"), Memo("PSS-FG1", 2, "ana", "b")))
    )
    with pytest.raises(InputError, match=r"memos\[1\]: expected one memo per turn"):
        make_tool(tiny_corpus, path)
    write_codings(path, Codings((Coding("PSS-FG1", 2, "PSS_BOUNDARY", "ben"),)))
    assert path.read_bytes() == before


def test_two_tools_on_one_file_keep_each_others_work(tiny_corpus, tmp_path):
    path = tmp_path / "ana.codings.json"
    pss = make_tool(tiny_corpus, path)
    hv = make_tool(tiny_corpus, path, session_id="HV-INT1")
    pss.apply("PSS_BOUNDARY", turn=3)
    hv.apply("HV_SURVEILLANCE", turn=2)
    pss.apply("PSS_IMPROVE", turn=6)
    assert pss.status.startswith("Saved 3 codings")
    hv.write_memo("visitor as inspector", turn=2)
    saved = read_codings(path)
    assert len(saved) == 3 and len(saved.memos) == 1
    # pss reloaded hv's work before its last save: only that save is left to undo.
    assert pss.undo_description == "applied PSS_IMPROVE to turn 6"


def test_an_explicit_save_keeps_work_another_tool_saved(tiny_corpus, tmp_path):
    path = tmp_path / "ana.codings.json"
    pss = make_tool(tiny_corpus, path)
    hv = make_tool(tiny_corpus, path, session_id="HV-INT1")
    pss.apply("PSS_BOUNDARY", turn=3)
    hv.apply("HV_SURVEILLANCE", turn=2)
    pss.save()
    assert {c.code for c in read_codings(path)} == {"PSS_BOUNDARY", "HV_SURVEILLANCE"}


def test_a_file_broken_behind_the_tools_back_is_never_overwritten(tiny_corpus, tmp_path):
    path = tmp_path / "ana.codings.json"
    tool = make_tool(tiny_corpus, path)
    tool.apply("PSS_BOUNDARY", turn=3)
    path.write_text("{ oops", encoding="utf-8")
    with pytest.raises(
        InputError, match=r"ana\.codings\.json: line 1 column 3: expected valid JSON"
    ):
        tool.apply("PSS_IMPROVE", turn=3)
    assert path.read_text(encoding="utf-8") == "{ oops"
    assert tool.codes_of(3) == ("PSS_BOUNDARY",)  # what the student did is still held
    path.unlink()  # once the broken file is moved away, the next save writes everything held
    tool.apply("PSS_IMPROVE", turn=3)
    assert [c.code for c in read_codings(path)] == ["PSS_BOUNDARY", "PSS_IMPROVE"]


def test_a_failed_save_changes_nothing(tiny_corpus, tmp_path):
    path = tmp_path / "missing-folder" / "ana.codings.json"
    tool = make_tool(tiny_corpus, path)
    with pytest.raises(OSError):
        tool.apply("PSS_BOUNDARY")
    assert tool.codes_of() == () and not tool.can_undo


def test_stale_temporary_files_from_killed_saves_are_cleaned_up(tiny_corpus, tmp_path):
    path = tmp_path / "ana.codings.json"
    old, recent = tmp_path / ".ana.codings.json.abc.tmp", tmp_path / ".ana.codings.json.def.tmp"
    other = tmp_path / ".ben.codings.json.abc.tmp"
    for leftover in (old, recent, other):
        leftover.write_text("{", encoding="utf-8")
    os.utime(old, (time.time() - 3600, time.time() - 3600))
    os.utime(other, (time.time() - 3600, time.time() - 3600))
    make_tool(tiny_corpus, path)
    assert not old.exists() and recent.exists() and other.exists()


# ---------------------------------------------------------------- crash safety

CHILD = textwrap.dedent(
    """
    import sys
    from qualkit.codebook import read_codebook
    from qualkit.coding_tool import CodingTool
    from qualkit.transcripts import read_transcript

    codebook = read_codebook(sys.argv[1])
    tool = CodingTool(read_transcript(sys.argv[2], "S1"), codebook, "ana", sys.argv[3])
    print("ready", flush=True)
    for segment in tool.segments:
        # A span (the turn's first word) and two whole-turn codings.
        start, end = segment.start, segment.start + segment.text.index(" ")
        if tool.apply(codebook.names[0], turn=segment.turn, start=start, end=end):
            print("C", segment.turn, codebook.names[0], start, flush=True)
        for label in codebook.names[1:3]:
            if tool.apply(label, turn=segment.turn):
                print("C", segment.turn, label, -1, flush=True)  # only after the save returned
        if segment.turn % 4 == 0 and tool.write_memo(f"memo {segment.turn}", segment.turn):
            print("M", segment.turn, flush=True)
    print("done", flush=True)
    """
)


@pytest.mark.slow  # kills a saving process mid-save, many times: about 30 s
def test_killing_the_process_mid_save_never_loses_saved_work(tiny_corpus, tmp_path):
    """SIGKILL a real process that codes in a loop, many times; check the file after each kill.

    Each kill is sent just after the child acknowledges a chosen number of saves (1 to 60, so
    some runs pass a compaction at the 51st), while it is in the middle of the next one: where
    the kill lands follows from the child's own words, not from a sleep that a busy machine
    outlasts. Kills that landed with the journal pending are counted, and the test goes on until
    enough have (bounded), so that it proves what it claims on any machine.
    """
    rng = random.Random(20260302)
    transcript = tmp_path / "S1.txt"
    transcript.write_text(
        format_transcript(("Kim" if n % 2 else "Dana", f"Turn {n} text.") for n in range(1, 1001)),
        encoding="utf-8",
    )
    codebook = tmp_path / "codebook.json"
    write_codebook(codebook, tiny_corpus.codebook)
    child = tmp_path / "child.py"
    child.write_text(CHILD, encoding="utf-8")
    path = tmp_path / "ana.codings.json"
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    acked_codings: set[tuple[int, str, int]] = set()
    acked_memos: set[int] = set()
    kills = pending = 0
    while kills < 60 or pending < 40:
        assert kills < 90, f"only {pending} of {kills} kills landed with a journal pending"
        process = subprocess.Popen(
            [sys.executable, str(child), str(codebook), str(transcript), str(path)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
        )
        assert process.stdout.readline() == b"ready\n", process.stderr.read().decode()
        lines = [process.stdout.readline().decode() for _ in range(rng.randint(1, 60))]
        assert all(line.endswith("\n") for line in lines), process.stderr.read().decode()
        process.send_signal(signal.SIGKILL)  # the child is saving its next action
        out, err = process.communicate()
        assert process.returncode == -signal.SIGKILL, err.decode()
        kills += 1
        lines += out.decode().split("\n")[:-1]  # a line cut off by the kill was not acknowledged
        assert "done" not in lines, "the child finished: give it more work"
        for line in lines:
            kind, *rest = line.split()
            if kind == "C":
                acked_codings.add((int(rest[0]), rest[1], int(rest[2])))
            elif kind == "M":
                acked_memos.add(int(rest[0]))
        pending += journal_path(path).exists()  # the last actions are in the journal alone
        saved = read_codings(path, tiny_corpus.codebook)  # parses: never a half-written file
        held = {(c.turn, c.code, -1 if c.start is None else c.start) for c in saved}
        assert acked_codings <= held, f"lost work after kill {kills}"
        assert acked_memos <= {m.turn for m in saved.memos}, f"lost a memo after kill {kills}"
        assert {c.coder for c in saved} == {"ana"}
    assert len(acked_codings) > 60  # at least one acknowledged save per kill
    print(f"{kills} kills, {len(acked_codings)} codings acked, {pending} with a journal pending")


LOCK_CHILD = textwrap.dedent(
    """
    import sys
    from qualkit.codebook import read_codebook
    from qualkit.coding_tool import CodingTool
    from qualkit.transcripts import read_transcript

    codebook = read_codebook(sys.argv[1])
    tool = CodingTool(read_transcript(sys.argv[2], "S1"), codebook, "ana", sys.argv[3])
    parity = int(sys.argv[4])
    print("ready", flush=True)
    sys.stdin.readline()  # both processes start saving at the same moment
    for segment in tool.segments:
        if segment.turn % 2 == parity:
            tool.apply(codebook.names[parity], turn=segment.turn)
    print("done", flush=True)
    """
)


@pytest.mark.slow
def test_two_processes_saving_into_one_file_lose_nothing(tiny_corpus, tmp_path):
    """Two real processes apply codes as fast as they can, interleaved, into one file.

    Each save reads what the other wrote and writes both under the file's lock; without the
    lock, a save between the other's check and its write would be overwritten.
    """
    transcript = tmp_path / "S1.txt"
    transcript.write_text(
        format_transcript(("Kim", f"Turn {n} text.") for n in range(1, 301)), encoding="utf-8"
    )
    codebook = tmp_path / "codebook.json"
    write_codebook(codebook, tiny_corpus.codebook)
    child = tmp_path / "child.py"
    child.write_text(LOCK_CHILD, encoding="utf-8")
    path = tmp_path / "ana.codings.json"
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    processes = [
        subprocess.Popen(
            [sys.executable, str(child), str(codebook), str(transcript), str(path), str(parity)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
        )
        for parity in (0, 1)
    ]
    for process in processes:
        assert process.stdout.readline() == b"ready\n", process.stderr.read().decode()
    for process in processes:
        process.stdin.write(b"go\n")
        process.stdin.flush()
    for process in processes:
        out, err = process.communicate(timeout=120)
        assert process.returncode == 0 and out == b"done\n", err.decode()
    saved = read_codings(path, tiny_corpus.codebook)
    names = tiny_corpus.codebook.names
    assert {(c.turn, c.code) for c in saved} == {(n, names[n % 2]) for n in range(1, 301)}
    assert (tmp_path / ".ana.codings.json.lock").exists()


def test_a_stuck_lock_holder_is_reported_not_waited_for_forever(tiny_corpus, tmp_path, monkeypatch):
    from qualkit.codings import lock

    path = tmp_path / "ana.codings.json"
    tool = make_tool(tiny_corpus, path)
    monkeypatch.setattr(lock, "TIMEOUT_SECONDS", 0.2)
    holder = subprocess.Popen(
        [sys.executable, "-c", LOCK_HOLDER, str(path)],
        stdout=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(REPO / "src")},
    )
    try:
        assert holder.stdout.readline() == b"holding\n"
        with pytest.raises(TimeoutError, match="another coding tool has been saving"):
            tool.apply("PSS_BOUNDARY", turn=3)
        assert not path.exists() and tool.codes_of(3) == ()
    finally:
        holder.kill()
        holder.wait()
    assert tool.apply("PSS_BOUNDARY", turn=3)  # the kernel let go of the dead holder's lock


LOCK_HOLDER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from qualkit.codings.lock import locked

    with locked(Path(sys.argv[1])):
        print("holding", flush=True)
        time.sleep(60)
    """
)


# ---------------------------------------------------------------- spans


def test_spans_are_saved_resumed_and_count_for_their_turn(tiny_corpus, tmp_path):
    path = tmp_path / "ana.codings.json"
    tool = make_tool(tiny_corpus, path)
    turn = tool.segment(2)
    at = turn.start + turn.text.index("I trusted her")
    tool.select_text("I trusted her", turn=2)
    assert tool.apply_to_selection(["PSS_LIVED_EXP", "PSS_BOUNDARY"])
    tool.apply("PSS_LIVED_EXP", turn=2)  # the whole turn as well: a coding of its own
    assert tool.codes_of(2) == ("PSS_LIVED_EXP", "PSS_BOUNDARY")
    assert tool.progress().coded == 1 and tool.progress().codings == 3
    assert tool.coding("PSS_BOUNDARY", turn=2, start=at, end=at + 13).created
    again = make_tool(tiny_corpus, path)
    assert [(c.code, c.start, c.end) for c in again.codings_of(2)] == [
        ("PSS_BOUNDARY", at, at + 13),
        ("PSS_LIVED_EXP", None, None),
        ("PSS_LIVED_EXP", at, at + 13),
    ]
    assert again.text() == path.read_text(encoding="utf-8")
    assert again.current.turn == 3  # turn 2 is coded through its spans
    write_codings(tmp_path / "again.json", read_codings(path))
    assert (tmp_path / "again.json").read_bytes() == path.read_bytes()


def test_a_span_over_the_whole_turn_is_a_whole_turn_coding(tiny_corpus, tmp_path):
    tool = make_tool(tiny_corpus, tmp_path / "ana.codings.json")
    turn = tool.segment(2)
    tool.apply("PSS_BOUNDARY", turn=2, start=turn.start - 5, end=turn.end + 9)
    assert tool.codings_of(2)[0].start is None
    assert not tool.apply("PSS_BOUNDARY", turn=2)
    with pytest.raises(ValueError, match="holds no text"):
        tool.apply("PSS_BOUNDARY", turn=2, start=turn.end, end=turn.end + 3)


def test_several_codes_at_once_and_set_codes_are_one_undo_step(tiny_corpus, tmp_path):
    path = tmp_path / "ana.codings.json"
    tool = make_tool(tiny_corpus, path)
    tool.apply(["PSS_BOUNDARY", "PSS_IMPROVE"], turn=3)
    tool.set_codes(["PSS_LIVED_EXP"], turn=3)
    assert tool.codes_of(3) == ("PSS_LIVED_EXP",)
    assert tool.undo() == "set the codes of turn 3"
    assert tool.codes_of(3) == ("PSS_BOUNDARY", "PSS_IMPROVE")
    assert tool.undo() == "applied PSS_BOUNDARY, PSS_IMPROVE to turn 3"
    assert read_codings(path).codings == ()


def test_remove_takes_a_code_off_the_turn_or_one_span(tiny_corpus, tmp_path):
    tool = make_tool(tiny_corpus, tmp_path / "ana.codings.json")
    turn = tool.segment(4)
    a, b = turn.start, turn.start + 4
    tool.apply("PSS_BOUNDARY", turn=4, start=a, end=b)
    tool.apply("PSS_BOUNDARY", turn=4, start=b + 1, end=turn.end)
    tool.apply("PSS_BOUNDARY", turn=4)
    assert tool.remove("PSS_BOUNDARY", turn=4, start=a, end=b)
    assert len(tool.codings_of(4)) == 2
    assert tool.remove("PSS_BOUNDARY", turn=4)  # the rest, as one action
    assert tool.codings_of(4) == () and not tool.remove("PSS_BOUNDARY", turn=4)
    tool.undo()
    assert len(tool.codings_of(4)) == 2


def test_pick_a_coding_write_its_memo_and_remove_it(tiny_corpus, tmp_path):
    path = tmp_path / "ana.codings.json"
    tool = make_tool(tiny_corpus, path)
    tool.select_text("she gets it", turn=4)
    tool.apply_to_selection("PSS_LIVED_EXP")
    (coding,) = tool.codings_of(4)
    assert tool.pick(coding) == coding
    assert tool.write_coding_memo("Belonging.")
    assert read_codings(path).codings[0].memo == "Belonging."
    assert not tool.write_coding_memo("Belonging.")
    assert tool.remove_picked() and tool.picked is None
    assert read_codings(path).codings == ()
    with pytest.raises(KeyError, match="pick the coding"):
        tool.write_coding_memo("x")


def test_tool_and_codings_module_agree_on_the_file(tiny_corpus, tmp_path):
    path = tmp_path / "ana.codings.json"
    tool = make_tool(tiny_corpus, path)
    tool.apply("PSS_BOUNDARY", turn=3)
    tool.write_memo("m", turn=3)
    content = read_codings(path)  # the file and its journal
    write_codings(tmp_path / "again.json", content)
    assert (tmp_path / "again.json").read_text(encoding="utf-8") == tool.text()
    tool.close()
    assert (tmp_path / "again.json").read_bytes() == path.read_bytes()


def test_transcript_and_codebook_can_be_given_directly(tiny_corpus, tmp_path):
    transcript = parse_transcript("Facilitator: Hi.\nDana: Hello.", "X1")
    codebook = tiny_corpus.codebook
    tool = CodingTool(
        transcript, codebook, "ana", tmp_path / "a.json", clock=lambda: "2026-03-02T10:00:00Z"
    )
    assert tool.current.turn == 1  # no context speakers given
    tool.apply(replace(codebook["PSS_BOUNDARY"]), turn=2)
    assert read_codings(tmp_path / "a.json").codings[0].key == ("X1", 2, "PSS_BOUNDARY", "ana")
    assert "CodingTool 'ana' on X1" in repr(tool)


def test_a_memo_is_kept_exactly_as_written(tiny_corpus, tmp_path):
    tool = CodingTool.for_session("PSS-FG1", "ana", tmp_path / "ana.codings.json", tiny_corpus)
    text = "  First line.\n\n  - an indented note  \n"
    tool.write_memo(text, turn=2)
    assert read_codings(tmp_path / "ana.codings.json").memos[0].text == text
    tool.write_memo("   \n", turn=2)
    assert read_codings(tmp_path / "ana.codings.json").memos == ()
