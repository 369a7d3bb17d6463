"""Codings: which code a coder applied to which segment, saved as a plain JSON file.

A coding is segment × code × **coder**: the coder is part of its identity, so agreement
between any coders can always be computed. A segment is a speaker turn, named by its session
and 1-based turn number (see :mod:`qualkit.transcripts`). A coding or memo may narrow itself
to a *span* of its turn: ``start`` and ``end`` are Unicode code-point offsets (Python ``str``
indices, end excluded) into the transcript's whole text, inside that one turn. Without them
(``None``) it covers the whole turn; agreement and the tables count turns either way.

A coding file (``*.codings.json``, UTF-8) is what the coding widget saves beside a notebook,
what the lessons' tests grade, and how the corpus ships the team's codings::

    {"format": "qualkit-codings", "version": 1,
     "codings": [
      {"session": "PSS-FG1", "turn": 12, "code": "PSS_BOUNDARY", "coder": "ana",
       "memo": "", "created": "2026-11-21T17:02:03Z"},
      {"session": "PSS-FG1", "turn": 13, "code": "PSS_FUN", "coder": "ana",
       "memo": "", "created": "", "start": 5120, "end": 5168}
     ],
     "memos": [{"session": "PSS-FG1", "turn": 12, "coder": "ana", "text": "...", "created": "..."}],
     "codes": [<new codes the coder added, in the codebook's code format>]}

``start``/``end`` are written only for a span. A file may also hold a ``suggestions`` list
(version 2): what the coder did with machine suggestions (:mod:`qualkit.suggestion_records`). One entry per line, so files diff well, and
errors name that line. Files are replaced atomically; the coding tool saves each action to a
journal beside the file in between, which :func:`read_codings` reads too.

This module is the one home of the rules a coding file must follow: :func:`parse_codings`
checks each entry, and, given the codebook and transcripts, that every code, turn and span exists.
"""

from __future__ import annotations

import json
import re
import warnings
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from os import PathLike

from qualkit.atomic import write_atomic
from qualkit.codebook import Code, Codebook, code_entry, parse_code
from qualkit.errors import InputError
from qualkit.reading import entry_lines, parse_json
from qualkit.suggestion_records import SuggestionRecord, parse_record, record_line
from qualkit.transcripts import Transcript

__all__ = [
    "FORMAT",
    "LISTS",
    "Coding",
    "Codings",
    "Memo",
    "assemble",
    "check_codings",
    "coding_line",
    "format_codings",
    "memo_line",
    "parse_codings",
    "read_codings",
    "utc_now",
    "write_codings",
]

FORMAT = "qualkit-codings"
LISTS = ("codings", "memos", "codes", "suggestions")  # the file's lists, one entry per line
_DATETIME = re.compile(r"-?\d{4,}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)?")


@dataclass(frozen=True)
class Coding:
    """``coder`` applied ``code`` to turn ``turn`` (1-based) of session ``session_id``.

    ``created`` is an ISO 8601 UTC timestamp (text); ``memo`` an optional note on this coding;
    ``start``/``end`` the span of the turn it covers (``None``: the whole turn).
    """

    session_id: str
    turn: int
    code: str
    coder: str
    memo: str = ""
    created: str = ""
    start: int | None = None
    end: int | None = None

    @property
    def key(self) -> tuple:
        """Identity: ``(session_id, turn, code, coder)``, then ``start, end`` for a span.

        Memo and time are not part of it. A whole-turn key sorts before its turn's spans.
        """
        span = () if self.start is None else (self.start, self.end)
        return (self.session_id, self.turn, self.code, self.coder, *span)

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
    start: int | None = None
    end: int | None = None

    @property
    def unit(self) -> tuple[str, int]:
        return (self.session_id, self.turn)


@dataclass(frozen=True)
class Codings:
    """The content of one coding file: codings, memos and the coder's new (inductive) codes."""

    codings: tuple[Coding, ...] = ()
    memos: tuple[Memo, ...] = ()
    added_codes: tuple[Code, ...] = ()
    # What the coder did with machine suggestions (qualkit.suggestion_records; version 2).
    suggestions: tuple[SuggestionRecord, ...] = ()

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
            self.added_codes,
            tuple(r for r in self.suggestions if r.coder == coder),
        )

    def __add__(self, other: Codings) -> Codings:
        """Both files' content, e.g. to compare two coders' files."""
        codes = {code.label: code for code in (*self.added_codes, *other.added_codes)}
        return Codings(
            self.codings + other.codings,
            self.memos + other.memos,
            tuple(codes.values()),
            self.suggestions + other.suggestions,
        )


