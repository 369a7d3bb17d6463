"""Transcripts: the Speaker: text format, code-point offsets, and errors that name the line."""

import pytest

from qualkit.errors import InputError
from qualkit.transcripts import format_transcript, parse_transcript, read_transcript

TEXT = "# SIMULATED DATA\n# Content note\n\nFacilitator: Welcome — all of you.\nDana: Café first: then talk.\n"


def test_turns_offsets_are_code_points_into_the_whole_text():
    transcript = parse_transcript(TEXT, "FG1")
    assert transcript.header == ("SIMULATED DATA", "Content note")
    assert [t.speaker for t in transcript.turns] == ["Facilitator", "Dana"]
    for turn in transcript.turns:
        assert transcript.text[turn.start : turn.end] == turn.text
    assert transcript.turn(2).text == "Café first: then talk."  # a colon inside the text is fine
    assert transcript.turn(2).line == 5
    assert transcript.turn(2).unit == ("FG1", 2)
    assert transcript.speakers == ("Facilitator", "Dana")


def test_format_and_parse_round_trip():
    turns = [("Facilitator", "Welcome — all of you."), ("Dana", "Ünïcödé, fine.")]
    transcript = parse_transcript(format_transcript(turns, ["SIMULATED"]), "FG1")
    assert [(t.speaker, t.text) for t in transcript.turns] == turns


@pytest.mark.parametrize(
    ("text", "place", "expected"),
    [
        ("Dana: hi\nno colon here\n", "line 2", "a turn 'Speaker: text'"),
        ("Dana:no space\n", "line 1", "a turn 'Speaker: text'"),
        ("Dana: \n", "line 1", "a turn 'Speaker: text'"),
        ("# only a header\n", "whole file", "at least one turn"),
    ],
)
def test_malformed_lines_name_the_line(text, place, expected):
    with pytest.raises(InputError, match=f"fg.txt: {place}: expected {expected}"):
        parse_transcript(text, "FG1", source="fg.txt")


def test_unknown_speaker_names_the_line_and_the_roster():
    with pytest.raises(InputError) as error:
        parse_transcript("Dana: hi\nZed: hello\n", "FG1", "fg.txt", speakers={"Dana"})
    assert (
        str(error.value) == "fg.txt: line 2: expected a speaker of this session (Dana), found 'Zed'"
    )


def test_read_transcript_names_the_file_and_rejects_non_utf8(tmp_path):
    path = tmp_path / "PSS-FG9.txt"
    path.write_bytes("Dana: caf\xe9\n".encode("latin-1"))
    with pytest.raises(InputError, match=r"PSS-FG9\.txt: byte 9: expected UTF-8 text"):
        read_transcript(path)
    path.write_text("Dana: fine\n", encoding="utf-8")
    assert read_transcript(path).session_id == "PSS-FG9"


def test_turn_numbers_outside_the_session_are_an_error():
    transcript = parse_transcript("Dana: hi\n", "FG1")
    with pytest.raises(KeyError, match="turns 1–1, not 2"):
        transcript.turn(2)


def test_format_refuses_a_turn_that_would_break_the_format():
    with pytest.raises(ValueError, match="one line"):
        format_transcript([("Dana", "two\nlines")])
