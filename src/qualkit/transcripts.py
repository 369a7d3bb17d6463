"""Transcripts: speaker turns in the ``Speaker: text`` format, with code-point offsets.

A transcript file is UTF-8 text. It may open with header lines that start with ``# `` (the
"simulated data" notice and content note), then a blank line, then one speaker turn per line::

    # SIMULATED DATA: fictional focus group written for qualkit.

    Facilitator: Thanks for coming in today.
    Dana: Happy to be here.

This is the focus-group import format of MAXQDA and QualCoder, so the files open elsewhere too.

A speaker turn is the kit's coding unit (its *segment*). Offsets are Unicode code points, i.e.
Python ``str`` indices, into the whole file's text, header included:
``transcript.text[turn.start:turn.end] == turn.text``. REFI-QDA counts positions the same way,
so exports need no conversion.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from os import PathLike
from pathlib import Path

from qualkit.errors import InputError
from qualkit.reading import read_text

__all__ = [
    "SPEAKER_LIMIT",
    "Transcript",
    "Turn",
    "Unit",
    "format_transcript",
    "parse_transcript",
    "read_transcript",
]

# A segment's identity, ``(session_id, turn)``: what codings and agreement refer to.
Unit = tuple[str, int]
# A speaker label: no colon, no line break, at most SPEAKER_LIMIT characters, no leading '#'.
SPEAKER_LIMIT = 40
_TURN = re.compile(rf"^(?P<speaker>[^:#\s][^:\n]{{0,{SPEAKER_LIMIT - 1}}}): (?P<text>\S.*)$")
_LONG_SPEAKER = re.compile(rf"^(?P<speaker>[^:#\s][^:\n]{{{SPEAKER_LIMIT},}}): \S")


@dataclass(frozen=True)
class Turn:
    """One speaker turn, the unit that is coded.

    ``turn`` counts turns from 1 within the session; ``start`` and ``end`` are code-point
    offsets of ``text`` (after ``"Speaker: "``) in :attr:`Transcript.text`; ``line`` is the
    1-based line of the file the turn stands on.
    """

    session_id: str
    turn: int
    speaker: str
    text: str
    start: int
    end: int
    line: int

    @property
    def unit(self) -> Unit:
        """The ``(session_id, turn number)`` pair that codings refer to."""
        return (self.session_id, self.turn)


@dataclass(frozen=True)
class Transcript:
    """A session's transcript: its full text and the turns found in it."""

    session_id: str
    text: str
    turns: tuple[Turn, ...]
    header: tuple[str, ...] = ()
    source: str = "<string>"

    def turn(self, number: int) -> Turn:
        """The turn with this 1-based number."""
        if not 1 <= number <= len(self.turns):
            raise KeyError(f"{self.session_id} has turns 1–{len(self.turns)}, not {number}")
        return self.turns[number - 1]

    @property
    def speakers(self) -> tuple[str, ...]:
        """Speaker labels in order of first appearance."""
        return tuple(dict.fromkeys(turn.speaker for turn in self.turns))

    def __len__(self) -> int:
        return len(self.turns)


def parse_transcript(
    text: str,
    session_id: str,
    source: str | PathLike = "<string>",
    speakers: Iterable[str] | None = None,
) -> Transcript:
    """Read turns from transcript text; ``speakers`` (if given) is the allowed set of labels.

    >>> t = parse_transcript("# SIMULATED\\n\\nFacilitator: Welcome.\\nDana: Hi, I'm Dana.", "FG1")
    >>> [(turn.turn, turn.speaker, turn.text) for turn in t.turns]
    [(1, 'Facilitator', 'Welcome.'), (2, 'Dana', "Hi, I'm Dana.")]
    >>> t.text[t.turn(2).start:t.turn(2).end]
    "Hi, I'm Dana."
    >>> parse_transcript("Dana: Hi\\nno speaker", "FG1", source="f.txt")
    Traceback (most recent call last):
    ...
    qualkit.errors.InputError: f.txt: line 2: expected a turn 'Speaker: text', found 'no speaker'
    """
    source = str(source)
    allowed = None if speakers is None else frozenset(speakers)
    header: list[str] = []
    turns: list[Turn] = []
    offset = 0
    in_header = True
    for number, line in enumerate(text.split("\n"), start=1):
        line_start, offset = offset, offset + len(line) + 1
        if in_header and line.startswith("#"):
            header.append(line.removeprefix("#").strip())
            continue
        in_header = False
        if not line.strip():
            continue  # blank lines separate the header; elsewhere they are harmless
        match = _TURN.match(line.rstrip("\r"))
        if match is None:
            long = _LONG_SPEAKER.match(line)
            if long:
                expected = f"a speaker label of at most {SPEAKER_LIMIT} characters"
                raise InputError(source, f"line {number}", expected, long["speaker"])
            raise InputError(source, f"line {number}", "a turn 'Speaker: text'", line)
        speaker = match["speaker"].strip()
        if allowed is not None and speaker not in allowed:
            expected = "a speaker of this session (" + ", ".join(sorted(allowed)) + ")"
            raise InputError(source, f"line {number}", expected, speaker)
        start = line_start + match.start("text")
        body = match["text"].rstrip("\r")
        turns.append(
            Turn(session_id, len(turns) + 1, speaker, body, start, start + len(body), number)
        )
    if not turns:
        raise InputError(source, "whole file", "at least one turn 'Speaker: text'", "no turns")
    return Transcript(session_id, text, tuple(turns), tuple(header), source)


def read_transcript(
    path: str | PathLike, session_id: str | None = None, speakers: Iterable[str] | None = None
) -> Transcript:
    """Read a transcript file; the session id defaults to the file's stem."""
    path = Path(path)
    text = read_text(path, "a transcript (UTF-8 text)")
    return parse_transcript(text, session_id or path.stem, path, speakers)


def format_transcript(turns: Iterable[tuple[str, str]], header: Iterable[str] = ()) -> str:
    """Write ``(speaker, text)`` pairs (and header lines) in the transcript file format.

    >>> print(format_transcript([("Facilitator", "Welcome."), ("Dana", "Hi.")], ["SIMULATED"]))
    # SIMULATED
    <BLANKLINE>
    Facilitator: Welcome.
    Dana: Hi.
    <BLANKLINE>
    """
    lines = [f"# {line}" for line in header]
    if lines:
        lines.append("")
    for speaker, text in turns:
        if "\n" in text or not _TURN.match(f"{speaker}: {text}"):
            raise ValueError(f"cannot write turn {speaker!r}: {text!r} on one line")
        lines.append(f"{speaker}: {text}")
    return "\n".join(lines) + "\n"
