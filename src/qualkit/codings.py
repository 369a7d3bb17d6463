"""Codings: which code a coder applied to which segment, saved as a plain JSON file.

A coding is segment × code × **coder**: the coder is part of its identity, so agreement
between any coders can always be computed. A segment is a speaker turn, named by its session
and 1-based turn number (see :mod:`qualkit.transcripts`).

A coding file (``*.codings.json``, UTF-8) is what the coding widget saves beside a notebook,
what the lessons' tests grade, and how the corpus ships the team's codings::

    {"format": "qualkit-codings", "version": 1,
     "codings": [
      {"session": "PSS-FG1", "turn": 12, "code": "PSS_BOUNDARY", "coder": "ana",
       "memo": "", "created": "2026-11-21T17:02:03Z"}
     ],
     "memos": [{"session": "PSS-FG1", "turn": 12, "coder": "ana", "text": "...", "created": "..."}],
     "codes": [<new codes the coder added, in the codebook's code format>]}

One entry per line, so files diff well. Files are replaced atomically on every save.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from os import PathLike
from pathlib import Path

from qualkit.atomic import write_atomic
from qualkit.codebook import Code, Codebook, parse_code
from qualkit.errors import InputError

FORMAT = "qualkit-codings"


@dataclass(frozen=True)
class Coding:
    """``coder`` applied ``code`` to turn ``turn`` (1-based) of session ``session_id``.

    ``created`` is an ISO 8601 UTC timestamp (text); ``memo`` an optional note on this coding.
    """

    session_id: str
    turn: int
    code: str
    coder: str
    memo: str = ""
    created: str = ""

    @property
    def key(self) -> tuple[str, int, str, str]:
        """Identity: ``(session_id, turn, code, coder)``; memo and time are not part of it."""
        return (self.session_id, self.turn, self.code, self.coder)

    @property
    def unit(self) -> tuple[str, int]:
        """The segment coded: ``(session_id, turn)``."""
        return (self.session_id, self.turn)


@dataclass(frozen=True)
class Memo:
    """A coder's note on a segment (analytic memo), independent of any code."""

    session_id: str
    turn: int
    coder: str
    text: str
    created: str = ""

    @property
    def unit(self) -> tuple[str, int]:
        return (self.session_id, self.turn)


@dataclass(frozen=True)
class Codings:
    """The content of one coding file: codings, memos and the coder's new (inductive) codes."""

    codings: tuple[Coding, ...] = ()
    memos: tuple[Memo, ...] = ()
    codes: tuple[Code, ...] = field(default=())

    def __len__(self) -> int:
        return len(self.codings)

    def __iter__(self):
        return iter(self.codings)

    @property
    def coders(self) -> tuple[str, ...]:
        """Coders in order of first appearance."""
        return tuple(dict.fromkeys(coding.coder for coding in self.codings))

    def by_coder(self, coder: str) -> Codings:
        """Only this coder's codings and memos."""
        return Codings(
            tuple(c for c in self.codings if c.coder == coder),
            tuple(m for m in self.memos if m.coder == coder),
            self.codes,
        )

    def __add__(self, other: Codings) -> Codings:
        """Both files' content, e.g. to compare two coders' files."""
        codes = {code.code: code for code in (*self.codes, *other.codes)}
        return Codings(
            self.codings + other.codings, self.memos + other.memos, tuple(codes.values())
        )


