"""The coding tool's model: a coder's codings of one or more transcripts, saved on every change.

This is the whole of the coding tool except the drawing: :mod:`qualkit.widget` is a thin view
over a :class:`CodingTool`, and everything the view does goes through the methods here, so the
same work can be done from code (for accessibility, and for graders)::

    tool = CodingTool.for_session("PSS-FG1", coder="ana")      # resumes ana.codings.json
    tool.apply("PSS_LIVED_EXP", turn=2)                        # the whole turn
    tool.select_text("she gets it", turn=4)                    # a span (the meaning unit)
    tool.apply_to_selection(["PSS_LIVED_EXP", "PSS_BOUNDARY"]) # one action, one undo step
    tool.write_memo("She names trust first.", turn=2)
    tool.undo()

**The file.** Every change is written at once to a coding file in :mod:`qualkit.codings`'
format (see :mod:`qualkit.coding_tool.coding_file` for atomic saves, resuming, refusing another
coder's file, and the lock that lets two tools share one file): by default
``<coder>.codings.json`` in the current folder. Each tool keeps the codings of sessions it
does not show.

**Units.** A coding covers a span of one turn (code points into the transcript's text) or the
whole turn (``start``/``end`` None). A turn *carries* a code when any of its codings does:
progress, "next uncoded", the code filter, and the kit's turn-level analyses count that way.
Facilitator and interviewer turns (the *context speakers*) are shown and codable, but progress
counts, and "next uncoded" visits, only the other turns.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from os import PathLike
from typing import TYPE_CHECKING, Literal

from qualkit.codebook import Code, Codebook, code_entry, parse_code
from qualkit.coding_tool import commands
from qualkit.coding_tool.coding_file import CodingFile, check_coder, default_path
from qualkit.coding_tool.content import (
    CodingKey,
    Content,
    DropCoding,
    Op,
    PutCoding,
    SetCode,
    SetMemo,
    Unit,
    coding_key,
)
from qualkit.coding_tool.navigation import Navigation
from qualkit.coding_tool.progress import Progress, plural
from qualkit.coding_tool.selection import Selection, normalise, step
from qualkit.codings import Coding, Memo, utc_now
from qualkit.errors import InputError
from qualkit.transcripts import Transcript, Turn

if TYPE_CHECKING:
    from qualkit.corpus import Corpus, Participant

__all__ = ["Change", "CodingTool"]

Change = Literal["position", "filter", "selection", "codings", "memo", "codebook", "reload"]


@dataclass(frozen=True)
class _Undo:
    """One undoable action: what it was, where, and the operations that reverse it."""

    description: str
    unit: Unit
    inverses: tuple[Op, ...]


class CodingTool:
    """One coder coding one or more transcripts, with every change saved to ``path`` at once.

    ``transcripts`` is a :class:`~qualkit.transcripts.Transcript` or several; ``codebook`` the
    codes offered (codes the coder adds are saved in the file and join it). ``focus`` names the
    codebook categories that matter most here (the session's model and the shared codes): the
    view lists them first. ``context_speakers`` are speakers whose turns are context
    (facilitators). ``participant_for(session, speaker)`` looks up a speaker's participant
    record, for :meth:`speaker_details`. ``clock`` returns the ISO 8601 UTC text stamped on
    each coding and memo (inject one to make files reproducible).
    """

    def __init__(
        self,
        transcripts: Transcript | Iterable[Transcript],
        codebook: Codebook,
        coder: str,
        path: str | PathLike | None = None,
        *,
        context_speakers: Iterable[str] = (),
        participant_for: Callable[[str, str], Participant | None] | None = None,
        focus: Iterable[str] = (),
        clock: Callable[[], str] = utc_now,
    ) -> None:
        self.coder = check_coder(coder)
        if isinstance(transcripts, Transcript):
            transcripts = (transcripts,)
        self.transcripts: tuple[Transcript, ...] = tuple(transcripts)
        self.segments: tuple[Turn, ...] = tuple(t for tr in self.transcripts for t in tr.turns)
        if not self.segments:
            raise ValueError("the coding tool needs at least one transcript with turns to code")
        self._index: dict[Unit, int] = {turn.unit: i for i, turn in enumerate(self.segments)}
        if len(self._index) != len(self.segments):
            raise ValueError("each session may be given to the coding tool once")
        self.context_speakers = frozenset(context_speakers)
        self.focus = tuple(focus)
        self._participant_for = participant_for
        self._clock = clock
        self._file = CodingFile(
            path if path is not None else default_path(self.coder), self.coder, codebook
        )
        self.path = self._file.path
        self._listeners: list[Callable[[Change], None]] = []
        self._undo: list[_Undo] = []
        self._content: Content = self._file.read()
        self.nav = Navigation(self.segments, self._codes_on, self.is_context)
        self.nav.position = self.nav.first_open()
        self.selection: Selection | None = None
        self.picked: CodingKey | None = None  # a coding clicked on, to remove or annotate
        if self._content.codings or self._content.memos:
            self.status = f"Resumed {self._saved_text()} from {self.path.name}."
        else:
            self.status = f"Nothing coded yet; each change will be saved to {self.path.name}."

    @classmethod
    def for_session(
        cls,
        session_id: str | Iterable[str],
        coder: str,
        path: str | PathLike | None = None,
        corpus: Corpus | None = None,
        clock: Callable[[], str] = utc_now,
    ) -> CodingTool:
        """A tool on one session (or several) of a corpus (default: the kit's own corpus).

        The focus is the sessions' models' categories and every category that is no model's
        (the shared codes).
        """
        if corpus is None:
            from qualkit.corpus import load_corpus

            corpus = load_corpus()
        ids = (session_id,) if isinstance(session_id, str) else tuple(session_id)
        models = {corpus.session(session).model for session in ids}
        focus = [
            c.id for c in corpus.codebook.categories if c.id in models or c.id not in corpus.models
        ]
        return cls(
            [corpus.transcript(session) for session in ids],
            corpus.codebook,
            coder,
            path,
            context_speakers={corpus.session(session).facilitator for session in ids},
            participant_for=corpus.participant_for,
            focus=focus,
            clock=clock,
        )

    # ---------------------------------------------------------------- the file

    @property
    def codebook(self) -> Codebook:
        """The codebook with the coder's new codes."""
        return self._content.codebook

    def text(self) -> str:
        """The coding file's text as the tool would save it now."""
        return self._content.text()

    def save(self) -> None:
        """Write the whole coding file (every change already does this).

        Reads the file first if something else changed it, so that work is kept too.
        """
        with self._file.lock():
            self._sync()
            self._file.write(self._content)

    def _sync(self) -> None:
        """Read the file again if something else replaced it since this tool last saved.

        Called with the lock held. If the file is unreadable or foreign now, the error
        propagates and the tool keeps what it holds (the new content is swapped in only once
        read), writing nothing.
        """
        if not self._file.changed():
            return
        unit = self.current.unit
        self._content = self._file.read()
        self.nav.position = self._index.get(unit, 0)
        self._forget_missing_filter()
        self._undo.clear()  # the undo history described the old file
        self.picked = None
        self.status = f"{self.path.name} changed on disk; reloaded {self._saved_text()}."
        self._notify("reload")

    def _save(self, ops: Sequence[Op]) -> tuple[Op, ...]:
        """Carry out ``ops`` and write the file; return their inverses, newest first.

        If the write fails, the ops are reversed: what the screen shows stays what the file
        holds. This is the one place where state and file change together (undo uses it too).
        """
        inverses: list[Op] = []
        try:
            for op in ops:
                inverses.append(self._content.do(op))
            self._file.write(self._content)
        except BaseException:
            for inverse in reversed(inverses):
                self._content.do(inverse)
            raise
        return tuple(reversed(inverses))

    def _commit(self, ops: Sequence[Op], description: str, unit: Unit, change: Change) -> None:
        self._undo.append(_Undo(description, unit, self._save(ops)))
        self.status = f"Saved {self._saved_text()} to {self.path.name} ({description})."
        self._notify(change)

    def _saved_text(self) -> str:
        content = self._content
        text = plural(len(content.codings), "coding")
        if content.memos:
            text += f" and {plural(len(content.memos), 'memo')}"
        if content.new_codes:
            text += f" and {plural(len(content.new_codes), 'new code')}"
        return text

    def _forget_missing_filter(self) -> None:
        # An undo or a reload can take a new code out of the codebook while it is the filter.
        if self.nav.code_filter is not None and self.nav.code_filter not in self.codebook:
            self.nav.code_filter = None

    # ---------------------------------------------------------------- listeners

    def on_change(self, callback: Callable[[Change], None]) -> None:
        """Call ``callback(change)`` after every change of position, filter, codings or codes."""
        if not callable(callback):
            raise TypeError(f"on_change needs a function, not {callback!r}")
        self._listeners.append(callback)

    def _notify(self, change: Change) -> None:
        for callback in self._listeners:
            callback(change)

    # ---------------------------------------------------------------- reading the state

    @property
    def position(self) -> int:
        return self.nav.position

    @property
    def current(self) -> Turn:
        """The turn being coded."""
        return self.segments[self.nav.position]

    @property
    def speaker(self) -> str | None:
        return self.nav.speaker

    @property
    def code_filter(self) -> str | None:
        return self.nav.code_filter

    def segment(self, turn: int | None = None, session_id: str | None = None) -> Turn:
        """Turn ``turn`` of session ``session_id`` (default: the current turn and session)."""
        if turn is None and session_id is None:
            return self.current
        session_id = session_id if session_id is not None else self.current.session_id
        if turn is None:
            turn = 1
        index = self._index.get((session_id, turn))
        if index is None:
            sessions = ", ".join(t.session_id for t in self.transcripts)
            if not any(t.session_id == session_id for t in self.transcripts):
                raise KeyError(f"session {session_id!r} is not in this tool (it has {sessions})")
            count = next(len(t) for t in self.transcripts if t.session_id == session_id)
            raise KeyError(f"{session_id} has turns 1–{count}, not {turn!r}")
        return self.segments[index]

    def _codes_on(self, unit: Unit) -> set[str]:
        return self._content.codes_on(unit)

    def codes_of(self, turn: int | None = None, session_id: str | None = None) -> tuple[str, ...]:
        """The codes a turn carries (any span or the whole turn), in codebook order."""
        codes = self._codes_on(self.segment(turn, session_id).unit)
        names = self.codebook.names
        return tuple(label for label in names if label in codes) + tuple(sorted(codes - set(names)))

    def codings_of(
        self, turn: int | None = None, session_id: str | None = None
    ) -> tuple[Coding, ...]:
        """The coder's codings on a turn, whole-turn and span, in file order."""
        unit = self.segment(turn, session_id).unit
        found = self._content.by_unit.get(unit, {})
        return tuple(found[key] for key in sorted(found))

    def memo_of(self, turn: int | None = None, session_id: str | None = None) -> str:
        """The coder's memo on a turn ('' if none)."""
        entry = self._content.memos.get((*self.segment(turn, session_id).unit, self.coder))
        return entry[0].text if entry else ""

    def coding(
        self,
        code: str,
        turn: int | None = None,
        session_id: str | None = None,
        *,
        start: int | None = None,
        end: int | None = None,
    ) -> Coding:
        """The saved coding of ``code`` on a turn, or on a span of it (KeyError if none)."""
        segment = self.segment(turn, session_id)
        key = (
            *segment.unit,
            code,
            self.coder,
            -1 if start is None else start,
            -1 if end is None else end,
        )
        return self._content.codings[key][0]

    def speaker_details(self, turn: int | None = None, session_id: str | None = None) -> dict:
        """The speaker's participant id, pseudonym and attributes ({} for facilitators)."""
        segment = self.segment(turn, session_id)
        if self._participant_for is None:
            return {}
        person = self._participant_for(segment.session_id, segment.speaker)
        if person is None:
            return {}
        return {
            "participant": person.participant_id,
            "pseudonym": person.pseudonym,
            **person.attributes,
        }

    def is_context(self, turn: Turn) -> bool:
        """True for facilitators' turns: shown and codable, but not counted as to-do."""
        return turn.speaker in self.context_speakers

    def progress(self) -> Progress:
        """Turns coded of total, codings, memos, and how many turns carry each code."""
        coded = total = codings = memos = 0
        used: dict[str, int] = {}
        content = self._content
        for turn in self.segments:
            found = content.by_unit.get(turn.unit, {})
            codes = {coding.code for coding in found.values()}
            if not self.is_context(turn):
                total += 1
                coded += bool(codes)
            codings += len(found)
            memos += (*turn.unit, self.coder) in content.memos
            for label in codes:
                used[label] = used.get(label, 0) + 1
        order = {label: i for i, label in enumerate(self.codebook.names)}
        codes_used = tuple(sorted(used.items(), key=lambda item: (order.get(item[0], 1e9), item)))
        return Progress(coded, total, codings, memos, codes_used)

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def undo_description(self) -> str:
        """What :meth:`undo` would reverse ('' if nothing)."""
        return self._undo[-1].description if self._undo else ""

    @property
    def has_next(self) -> bool:
        """Whether :meth:`next` would move (a later turn passes the filters)."""
        return self.nav.following() is not None

    @property
    def has_previous(self) -> bool:
        return self.nav.preceding() is not None

    # ---------------------------------------------------------------- moving

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
            self.status = commands.ALL_CODED
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

    # ---------------------------------------------------------------- coding

    def _label(self, code: str | Code) -> str:
        if isinstance(code, Code):
            code = code.label
        if code not in self.codebook:
            expected = "a code of the codebook (" + ", ".join(self.codebook.names) + ")"
            raise InputError(self.path.name, "code to apply", expected, code)
        return code

    def _where(self, segment: Turn, start: int | None = None, end: int | None = None) -> str:
        where = f"turn {segment.turn}"
        if start is not None:
            where = f"“{_excerpt(segment, start, end)}” in " + where
        return where + (f" of {segment.session_id}" if len(self.transcripts) > 1 else "")

    def _span(
        self, segment: Turn, start: int | None, end: int | None
    ) -> tuple[int | None, int | None]:
        if start is None and end is None:
            return None, None
        start, end = normalise(
            segment, segment.start if start is None else start, segment.end if end is None else end
        )
        if (start, end) == normalise(segment, segment.start, segment.end):
            return None, None  # the whole turn is a whole-turn coding, however it was selected
        return start, end

    def _put_ops(self, labels: Iterable[str], segment: Turn, start, end) -> list[Op]:
        ops = []
        for label in dict.fromkeys(labels):
            coding = Coding(*segment.unit, label, self.coder, "", self._clock())
            if start is not None:
                coding = replace(coding, start=start, end=end)
            if coding_key(coding) not in self._content.codings:
                ops.append(PutCoding(coding))
        return ops

    def apply(
        self,
        code: str | Code | Iterable[str],
        turn: int | None = None,
        session_id: str | None = None,
        *,
        start: int | None = None,
        end: int | None = None,
    ) -> bool:
        """Apply ``code`` (or several, as one action) to a turn (default: the current one), or
        to its span ``[start, end)``, and save. False if every code was already there."""
        segment = self.segment(turn, session_id)
        labels = (
            [self._label(code)] if isinstance(code, str | Code) else [self._label(c) for c in code]
        )
        start, end = self._span(segment, start, end)
        with self._file.lock():
            self._sync()
            ops = self._put_ops(labels, segment, start, end)
            if not ops:
                return False
            names = ", ".join(op.coding.code for op in ops)
            description = f"applied {names} to {self._where(segment, start, end)}"
            self._commit(ops, description, segment.unit, "codings")
        return True

    def apply_to_selection(self, codes: Iterable[str] | str) -> bool:
        """Apply one or more codes to the selection (one action), or to the whole current turn
        when nothing is selected."""
        selection = self.selection
        if selection is None:
            return self.apply(codes)
        applied = self.apply(
            codes, selection.turn, selection.session_id, start=selection.start, end=selection.end
        )
        self.selection = None
        self._notify("selection")
        return applied

    def remove(
        self,
        code: str | Code,
        turn: int | None = None,
        session_id: str | None = None,
        *,
        start: int | None = None,
        end: int | None = None,
    ) -> bool:
        """Remove ``code`` from a turn (every span of it, and the whole-turn coding), or only
        the coding of span ``[start, end)``, and save. False if there was nothing to remove."""
        segment = self.segment(turn, session_id)
        label = code.label if isinstance(code, Code) else code
        with self._file.lock():
            self._sync()
            found = self._content.by_unit.get(segment.unit, {})
            keys = sorted(
                key
                for key in found
                if key[2] == label and (start is None or key[4:] == (start, end))
            )
            if not keys:
                return False
            what = self._where(segment, start, end)
            self._commit(
                [DropCoding(k) for k in keys],
                f"removed {label} from {what}",
                segment.unit,
                "codings",
            )
        if self.picked in keys:
            self.picked = None
        return True

    def remove_picked(self) -> bool:
        """Remove the coding picked with :meth:`pick`."""
        coding = self.picked_coding
        if coding is None:
            return False
        return self.remove(
            coding.code, coding.turn, coding.session_id, start=coding.start, end=coding.end
        )

    def write_coding_memo(self, text: str) -> bool:
        """Write the memo of the picked coding (blank deletes it); False if nothing changed."""
        coding = self.picked_coding
        if coding is None:
            raise KeyError("click a highlight or stripe first to pick the coding")
        text = text if text.strip() else ""
        if text == coding.memo:
            return False
        segment = self.segment(coding.turn, coding.session_id)
        with self._file.lock():
            self._sync()
            what = self._where(segment, coding.start, coding.end)
            self._commit(
                [PutCoding(replace(coding, memo=text))],
                f"memo on {coding.code} at {what}",
                segment.unit,
                "codings",
            )
        return True

    def toggle(self, code: str, turn: int | None = None, session_id: str | None = None) -> bool:
        """Apply ``code`` to the whole turn if the turn lacks it, else remove it from the turn;
        True if it is now applied."""
        if self._label(code) in self.codes_of(turn, session_id):
            self.remove(code, turn, session_id)
            return False
        self.apply(code, turn, session_id)
        return True

    def set_codes(
        self, codes: Iterable[str], turn: int | None = None, session_id: str | None = None
    ) -> None:
        """Make a turn carry exactly ``codes`` (one save, and one undo step)."""
        segment = self.segment(turn, session_id)
        wanted = [self._label(code) for code in codes]
        with self._file.lock():
            self._sync()
            found = self._content.by_unit.get(segment.unit, {})
            ops: list[Op] = [DropCoding(key) for key in sorted(found) if key[2] not in wanted]
            have = {key[2] for key in found}
            ops += self._put_ops([c for c in wanted if c not in have], segment, None, None)
            if ops:
                self._commit(
                    ops, f"set the codes of {self._where(segment)}", segment.unit, "codings"
                )

    def write_memo(self, text: str, turn: int | None = None, session_id: str | None = None) -> bool:
        """Write (replace) the coder's memo on a turn and save; blank text deletes it.

        Returns False if nothing changed.
        """
        segment = self.segment(turn, session_id)
        if not text.strip():
            text = ""  # blank deletes; anything else is kept exactly as the student wrote it
        with self._file.lock():
            self._sync()
            if text == self.memo_of(segment.turn, segment.session_id):
                return False
            memo = Memo(*segment.unit, self.coder, text, self._clock()) if text else None
            verb = "wrote a memo on" if text else "deleted the memo on"
            key = (*segment.unit, self.coder)
            self._commit(
                [SetMemo(key, memo)], f"{verb} {self._where(segment)}", segment.unit, "memo"
            )
        return True

    def add_code(self, code: Code) -> None:
        """Add a new (inductive) code with all of the codebook's fields, and save it.

        The label is normalised as a student types it (``"pss transport"`` becomes
        ``PSS_TRANSPORT``). Adding a code you added before replaces its definition; a label of
        the original codebook is an error, as is a missing field or a category the codebook
        lacks.
        """
        if not isinstance(code, Code):
            raise TypeError(f"add_code needs a qualkit.codebook.Code, not {code!r}")
        code = replace(code, label="_".join(code.label.upper().split()))
        categories = {category.id for category in self.codebook.categories}
        code = parse_code(code_entry(code), "new code", f"code {code.label!r}", categories)
        if code.label in self._content.base_codebook:
            raise InputError(
                "new code", "field 'code'", "a label not already in the codebook", code.label
            )
        with self._file.lock():
            self._sync()
            if self._content.new_codes.get(code.label) == code:
                return
            verb = "edited" if code.label in self._content.new_codes else "added"
            self._commit(
                [SetCode(code.label, code)],
                f"{verb} code {code.label}",
                self.current.unit,
                "codebook",
            )

    def undo(self) -> str:
        """Reverse the last coding, memo or new-code action, save, and show its turn.

        Returns a description of what was undone ('' if there was nothing to undo).
        """
        with self._file.lock():
            self._sync()
            if not self._undo:
                self.status = "Nothing to undo."
                self._notify("position")
                return ""
            entry = self._undo[-1]
            # Undo runs newest first, so a new code's codings are undone before the code
            # itself; this guard keeps the file readable if that ever breaks.
            for inverse in entry.inverses:
                if isinstance(inverse, SetCode) and inverse.code is None:
                    users = self._content.users_of(inverse.label)
                    if users:
                        raise ValueError(
                            f"cannot undo adding {inverse.label}: "
                            f"{plural(len(users), 'coding')} use it; remove them first"
                        )
            self._save(entry.inverses)
            self._undo.pop()
        self._forget_missing_filter()
        self.picked = self.selection = None
        if entry.unit in self._index:
            self.nav.position = self._index[entry.unit]
        self.status = f"Undid: {entry.description}. Saved {self._saved_text()} to {self.path.name}."
        codebook = any(isinstance(inverse, SetCode) for inverse in entry.inverses)
        self._notify("codebook" if codebook else "codings")
        return entry.description

    def run_command(self, command: str) -> str:
        """Carry out a typed command (see :data:`COMMANDS_HELP`); the status says what happened."""
        before = self.status
        message = commands.run_command(self, command)
        if message and self.status is before:  # a command that saved has said so already
            self.status = message
            self._notify("position")
        return message

    def __repr__(self) -> str:
        sessions = ", ".join(t.session_id for t in self.transcripts)
        return f"<CodingTool {self.coder!r} on {sessions}: {self.progress()}; file {self.path}>"


def _excerpt(segment: Turn, start: int, end: int | None, width: int = 24) -> str:
    text = segment.text[start - segment.start : (end or segment.end) - segment.start]
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"
