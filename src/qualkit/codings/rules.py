"""The rules a coding file's entries follow, in one home: :func:`check_codings`.

Every reader checks through it: the file's parser, the journal's replay of each action
(:mod:`qualkit.codings.journal`), and the REFI-QDA export and import (:mod:`qualkit.refi`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from os import PathLike

from qualkit.codebook import Codebook
from qualkit.codings.entries import Coding, Codings, Memo
from qualkit.errors import InputError
from qualkit.transcripts import Transcript

__all__ = ["check_codings"]

_DATETIME = re.compile(r"-?\d{4,}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)?")


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
