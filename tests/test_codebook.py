"""Codebook: MacQueen fields, categories, and errors that name the entry and field."""

import json

import pytest

from qualkit.codebook import Code, format_codebook, read_codebook, write_codebook
from qualkit.errors import InputError

from conftest import tiny_codebook


def test_write_read_round_trip(tmp_path):
    codebook = tiny_codebook()
    write_codebook(tmp_path / "codebook.json", codebook)
    assert read_codebook(tmp_path / "codebook.json") == codebook


def test_lookup_and_categories():
    codebook = tiny_codebook()
    assert codebook["PSS_BOUNDARY"].category == "pss"
    assert "PSS_BOUNDARY" in codebook and "NOPE" not in codebook
    assert [c.label for c in codebook.in_category("home_visiting")] == [
        "HV_SURVEILLANCE",
        "HV_WHO_IS_CLIENT",
    ]
    assert codebook.category("pss").label == "Peer support specialists"
    with pytest.raises(KeyError, match="NOPE"):
        codebook["NOPE"]


def test_with_code_adds_an_inductive_code_without_changing_the_original():
    codebook = tiny_codebook()
    new = Code("PSS_FUN", "pss", "b", "f", "w", "n", "e")
    assert codebook.with_code(new).names[-1] == "PSS_FUN"
    assert "PSS_FUN" not in codebook
    with pytest.raises(KeyError, match="no category 'nope'"):
        codebook.with_code(Code("X_Y", "nope", "b", "f", "w", "n", "e"))


def write(tmp_path, data):
    path = tmp_path / "codebook.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_missing_field_names_the_entry_and_field(tmp_path):
    data = json.loads(format_codebook(tiny_codebook()))
    del data["codes"][1]["when_not_to_use"]
    path = write(tmp_path, data)
    with pytest.raises(InputError) as error:
        read_codebook(path)
    assert str(error.value) == (
        f"{path}: codes[1] (PSS_BOUNDARY) field 'when_not_to_use': "
        "expected a non-empty string, found 'missing'"
    )


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda d: d["codes"][0].update(example="  "),
            r"codes\[0\] \(PSS_LIVED_EXP\) field 'example'",
        ),
        (
            lambda d: d["codes"][0].update(category="zzz"),
            "field 'category': expected one of the categories",
        ),
        (lambda d: d["codes"][0].update(code="lower_case"), "an UPPER_SNAKE label"),
        (lambda d: d["codes"].append(dict(d["codes"][0])), "expected each code label once"),
        (lambda d: d.update(format="other"), 'top level: expected an object with "format"'),
        (lambda d: d.update(codes=[]), "field 'codes': expected a non-empty list"),
    ],
)
def test_invalid_codebooks_are_refused_with_the_place(tmp_path, change, message):
    data = json.loads(format_codebook(tiny_codebook()))
    change(data)
    with pytest.raises(InputError, match=message):
        read_codebook(write(tmp_path, data))


def test_invalid_json_names_line_and_column(tmp_path):
    path = tmp_path / "codebook.json"
    path.write_text('{"format": "qualkit-codebook",\n "codes": [,]}', encoding="utf-8")
    with pytest.raises(InputError, match="line 2 column 12: expected valid JSON"):
        read_codebook(path)
