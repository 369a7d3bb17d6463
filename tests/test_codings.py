"""Coding files: the coder in every coding, one entry per line, atomic saves, clear errors."""

import json

import pytest

from qualkit.codebook import Code
from qualkit.codings import (
    Coding,
    Codings,
    Memo,
    assemble,
    format_codings,
    read_codings,
    write_codings,
)
from qualkit.errors import InputError

from conftest import tiny_codebook

CODINGS = Codings(
    (
        Coding("PSS-FG1", 2, "PSS_LIVED_EXP", "ana", "fits", "2026-11-21T10:00:00Z"),
        Coding("PSS-FG1", 2, "PSS_LIVED_EXP", "ben"),
        Coding("PSS-FG1", 3, "PSS_FUN", "ana"),
    ),
    (Memo("PSS-FG1", 3, "ana", "Ask the team: boundary or joke?", "2026-11-21T10:01:00Z"),),
    (Code("PSS_FUN", "pss", "b", "f", "w", "n", "e"),),
)


def test_round_trip_keeps_everything(tmp_path):
    path = tmp_path / "ana.codings.json"
    write_codings(path, CODINGS)
    assert read_codings(path, tiny_codebook()) == CODINGS


def test_one_entry_per_line_so_files_diff_well():
    lines = format_codings(CODINGS).splitlines()
    assert sum('"coder": ' in line and '"code": ' in line for line in lines) == 3
    assert json.loads(format_codings(Codings()))["codings"] == []


def test_the_coder_is_part_of_the_identity():
    a, b = CODINGS.codings[:2]
    assert a.unit == b.unit and a.code == b.code and a.key != b.key
    assert CODINGS.coders == ("ana", "ben")
    assert len(CODINGS.by_coder("ana")) == 2
    assert len(CODINGS + Codings((Coding("X", 1, "PSS_FUN", "cy"),))) == 4


def entry_file(tmp_path, **changes):
    """The file of CODINGS, one entry per line, with its first coding changed."""
    data = json.loads(format_codings(CODINGS))
    data["codings"][0].update(changes)
    lines = [json.dumps(entry) for entry in data["codings"]]
    text = assemble(lines, [json.dumps(entry) for entry in data["memos"]], CODINGS.added_codes)
    path = tmp_path / "c.codings.json"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"turn": "2"},
            r"line 3 \(codings\[0\]\) field 'turn': expected a whole number, found '2'",
        ),
        (
            {"turn": 0},
            r"line 3 \(codings\[0\]\) field 'turn': expected a turn number from 1, found 0",
        ),
        (
            {"turn": True},
            r"line 3 \(codings\[0\]\) field 'turn': expected a whole number, found True",
        ),
        ({"coder": " "}, r"line 3 \(codings\[0\]\) field 'coder': expected the coder's name"),
        (
            {"code": "NOT_A_CODE"},
            r"line 3 \(codings\[0\]\) field 'code': expected a code of the codebook or one the coder added, found 'NOT_A_CODE'",
        ),
        ({"session": ""}, r"line 3 \(codings\[0\]\) field 'session': expected a session id"),
        ({"start": 5}, r"line 3 \(codings\[0\]\): expected both 'start' and 'end', or neither"),
        (
            {"start": 5, "end": 5},
            r"line 3 \(codings\[0\]\) fields 'start', 'end': expected a span start < end",
        ),
        (
            {"created": "yesterday"},
            r"line 3 \(codings\[0\]\) field 'created': expected an ISO 8601",
        ),
    ],
)
def test_bad_entries_name_the_file_entry_and_field(tmp_path, changes, message):
    path = entry_file(tmp_path, **changes)
    with pytest.raises(InputError, match=f"{path}: {message}"):
        read_codings(path, tiny_codebook())


def test_missing_field_and_duplicate_entry(tmp_path):
    data = json.loads(format_codings(CODINGS))
    del data["codings"][1]["coder"]
    path = tmp_path / "c.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(
        InputError, match=r"codings\[1\]\) field 'coder': expected text, found 'missing'"
    ):
        read_codings(path)
    data = json.loads(format_codings(CODINGS))
    data["codings"].append(data["codings"][0])
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(
        InputError, match=r"codings\[3\]\): expected each \(session, turn, code, coder, span\) once"
    ):
        read_codings(path)


