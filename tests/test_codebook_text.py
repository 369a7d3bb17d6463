"""The codebook's words as data: datasets/generator/codebook.yaml, read by codebook_text.py.

A mistake in the file is refused with the file, the line, the field and what was expected, as
the talk's mistakes are (test_generator.py); the real file gives both codebooks.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from qualkit.errors import InputError

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "datasets"))

from generator import codebook_text  # noqa: E402
from generator.codes import INDUCTIVE, LABELS, STUDENT_LABELS  # noqa: E402

CODEBOOK = REPO / "datasets" / "generator" / "codebook.yaml"


def test_the_file_gives_every_code_in_inventory_order_and_the_student_codebook_hides_inductive_codes():
    words = codebook_text.load_codebook_text()
    full, student = codebook_text.full_codebook(words), codebook_text.student_codebook(words)
    assert full.names == LABELS and student.names == STUDENT_LABELS
    assert [c.id for c in full.categories] == ["pss", "doula", "home_visiting", "cross_cutting"]
    assert "instructor key" in full.title and "instructor" not in student.title
    # The full codebook names inductive codes in its cross-references; the student one never does.
    assert any(code in c.when_not_to_use for c in full.codes for code in INDUCTIVE)
    for c in student.codes:
        assert not any(code in text for text in vars(c).values() for code in INDUCTIVE), c.label
    # A clause naming an inductive code is dropped; the rest of the wording stays.
    assert full["PSS_BOUNDARY"].when_not_to_use.startswith("Not for worry about what the peer")
    assert student["PSS_BOUNDARY"].when_not_to_use == (
        "Not for ordinary supportive contact that stays within the role (PSS_EMOTIONAL)."
    )
    # Where the file gives the students' wording, they get it.
    assert full["HV_READINESS"].when_not_to_use.endswith("(HV_ELIGIBILITY).")
    assert student["HV_READINESS"].when_not_to_use == (
        "Not for how trust grew once she was already enrolled (HV_TRUST_BUILD)."
    )


def _line(text: str, marker: str) -> int:
    assert text.count(marker) >= 1, marker
    return text[: text.index(marker)].count("\n") + 1


# (old, new, field, what the message says after the field, the text on the reported line)
MISTAKES = [
    pytest.param(
        '    example: >-\n      "When she told me she had done her own intake at that same front desk, I stopped holding\n      back."\n',
        "",
        "codes[0].example",
        "expected a value for 'example', found 'nothing'",
        "  - code: PSS_LIVED_EXP",
        id="missing field",
    ),
    pytest.param(
        "    brief: >-\n      Trust or credibility that comes from the peer's own history of recovery and parenting.\n",
        "    brief: 42\n",
        "codes[0].brief",
        "expected a non-empty text, found 42",
        "    brief: 42",
        id="wrong type",
    ),
    pytest.param(
        "    label: Doulas\n",
        "    label: [Doulas]\n",
        "categories[1].label",
        r"expected a non-empty text, found \['Doulas'\]",
        "    label: [Doulas]",
        id="wrong type in a category",
    ),
    pytest.param(
        "  - code: PSS_EMOTIONAL\n",
        "  - code: PSS_FEELINGS\n",
        "codes[1].code",
        "expected a code of codes.py, found 'PSS_FEELINGS'",
        "  - code: PSS_FEELINGS",
        id="unknown code",
    ),
    pytest.param(
        "  - code: PSS_EMOTIONAL\n",
        "  - code: [PSS_EMOTIONAL]\n",
        "codes[1].code",
        r"expected a code of codes.py, found \['PSS_EMOTIONAL'\]",
        "  - code: [PSS_EMOTIONAL]",
        id="a list for a code",
    ),
    pytest.param(
        "  - code: PSS_EMOTIONAL\n",
        "  - code: PSS_LIVED_EXP\n",
        "codes[1].code",
        r"expected each code once \(also at line 43\), found 'PSS_LIVED_EXP'",
        "  - code: PSS_LIVED_EXP\n    brief: >-\n      Encouragement",
        id="duplicate code",
    ),
    pytest.param(
        "    when_to_use: >-\n      The participant describes emotional",
        "    when_to_use_it: >-\n      The participant describes emotional",
        "codes[1].when_to_use_it",
        "expected one of the keys code, brief, full, when_to_use, when_not_to_use, example, student_when_not_to_use",
        "    when_to_use_it:",
        id="unknown field",
    ),
    pytest.param(
        "  - id: doula\n",
        "  - id: doulas\n",
        "categories[1].id",
        "expected one of pss, doula, home_visiting, cross_cutting, found 'doulas'",
        "  - id: doulas",
        id="unknown category",
    ),
    pytest.param(
        "  - id: doula\n",
        "  - id: pss\n",
        "categories[1].id",
        "expected each category once, found 'pss'",
        "  - id: pss\n    label: Doulas",
        id="duplicate category",
    ),
    pytest.param(
        "(PSS_EMOTIONAL); not for a list",
        "(PSS_EMOTIONALS); not for a list",
        "codes[0].when_not_to_use",
        "expected only codes of codes.py named in the text, found 'PSS_EMOTIONALS'",
        "    when_not_to_use: >-\n      Not for general warmth",
        id="a text names an unknown code",
    ),
    pytest.param(
        "enrolled (HV_TRUST_BUILD).",
        "enrolled (HV_ELIGIBILITY).",
        "codes[22].student_when_not_to_use",
        "expected no code left out of the student codebook .*, found 'HV_ELIGIBILITY'",
        "    student_when_not_to_use: >-\n      Not for how trust grew",
        id="student wording names an inductive code",
    ),
    pytest.param(
        "    student_when_not_to_use: >-\n      Not for how trust grew once she was already enrolled (HV_TRUST_BUILD).\n",
        "",
        "codes[22].when_not_to_use",
        "expected a clause naming no inductive code, or a student_when_not_to_use for students, "
        r"found 'Not for program rules limiting who can enroll \(HV_ELIGIBILITY\).'",
        "    when_not_to_use: >-\n      Not for program rules",
        id="no clause is left for students",
    ),
    pytest.param(
        "  - code: HV_ELIGIBILITY\n",
        "  - code: HV_ELIGIBILITY\n    student_when_not_to_use: Not for anything.\n",
        "codes[30].student_when_not_to_use",
        "expected no student wording for a code left out of the student codebook$",
        "    student_when_not_to_use: Not for anything.",
        id="student wording for an inductive code",
    ),
    pytest.param(
        "  full: Perinatal",
        "  complete: Perinatal",
        "title.complete",
        "expected one of the keys full, student",
        "  complete: Perinatal",
        id="unknown title",
    ),
]


@pytest.mark.parametrize(("old", "new", "field", "message", "marker"), MISTAKES)
def test_a_codebook_mistake_is_refused_with_file_line_and_field(
    tmp_path, old, new, field, message, marker
):
    text = CODEBOOK.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    text = text.replace(old, new)
    path = tmp_path / "codebook.yaml"
    path.write_text(text, encoding="utf-8")
    line = _line(text, marker)
    with pytest.raises(InputError) as caught:
        codebook_text.load_codebook_text(path)
    expected = f"{re.escape(str(path))}: line {line} field {re.escape(repr(field))}: {message}"
    assert re.fullmatch(expected, str(caught.value)), str(caught.value)


def test_a_category_left_out_is_named(tmp_path):
    text = CODEBOOK.read_text(encoding="utf-8")
    start, end = text.index("  - id: cross_cutting\n"), text.index("\ncodes:\n")
    path = tmp_path / "codebook.yaml"
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    with pytest.raises(
        InputError,
        match=r"codebook.yaml: line 21 field 'categories': expected every category of codes.py, "
        r"found 'none for cross_cutting'",
    ):
        codebook_text.load_codebook_text(path)


def test_a_code_left_without_an_entry_is_named(tmp_path):
    text = CODEBOOK.read_text(encoding="utf-8")
    start = text.index("  - code: X_GIVING_BACK\n")
    path = tmp_path / "codebook.yaml"
    path.write_text(text[:start].rstrip("\n") + "\n", encoding="utf-8")
    with pytest.raises(
        InputError,
        match=r"codebook.yaml: line \d+ field 'codes': expected an entry for every code of codes.py, found 'none for X_GIVING_BACK'",
    ):
        codebook_text.load_codebook_text(path)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("codes: [\n", r"line \d+: expected valid YAML"),
        ("", "file: expected a YAML mapping, found 'an empty file'"),
        (
            "title: {full: a, student: b}\ncategories: []\n",
            "line 1 field 'codes': expected a value for 'codes', found 'nothing'",
        ),
    ],
)
def test_a_broken_codebook_file_is_refused_with_its_place(tmp_path, content, message):
    path = tmp_path / "codebook.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=re.escape(str(path)) + ": " + message):
        codebook_text.load_codebook_text(path)


def test_a_missing_codebook_file_says_what_it_should_hold(tmp_path):
    with pytest.raises(InputError, match="expected a YAML file of the codebook's words"):
        codebook_text.load_codebook_text(tmp_path / "codebook.yaml")


def test_line_breaks_and_spaces_in_a_text_read_as_single_spaces(tmp_path):
    text = CODEBOOK.read_text(encoding="utf-8")
    old = "    brief: >-\n      Trust or credibility that comes from the peer's own history of recovery and parenting.\n"
    new = '    brief: "Trust or credibility  that comes\n\n      from the peer\'s own history of recovery and parenting. "\n'
    path = tmp_path / "codebook.yaml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    changed = codebook_text.full_codebook(codebook_text.load_codebook_text(path))
    assert changed == codebook_text.full_codebook()
