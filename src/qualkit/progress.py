"""How far a student has coded a session: what the coding self-check and the grader's feedback
say, so that "not finished" is never mistaken for "coded differently from the key".

A coder reads a transcript from the top, so the participant turns after the last one she coded
are the ones she has not reached yet. Turns before it that carry no code were read and left
uncoded, which is a coding decision, not unfinished work.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["CodingProgress", "coding_progress"]


@dataclass(frozen=True)
class CodingProgress:
    """Participant turns of one session: how many she coded, and which she has not reached."""

    session_id: str
    coded: int  # participant turns with at least one code
    total: int  # participant turns in the session
    last: int  # number of the last turn she coded (0: none yet)
    unreached: tuple[int, ...]  # participant turns after ``last``

    @property
    def finished(self) -> bool:
        """Coded to the end, give or take a closing turn or two that needs no code (the key
        itself leaves the last turn of a group uncoded when it is a goodbye)."""
        return self.coded > 0 and len(self.unreached) <= max(2, self.total // 20)

    def __str__(self) -> str:
        """No turn numbers: feedback prints this, and a number could point at an answer.

        >>> print(CodingProgress("PSS-P1", 12, 55, 29, tuple(range(31, 82, 2))))
        12 of 55 participant turns coded — not finished: the last 26 have no code yet.
        >>> print(CodingProgress("PSS-P1", 41, 55, 74, (76,)))
        41 of 55 participant turns coded, to the end: finished.
        >>> print(CodingProgress("PSS-P1", 0, 55, 0, tuple(range(1, 56))))
        0 of 55 participant turns coded — not started: code PSS-P1 in the coding tool.
        """
        head = f"{self.coded} of {self.total} participant turns coded"
        if not self.coded:
            return f"{head} — not started: code {self.session_id} in the coding tool."
        if self.finished:
            return f"{head}, to the end: finished."
        return f"{head} — not finished: the last {len(self.unreached)} have no code yet."


def coding_progress(codings: Iterable, transcript, facilitator: str) -> CodingProgress:
    """Progress through ``transcript`` of ``codings`` (one coder's, any sessions: only this
    session's count), its ``facilitator``'s turns left out.

    >>> from types import SimpleNamespace as T
    >>> talk = T(session_id="S", turns=[T(turn=n, speaker="F" if n % 2 else "Ana") for n in range(1, 41)])
    >>> print(coding_progress([T(session_id="S", turn=4), T(session_id="X", turn=40)], talk, "F"))
    1 of 20 participant turns coded — not finished: the last 18 have no code yet.
    """
    session_id = transcript.session_id
    coded = {c.turn for c in codings if c.session_id == session_id}
    talk = [t.turn for t in transcript.turns if t.speaker != facilitator]
    last = max(coded, default=0)
    return CodingProgress(
        session_id=session_id,
        coded=sum(turn in coded for turn in talk),
        total=len(talk),
        last=last,
        unreached=tuple(turn for turn in talk if turn > last),
    )
