"""Moving through the turns and selecting text in them: the coding tool's position,
filters, search, selection and picked coding.

A mixin of :class:`~qualkit.coding_tool.CodingTool` (which holds ``nav``, ``selection``,
``picked`` and the listeners); kept apart so each module holds one concept.
"""

from __future__ import annotations

import bisect

from qualkit.coding_tool.navigation import ALL_CODED
from qualkit.coding_tool.selection import Selection, normalise, step
from qualkit.codings import Coding
from qualkit.codings.content import CodingKey, coding_key
from qualkit.transcripts import Turn
from qualkit.wording import plural

__all__ = ["Moving"]


class Moving:
    """Go to turns, filter them, and select spans or codings in them."""

    def matches(self, turn: Turn) -> bool:
        """Whether a turn passes the speaker, code and text filters."""
        return self.nav.matches(turn)

    def visible(self) -> list[int]:
        """Positions of the turns that pass the filters."""
        return self.nav.visible()

    def shown(self) -> list[int]:
        """What the view lists: the turns that pass the filters, and the current turn always
        (it stays in view after a change that filters it out)."""
        shown = self.nav.visible()
        if self.nav.position not in shown:
            bisect.insort(shown, self.nav.position)
        return shown

    def _move(self, position: int | None) -> Turn | None:
        if position is None:
            return None
        if position != self.nav.position:
            self.nav.position = position
            self._notify("position")
        return self.current

    def go(self, turn: int, session_id: str | None = None) -> Turn:
        """Go to turn ``turn`` (1-based) of ``session_id`` (default: the current session)."""
        return self._move(self._index[self.segment(turn, session_id).unit])

    def next(self) -> Turn | None:
        """Go to the next turn that passes the filters (None at the end)."""
        return self._move(self.nav.following())

    def previous(self) -> Turn | None:
        """Go to the previous turn that passes the filters (None at the start)."""
        return self._move(self.nav.preceding())

    def next_uncoded(self) -> Turn | None:
        """Go to the next participant turn without codes (wrapping round; None if all done).

        Sets the status to say so when none is left.
        """
        turn = self._move(self.nav.next_open())
        if turn is None:
            self.status = ALL_CODED
            self._notify("position")
        return turn

    def filter(self, speaker: str | None = None, code: str | None = None, text: str = "") -> None:
        """Show only one speaker's turns, turns carrying one code, and/or turns containing
        ``text`` (None or '': all). If the current turn is filtered out, move to the nearest
        turn that passes, if any."""
        if speaker is not None and speaker not in {turn.speaker for turn in self.segments}:
            raise KeyError(f"no speaker {speaker!r} in this tool's transcripts")
        if code is not None and code not in self.codebook:
            raise KeyError(f"no code {code!r} in the codebook")
        self.nav.speaker, self.nav.code_filter, self.nav.query = speaker, code, text.strip()
        self.nav.settle()
        shown = len(self.visible())
        self.status = (
            f"Showing {plural(shown, 'turn')} of {len(self.segments)}."
            if self.nav.filtered
            else f"Showing all {plural(len(self.segments), 'turn')}."
        )
        self._notify("filter")

    # ---------------------------------------------------------------- selecting

    def select(
        self, start: int, end: int, turn: int | None = None, session_id: str | None = None
    ) -> Selection:
        """Select ``[start, end)`` (transcript offsets, clipped to the turn, white space
        trimmed) in a turn (default: the current one), and make that turn current."""
        segment = self.segment(turn, session_id)
        start, end = normalise(segment, start, end)
        return self._set_selection(Selection(*segment.unit, start, end))

    def select_text(
        self, text: str, turn: int | None = None, session_id: str | None = None
    ) -> Selection:
        """Select the first occurrence of ``text`` in a turn (KeyError if it is not there)."""
        segment = self.segment(turn, session_id)
        at = segment.text.find(text)
        if at < 0 or not text:
            raise KeyError(f"turn {segment.turn} does not contain {text!r}")
        return self.select(
            segment.start + at, segment.start + at + len(text), segment.turn, segment.session_id
        )

    def extend_selection(self, by: int = 1) -> Selection:
        """Extend the selection in the current turn by one sentence (``by=-1``: shrink);
        with none, select its first sentence."""
        segment = self.current
        start, end = step(segment, self.selection, by)
        return self._set_selection(Selection(*segment.unit, start, end))

    def clear_selection(self) -> None:
        if self.selection is not None or self.picked is not None:
            self.selection = self.picked = None
            self._notify("selection")

    def _set_selection(self, selection: Selection) -> Selection:
        self.selection, self.picked = selection, None
        self.nav.position = self._index[selection.unit]
        self._notify("selection")
        return selection

    def pick(self, coding: Coding | CodingKey | None) -> Coding | None:
        """Select one of the coder's codings (clicked on), to remove it or write its memo."""
        key = coding_key(coding) if isinstance(coding, Coding) else coding
        if key is not None and key not in self._content.codings:
            raise KeyError(f"no such coding: {key!r}")
        self.picked, self.selection = key, None
        if key is not None:
            self.nav.position = self._index.get(key[:2], self.nav.position)
        self._notify("selection")
        return None if key is None else self._content.codings[key][0]

    @property
    def picked_coding(self) -> Coding | None:
        entry = self._content.codings.get(self.picked) if self.picked else None
        return entry[0] if entry else None
