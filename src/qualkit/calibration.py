"""The calibration round of lesson 03: about ten turns of a study session, coded in the tool and
checked turn by turn against the team's coding, with the codebook line that decides.

It comes before the practice group she is graded on (a calibration round before any
high-stakes coding). The team's coding of the study sessions is shipped with the kit, so the
check can run in her notebook at once; it never touches the key.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from qualkit.codebook import Codebook
from qualkit.codings import Coding

__all__ = ["TURNS", "TurnCheck", "check_turns", "report"]

TURNS = 10  # participant turns in the round


@dataclass(frozen=True)
class TurnCheck:
    """Her codes and the team's on one turn; for each difference, the codebook line that
    decides it (``missed``: the team's code and its *when to use*; ``extra``: her code and its
    *when not to use*). ``reached``: she has coded this turn or one after it."""

    turn: int
    speaker: str
    mine: tuple[str, ...]
    team: tuple[str, ...]
    missed: tuple[tuple[str, str], ...]
    extra: tuple[tuple[str, str], ...]
    reached: bool

    @property
    def agrees(self) -> bool:
        return self.reached and not self.missed and not self.extra


def check_turns(
    mine: Iterable[Coding],
    team: Iterable[Coding],
    session_id: str,
    turns: Iterable[tuple[int, str]],
    codebook: Codebook,
) -> tuple[TurnCheck, ...]:
    """One :class:`TurnCheck` per ``(turn, speaker)`` of the round, in order.

    >>> from qualkit.codebook import Code, Codebook
    >>> book = Codebook((), (Code("A", "x", "a brief", "a full", "use A when", "not A when", "e"),
    ...                      Code("B", "x", "b brief", "b full", "use B when", "not B when", "e")))
    >>> team = [Coding("S", 1, "A", "team"), Coding("S", 2, "B", "team")]
    >>> mine = [Coding("S", 1, "A", "me"), Coding("S", 2, "A", "me")]
    >>> checks = check_turns(mine, team, "S", [(1, "Ann"), (2, "Bea"), (3, "Cy")], book)
    >>> [(c.turn, c.agrees, c.missed, c.extra, c.reached) for c in checks]
    ... # doctest: +NORMALIZE_WHITESPACE
    [(1, True, (), (), True), (2, False, (('B', 'use B when'),), (('A', 'not A when'),), True),
     (3, False, (), (), False)]
    """

    def codes_by_turn(codings):
        found: dict[int, set[str]] = {}
        for c in codings:
            if c.session_id == session_id:
                found.setdefault(c.turn, set()).add(c.code)
        return found

    her, theirs = codes_by_turn(mine), codes_by_turn(team)
    turns = tuple(turns)
    last = max((t for t, _ in turns if her.get(t)), default=None)
    checks = []
    for turn, speaker in turns:
        reached = last is not None and turn <= last
        m, t = her.get(turn, set()), theirs.get(turn, set())
        missed = extra = ()
        if reached:  # codes outside the codebook (her new codes) are not checked
            missed = tuple((k, codebook[k].when_to_use) for k in sorted(t - m) if k in codebook)
            extra = tuple((k, codebook[k].when_not_to_use) for k in sorted(m - t) if k in codebook)
        checks.append(
            TurnCheck(turn, speaker, tuple(sorted(m)), tuple(sorted(t)), missed, extra, reached)
        )
    return tuple(checks)


def report(checks: Iterable[TurnCheck]) -> str:
    """The feedback she reads after each turn: what agreed, what differed and the line that
    decides, and how far she has come."""
    checks = tuple(checks)
    lines = []
    for c in checks:
        if not c.reached:
            continue
        head = f"turn {c.turn} ({c.speaker}): yours {', '.join(c.mine) or 'no code'}; "
        head += f"the team's {', '.join(c.team) or 'no code'}"
        lines.append(head + (" - agreed." if c.agrees else ""))
        for code, line in c.missed:
            lines.append(f"    the team applied {code}. When to use it: {line}")
        for code, line in c.extra:
            lines.append(f"    the team did not apply {code}. When not to use it: {line}")
    done = sum(c.reached for c in checks)
    agreed = sum(c.agrees for c in checks)
    lines.append(
        f"{done} of {len(checks)} turns of the round coded; {agreed} agree with the team's coding."
        if done
        else "No turn of the round coded yet: code the first turn in the tool."
    )
    return "\n".join(lines)
