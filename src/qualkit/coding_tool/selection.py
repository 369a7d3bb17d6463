"""Selections inside one turn: normalising a span, sentence steps, and the browser's offsets.

Offsets are code points into the transcript's text (Python ``str`` indices, as in
:class:`~qualkit.transcripts.Turn` and :class:`~qualkit.codings.Coding`). Browsers count
UTF-16 units instead, which differ after a character outside the Basic Multilingual Plane
(an emoji): :func:`from_utf16` and :func:`to_utf16` convert, here rather than in the view.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from qualkit.transcripts import Turn

__all__ = ["Selection", "from_utf16", "normalise", "sentence_ends", "step", "to_utf16"]

# A sentence ends after . ! ? or … (and any closing quotes or brackets), before white space.
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s|$)")


@dataclass(frozen=True)
class Selection:
    """A span ``[start, end)`` of turn ``turn`` of ``session_id`` (transcript offsets)."""

    session_id: str
    turn: int
    start: int
    end: int

    @property
    def unit(self) -> tuple[str, int]:
        return (self.session_id, self.turn)


def normalise(turn: Turn, start: int, end: int) -> tuple[int, int]:
    """Clip ``[start, end)`` to the turn and trim white space at both ends.

    A ValueError if nothing but white space is left.

    >>> from qualkit.transcripts import parse_transcript
    >>> turn = parse_transcript("A: She came.  Then left.", "S").turns[0]
    >>> normalise(turn, 0, 13), normalise(turn, 12, 100)
    ((3, 12), (14, 24))
    """
    start, end = max(start, turn.start), min(end, turn.end)
    text = turn.text
    while start < end and text[start - turn.start].isspace():
        start += 1
    while end > start and text[end - 1 - turn.start].isspace():
        end -= 1
    if start >= end:
        raise ValueError(f"the selection in turn {turn.turn} holds no text")
    return start, end


def sentence_ends(turn: Turn) -> tuple[int, ...]:
    """Offsets where the turn's sentences end (the turn's end always among them).

    >>> from qualkit.transcripts import parse_transcript
    >>> turn = parse_transcript("A: Yes. I mean, she gets it! Right", "S").turns[0]
    >>> [turn.text[: end - turn.start] for end in sentence_ends(turn)]
    ['Yes.', 'Yes. I mean, she gets it!', 'Yes. I mean, she gets it! Right']
    """
    ends = [turn.start + match.end() for match in _SENTENCE_END.finditer(turn.text)]
    if not ends or ends[-1] != turn.end:
        ends.append(turn.end)
    return tuple(ends)


def step(turn: Turn, selection: Selection | None, by: int) -> tuple[int, int]:
    """The span after extending (``by=+1``) or shrinking (``by=-1``) by one sentence.

    With no selection in this turn, the first sentence. Shrinking never goes below one
    sentence.

    >>> from qualkit.transcripts import parse_transcript
    >>> turn = parse_transcript("A: One. Two. Three.", "S").turns[0]
    >>> first = Selection("S", 1, *step(turn, None, 1)); turn.text[: first.end - 3]
    'One.'
    >>> two = Selection("S", 1, *step(turn, first, 1)); turn.text[: two.end - 3]
    'One. Two.'
    >>> step(turn, two, -1) == (first.start, first.end)
    True
    """
    ends = sentence_ends(turn)
    if selection is None or selection.unit != turn.unit:
        return normalise(turn, turn.start, ends[0])
    start, end = selection.start, selection.end
    if by > 0:
        end = next((e for e in ends if e > end), turn.end)
    else:
        earlier = [e for e in ends if start < e < end]
        end = earlier[-1] if earlier else end
    return normalise(turn, start, end)


def from_utf16(text: str, offset: int) -> int:
    """The code-point index of UTF-16 offset ``offset`` in ``text``.

    >>> from_utf16("a😀b", 3)
    2
    """
    units = 0
    for index, char in enumerate(text):
        if units >= offset:
            return index
        units += 2 if ord(char) > 0xFFFF else 1
    return len(text)


def to_utf16(text: str, index: int) -> int:
    """The UTF-16 offset of code-point index ``index`` in ``text``.

    >>> to_utf16("a😀b", 2)
    3
    """
    return index + sum(1 for char in text[:index] if ord(char) > 0xFFFF)
