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
        return self.coded > 0 and not self.unreached

    def __str__(self) -> str:
        """
        >>> print(CodingProgress("PSS-P1", 12, 55, 29, (31, 33)))
        12 of 55 participant turns coded — not finished: 2 participant turns after turn 29 have no code yet.
        >>> print(CodingProgress("PSS-P1", 40, 55, 120, ()))
        40 of 55 participant turns coded, through the last one: finished.
        """
        head = f"{self.coded} of {self.total} participant turns coded"
        if not self.coded:
            return f"{head} — not started: code {self.session_id} in the coding tool."
        if self.finished:
            return f"{head}, through the last one: finished."
        left = len(self.unreached)
        if left == 1:
            which = f"1 participant turn after turn {self.last} has"
        else:
            which = f"{left} participant turns after turn {self.last} have"
        return f"{head} — not finished: {which} no code yet."


def coding_progress(codings: Iterable, transcript, facilitator: str) -> CodingProgress:
    """Progress through ``transcript`` of ``codings`` (one coder's, any sessions: only this
    session's count), its ``facilitator``'s turns left out.

    >>> from types import SimpleNamespace as T
    >>> talk = T(session_id="S", turns=[T(turn=n, speaker="F" if n % 2 else "Ana") for n in range(1, 9)])
    >>> print(coding_progress([T(session_id="S", turn=4)], talk, "F"))
    1 of 4 participant turns coded — not finished: 2 participant turns after turn 4 have no code yet.
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
