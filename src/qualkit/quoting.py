"""Quotations chosen, not typed: a turn's words with their attribution, in the kit's convention.

A student who types a participant's words into a Python string breaks it at the first quote
mark or line break, and may change a word without noticing. Here she names the turn (and, if
she wants only part of it, the words, which must be the turn's own): the text comes from the
corpus, verbatim, with its attribution ``(Name, SESSION-ID, turn N)`` as
``tests/test_quotations.py`` holds every quotation in the kit to.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from qualkit.corpus import Corpus, load_corpus
from qualkit.errors import StudentError

__all__ = ["Quote", "quote"]


class Quote(NamedTuple):
    """A quotation chosen, not typed: words of one turn, with where they were said.

    A tuple, so that in an answer it travels to the grader as plain data (session id, turn,
    speaker, words); printed or shown, it reads as the kit quotes:
    ``"…" (Name, SESSION-ID, turn N)``, ready to paste into a Markdown answer.
    """

    session_id: str
    turn: int
    speaker: str
    text: str

    def __str__(self) -> str:
        return f'"{self.text}" ({self.speaker}, {self.session_id}, turn {self.turn})'

    __repr__ = __str__


def _squeeze(text: str) -> str:
    return " ".join(text.split())


def quote(
    session_id: str, turn: int, part: str | None = None, *, corpus: Corpus | None = None
) -> Quote:
    """Turn ``turn`` of session ``session_id`` as a quotation: ``"…" (Name, SESSION-ID, turn N)``.

    ``part``, when given, quotes only those words of the turn (spaces and line breaks as you
    like; the words themselves must be the turn's). ``corpus`` defaults to
    ``qualkit.load_corpus()`` (your own practice group included, when your course has one).

    >>> print(quote("PSS-FG2", 61))
    "The thread. That's a good way to say it." (Delia, PSS-FG2, turn 61)
    >>> print(quote("PSS-FG1", 3, "I liked how she ran it, no lectures."))
    "I liked how she ran it, no lectures." (Keisha, PSS-FG1, turn 3)
    >>> quote("PSS-FG1", 3, "I loved how she ran it")
    Traceback (most recent call last):
    qualkit.errors.StudentError: turn 3 of PSS-FG1 (Keisha) has no words 'I loved how she ran it': copy them from the turn as they are
    >>> quote("PSS-FG1", ...)  # a blank not filled in yet
    Ellipsis
    >>> quote("PSS-FG1", 999)
    Traceback (most recent call last):
    qualkit.errors.StudentError: PSS-FG1 has turns 1 to 116, not 999
    """
    if turn is Ellipsis:  # a blank of an answer skeleton: it stays a blank, the cell runs on
        return Ellipsis
    corpus = corpus or load_corpus()
    transcript = corpus.transcript(session_id)  # an unknown id names the ones there are
    turns = {t.turn: t for t in transcript.turns}
    if isinstance(turn, bool) or not isinstance(turn, int) or turn not in turns:
        raise StudentError(f"{session_id} has turns 1 to {len(turns)}, not {turn!r}")
    said = turns[turn]
    words = said.text
    if part is not None:
        if not isinstance(part, str) or not part.strip():
            raise StudentError("part: give the words to quote as text in quotes, or leave it out")
        whole = rf"(?<!\w){re.escape(_squeeze(part))}(?!\w)"  # whole words, not a word cut
        if not re.search(whole, _squeeze(said.text)):
            raise StudentError(
                f"turn {turn} of {session_id} ({said.speaker}) has no words {part.strip()!r}: "
                "copy them from the turn as they are"
            )
        words = _squeeze(part)
    return Quote(session_id, turn, said.speaker, words)