def test_not_a_coding_file(tmp_path):
    path = tmp_path / "c.json"
    path.write_text('{"format": "something-else"}', encoding="utf-8")
    with pytest.raises(
        InputError, match='top level: expected an object with "format": "qualkit-codings"'
    ):
        read_codings(path)
    path.write_text("{broken", encoding="utf-8")
    with pytest.raises(InputError, match="line 1 column 2: expected valid JSON"):
        read_codings(path)


def test_without_a_codebook_any_code_is_accepted(tmp_path):
    path = entry_file(tmp_path, code="ANY_CODE")
    assert read_codings(path).codings[0].code == "ANY_CODE"


SPANS = Codings(
    (
        Coding("PSS-FG1", 2, "PSS_LIVED_EXP", "ana", start=0, end=4),
        Coding("PSS-FG1", 2, "PSS_LIVED_EXP", "ana"),
    ),
    (Memo("PSS-FG1", 3, "ana", "this part", start=7, end=9),),
)


def test_spans_are_written_when_set_and_read_back(tmp_path):
    path = tmp_path / "spans.codings.json"
    write_codings(path, SPANS)
    text = path.read_text(encoding="utf-8")
    assert '"start": 0, "end": 4}' in text and text.count('"start"') == 2
    assert read_codings(path) == SPANS
    # a whole-turn coding and a span of the same code are two codings; the whole turn sorts first
    assert sorted(c.key for c in SPANS) == [
        ("PSS-FG1", 2, "PSS_LIVED_EXP", "ana"),
        ("PSS-FG1", 2, "PSS_LIVED_EXP", "ana", 0, 4),
    ]


def test_todays_turn_level_files_load_unchanged(tiny_corpus):
    # The corpus's files predate spans: every coding covers its whole turn.
    team = tiny_corpus.codings("team")
    assert team.codings and all(c.start is None and c.end is None for c in team)
    assert format_codings(team) == (tiny_corpus.root / "codings" / "team.json").read_text()


def test_turns_and_spans_are_checked_against_the_transcripts(tiny_corpus, tmp_path):
    transcripts = tiny_corpus.transcripts()
    turn = tiny_corpus.transcript("PSS-FG1").turn(2)
    path = tmp_path / "c.codings.json"

    def read(*codings, memos=()):
        write_codings(path, Codings(codings, memos))
        return read_codings(path, tiny_corpus.codebook, transcripts)

    inside = Coding("PSS-FG1", 2, "PSS_BOUNDARY", "ana", start=turn.start, end=turn.end)
    assert read(inside).codings == (inside,)
    with pytest.raises(
        InputError,
        match=r"line 3 \(codings\[0\]\) field 'turn': expected a turn from 1 to \d+, found 9999",
    ):
        read(Coding("PSS-FG1", 9999, "PSS_BOUNDARY", "ana"))
    with pytest.raises(
        InputError, match=r"field 'session': expected a session of the corpus, found 'XX-FG9'"
    ):
        read(Coding("XX-FG9", 1, "PSS_BOUNDARY", "ana"))
    with pytest.raises(
        InputError,
        match=rf"fields 'start', 'end': expected a span start < end inside turn 2 \(offsets {turn.start}–{turn.end}\)",
    ):
        read(Coding("PSS-FG1", 2, "PSS_BOUNDARY", "ana", start=turn.start, end=turn.end + 1))
    with pytest.raises(
        InputError, match=r"line 4 \(memos\[0\]\) field 'coder': expected the coder's name"
    ):
        read(memos=(Memo("PSS-FG1", 2, "", "no coder"),))
    with pytest.raises(InputError, match=r"memos\[0\]\) field 'turn': expected a turn from 1 to"):
        read(memos=(Memo("PSS-FG1", 9999, "ana", "far away"),))


def test_the_file_keys_follow_the_dataclass_fields():
    # One list of fields: the file's keys are the dataclasses' fields, in order ("session"
    # is the file's name for session_id), so a new field cannot be forgotten by the format.
    from dataclasses import MISSING, fields

    from qualkit.codings.file_format import CODING_KEYS, MEMO_KEYS

    for kind, keys in ((Coding, CODING_KEYS), (Memo, MEMO_KEYS)):
        names = [f.name.replace("session_id", "session") for f in fields(kind)]
        assert [key for key, _, _ in keys] == names
        required = [
            f.name.replace("session_id", "session") for f in fields(kind) if f.default is MISSING
        ]
        assert [key for key, _, needed in keys if needed] == required
