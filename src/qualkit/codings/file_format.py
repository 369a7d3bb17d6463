"""The coding file's text: parsing it into entries (checked) and writing entries back.

One entry per line, so files diff well and errors name that line (the format is described in
:mod:`qualkit.codings`). Writers that save often (the coding tool) cache each entry's line and
put a file together with :func:`assemble`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from os import PathLike

from qualkit.codebook import Code, Codebook, code_entry, parse_code
from qualkit.codings.entries import Coding, Codings, Memo
from qualkit.codings.rules import check_codings
from qualkit.errors import InputError
from qualkit.reading import entry_lines, parse_json
from qualkit.suggestion_records import parse_record, record_line
from qualkit.transcripts import Transcript

__all__ = [
    "CODING_KEYS",
    "FORMAT",
    "LISTS",
    "MEMO_KEYS",
    "assemble",
    "coding_line",
    "entry_values",
    "format_codings",
    "memo_line",
    "parse_codings",
]

FORMAT = "qualkit-codings"
LISTS = ("codings", "memos", "codes", "suggestions")  # the file's lists, one entry per line

# (file key, Python type, required) of the entries; the dataclasses' fields in file order.
CODING_KEYS = (
    ("session", str, True),
    ("turn", int, True),
    ("code", str, True),
    ("coder", str, True),
    ("memo", str, False),
    ("created", str, False),
    ("start", int, False),
    ("end", int, False),
)
MEMO_KEYS = (
    ("session", str, True),
    ("turn", int, True),
    ("coder", str, True),
    ("text", str, True),
    ("created", str, False),
    ("start", int, False),
    ("end", int, False),
)
_TYPE_NAMES = {str: "text", int: "a whole number"}


def entry_values(entry: object, keys: tuple, source: str, place: str) -> list:
    """The entry's values in field order, each of the right type (missing optional: default)."""
    if not isinstance(entry, Mapping):
        raise InputError(source, place, "an object with " + ", ".join(k for k, _, r in keys if r))
    values = []
    for name, kind, required in keys:
        if name not in entry:
            if required:
                raise InputError(source, f"{place} field {name!r}", _TYPE_NAMES[kind], "missing")
            values.append(None if name in ("start", "end") else kind())
            continue
        value = entry[name]
        # bool is an int in Python; a turn of True is still a mistake.
        if not isinstance(value, kind) or isinstance(value, bool):
            raise InputError(source, f"{place} field {name!r}", _TYPE_NAMES[kind], value)
        values.append(value)
    return values


def parse_codings(
    text: str,
    source: str | PathLike = "<codings>",
    codebook: Codebook | None = None,
    transcripts: Iterable[Transcript] | None = None,
) -> Codings:
    """Read and check a coding file's text; errors name the line of the entry at fault.

    With a ``codebook``, every code must be in it or among the file's own new codes; with
    ``transcripts``, every session, turn and span must exist (see :func:`check_codings`).

    >>> text = format_codings(Codings((Coding("FG1", 2, "PSS_EMOTIONAL", "ana"),)))
    >>> parse_codings(text).codings[0].key
    ('FG1', 2, 'PSS_EMOTIONAL', 'ana')
    >>> parse_codings(text.replace('"turn": 2', '"turn": "2"'), "a.json")
    Traceback (most recent call last):
    ...
    qualkit.errors.InputError: a.json: line 3 (codings[0]) field 'turn': expected a whole number, found '2'
    """
    source = str(source)
    data = parse_json(text, source)
    if not isinstance(data, Mapping) or data.get("format") != FORMAT:
        raise InputError(source, "top level", f'an object with "format": "{FORMAT}"')
    lines = entry_lines(text, LISTS)

    def place(name: str, index: int) -> str:
        starts = lines.get(name, ())
        return (
            f"line {starts[index]} ({name}[{index}])" if index < len(starts) else f"{name}[{index}]"
        )

    lists = {}
    for name in LISTS:
        value = data.get(name, [])
        if not isinstance(value, list):
            raise InputError(source, f"field {name!r}", "a list", value)
        lists[name] = value
    added = tuple(
        parse_code(entry, source, place("codes", i)) for i, entry in enumerate(lists["codes"])
    )
    codings = Codings(
        tuple(
            Coding(*entry_values(entry, CODING_KEYS, source, place("codings", i)))
            for i, entry in enumerate(lists["codings"])
        ),
        tuple(
            Memo(*entry_values(entry, MEMO_KEYS, source, place("memos", i)))
            for i, entry in enumerate(lists["memos"])
        ),
        added,
        tuple(
            parse_record(entry, source, place("suggestions", i))
            for i, entry in enumerate(lists["suggestions"])
        ),
    )
    check_codings(codings, source, codebook, transcripts, place)
    return codings


def _line(entry: Coding | Memo, keys: tuple) -> str:
    values = dict(zip((name for name, _, _ in keys), vars(entry).values(), strict=True))
    if entry.start is None:
        del values["start"], values["end"]
    return json.dumps(values, ensure_ascii=False)


def coding_line(coding: Coding) -> str:
    """One coding as the JSON object that stands on its own line in a coding file."""
    return _line(coding, CODING_KEYS)


def memo_line(memo: Memo) -> str:
    """One memo as the JSON object that stands on its own line in a coding file."""
    return _line(memo, MEMO_KEYS)


def assemble(
    coding_lines: Iterable[str],
    memo_lines: Iterable[str],
    codes: Iterable[Code],
    suggestion_lines: Iterable[str] = (),
) -> str:
    """Put pre-serialised lines together into a coding file's text.

    Kept separate so that a caller saving often (the widget) can cache each entry's line.
    A file with suggestion records is version 2; one without is written as version 1 was.
    """

    def block(lines: Iterable[str]) -> str:
        body = ",\n  ".join(lines)  # one join: this runs on every keystroke-sized save
        return "[\n  " + body + "\n ]" if body else "[]"

    code_lines = (json.dumps(code_entry(code), ensure_ascii=False) for code in codes)
    suggestions = block(suggestion_lines)
    return (
        f'{{"format": "{FORMAT}", "version": {1 if suggestions == "[]" else 2},\n'
        f' "codings": {block(coding_lines)},\n'
        f' "memos": {block(memo_lines)},\n'
        f' "codes": {block(code_lines)}'
        + ("" if suggestions == "[]" else f',\n "suggestions": {suggestions}')
        + "\n}\n"
    )


def format_codings(codings: Codings) -> str:
    """A coding file's text, one entry per line (the inverse of :func:`parse_codings`).

    >>> print(format_codings(Codings((Coding("FG1", 2, "PSS_EMOTIONAL", "ana", start=40, end=52),))))
    {"format": "qualkit-codings", "version": 1,
     "codings": [
      {"session": "FG1", "turn": 2, "code": "PSS_EMOTIONAL", "coder": "ana", "memo": "", "created": "", "start": 40, "end": 52}
     ],
     "memos": [],
     "codes": []
    }
    <BLANKLINE>
    """
    return assemble(
        map(coding_line, codings.codings),
        map(memo_line, codings.memos),
        codings.added_codes,
        map(record_line, codings.suggestions),
    )