def utc_now() -> str:
    """The current time as ISO 8601 UTC text, to the second (``2026-11-21T17:02:03Z``)."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


# --- reading ------------------------------------------------------------------------------

# (file key, Python type, required) of the entries; the dataclasses' fields in file order.
_CODING_KEYS = (
    ("session", str, True),
    ("turn", int, True),
    ("code", str, True),
    ("coder", str, True),
    ("memo", str, False),
    ("created", str, False),
    ("start", int, False),
    ("end", int, False),
)
_MEMO_KEYS = (
    ("session", str, True),
    ("turn", int, True),
    ("coder", str, True),
    ("text", str, True),
    ("created", str, False),
    ("start", int, False),
    ("end", int, False),
)
_TYPE_NAMES = {str: "text", int: "a whole number"}


def _values(entry: object, keys: tuple, source: str, place: str) -> list:
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
            Coding(*_values(entry, _CODING_KEYS, source, place("codings", i)))
            for i, entry in enumerate(lists["codings"])
        ),
        tuple(
            Memo(*_values(entry, _MEMO_KEYS, source, place("memos", i)))
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


def read_codings(
    path: str | PathLike,
    codebook: Codebook | None = None,
    transcripts: Iterable[Transcript] | None = None,
) -> Codings:
    """Read and check a coding file (see :func:`parse_codings`), with the coding tool's latest
    actions from the journal beside it (:mod:`qualkit.coding_tool.journal`) if one is pending.

    An action a kill cut off before it was saved is left out with a warning saying so.
    """
    from qualkit.coding_tool.journal import read_saved  # the journal builds on this module

    saved = read_saved(path, codebook, transcripts)
    if saved.dropped:
        warnings.warn(saved.dropped, stacklevel=2)
    return saved.codings


# --- checking -----------------------------------------------------------------------------


def _default_place(name: str, index: int) -> str:
    return f"{name}[{index}]"


def check_codings(
    codings: Codings,
    source: str | PathLike = "codings",
    codebook: Codebook | None = None,
    transcripts: Iterable[Transcript] | None = None,
    place=_default_place,
) -> None:
    """Check codings: coders named, times ISO 8601, each coding once, spans well formed.

    With a ``codebook``: every code is in it or among the added codes, whose categories are its
    own. With ``transcripts``: every session exists, every turn is in it, every span lies
    inside its turn. Raises :class:`InputError` naming ``source`` and the entry
    (``place(list_name, index)`` words it: ``codings[i]`` unless a line is known).
    """
    source = str(source)
    by_id = None if transcripts is None else {t.session_id: t for t in transcripts}
    if codebook is not None:
        categories = [category.id for category in codebook.categories]
        for index, code in enumerate(codings.added_codes):
            if code.category not in categories:
                expected = "one of the categories " + ", ".join(categories)
                where = f"{place('codes', index)} ({code.label}) field 'category'"
                raise InputError(source, where, expected, code.category)
    known = (
        None
        if codebook is None
        else set(codebook.names) | {code.label for code in codings.added_codes}
    )
    seen: set[tuple] = set()
    for index, coding in enumerate(codings.codings):
        where = place("codings", index)
        _check_entry(source, where, coding, by_id)
        if known is not None and coding.code not in known:
            expected = "a code of the codebook or one the coder added"
            raise InputError(source, f"{where} field 'code'", expected, coding.code)
        if coding.key in seen:
            raise InputError(
                source, where, "each (session, turn, code, coder, span) once", coding.key
            )
        seen.add(coding.key)
    for index, memo in enumerate(codings.memos):
        _check_entry(source, place("memos", index), memo, by_id)


def _check_entry(
    source: str, where: str, entry: Coding | Memo, transcripts: Mapping[str, Transcript] | None
) -> None:
    if not entry.session_id:
        raise InputError(source, f"{where} field 'session'", "a session id", entry.session_id)
    if not entry.coder.strip():
        raise InputError(source, f"{where} field 'coder'", "the coder's name", entry.coder)
    if entry.created and not _DATETIME.fullmatch(entry.created):
        expected = "an ISO 8601 date and time like 2026-11-21T17:02:03Z"
        raise InputError(source, f"{where} field 'created'", expected, entry.created)
    if entry.turn < 1:
        raise InputError(source, f"{where} field 'turn'", "a turn number from 1", entry.turn)
    if (entry.start is None) != (entry.end is None):
        raise InputError(source, where, "both 'start' and 'end', or neither (the whole turn)")
    if transcripts is not None:
        if entry.session_id not in transcripts:
            expected = "a session of the corpus"
            raise InputError(source, f"{where} field 'session'", expected, entry.session_id)
        count = len(transcripts[entry.session_id])
        if entry.turn > count:
            expected = f"a turn from 1 to {count}"
            raise InputError(source, f"{where} field 'turn'", expected, entry.turn)
    if entry.start is None:
        return
    low, high = 0, None
    if transcripts is not None:
        turn = transcripts[entry.session_id].turn(entry.turn)
        low, high = turn.start, turn.end
    if not (low <= entry.start < entry.end and (high is None or entry.end <= high)):
        inside = f"{low}–{high}" if high is not None else f"from {low}"
        expected = f"a span start < end inside turn {entry.turn} (offsets {inside})"
        raise InputError(
            source, f"{where} fields 'start', 'end'", expected, (entry.start, entry.end)
        )


# --- writing ------------------------------------------------------------------------------


def _line(entry: Coding | Memo, keys: tuple) -> str:
    values = dict(zip((name for name, _, _ in keys), vars(entry).values(), strict=True))
    if entry.start is None:
        del values["start"], values["end"]
    return json.dumps(values, ensure_ascii=False)


def coding_line(coding: Coding) -> str:
    """One coding as the JSON object that stands on its own line in a coding file."""
    return _line(coding, _CODING_KEYS)


def memo_line(memo: Memo) -> str:
    """One memo as the JSON object that stands on its own line in a coding file."""
    return _line(memo, _MEMO_KEYS)


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


def write_codings(path: str | PathLike, codings: Codings) -> None:
    """Write a coding file atomically."""
    write_atomic(path, format_codings(codings))
