"""The codebook's words, read from ``codebook.yaml`` (format in TALK_FORMAT.md), validated.

The words are data an instructor edits; this module checks them against the code inventory
(``codes.py``) and builds the two codebooks: the full one (the instructor's key) and the
student one, which leaves out the inductive codes and every clause that names one. Every problem
is an :class:`~qualkit.errors.InputError` naming the file, the line, the field and what was
expected, e.g. ``codebook.yaml: line 52 field 'codes[3].code': expected a code of codes.py,
found 'PSS_NOPE'``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

from generator.codes import INDUCTIVE, LABELS, SEED
from generator.yaml_reader import Reader
from qualkit.codebook import Category, Code, Codebook

CODEBOOK_FILE = Path(__file__).resolve().parent / "codebook.yaml"
TEXTS = ("brief", "full", "when_to_use", "when_not_to_use", "example")
STUDENT_WHEN_NOT = "student_when_not_to_use"
CATEGORY_IDS = tuple(dict.fromkeys(SEED[label].category for label in LABELS))
# A code named inside a text, like "(PSS_EMOTIONAL)": UPPER_SNAKE with at least one underscore.
_NAMED_CODE = re.compile(r"\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b")


@dataclass(frozen=True)
class CodebookText:
    """The codebook file's contents: titles, categories, and every code in codes.py's order."""

    title_full: str
    title_student: str
    categories: tuple[Category, ...]
    codes: tuple[Code, ...]
    student_codes: tuple[Code, ...]  # without the inductive codes or clauses naming them


def _text(reader: Reader, node, field: str) -> str:
    """A non-empty text; line breaks and runs of spaces read as single spaces."""
    return " ".join(reader.text(node, field).split())


def _prose(reader: Reader, node, field: str) -> str:
    """A text whose named codes (``_NAMED_CODE``) are all codes of codes.py."""
    text = _text(reader, node, field)
    for name in _NAMED_CODE.findall(text):
        if name not in SEED:
            reader.fail(node, field, "only codes of codes.py named in the text", name)
    return text


def _categories(reader: Reader, node) -> tuple[Category, ...]:
    categories: dict[str, Category] = {}
    for i, item in enumerate(reader.sequence(node, "categories")):
        field = f"categories[{i}]"
        keys = reader.mapping(item, field, required=("id", "label", "description"))
        id_ = reader.choice(keys["id"], f"{field}.id", CATEGORY_IDS)
        if id_ in categories:
            reader.fail(keys["id"], f"{field}.id", "each category once", id_)
        label = _text(reader, keys["label"], f"{field}.label")
        categories[id_] = Category(
            id_, label, _prose(reader, keys["description"], f"{field}.description")
        )
    missing = [id_ for id_ in CATEGORY_IDS if id_ not in categories]
    if missing:
        reader.fail(
            node, "categories", "every category of codes.py", "none for " + ", ".join(missing)
        )
    return tuple(categories.values())


def _student_when_not(reader: Reader, keys: dict, field: str, when_not: str) -> str:
    """The clauses of ``when_not`` that name no inductive code, or the file's student wording."""
    if STUDENT_WHEN_NOT in keys:
        text = _prose(reader, keys[STUDENT_WHEN_NOT], f"{field}.{STUDENT_WHEN_NOT}")
        named = [code for code in INDUCTIVE if code in text]
        if named:
            reader.fail(
                keys[STUDENT_WHEN_NOT],
                f"{field}.{STUDENT_WHEN_NOT}",
                "no code left out of the student codebook (" + ", ".join(INDUCTIVE) + ")",
                named[0],
            )
        return text
    kept = [
        clause
        for clause in when_not.rstrip(".").split("; ")
        if not any(code in clause for code in INDUCTIVE)
    ]
    if not kept:
        reader.fail(
            keys["when_not_to_use"],
            f"{field}.when_not_to_use",
            f"a clause naming no inductive code, or a {STUDENT_WHEN_NOT} for students",
            when_not,
        )
    joined = "; ".join(kept)
    return joined[0].upper() + joined[1:] + "."


def _codes(reader: Reader, node) -> tuple[dict[str, Code], dict[str, str]]:
    """Each code's full entry, and the when-not-to-use wording students get."""
    codes: dict[str, Code] = {}
    lines: dict[str, int] = {}
    student: dict[str, str] = {}
    for i, item in enumerate(reader.sequence(node, "codes")):
        field = f"codes[{i}]"
        keys = reader.mapping(item, field, required=("code", *TEXTS), optional=(STUDENT_WHEN_NOT,))
        label = reader.value(keys["code"])
        if not isinstance(label, str) or label not in SEED:
            reader.fail(keys["code"], f"{field}.code", "a code of codes.py", label)
        if label in codes:
            reader.fail(
                keys["code"],
                f"{field}.code",
                f"each code once (also at line {lines[label]})",
                label,
            )
        lines[label] = keys["code"].start_mark.line + 1
        texts = {name: _prose(reader, keys[name], f"{field}.{name}") for name in TEXTS}
        codes[label] = Code(label, SEED[label].category, **texts)
        if label not in INDUCTIVE:
            student[label] = _student_when_not(reader, keys, field, texts["when_not_to_use"])
        elif STUDENT_WHEN_NOT in keys:
            reader.fail(
                keys[STUDENT_WHEN_NOT],
                f"{field}.{STUDENT_WHEN_NOT}",
                "no student wording for a code left out of the student codebook",
            )
    missing = [label for label in LABELS if label not in codes]
    if missing:
        reader.fail(
            node, "codes", "an entry for every code of codes.py", "none for " + ", ".join(missing)
        )
    return codes, student


def load_codebook_text(path: Path = CODEBOOK_FILE) -> CodebookText:
    """Read and check the codebook file; raises InputError naming file, line and field."""
    reader = Reader(path, "a YAML file of the codebook's words (see TALK_FORMAT.md)")
    top = reader.mapping(reader.root, "", required=("title", "categories", "codes"))
    titles = reader.mapping(top["title"], "title", required=("full", "student"))
    title_full = _text(reader, titles["full"], "title.full")
    title_student = _text(reader, titles["student"], "title.student")
    categories = _categories(reader, top["categories"])
    codes, student = _codes(reader, top["codes"])
    return CodebookText(
        title_full,
        title_student,
        categories,
        tuple(codes[label] for label in LABELS),
        tuple(
            replace(codes[label], when_not_to_use=student[label])
            for label in LABELS
            if label in student
        ),
    )


def full_codebook(text: CodebookText | None = None) -> Codebook:
    """Every planted code (the instructor's key)."""
    text = text or load_codebook_text()
    return Codebook(text.categories, text.codes, text.title_full)


def student_codebook(text: CodebookText | None = None) -> Codebook:
    """The codebook students get: the inductive codes are left out for them to find."""
    text = text or load_codebook_text()
    return Codebook(text.categories, text.student_codes, text.title_student)
