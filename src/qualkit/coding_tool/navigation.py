"""Where the coder is and what is shown: position, filters, search, next and previous.

Pure bookkeeping over the tool's turns (no file, no drawing). ``codes_on(unit)`` tells which
codes a turn carries; ``is_context(turn)`` marks facilitators' turns, which are shown and
codable but never "uncoded work".
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence

from qualkit.transcripts import Turn

__all__ = ["ALL_CODED", "Navigation"]

# What "next uncoded" says when no participant turn (of the speaker shown) lacks a code.
ALL_CODED = "No uncoded participant turn left."


class Navigation:
    """The current position and the speaker, code and text filters over ``segments``."""

    def __init__(
        self,
        segments: Sequence[Turn],
        codes_on: Callable[[tuple[str, int]], set[str]],
        is_context: Callable[[Turn], bool],
    ) -> None:
        self.segments = segments
        self._codes_on = codes_on
        self._is_context = is_context
        self.position = 0
        self.speaker: str | None = None
        self.code_filter: str | None = None
        self.query = ""  # text search: shows turns containing it (case-insensitive)

    def is_open(self, turn: Turn) -> bool:
        """A participant turn without any code: work still to do."""
        return not self._is_context(turn) and not self._codes_on(turn.unit)

    def matches(self, turn: Turn) -> bool:
        """Whether a turn passes the speaker, code and text filters."""
        if self.speaker is not None and turn.speaker != self.speaker:
            return False
        if self.query and self.query.casefold() not in turn.text.casefold():
            return False
        return self.code_filter is None or self.code_filter in self._codes_on(turn.unit)

    @property
    def filtered(self) -> bool:
        return self.speaker is not None or self.code_filter is not None or bool(self.query)

    def visible(self) -> list[int]:
        """Positions of the turns that pass the filters."""
        return [i for i, turn in enumerate(self.segments) if self.matches(turn)]

    def following(self) -> int | None:
        """The next position that passes the filters (None at the end)."""
        segments = self.segments
        return next(
            (i for i in range(self.position + 1, len(segments)) if self.matches(segments[i])),
            None,
        )

    def preceding(self) -> int | None:
        """The previous position that passes the filters (None at the start)."""
        segments = self.segments
        return next(
            (i for i in range(self.position - 1, -1, -1) if self.matches(segments[i])), None
        )

    def next_open(self) -> int | None:
        """The next uncoded participant turn, wrapping round (None if all are coded).

        The speaker and text filters apply; the code filter does not (no uncoded turn has one).
        """
        count = len(self.segments)
        for step in range(1, count + 1):
            at = (self.position + step) % count
            turn = self.segments[at]
            if (
                self.is_open(turn)
                and self.speaker in (None, turn.speaker)
                and (not self.query or self.query.casefold() in turn.text.casefold())
            ):
                return at
        return None

    def first_open(self) -> int:
        return next((i for i, turn in enumerate(self.segments) if self.is_open(turn)), 0)

    def settle(self) -> None:
        """If the current turn is filtered out, move to the nearest turn that passes, if any."""
        shown = self.visible()
        if shown and self.position not in shown:
            at = bisect.bisect_left(shown, self.position)
            self.position = shown[min(at, len(shown) - 1)]
