"""The corpus's tables, read and validated: ``sessions.csv``, ``participants.csv``, ``turns.csv``.

Below both the corpus (:mod:`qualkit.corpus`) and a student's own practice group
(:mod:`qualkit.practice`), which read the same tables from their own folders. Errors name the
file, line and column.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Literal

from qualkit.errors import InputError
from qualkit.reading import read_text
from qualkit.transcripts import Transcript

__all__ = [
    "PARTICIPANT_COLUMNS",
    "SESSION_COLUMNS",
    "TURN_COLUMNS",
    "Kind",
    "Participant",
    "Session",
    "check_turns_table",
    "read_participants",
    "read_sessions",
    "read_table",
    "read_turns",
]

Kind = Literal["focus_group", "interview"]
SESSION_COLUMNS = (
    "session_id",
    "model",
    "kind",
    "split",
    "order",
    "title",
    "setting",
    "facilitator",
    "participant_ids",
    "double_coded",
    "turns",
)
PARTICIPANT_COLUMNS = ("participant_id", "pseudonym", "model", "session_ids")
TURN_COLUMNS = ("session_id", "turn", "speaker", "text")


@dataclass(frozen=True)
class Session:
    """One focus group or interview. ``order`` is its place in collection order (from 1)."""

    session_id: str
    model: str
    kind: Kind
    split: Literal["study", "practice"]
    order: int
    title: str
    setting: str
    facilitator: str
    participant_ids: tuple[str, ...]
    double_coded: bool


@dataclass(frozen=True)
class Participant:
    """A fictional participant; ``attributes`` holds the rest of participants.csv as text."""

    participant_id: str
    pseudonym: str
    model: str
    session_ids: tuple[str, ...]
    attributes: Mapping[str, str] = field(default_factory=dict)


def read_table(path: Path, required: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    """Rows of a UTF-8 CSV file with their line numbers; every required column must be present."""
    expected = "a CSV file with columns " + ", ".join(required)
    if not path.exists():
        raise InputError(path, "file", expected, "missing")
    with io.StringIO(read_text(path, expected), newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [name for name in required if name not in (reader.fieldnames or ())]
        if missing:
            raise InputError(path, "line 1 (header)", "the columns " + ", ".join(required))
        rows = []
        for row in reader:
            if None in row or any(value is None for value in row.values()):
                expected = f"{len(reader.fieldnames)} fields"
                raise InputError(path, f"line {reader.line_num}", expected, row.get(None))
            rows.append((reader.line_num, row))
    return rows


def _choice(path: Path, line: int, column: str, value: str, options: tuple[str, ...]) -> str:
    if value not in options:
        raise InputError(
            path, f"line {line} column {column!r}", "one of " + ", ".join(options), value
        )
    return value


def _text(path: Path, line: int, column: str, value: str) -> str:
    if not value.strip():
        raise InputError(path, f"line {line} column {column!r}", "a value", value)
    return value


def _integer(path: Path, line: int, column: str, value: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise InputError(path, f"line {line} column {column!r}", "a whole number", value) from None


def read_sessions(path: Path) -> tuple[Session, ...]:
    """Read and validate ``sessions.csv``."""
    sessions, seen = [], set()
    for line, row in read_table(path, SESSION_COLUMNS):
        session_id = row["session_id"]
        if session_id in seen:
            raise InputError(path, f"line {line} column 'session_id'", "a unique id", session_id)
        seen.add(session_id)
        sessions.append(
            Session(
                session_id=session_id,
                model=_text(path, line, "model", row["model"]),
                kind=_choice(path, line, "kind", row["kind"], ("focus_group", "interview")),
                split=_choice(path, line, "split", row["split"], ("study", "practice")),
                order=_integer(path, line, "order", row["order"]),
                title=row["title"],
                setting=row["setting"],
                facilitator=row["facilitator"],
                participant_ids=tuple(filter(None, row["participant_ids"].split(";"))),
                double_coded=_choice(path, line, "double_coded", row["double_coded"], ("yes", "no"))
                == "yes",
            )
        )
    return tuple(sessions)


def read_participants(path: Path) -> tuple[Participant, ...]:
    """Read and validate ``participants.csv``; columns beyond the ids become attributes."""
    participants, seen = [], set()
    for line, row in read_table(path, PARTICIPANT_COLUMNS):
        participant_id = row["participant_id"]
        if participant_id in seen:
            raise InputError(
                path, f"line {line} column 'participant_id'", "a unique id", participant_id
            )
        seen.add(participant_id)
        attributes = {k: v for k, v in row.items() if k not in PARTICIPANT_COLUMNS}
        participants.append(
            Participant(
                participant_id,
                row["pseudonym"],
                _text(path, line, "model", row["model"]),
                tuple(filter(None, row["session_ids"].split(";"))),
                MappingProxyType(attributes),
            )
        )
    return tuple(participants)


def read_turns(path: Path) -> dict[str, list[tuple[int, int, str, str]]]:
    """Read ``turns.csv``: per session, ``(line, turn, speaker, text)`` in turn order.

    Turn numbers must run 1, 2, 3 … within each session; a duplicate or a gap is an error.
    """
    sessions: dict[str, list[tuple[int, int, str, str]]] = {}
    for line, row in read_table(path, TURN_COLUMNS):
        turn = _integer(path, line, "turn", row["turn"])
        rows = sessions.setdefault(row["session_id"], [])
        if any(previous == turn for _, previous, _, _ in rows):
            raise InputError(
                path,
                f"line {line} column 'turn'",
                f"a turn number not yet used in {row['session_id']}",
                turn,
            )
        if turn != len(rows) + 1:
            raise InputError(path, f"line {line} column 'turn'", f"turn {len(rows) + 1}", turn)
        rows.append((line, turn, row["speaker"], row["text"]))
    return sessions


def check_turns_table(path: Path, table: dict, transcripts: Mapping[str, Transcript]) -> None:
    """``turns.csv`` (as :func:`read_turns` read it) says what the transcripts say, turn by turn."""
    for session_id, rows in table.items():
        if session_id not in transcripts:
            raise InputError(
                path,
                f"line {rows[0][0]} column 'session_id'",
                "a session of sessions.csv",
                session_id,
            )
        transcript = transcripts[session_id]
        for line, number, speaker, text in rows:
            if number > len(transcript) or (speaker, text) != (
                transcript.turn(number).speaker,
                transcript.turn(number).text,
            ):
                raise InputError(
                    path, f"line {line}", f"the same turn as {transcript.source}", (speaker, text)
                )