def utc_now() -> str:
    """The current time as ISO 8601 UTC text, to the second (``2026-11-21T17:02:03Z``)."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _field(entry: Mapping, name: str, kind: type, source: str, place: str, required=True):
    if name not in entry:
        if required:
            raise InputError(source, f"{place} field {name!r}", f"a {kind.__name__}", "missing")
        return kind()
    value = entry[name]
    # bool is an int in Python; a turn of True is still a mistake.
    if not isinstance(value, kind) or isinstance(value, bool):
        raise InputError(source, f"{place} field {name!r}", f"a {kind.__name__}", value)
    return value


def _unit(entry: Mapping, source: str, place: str) -> tuple[str, int]:
    session = _field(entry, "session", str, source, place)
    turn = _field(entry, "turn", int, source, place)
    if not session:
        raise InputError(source, f"{place} field 'session'", "a session id", session)
    if turn < 1:
        raise InputError(source, f"{place} field 'turn'", "a turn number from 1", turn)
    return session, turn


def parse_codings(
    data: object, source: str | PathLike = "<codings>", codebook: Codebook | None = None
) -> Codings:
    """Validate coding-file data (as loaded from JSON).

    With a ``codebook``, every code must be in it or among the file's own new codes.
    """
    source = str(source)
    if not isinstance(data, Mapping) or data.get("format") != FORMAT:
        raise InputError(source, "top level", f'an object with "format": "{FORMAT}"')
    lists = {}
    for name in ("codings", "memos", "codes"):
        value = data.get(name, [])
        if not isinstance(value, list):
            raise InputError(source, f"field {name!r}", "a list", value)
        lists[name] = value
    categories = None if codebook is None else {c.id for c in codebook.categories}
    new_codes = tuple(
        parse_code(entry, source, f"codes[{i}]", categories)
        for i, entry in enumerate(lists["codes"])
    )
    known = None if codebook is None else set(codebook.names) | {c.code for c in new_codes}
    codings, seen = [], set()
    for index, entry in enumerate(lists["codings"]):
        place = f"codings[{index}]"
        if not isinstance(entry, Mapping):
            raise InputError(source, place, "an object with session, turn, code, coder")
        session, turn = _unit(entry, source, place)
        code = _field(entry, "code", str, source, place)
        coder = _field(entry, "coder", str, source, place)
        if not coder.strip():
            raise InputError(source, f"{place} field 'coder'", "the coder's name", coder)
        if known is not None and code not in known:
            raise InputError(source, f"{place} field 'code'", "a code of the codebook", code)
        coding = Coding(
            session,
            turn,
            code,
            coder,
            _field(entry, "memo", str, source, place, required=False),
            _field(entry, "created", str, source, place, required=False),
        )
        if coding.key in seen:
            raise InputError(source, place, "each (session, turn, code, coder) once", coding.key)
        seen.add(coding.key)
        codings.append(coding)
    memos = []
    for index, entry in enumerate(lists["memos"]):
        place = f"memos[{index}]"
        if not isinstance(entry, Mapping):
            raise InputError(source, place, "an object with session, turn, coder, text")
        session, turn = _unit(entry, source, place)
        memos.append(
            Memo(
                session,
                turn,
                _field(entry, "coder", str, source, place),
                _field(entry, "text", str, source, place),
                _field(entry, "created", str, source, place, required=False),
            )
        )
    return Codings(tuple(codings), tuple(memos), new_codes)


def read_codings(path: str | PathLike, codebook: Codebook | None = None) -> Codings:
    """Read and validate a coding file."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise InputError(path, f"line {error.lineno} column {error.colno}", "valid JSON") from None
    return parse_codings(data, path, codebook)


def coding_line(coding: Coding) -> str:
    """One coding as the JSON object that stands on its own line in a coding file."""
    return json.dumps(
        {
            "session": coding.session_id,
            "turn": coding.turn,
            "code": coding.code,
            "coder": coding.coder,
            "memo": coding.memo,
            "created": coding.created,
        },
        ensure_ascii=False,
    )


def memo_line(memo: Memo) -> str:
    """One memo as the JSON object that stands on its own line in a coding file."""
    return json.dumps(
        {
            "session": memo.session_id,
            "turn": memo.turn,
            "coder": memo.coder,
            "text": memo.text,
            "created": memo.created,
        },
        ensure_ascii=False,
    )


def assemble(coding_lines: Iterable[str], memo_lines: Iterable[str], codes: Iterable[Code]) -> str:
    """Put pre-serialised lines together into a coding file's text.

    Kept separate so that a caller saving often (the widget) can cache each entry's line.
    """

    def block(lines: Iterable[str]) -> str:
        body = ",\n  ".join(lines)  # one join: this runs on every keystroke-sized save
        return "[\n  " + body + "\n ]" if body else "[]"

    code_lines = (json.dumps(asdict(code), ensure_ascii=False) for code in codes)
    return (
        f'{{"format": "{FORMAT}", "version": 1,\n'
        f' "codings": {block(coding_lines)},\n'
        f' "memos": {block(memo_lines)},\n'
        f' "codes": {block(code_lines)}\n}}\n'
    )


def dumps_codings(codings: Codings) -> str:
    """A coding file's text, one entry per line.

    >>> text = dumps_codings(Codings((Coding("FG1", 2, "PSS_EMOTIONAL", "ana"),)))
    >>> parse_codings(json.loads(text)).codings[0].key
    ('FG1', 2, 'PSS_EMOTIONAL', 'ana')
    """
    return assemble(map(coding_line, codings.codings), map(memo_line, codings.memos), codings.codes)


def write_codings(path: str | PathLike, codings: Codings) -> None:
    """Write a coding file atomically."""
    write_atomic(path, dumps_codings(codings))
