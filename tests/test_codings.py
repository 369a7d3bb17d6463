"""Coding files: the coder in every coding, one entry per line, atomic saves, clear errors."""

import json

import pytest

from qualkit.codebook import Code
from qualkit.codings import Coding, Codings, Memo, dumps_codings, read_codings, write_codings
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
    lines = dumps_codings(CODINGS).splitlines()
    assert sum('"coder": ' in line and '"code": ' in line for line in lines) == 3
    assert json.loads(dumps_codings(Codings()))["codings"] == []


def test_the_coder_is_part_of_the_identity():
    a, b = CODINGS.codings[:2]
    assert a.unit == b.unit and a.code == b.code and a.key != b.key
    assert CODINGS.coders == ("ana", "ben")
    assert len(CODINGS.by_coder("ana")) == 2
    assert len(CODINGS + Codings((Coding("X", 1, "PSS_FUN", "cy"),))) == 4


def entry_file(tmp_path, **changes):
    data = json.loads(dumps_codings(CODINGS))
    data["codings"][0].update(changes)
    path = tmp_path / "c.codings.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"turn": "2"}, r"codings\[0\] field 'turn': expected a int, found '2'"),
        ({"turn": 0}, r"codings\[0\] field 'turn': expected a turn number from 1, found 0"),
        ({"turn": True}, r"codings\[0\] field 'turn': expected a int, found True"),
        ({"coder": " "}, r"codings\[0\] field 'coder': expected the coder's name"),
        (
            {"code": "NOT_A_CODE"},
            r"codings\[0\] field 'code': expected a code of the codebook, found 'NOT_A_CODE'",
        ),
        ({"session": ""}, r"codings\[0\] field 'session': expected a session id"),
    ],
)
def test_bad_entries_name_the_file_entry_and_field(tmp_path, changes, message):
    path = entry_file(tmp_path, **changes)
    with pytest.raises(InputError, match=f"{path}: {message}"):
        read_codings(path, tiny_codebook())


def test_missing_field_and_duplicate_entry(tmp_path):
    data = json.loads(dumps_codings(CODINGS))
    del data["codings"][1]["coder"]
    path = tmp_path / "c.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(
        InputError, match=r"codings\[1\] field 'coder': expected a str, found 'missing'"
    ):
        read_codings(path)
    data = json.loads(dumps_codings(CODINGS))
    data["codings"].append(data["codings"][0])
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(
        InputError, match=r"codings\[3\]: expected each \(session, turn, code, coder\) once"
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
