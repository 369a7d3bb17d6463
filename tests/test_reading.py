"""Every reader names the file, the place and what was expected, for the cases the issue lists:
a folder given as a path, bytes that are not UTF-8, truncated JSON (with the parser's reason),
a coding entry by its line, a turn given as text, an over-long speaker label, and duplicate
category ids. Each case runs through the public reader a user calls."""

from __future__ import annotations

import json
import re

import pytest

from qualkit import refi
from qualkit.codebook import format_codebook, read_codebook
from qualkit.codings import Codings, read_codings, write_codings
from qualkit.corpus import load_corpus
from qualkit.errors import InputError
from qualkit.key import load_key
from qualkit.reading import read_json
from qualkit.transcripts import SPEAKER_LIMIT, read_transcript

from conftest import tiny_codebook

READERS = {
    "read_codings": read_codings,
    "read_codebook": read_codebook,
    "read_transcript": read_transcript,
    "read_json": read_json,
    "import_qdpx": refi.import_qdpx,
    "import_qdc": refi.import_qdc,
}


@pytest.mark.parametrize("name", sorted(READERS))
def test_a_folder_is_named_as_a_folder(tmp_path, name):
    folder = tmp_path / "looks_like_a_file.json"
    folder.mkdir()
    with pytest.raises(
        InputError, match=rf"{re.escape(str(folder))}: path: expected .*found 'a folder'"
    ):
        READERS[name](folder)


def test_a_folder_given_to_the_command_line_is_named_as_a_folder(tmp_path, capsys):
    from qualkit.cli import main

    (tmp_path / "ana.codings.json").mkdir()
    assert main(["export-qdpx", str(tmp_path / "x.qdpx"), str(tmp_path / "ana.codings.json")]) == 2
    assert "found 'a folder'" in capsys.readouterr().err


@pytest.mark.parametrize("name", ["read_codings", "read_codebook", "read_transcript", "read_json"])
def test_bytes_that_are_not_utf8_name_the_file_and_byte(tmp_path, name):
    path = tmp_path / "latin1.txt"
    path.write_bytes("Dana: café".encode("latin-1"))
    with pytest.raises(InputError) as error:
        READERS[name](path)
    assert str(error.value) == (
        f"{path}: byte 9: expected UTF-8 text, found 'the byte 0xe9, which is not UTF-8'"
    )


def test_a_corpus_table_that_is_not_utf8_is_named(tiny_corpus_dir):
    path = tiny_corpus_dir / "participants.csv"
    path.write_bytes(path.read_bytes().replace(b"Dana", "Dañá".encode("latin-1")))
    with pytest.raises(InputError, match=r"participants\.csv: byte \d+: expected UTF-8 text"):
        load_corpus(tiny_corpus_dir)


def test_truncated_json_keeps_the_parsers_reason(tmp_path):
    path = tmp_path / "codebook.json"
    path.write_text(format_codebook(tiny_codebook())[:200], encoding="utf-8")
    with pytest.raises(InputError) as error:
        read_codebook(path)
    assert re.fullmatch(
        rf"{re.escape(str(path))}: line \d+ column \d+: expected valid JSON, found "
        r"'(Unterminated string|Expecting)[^']*'",
        str(error.value),
    )


def test_the_key_manifest_names_its_json_error(tmp_path):
    key = tmp_path / "key"
    key.mkdir()
    (key / "codebook.json").write_text(format_codebook(tiny_codebook()), encoding="utf-8")
    write_codings(key / "key.json", Codings())
    (key / "units.csv").write_text("session_id,turn\nPSS-FG1,1\n", encoding="utf-8")
    (key / "manifest.json").write_text('{"seed": 3,', encoding="utf-8")
    with pytest.raises(InputError, match=r"manifest\.json: line 1 column 12: expected valid JSON"):
        load_key(key)


def test_a_coding_entry_is_named_by_its_line_and_a_text_turn_by_its_type(tmp_path):
    path = tmp_path / "ana.codings.json"
    path.write_text(
        '{"format": "qualkit-codings", "version": 1,\n "codings": [\n'
        '  {"session": "PSS-FG1", "turn": 2, "code": "PSS_BOUNDARY", "coder": "ana"},\n'
        '  {"session": "PSS-FG1", "turn": "3", "code": "PSS_BOUNDARY", "coder": "ana"}\n'
        " ]}\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as error:
        read_codings(path)
    assert str(error.value) == (
        f"{path}: line 4 (codings[1]) field 'turn': expected a whole number, found '3'"
    )


def test_an_over_long_speaker_label_names_the_limit(tmp_path):
    path = tmp_path / "FG1.txt"
    speaker = "A" * (SPEAKER_LIMIT + 1)
    path.write_text(f"Facilitator: Welcome.\n{speaker}: Hello.\n", encoding="utf-8")
    with pytest.raises(InputError) as error:
        read_transcript(path)
    assert str(error.value) == (
        f"{path}: line 2: expected a speaker label of at most {SPEAKER_LIMIT} characters, "
        f"found '{speaker}'"
    )


def test_duplicate_category_ids_are_refused(tmp_path):
    data = json.loads(format_codebook(tiny_codebook()))
    data["categories"][1]["id"] = data["categories"][0]["id"]
    path = tmp_path / "codebook.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(InputError) as error:
        read_codebook(path)
    assert str(error.value) == (
        f"{path}: categories[1] field 'id': expected each category id once, found 'pss'"
    )
