"""What a coder did with each machine suggestion: accepted, changed or rejected, on the record.

When the coding tool's suggestions panel is on (:mod:`qualkit.machine_coding`), each suggestion
the coder acts on leaves a record in her coding file's ``suggestions`` list (file version 2;
version 1 files, which have none, read as before)::

    {"session": "PSS-FG5", "turn": 4, "code": "PSS_LIVED_EXP", "coder": "ana",
     "decision": "changed", "applied": "PSS_EMOTIONAL", "score": 0.41,
     "evidence": "example: “When she told me …”", "created": "2026-12-06T04:30:00Z"}

``code`` is what the machine suggested; ``decision`` is ``accepted`` (she applied it),
``changed`` (she applied ``applied`` instead) or ``rejected`` (she applied nothing);
``score`` and ``evidence`` are what the panel showed her. One record per suggestion (turn, or
span with ``start``/``end``, and code): deciding again replaces it. This module has no
dependency on the rest of the library, so :mod:`qualkit.codings` can build on it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from qualkit.errors import InputError

__all__ = ["DECISIONS", "SuggestionRecord", "parse_record", "record_key", "record_line"]

DECISIONS = ("accepted", "changed", "rejected")
Decision = Literal["accepted", "changed", "rejected"]
# (session, turn, code, coder, start, end); -1 for "the whole turn", as coding keys have.
RecordKey = tuple[str, int, str, str, int, int]


@dataclass(frozen=True)
class SuggestionRecord:
    """A coder's decision on one machine suggestion (see the module docstring)."""

    session_id: str
    turn: int
    code: str
    coder: str
    decision: Decision
    applied: str = ""
    score: float = 0.0
    evidence: str = ""
    created: str = ""
    start: int | None = None
    end: int | None = None

    @property
    def unit(self) -> tuple[str, int]:
        return (self.session_id, self.turn)


def record_key(record: SuggestionRecord) -> RecordKey:
    """A record's identity and file order."""
    return (
        record.session_id,
        record.turn,
        record.code,
        record.coder,
        -1 if record.start is None else record.start,
        -1 if record.end is None else record.end,
    )


# (file key, accepted types, required), in the dataclass's field order.
_KEYS = (
    ("session", (str,), True),
    ("turn", (int,), True),
    ("code", (str,), True),
    ("coder", (str,), True),
    ("decision", (str,), True),
    ("applied", (str,), False),
    ("score", (int, float), False),
    ("evidence", (str,), False),
    ("created", (str,), False),
    ("start", (int,), False),
    ("end", (int,), False),
)
_DEFAULTS = {"applied": "", "score": 0.0, "evidence": "", "created": "", "start": None, "end": None}


def parse_record(entry: object, source: str, place: str) -> SuggestionRecord:
    """One entry of a coding file's ``suggestions`` list, checked field by field.

    >>> parse_record({"session": "S1", "turn": 2, "code": "A", "coder": "ana",
    ...               "decision": "rejected", "score": 0.4}, "f.json", "suggestions[0]").decision
    'rejected'
    >>> parse_record({"session": "S1", "turn": 2, "code": "A", "coder": "ana",
    ...               "decision": "maybe"}, "f.json", "suggestions[0]")
    Traceback (most recent call last):
    ...
    qualkit.errors.InputError: f.json: suggestions[0] field 'decision': expected accepted, changed or rejected, found 'maybe'
    """
    if not isinstance(entry, Mapping):
        raise InputError(source, place, "an object with session, turn, code, coder, decision")
    values = []
    for name, kinds, required in _KEYS:
        if name not in entry:
            if required:
                raise InputError(source, f"{place} field {name!r}", "a value", "missing")
            values.append(_DEFAULTS[name])
            continue
        value = entry[name]
        if not isinstance(value, kinds) or isinstance(value, bool):
            expected = (
                "a number" if name == "score" else ("a whole number" if kinds == (int,) else "text")
            )
            raise InputError(source, f"{place} field {name!r}", expected, value)
        values.append(float(value) if name == "score" else value)
    record = SuggestionRecord(*values)
    if record.decision not in DECISIONS:
        raise InputError(
            source, f"{place} field 'decision'", "accepted, changed or rejected", record.decision
        )
    if (record.decision == "changed") != bool(record.applied):
        raise InputError(
            source,
            f"{place} field 'applied'",
            "the code applied instead, for 'changed' only",
            record.applied,
        )
    if (record.start is None) != (record.end is None):
        raise InputError(source, place, "both start and end, or neither")
    return record


def record_line(record: SuggestionRecord) -> str:
    """One record as the JSON object that stands on its own line in a coding file."""
    values = dict(zip((name for name, _, _ in _KEYS), vars(record).values(), strict=True))
    if record.start is None:
        del values["start"], values["end"]
    return json.dumps(values, ensure_ascii=False)
